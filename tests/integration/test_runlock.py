"""One writer at a time: a second run waits for the first, or exits at once with --no-wait."""

import subprocess
import sys
import time

import duckdb
import pytest

from broadsheet.cli import EXIT_BUSY, main
from broadsheet.runlock import WarehouseBusy, run_lock
from flows.news_pipeline import news_pipeline
from tests.conftest import ROOT, SEEDS
from tests.integration.warehouse_state import subprocess_env

HOLDER = """
import sys, time
from broadsheet.runlock import run_lock
with run_lock(sys.argv[1]):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def test_two_cli_runs_at_once_one_waits_for_the_other(tmp_path):
    db = tmp_path / "wh.duckdb"
    command = [sys.executable, "-m", "broadsheet.cli", "run", str(SEEDS), "--warehouse", str(db)]
    runs = [subprocess.Popen(command, env=subprocess_env(), cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=180) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert sum("waiting for it to finish" in err for _, err in outputs) == 1, outputs
    assert not any("nanobind" in err for _, err in outputs), outputs  # no teardown noise from the workers
    with duckdb.connect(str(db), read_only=True) as con:
        statuses = sorted(s for (s,) in con.execute("SELECT status FROM runs").fetchall())
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (5,)
    assert statuses == ["nothing-new", "published"]


def test_no_wait_exits_at_once_with_a_clear_message(tmp_path, capsys):
    db = tmp_path / "wh.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db), "30"], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        assert main(["run", str(SEEDS), "--warehouse", str(db), "--no-wait"]) == EXIT_BUSY
        assert time.monotonic() - started < 5
        err = capsys.readouterr().err
        assert err.startswith(f"broadsheet: another run is writing to {db} (pid {holder.pid} since ")
        assert err.rstrip().endswith("not waiting (--no-wait)") and err.count("\n") == 1
        with pytest.raises(WarehouseBusy):
            news_pipeline(inputs=[str(SEEDS)], warehouse=str(db), wait=False)
    finally:
        holder.kill()
        holder.wait()
    assert not db.exists()  # nothing was written while another process held the lock


def test_waiting_run_starts_when_the_holder_finishes(tmp_path):
    db = tmp_path / "wh.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db), "3"], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    started = time.monotonic()
    report = news_pipeline(inputs=[str(SEEDS)], warehouse=str(db))
    assert holder.wait(timeout=10) == 0
    assert time.monotonic() - started >= 2 and report.counts.published == 5


def test_lock_is_reentrant_within_a_process(tmp_path):
    db = tmp_path / "wh.duckdb"
    with run_lock(db, wait=False), run_lock(db, wait=False):
        pass
    with run_lock(db, wait=False):  # released after the outer exit
        pass
