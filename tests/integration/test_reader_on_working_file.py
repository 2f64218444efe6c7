"""A DuckDB client holding the working file open (read-only, ~20 s) does not fail a run:
the writer waits for the file's lock instead of giving up on the first try."""

import subprocess
import sys
import time

import duckdb

from broadsheet import warehouse
from flows.news_pipeline import news_pipeline
from tests.conftest import ROOT, SEEDS

READER = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
print("open", flush=True)
time.sleep(float(sys.argv[2]))
con.close()
"""


def test_a_run_waits_for_a_reader_holding_the_working_file(tmp_path):
    db = tmp_path / "wh.duckdb"
    with warehouse.connect(db):
        pass  # the file exists, as after an earlier run
    reader = subprocess.Popen([sys.executable, "-c", READER, str(db), "8"], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert reader.stdout.readline().strip() == "open"
    started = time.monotonic()
    report = news_pipeline(inputs=[str(SEEDS)], warehouse=str(db))
    reader.wait(timeout=30)
    assert report.outcome.status == "published" and report.counts.published == 5
    assert time.monotonic() - started > 4  # it really waited for the reader
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT status FROM runs").fetchall() == [("published",)]
