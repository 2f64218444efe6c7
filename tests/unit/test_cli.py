import csv
import io
import subprocess
import sys

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
