"""Against a real Prefect server: the dashboard artifacts exist with their keys and content,
and a blocked run ends Failed."""

import subprocess

import httpx
import pytest

from tests.conftest import ROOT, SEEDS
from tests.integration.real_server import BIN, prefect_server, server_env
from tests.integration.test_blocked_run import undated_copies

pytestmark = pytest.mark.slow


def broadsheet(env, *args):
    return subprocess.run([str(BIN / "broadsheet"), *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)


def latest(api_url: str, key: str) -> dict:
    response = httpx.post(
        f"{api_url}/artifacts/filter",
        json={"artifacts": {"key": {"any_": [key]}}, "sort": "CREATED_DESC", "limit": 10},
    )
    response.raise_for_status()
    return response.json()


def test_artifacts_and_failed_state_on_a_real_server(tmp_path):
    db = tmp_path / "wh.duckdb"
    with prefect_server(tmp_path) as api_url:
        env = server_env(tmp_path, api_url)
        first = broadsheet(env, "run", str(SEEDS), "--warehouse", str(db))
        assert first.returncode == 0, first.stderr
        blocked = broadsheet(env, "run", str(undated_copies(tmp_path / "undated")), "--warehouse", str(db))
        assert blocked.returncode == 1
        assert "run_mostly_dated" in blocked.stderr

        quality = latest(api_url, "data-quality")
        assert len(quality) == 2  # one per run: the history the UI shows
        assert quality[0]["data"].startswith("# BLOCKED: nothing published (run_mostly_dated)")
        assert quality[1]["data"].startswith("# PUBLISHED: 5 article(s)")
        assert "outlet_present" in quality[1]["data"]

        summary = latest(api_url, "run-summary")[1]
        assert summary["type"] == "table"
        assert {"stage": "published", "documents": 5} in _table(summary["data"])
        by_outlet = _table(latest(api_url, "quality-by-outlet")[1]["data"])
        assert {row["outlet"] for row in by_outlet} == {"Sputnik", "Emirates Voice", "Rudaw", "(unknown)"}
        assert latest(api_url, "run-progress")

        runs = httpx.post(f"{api_url}/flow_runs/filter", json={"sort": "START_TIME_ASC"}).json()
        assert [r["state"]["type"] for r in runs] == ["COMPLETED", "FAILED"]
        assert "run_mostly_dated" in runs[1]["state"]["message"]


def _table(data):
    import json

    return json.loads(data) if isinstance(data, str) else data
