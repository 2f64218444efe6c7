import csv
import io
import os
import subprocess
import sys
from datetime import date

import pytest

from broadsheet import cli
from broadsheet.cli import format_rows, main


def test_csv_is_rfc4180_with_header():
    text = format_rows(["outlet", "title"], [("Rudaw", 'He said "no", twice'), (None, "a\nb")], "csv")
    assert text.startswith("outlet,title\r\n")
    assert list(csv.reader(io.StringIO(text))) == [
        ["outlet", "title"],
        ["Rudaw", 'He said "no", twice'],
        ["", "a\nb"],
    ]


def test_table_format_has_header_rule_and_count():
    lines = format_rows(["n"], [(1,), (22,)], "table").splitlines()
    assert lines == ["n", "--", "1", "22", "(2 rows)"]


def test_missing_path_gives_one_line_and_nonzero_exit(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "broadsheet.cli", "run", str(tmp_path / "missing")],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [f"broadsheet: no such file or directory: {tmp_path / 'missing'}"]


def test_bad_sql_gives_one_line(tmp_path, capsys):
    import duckdb

    db = tmp_path / "w.duckdb"
    duckdb.connect(str(db)).close()
    assert main(["query", "selec nonsense", "--warehouse", str(db), "--working"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("broadsheet: Parser Error") and err.count("\n") == 1


def test_query_without_warehouse_is_a_clear_error(tmp_path, capsys):
    assert main(["query", "select 1", "--warehouse", str(tmp_path / "none.duckdb")]) == 2
    assert "run `broadsheet run` first" in capsys.readouterr().err


def test_refused_sql_gives_one_line_and_exit_2(tmp_path, capsys):
    import duckdb

    db = tmp_path / "w.duckdb"
    duckdb.connect(str(db)).close()
    for sql, says in [
        ("select 1; select 2", "broadsheet: one SELECT statement at a time, not 2\n"),
        ("install httpfs", "broadsheet: only a SELECT statement can run here, not LOAD\n"),
        ("select * from read_text('/etc/passwd')", 'broadsheet: Permission Error: Cannot access file "/etc/passwd" '
                                                   "- file system operations are disabled by configuration\n"),
    ]:
        assert main(["query", sql, "--warehouse", str(db), "--working"]) == 2
        assert capsys.readouterr().err == says


def test_working_read_is_refused_while_a_run_holds_the_lock(tmp_path, capsys):
    import fcntl

    import duckdb

    from broadsheet.runlock import lock_path

    db = tmp_path / "w.duckdb"
    duckdb.connect(str(db)).close()
    fd = os.open(lock_path(db), os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # as a run in another process holds it
        assert main(["query", "select 1", "--warehouse", str(db), "--working"]) == 2
    finally:
        os.close(fd)
    assert capsys.readouterr().err == (
        f"broadsheet: a run is writing to {db}; read the published snapshot (drop --working) or retry when it ends\n"
    )


def test_export_writes_from_the_snapshot_and_says_how_many_rows(tmp_path, capsys):
    import duckdb
    import pandas as pd

    from broadsheet.snapshot import snapshot_path

    db = tmp_path / "w.duckdb"
    with duckdb.connect(str(snapshot_path(db))) as con:
        con.execute("CREATE TABLE articles AS SELECT 'a1' AS article_id, DATE '2024-03-01' AS published")
        con.execute("CREATE VIEW published_articles AS SELECT * FROM articles")
    out = tmp_path / "out.parquet"
    assert main(["export", "published_articles", "--format", "parquet", "--out", str(out), "--warehouse", str(db)]) == 0
    assert capsys.readouterr().out == f"1 row written to {out} (parquet)\n"
    assert pd.read_parquet(out).to_dict("records") == [{"article_id": "a1", "published": date(2024, 3, 1)}]
    target = snapshot_path(db)
    assert main(["export", "articles", "--format", "csv", "--out", str(target), "--warehouse", str(db)]) == 2
    assert capsys.readouterr().err == f"broadsheet: refusing to overwrite the warehouse with an export: {target}\n"


def _crash(args):
    raise RuntimeError("disk on fire\nsecond line of detail")


@pytest.mark.parametrize("argv", [["status"], ["status", "-v"], ["-v", "status"]])
def test_unexpected_error_is_one_line_exit_1_and_v_adds_the_traceback(monkeypatch, capsys, argv):
    monkeypatch.setattr(cli, "cmd_status", _crash)
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.endswith("broadsheet: RuntimeError: disk on fire\n")
    if "-v" in argv:
        assert err.startswith("Traceback (most recent call last):") and "in _crash" in err
    else:
        assert err == "broadsheet: RuntimeError: disk on fire\n"


def test_verbose_before_run_shows_prefect_logs_like_run_v(monkeypatch):
    seen = []
    monkeypatch.setattr(cli, "cmd_run", lambda args: seen.append(args.verbose) or 0)
    monkeypatch.setenv("PREFECT_LOGGING_LEVEL", "unset by the test")
    monkeypatch.delenv("PREFECT_LOGGING_LEVEL")
    assert main(["run"]) == 0
    assert os.environ["PREFECT_LOGGING_LEVEL"] == "CRITICAL"  # a failed flow is our one line, not Prefect's log
    monkeypatch.delenv("PREFECT_LOGGING_LEVEL")
    assert main(["-v", "run"]) == 0 and main(["run", "-v"]) == 0
    assert seen == [False, True, True] and "PREFECT_LOGGING_LEVEL" not in os.environ


# DuckDB objects held by a daemon thread at exit (as Prefect's threads hold them after a failed
# flow) make DuckDB's bindings print `nanobind: leaked ...` lines during interpreter teardown.
LEAKER = """
import sys, threading, time
import duckdb
from broadsheet.cli import main
def hold():
    con = duckdb.connect()
    types = con.sql("select 1").types
    time.sleep(60)
threading.Thread(target=hold, daemon=True).start()
time.sleep(0.2)
sys.argv = ["broadsheet", "query", "select 1", "--warehouse", sys.argv[1]]
sys.exit(main())
"""


def test_no_leak_noise_after_an_error(tmp_path):
    proc = subprocess.run([sys.executable, "-c", LEAKER, str(tmp_path / "none.duckdb")], capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr == f"broadsheet: no warehouse at {tmp_path / 'none.published.duckdb'}: run `broadsheet run` first\n"
