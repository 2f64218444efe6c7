"""A run killed (SIGKILL) at any point: readers keep the last published state, and the next
run ends exactly where an uninterrupted run would, with no duplicates."""

import signal
import subprocess
import sys

import pytest

from broadsheet.faults import POINTS
from broadsheet.snapshot import snapshot_path
from flows.news_pipeline import news_pipeline
from tests.conftest import ROOT, SEEDS
from tests.integration.warehouse_state import published_state, scalar, subprocess_env


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory):
    db = tmp_path_factory.mktemp("reference") / "wh.duckdb"
    news_pipeline(inputs=[str(SEEDS)], warehouse=str(db))
    return published_state(db)


@pytest.mark.parametrize("point", POINTS)
def test_killed_run_then_next_run_equals_an_uninterrupted_one(point, tmp_path, uninterrupted):
    db = tmp_path / "wh.duckdb"
    killed = subprocess.run(
        [sys.executable, "-m", "broadsheet.cli", "run", str(SEEDS), "--warehouse", str(db)],
        env=subprocess_env(BROADSHEET_FAULT=point), cwd=ROOT, capture_output=True, text=True, timeout=180,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    published_before = point == "snapshot"  # killed after the publishing commit
    assert snapshot_path(db).exists() is False  # readers had nothing yet, and were shown nothing half-done

    news_pipeline(inputs=[str(SEEDS)], warehouse=str(db))

    assert published_state(db) == uninterrupted
    assert published_state(snapshot_path(db)) == uninterrupted
    assert scalar(db, "SELECT count(*) FROM raw_documents") == 5
    assert scalar(db, "SELECT count(*) - count(DISTINCT path) FROM articles") == 0
    statuses = scalar(db, "SELECT list(status ORDER BY started_at) FROM runs")
    assert statuses == (["published", "nothing-new"] if published_before else ["failed", "published"])
    assert not list(tmp_path.glob(".*.tmp"))
