"""`broadsheet run` with no Prefect API configured starts one of its own (flows/api_server.py):
it serves the run and ends with it, even when the run is killed outright."""

import os
import signal
import subprocess
import sys
import time

import psutil

from tests.conftest import ROOT, SEEDS


def _api_servers_of(pid: int) -> list[psutil.Process]:
    try:
        children = psutil.Process(pid).children()
    except psutil.NoSuchProcess:
        return []
    return [c for c in children if "prefect.server.api.server:create_app" in " ".join(c.cmdline())]


def test_a_run_killed_outright_takes_its_api_server_with_it(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL" and not k.startswith("BROADSHEET_")}
    env.update(PREFECT_HOME=str(tmp_path / "prefect"), PYTHONPATH=str(ROOT), BROADSHEET_FAULT="after-load")
    command = [sys.executable, "-m", "broadsheet.cli", "run", str(SEEDS), "--warehouse", str(tmp_path / "wh.duckdb")]
    run = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    servers: list[psutil.Process] = []
    while run.poll() is None:
        servers = servers or _api_servers_of(run.pid)
        time.sleep(0.05)
    assert run.returncode == -signal.SIGKILL, run.stderr.read()
    assert len(servers) == 1  # the run had its own server...
    server = servers[0]
    deadline = time.monotonic() + 10
    while server.is_running() and server.status() != psutil.STATUS_ZOMBIE and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not server.is_running() or server.status() == psutil.STATUS_ZOMBIE  # ...and it died with the run
