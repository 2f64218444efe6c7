"""`broadsheet serve`: every deployment of prefect.yaml, with its schedules, served by this one
process (flow runs execute as its subprocesses): scheduled runs without a work pool or worker."""

from __future__ import annotations

import os

from prefect import serve
from prefect.deployments.runner import RunnerDeployment
from prefect.flows import load_flow_from_entrypoint
from prefect.schedules import Cron

from broadsheet.deployments import ROOT, deployment_specs


def runner_deployments() -> list[RunnerDeployment]:
    return [
        load_flow_from_entrypoint(str(ROOT / spec.entrypoint)).to_deployment(
            name=spec.name,
            description=spec.description,
            parameters=spec.parameters,
            schedules=[Cron(s.cron, timezone=s.timezone) for s in spec.schedules],
        )
        for spec in deployment_specs()
    ]


def serve_all() -> None:
    os.chdir(ROOT)  # the deployments' relative paths (inputs, warehouse) are relative to the repo
    serve(*runner_deployments())
