"""The documented deployment path against a real Prefect server: server, work pool,
`broadsheet deploy`, a run of `daily-ingest`, a worker that executes it."""

import json
import subprocess

import pytest

from broadsheet.snapshot import snapshot_path
from tests.conftest import ROOT, SEEDS
from tests.integration.real_server import BIN, prefect_server, server_env, stop
from tests.integration.warehouse_state import scalar


@pytest.mark.slow
def test_daily_ingest_deployment_runs_on_a_worker(tmp_path):
    with prefect_server(tmp_path) as api:
        env = server_env(tmp_path, api)

        def run(*command: str, timeout: float = 120) -> str:
            done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
            assert done.returncode == 0, done.stdout + done.stderr
            return done.stdout

        run(str(BIN / "prefect"), "--no-prompt", "work-pool", "create", "broadsheet-process", "--type", "process")
        # `prefect deploy --all` fails in Prefect 3.8.8 (see flows/deploy.py); this registers the same.
        assert run(str(BIN / "broadsheet"), "deploy").count("deployment ") == 2
        db = tmp_path / "wh.duckdb"
        params = json.dumps({"inputs": [str(SEEDS)], "warehouse": str(db)})
        worker = subprocess.Popen(
            [str(BIN / "prefect"), "worker", "start", "--pool", "broadsheet-process"],
            env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        try:
            out = run(str(BIN / "prefect"), "--no-prompt", "deployment", "run", "news-pipeline/daily-ingest",
                      "--params", params, "--watch", "--watch-interval", "1", "--watch-timeout", "240", timeout=300)
        finally:
            stop(worker)
        assert "Completed" in out, out
        assert scalar(snapshot_path(db), "SELECT count(*) FROM published_articles") == 5
        assert scalar(snapshot_path(db), "SELECT list(status) FROM runs") == ["published"]
