"""`broadsheet deploy`: register every deployment of prefect.yaml with its work pool, for a
worker to run from this checkout. Same result as `prefect deploy --all`, which in Prefect 3.8.8
with FastAPI 0.154 registers only the first deployment and then fails: its check for online
workers posts `limit: null`, which the server rejects (422)."""

from __future__ import annotations

from uuid import UUID

from prefect.flows import Flow
from prefect.schedules import Cron

from broadsheet.deployments import ROOT, deployment_specs


def register_deployments() -> list[UUID]:
    ids = []
    for spec in deployment_specs():
        # Local source: the worker's flow runs start in this checkout (like the yaml's pull step).
        flow = Flow.from_source(source=str(ROOT), entrypoint=spec.entrypoint)
        deployment = flow.to_deployment(
            name=spec.name,
            description=spec.description,
            parameters=spec.parameters,
            schedules=[Cron(s.cron, timezone=s.timezone) for s in spec.schedules],
            work_pool_name=spec.work_pool,
            work_queue_name=spec.work_queue,
        )
        ids.append(deployment.apply())
    return ids
