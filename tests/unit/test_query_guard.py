"""The read side cannot write, attach, install, load or read outside the warehouse; exports round-trip."""

import csv
import fcntl
import hashlib
import json
import os
from datetime import date

import duckdb
import pandas as pd
import pytest

from broadsheet.readside import (
    QueryRefused,
    export,
    guarded_connection,
    reader_connection,
    relation_sql,
    run_readonly_query,
)
from broadsheet.runlock import WarehouseBusy, lock_path
from broadsheet.snapshot import snapshot_path


@pytest.fixture
def warehouse(tmp_path):
    """A working file and its snapshot: a table, views over it, and a second database beside them."""
    db = tmp_path / "wh.duckdb"
    con = duckdb.connect(str(db))
    con.execute(
        """
        CREATE TABLE articles (article_id VARCHAR, outlet VARCHAR, published DATE, words INTEGER, tags VARCHAR[]);
        INSERT INTO articles VALUES
            ('a1', 'Rudaw', DATE '2024-03-01', 420, ['politics', 'iraq']),
            ('a2', 'Sputnik', NULL, 77, []),
            ('a3', NULL, DATE '2023-12-31', 1200, NULL);
        CREATE VIEW published_articles AS SELECT * FROM articles WHERE outlet IS NOT NULL;
        CREATE VIEW coverage_by_outlet_month AS
            SELECT outlet, CAST(date_trunc('month', published) AS DATE) AS month, count(*) AS articles
            FROM articles GROUP BY ALL;
        """
    )
    con.close()
    snapshot = snapshot_path(db)
    snapshot.write_bytes(db.read_bytes())
    other = duckdb.connect(str(tmp_path / "other.duckdb"))
    other.execute("CREATE TABLE secret AS SELECT 'do not read' AS s")
    other.close()
    return db


def _state(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


# Each attack, and what stops it: the statement check (QueryRefused) comes first for anything
# that is not one SELECT; a SELECT that reaches for a file is stopped by the connection.
ATTACKS = [
    ("attach '{db}' as w (read_only false); delete from w.articles", QueryRefused, "not 2"),
    ("attach '{db}' as w (read_only false)", QueryRefused, "not ATTACH"),
    ("attach '{dir}/new.duckdb' as n", QueryRefused, "not ATTACH"),
    ("copy (select 'x') to '{db}'", QueryRefused, "not COPY"),
    ("copy articles to '{dir}/out.csv'", QueryRefused, "not COPY"),
    ("copy from database wh to other", QueryRefused, "not PRAGMA"),  # DuckDB parses it as a pragma
    ("export database '{dir}/dump'", QueryRefused, "not EXPORT"),
    ("install httpfs", QueryRefused, "not LOAD"),
    ("load httpfs", QueryRefused, "not LOAD"),
    ("set enable_external_access = true", QueryRefused, "not SET"),
    ("reset lock_configuration", QueryRefused, "not SET"),
    ("pragma enable_profiling", QueryRefused, "not PRAGMA"),
    ("pragma profiling_output = '{dir}/profile.json'", QueryRefused, "not SET"),  # parsed as SET
    ("create table t (x int)", QueryRefused, "not CREATE"),
    ("create temp table t as select * from articles", QueryRefused, "not CREATE"),
    ("create macro m() as 1", QueryRefused, "not CREATE"),
    ("insert into articles (article_id) values ('zz')", QueryRefused, "not INSERT"),
    ("update articles set words = 0", QueryRefused, "not UPDATE"),
    ("delete from articles", QueryRefused, "not DELETE"),
    ("drop view published_articles", QueryRefused, "not DROP"),
    ("checkpoint", QueryRefused, "not CALL"),
    ("vacuum", QueryRefused, "not VACUUM"),
    ("select 1; select 2", QueryRefused, "not 2"),
    ("select 1; drop table articles", QueryRefused, "not 2"),
    ("", QueryRefused, "not 0"),
    ("select * from read_text('/etc/passwd')", duckdb.PermissionException, "file system operations are disabled"),
    ("select * from read_csv('/etc/shadow')", duckdb.PermissionException, "file system operations are disabled"),
    ("select * from glob('/root/*')", duckdb.PermissionException, "file system operations are disabled"),
    ("select * from glob('{dir}/*')", duckdb.PermissionException, "file system operations are disabled"),
    ("select * from read_blob('/etc/hostname')", duckdb.PermissionException, "file system operations are disabled"),
    ("select * from '{dir}/other.duckdb'", duckdb.PermissionException, "file system operations are disabled"),
    ("select * from read_parquet('{dir}/*.parquet')", duckdb.PermissionException, "file system operations are disabled"),
    ("select * from query('attach ''{dir}/new.duckdb''')", duckdb.ParserException, "Expected a single SELECT"),
]


@pytest.mark.parametrize("template, refused_with, says", ATTACKS, ids=[a[0][:50] for a in ATTACKS])
def test_each_attack_is_refused_and_changes_nothing(warehouse, template, refused_with, says):
    folder = warehouse.parent
    before = _state(folder)
    sql = template.format(db=snapshot_path(warehouse), dir=folder)
    with pytest.raises(refused_with) as refused:
        run_readonly_query(snapshot_path(warehouse), sql)
    assert says in str(refused.value)
    assert _state(folder) == before  # no file written, changed or added


@pytest.mark.parametrize(
    "sql, says",
    [
        ("attach '{db}' as w (read_only false)", "already attached"),
        ("attach '{dir}/new.duckdb' as n", "file system operations are disabled"),
        ("copy (select 'x') to '{db}'", "file system operations are disabled"),
        ("copy articles to '{dir}/out.csv'", "file system operations are disabled"),
        ("export database '{dir}/dump'", "file system operations are disabled"),
        ("install httpfs", "file system operations are disabled"),
        ("load httpfs", "Loading external extensions is disabled"),
        ("set enable_external_access = true", "the configuration has been locked"),
        ("create table t (x int)", "attached in read-only mode"),
    ],
)
def test_the_connection_alone_also_holds(warehouse, sql, says):
    """Behind the statement check, the connection itself refuses the same attacks."""
    folder = warehouse.parent
    before = _state(folder)
    with guarded_connection(snapshot_path(warehouse)) as con, pytest.raises(duckdb.Error) as refused:
        con.execute(sql.format(db=snapshot_path(warehouse), dir=folder))
    assert says in str(refused.value)
    assert _state(folder) == before


def test_selects_over_tables_and_views_work(warehouse):
    snapshot = snapshot_path(warehouse)
    assert run_readonly_query(snapshot, "select article_id, outlet from published_articles order by 1") == (
        ["article_id", "outlet"],
        [("a1", "Rudaw"), ("a2", "Sputnik")],
    )
    assert run_readonly_query(snapshot, "select * from coverage_by_outlet_month order by outlet nulls last")[1] == [
        ("Rudaw", date(2024, 3, 1), 1),
        ("Sputnik", None, 1),
        (None, date(2023, 12, 1), 1),
    ]
    assert run_readonly_query(snapshot, "with w as (select sum(words) n from articles) select n from w") == (
        ["n"],
        [(1697,)],
    )
    assert run_readonly_query(snapshot, "describe articles")[1][2][:2] == ("published", "DATE")


def test_missing_snapshot_is_a_warehouse_error(tmp_path):
    from broadsheet.warehouse import WarehouseError

    with pytest.raises(WarehouseError, match="run `broadsheet run` first"):
        run_readonly_query(tmp_path / "none.duckdb", "select 1")
    assert list(tmp_path.iterdir()) == []


def test_working_reader_refuses_while_a_run_holds_the_lock(warehouse):
    fd = os.open(lock_path(warehouse), os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # as a run in another process would
        with pytest.raises(WarehouseBusy), reader_connection(warehouse, working=True):
            pass
    finally:
        os.close(fd)


def test_working_reader_holds_the_lock_so_a_run_waits(warehouse):
    with reader_connection(warehouse, working=True) as con:
        assert con.execute("select count(*) from articles").fetchone() == (3,)
        fd = os.open(lock_path(warehouse), os.O_RDWR)
        try:
            with pytest.raises(BlockingIOError):
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        finally:
            os.close(fd)
    fd = os.open(lock_path(warehouse), os.O_RDWR)  # released when the read ends
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    finally:
        os.close(fd)


def test_a_bare_relation_name_means_all_of_it():
    assert relation_sql("published_articles") == 'SELECT * FROM "published_articles"'
    assert relation_sql(" select 1 ") == " select 1 "


EXPECTED = [
    {"article_id": "a1", "outlet": "Rudaw", "published": date(2024, 3, 1), "words": 420, "tags": ["politics", "iraq"]},
    {"article_id": "a2", "outlet": "Sputnik", "published": None, "words": 77, "tags": []},
]


def _export(warehouse, what, fmt, out):
    with guarded_connection(snapshot_path(warehouse)) as con:
        return export(con, what, fmt, out)


def test_export_parquet_reads_back_in_pandas(warehouse, tmp_path):
    out = tmp_path / "articles.parquet"
    assert _export(warehouse, "published_articles", "parquet", out) == 2
    frame = pd.read_parquet(out)
    records = frame.to_dict("records")
    assert [r["article_id"] for r in records] == ["a1", "a2"]
    assert records[0]["published"] == date(2024, 3, 1) and pd.isna(records[1]["published"])
    assert [list(r["tags"]) for r in records] == [["politics", "iraq"], []]
    assert frame["words"].tolist() == [420, 77]


def test_export_csv_round_trips_with_lists_as_json(warehouse, tmp_path):
    out = tmp_path / "articles.csv"
    assert _export(warehouse, "select * from published_articles order by article_id", "csv", out) == 2
    with open(out, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert rows == [
        {"article_id": "a1", "outlet": "Rudaw", "published": "2024-03-01", "words": "420", "tags": '["politics", "iraq"]'},
        {"article_id": "a2", "outlet": "Sputnik", "published": "", "words": "77", "tags": "[]"},
    ]


def test_export_jsonl_has_one_object_per_line_with_iso_dates(warehouse, tmp_path):
    out = tmp_path / "articles.jsonl"
    assert _export(warehouse, "select * from published_articles order by article_id", "jsonl", out) == 2
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [
        {**EXPECTED[0], "published": "2024-03-01"},
        {**EXPECTED[1]},
    ]


def test_export_refuses_what_query_refuses_and_leaves_nothing(warehouse, tmp_path):
    out = tmp_path / "x.csv"
    for sql in ["copy articles to '{}'".format(tmp_path / "y.csv"), "select 1; select 2", "delete from articles"]:
        with pytest.raises(QueryRefused):
            _export(warehouse, sql, "csv", out)
    assert not out.exists() and not list(tmp_path.glob(".*.tmp"))


def test_a_failing_export_keeps_the_previous_file(warehouse, tmp_path):
    out = tmp_path / "x.jsonl"
    out.write_text("previous\n")
    with pytest.raises(duckdb.Error):
        _export(warehouse, "select error('boom') from articles", "jsonl", out)
    assert out.read_text() == "previous\n" and not list(tmp_path.glob(".*.tmp"))


def test_export_streams_in_batches(warehouse, tmp_path, monkeypatch):
    import broadsheet.readside as readside

    monkeypatch.setattr(readside, "BATCH_ROWS", 2048)
    out = tmp_path / "big.parquet"
    assert _export(warehouse, "select range as n from range(10000)", "parquet", out) == 10000
    import pyarrow.parquet as pq

    meta = pq.ParquetFile(out).metadata
    assert meta.num_rows == 10000 and meta.num_row_groups > 1  # written batch by batch
    assert pd.read_parquet(out)["n"].sum() == sum(range(10000))
