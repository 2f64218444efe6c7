"""The documented deployment path against a real Prefect server: server, work pool,
`broadsheet deploy`, a run of `daily-ingest`, a worker that executes it."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from broadsheet.snapshot import snapshot_path
from tests.conftest import ROOT, SEEDS
from tests.integration.warehouse_state import scalar

PREFECT = str(Path(sys.executable).parent / "prefect")


def free_loopback_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, server: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert server.poll() is None, "prefect server exited"
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
                if json.loads(response.read()) is True:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"no healthy Prefect server at {url}")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.mark.slow
def test_daily_ingest_deployment_runs_on_a_worker(tmp_path):
    port = free_loopback_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "BROADSHEET_"))}
    env.update(
        PREFECT_HOME=str(tmp_path / "prefect-home"),
        PREFECT_API_URL=api,
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PREFECT_UI_ENABLED="false",
        PREFECT_LOGGING_LEVEL="WARNING",
    )

    def prefect(*args: str, timeout: float = 120) -> str:
        done = subprocess.run([PREFECT, "--no-prompt", *args], env=env, cwd=ROOT, capture_output=True,
                              text=True, timeout=timeout)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    server = subprocess.Popen([PREFECT, "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                              env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    worker = None
    try:
        wait_healthy(api, server)
        prefect("work-pool", "create", "broadsheet-process", "--type", "process")
        # `prefect deploy --all` fails in Prefect 3.8.8 (see flows/deploy.py); this registers the same.
        deployed = subprocess.run([str(Path(sys.executable).parent / "broadsheet"), "deploy"], env=env, cwd=ROOT,
                                  capture_output=True, text=True, timeout=120)
        assert deployed.returncode == 0 and deployed.stdout.count("deployment ") == 2, deployed.stderr
        db = tmp_path / "wh.duckdb"
        params = json.dumps({"inputs": [str(SEEDS)], "warehouse": str(db)})
        worker = subprocess.Popen([PREFECT, "worker", "start", "--pool", "broadsheet-process"], env=env, cwd=tmp_path,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        out = prefect("deployment", "run", "news-pipeline/daily-ingest", "--params", params,
                      "--watch", "--watch-interval", "1", "--watch-timeout", "240", timeout=300)
        assert "Completed" in out, out
        assert scalar(snapshot_path(db), "SELECT count(*) FROM published_articles") == 5
        assert scalar(snapshot_path(db), "SELECT list(status) FROM runs") == ["published"]
    finally:
        for process in (worker, server):
            if process is not None:
                stop(process)
