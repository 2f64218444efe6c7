import inspect
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def test_deployments_point_at_the_flow_with_valid_parameters():
    from flows.news_pipeline import news_pipeline
    from flows.weekly_rebuild import weekly_rebuild

    flows = {"news_pipeline": news_pipeline, "weekly_rebuild": weekly_rebuild}
    config = yaml.safe_load((ROOT / "prefect.yaml").read_text())
    names = {d["name"] for d in config["deployments"]}
    assert {"daily-ingest", "weekly-rebuild"} <= names
    for deployment in config["deployments"]:
        path, func = deployment["entrypoint"].split(":")
        assert (ROOT / path).exists() and func in flows
        signature = inspect.signature(flows[func].fn)
        assert set(deployment["parameters"]) <= set(signature.parameters)
        assert deployment["work_pool"]["name"] == "broadsheet-process"
        assert deployment["schedules"][0]["cron"].count(" ") == 4


def test_serve_builds_every_deployment_with_its_schedule():
    from flows.serve import runner_deployments

    config = yaml.safe_load((ROOT / "prefect.yaml").read_text())
    built = {d.name: d for d in runner_deployments()}
    assert set(built) == {d["name"] for d in config["deployments"]}
    for deployment in config["deployments"]:
        schedule = built[deployment["name"]].schedules[0].schedule
        assert (schedule.cron, schedule.timezone) == (
            deployment["schedules"][0]["cron"], deployment["schedules"][0]["timezone"])
        assert built[deployment["name"]].parameters == deployment["parameters"]
