import inspect
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def test_deployments_point_at_the_flow_with_valid_parameters():
    from flows.news_pipeline import news_pipeline

    config = yaml.safe_load((ROOT / "prefect.yaml").read_text())
    signature = inspect.signature(news_pipeline.fn)
    names = {d["name"] for d in config["deployments"]}
    assert "daily-ingest" in names
    for deployment in config["deployments"]:
        path, func = deployment["entrypoint"].split(":")
        assert (ROOT / path).exists() and func == "news_pipeline"
        assert set(deployment["parameters"]) <= set(signature.parameters)
        assert deployment["work_pool"]["name"] == "broadsheet-process"
        assert deployment["schedules"][0]["cron"].count(" ") == 4
