"""Readers open the published snapshot: never blocked by a run, never shown half a run."""

import json
import subprocess
import sys
import time

from broadsheet.cli import main
from broadsheet.snapshot import snapshot_path
from flows.news_pipeline import news_pipeline
from tests.conftest import ROOT, SEEDS
from tests.integration.warehouse_state import published_state, seed_copies

# Queries the snapshot through the CLI's code path in a loop until told to stop; one JSON
# line per attempt: the counts it saw, or the error it got.
READER = """
import json, os, sys, time
from broadsheet.cli import UserError, run_query
db, stop, out = sys.argv[1:4]
sql = '''SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM input_outcomes),
                (SELECT count(*) FROM runs), (SELECT coalesce(sum(published), 0) FROM runs),
                (SELECT count(*) FROM runs WHERE status NOT IN ('published', 'nothing-new'))'''
with open(out, "w") as log:
    while not os.path.exists(stop):
        try:
            log.write(json.dumps({"seen": list(run_query(db, sql)[1][0])}) + "\\n")
        except Exception as exc:
            log.write(json.dumps({"error": f"{type(exc).__name__}: {exc}"}) + "\\n")
        log.flush()
        time.sleep(0.005)
"""


def test_reader_in_a_loop_during_a_run_never_blocked_never_half_published(tmp_path):
    db = tmp_path / "wh.duckdb"
    news_pipeline(inputs=[str(SEEDS)], warehouse=str(db))
    more = seed_copies(tmp_path / "more", 60)
    stop, log = tmp_path / "stop", tmp_path / "reader.jsonl"
    reader = subprocess.Popen([sys.executable, "-c", READER, str(snapshot_path(db)), str(stop), str(log)], cwd=ROOT)
    try:
        while not log.exists() or not log.read_text():
            time.sleep(0.05)
        report = news_pipeline(inputs=[str(more)], warehouse=str(db), batch_size=20)
        time.sleep(0.3)
    finally:
        stop.touch()
        reader.wait(timeout=30)
    attempts = [json.loads(line) for line in log.read_text().splitlines()]
    assert [a for a in attempts if "error" in a] == []
    states = {tuple(a["seen"]) for a in attempts}
    # articles, input outcomes, runs, articles the runs published, runs not finished: only
    # the state after the first run and the state after the second, nothing in between
    published = 5 + report.counts.published
    assert states == {(5, 6, 1, 5, 0), (published, 66, 2, published, 0)}, states  # + seeds/outlets.csv, ignored
    assert report.counts.read == 60 and len(attempts) > 20


def test_snapshot_equals_working_file_and_the_cli_reads_it(tmp_path, capsys):
    db = tmp_path / "wh.duckdb"
    news_pipeline(inputs=[str(SEEDS)], warehouse=str(db))
    assert published_state(snapshot_path(db)) == published_state(db)
    assert not list(tmp_path.glob(".*.tmp"))
    assert main(["query", "select count(*) as n from published_articles", "--warehouse", str(db)]) == 0
    assert capsys.readouterr().out.splitlines()[2] == "5"
    assert main(["status", "--warehouse", str(db)]) == 0
    assert "published" in capsys.readouterr().out
