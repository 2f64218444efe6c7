"""The deployments declared in prefect.yaml, read so that `broadsheet deploy` (for a worker) and
`broadsheet serve` (no worker) run the same flows on the same schedules as `prefect deploy`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PREFECT_YAML = ROOT / "prefect.yaml"


@dataclass(frozen=True)
class Schedule:
    cron: str
    timezone: str


@dataclass(frozen=True)
class DeploymentSpec:
    name: str
    entrypoint: str  # path/to/file.py:flow_function, relative to the repo root
    description: str
    parameters: dict
    schedules: tuple[Schedule, ...]
    work_pool: str
    work_queue: str


def deployment_specs(path: Path = PREFECT_YAML) -> list[DeploymentSpec]:
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        DeploymentSpec(
            name=d["name"],
            entrypoint=d["entrypoint"],
            description=d.get("description", ""),
            parameters=dict(d.get("parameters") or {}),
            schedules=tuple(Schedule(s["cron"], s.get("timezone", "UTC")) for s in d.get("schedules") or ()),
            work_pool=d["work_pool"]["name"],
            work_queue=d["work_pool"].get("work_queue_name", "default"),
        )
        for d in config["deployments"]
    ]
