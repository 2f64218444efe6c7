"""Loading and publishing against a real DuckDB file, without Prefect."""

import hashlib
from datetime import date, timedelta

import duckdb
import pytest

from broadsheet import warehouse
from broadsheet.extract.templates import fingerprint
from broadsheet.outlets import OutletRegistry
from broadsheet.records import ExtractedDocument, Extraction, RawDocument, RunCounts

BODY = " ".join(["Word"] * 60)


def article(n: int, **fields) -> ExtractedDocument:
    doc = RawDocument.of_text(f"in/{n}.txt", hashlib.sha256(bytes([n])).hexdigest(), 100, "text", "utf-8", f"page {n}")
    values = dict(
        title=f"A headline number {n}", published=date(2016, 5, 20), published_evidence="20-05-2016",
        published_kind="standalone", outlet="Rudaw", dateline=None, wire=None, language="en",
        body=f"{BODY} {n}", removed_counts={"menu": 3, "blank": 2},
    )
    values.update(fields)
    return ExtractedDocument(doc, Extraction(**values))


def stage_and_check(con, run_id, articles):
    warehouse.start_run(con, run_id, ["in"])
    warehouse.stage_run(con, run_id, articles, [])
    return warehouse.validate_staged(con, run_id)


@pytest.fixture
def con(tmp_path):
    with warehouse.connect(tmp_path / "w.duckdb") as con:
        warehouse.load_registry(con, OutletRegistry.from_csv())
        yield con


def test_critical_failures_quarantined_warnings_published(con):
    future = date.today() + timedelta(days=30)
    rows = [
        article(1),
        article(2, outlet=None),
        article(3, published=future),
        article(4, published=date(2001, 1, 1)),  # Rudaw's registry founding year is 2008
        article(5, body=""),
    ]
    results = stage_and_check(con, "r1", rows)
    outcome = warehouse.publish_run(con, "r1", results, RunCounts(read=5, extracted=5))
    counts = outcome.counts

    assert outcome.status == "published"
    assert counts.published == 2
    assert counts.quarantined == 3
    reasons = dict(con.execute("SELECT path, reason FROM quarantine").fetchall())
    assert reasons == {
        "in/3.txt": "failed critical checks: published_not_in_future",
        "in/4.txt": "failed critical checks: published_not_before_outlet",
        "in/5.txt": "failed critical checks: body_not_empty",
    }
    review = con.execute("SELECT path, failed_checks FROM articles_needing_review").fetchall()
    assert review == [("in/2.txt", ["outlet_present"])]
    removals = con.execute("SELECT reason, lines FROM line_removals WHERE article_id = ? ORDER BY reason",
                           [rows[0].article_id]).fetchall()
    assert removals == [("blank", 2), ("menu", 3)]
    assert con.execute("SELECT status, published FROM runs").fetchall() == [("published", 2)]


def test_failure_inside_publish_leaves_published_state_intact(con, monkeypatch):
    results = stage_and_check(con, "r1", [article(1)])
    warehouse.publish_run(con, "r1", results, RunCounts(read=1, extracted=1))
    before = con.execute("SELECT * FROM articles").fetchall()

    results = stage_and_check(con, "r2", [article(2)])

    def broken(_con):
        raise duckdb.IOException("disk full")

    monkeypatch.setattr(warehouse, "create_views", broken)
    with pytest.raises(duckdb.IOException):
        warehouse.publish_run(con, "r2", results, RunCounts(read=1, extracted=1))

    assert con.execute("SELECT * FROM articles").fetchall() == before
    assert con.execute("SELECT count(*) FROM quality_results WHERE run_id = 'r2'").fetchone() == (0,)


def test_views_are_created_after_the_views_they_read():
    order = [name for name, _ in warehouse._views_in_dependency_order()]
    assert order.index("published_articles") < order.index("coverage_by_outlet_month")
    assert set(order) >= {"published_articles", "coverage_by_outlet_month", "quality_by_outlet",
                          "articles_needing_review", "article_checks"}


def test_critical_batch_check_blocks_the_run_until_released(con):
    first = stage_and_check(con, "r1", [article(1)])
    warehouse.publish_run(con, "r1", first, RunCounts(read=1, extracted=1))
    published_before = con.execute("SELECT * FROM published_articles ORDER BY article_id").fetchall()

    undated = [article(n, published=None, published_evidence=None, published_kind=None) for n in range(2, 8)]
    results = stage_and_check(con, "r2", undated)
    outcome = warehouse.publish_run(con, "r2", results, RunCounts(read=6, extracted=6))

    assert outcome.status == "blocked"
    assert "run_mostly_dated" in outcome.message
    assert con.execute("SELECT * FROM published_articles ORDER BY article_id").fetchall() == published_before
    assert con.execute("SELECT count(*) FROM staging_articles WHERE run_id = 'r2'").fetchone() == (6,)

    released = warehouse.release_run(con, "r2")
    assert released.status == "released" and released.counts.published == 6
    assert con.execute("SELECT count(*) FROM published_articles").fetchone() == (7,)
    with pytest.raises(warehouse.WarehouseError, match="not blocked"):
        warehouse.release_run(con, "r2")


def test_outlet_must_match_the_pages_own_domain(con):
    rows = [article(1, source_host="www.rudaw.net"), article(2, source_host="example.com"), article(3)]
    results = stage_and_check(con, "r1", rows)
    check = next(r for r in results if r.expectation == "outlet_domain_consistent")
    assert check.failing_ids == (rows[1].article_id,)
    assert check.element_count == 3 and check.severity == "warning"


def test_keyed_line_counts_of_an_older_warehouse_move_into_the_keyless_table(tmp_path):
    db = tmp_path / "old.duckdb"
    with duckdb.connect(str(db)) as old:
        old.execute(
            "CREATE TABLE outlet_line_counts (outlet VARCHAR NOT NULL, fingerprint VARCHAR NOT NULL, "
            "articles BIGINT NOT NULL, PRIMARY KEY (outlet, fingerprint))"
        )
        old.execute("INSERT INTO outlet_line_counts VALUES ('Rudaw', 'aa', 7), ('Rudaw', 'bb', 1)")
    with warehouse.connect(db) as con:
        keys = con.execute(
            "SELECT count(*) FROM duckdb_constraints() WHERE table_name = 'outlet_line_counts' AND constraint_type = 'PRIMARY KEY'"
        ).fetchone()
        con.execute("INSERT INTO outlet_line_counts VALUES ('Rudaw', 170, 2)")  # a later run's counts: appended
        counts = con.execute("SELECT fingerprint, sum(articles) FROM outlet_line_counts GROUP BY ALL ORDER BY 1").fetchall()
    assert keys == (0,)
    assert counts == [(0xAA, 9), (0xBB, 1)]  # hex digits as the numbers they spell


def test_fingerprints_an_older_warehouse_stored_as_hex_become_numbers_templates_match(tmp_path):
    db = tmp_path / "old.duckdb"
    home, world = fingerprint("Home"), fingerprint("World")
    with duckdb.connect(str(db)) as old:  # as the warehouse had them before fingerprints were numbers
        old.execute("CREATE TABLE page_fingerprint_sets (sha256 VARCHAR PRIMARY KEY, article_key VARCHAR NOT NULL, fingerprints VARCHAR[] NOT NULL)")
        old.execute("INSERT INTO page_fingerprint_sets VALUES ('s1', 'k1', ?)", [[f"{home:016x}", f"{world:016x}"]])
        old.execute("CREATE TABLE outlet_line_counts (outlet VARCHAR NOT NULL, fingerprint VARCHAR NOT NULL, articles BIGINT NOT NULL)")
        old.execute("INSERT INTO outlet_line_counts VALUES ('Rudaw', ?, 4)", [f"{home:016x}"])
    with warehouse.connect(db) as con:
        pages = con.execute("SELECT sha256, article_key, fingerprints FROM page_fingerprint_sets").fetchall()
        counts = con.execute("SELECT outlet, fingerprint, articles FROM outlet_line_counts").fetchall()
        types = con.execute(
            "SELECT column_name, data_type FROM duckdb_columns() WHERE database_name = current_database() "
            "AND column_name IN ('fingerprint', 'fingerprints') ORDER BY 1"
        ).fetchall()
    assert pages == [("s1", "k1", [home, world])]
    assert counts == [("Rudaw", home, 4)]
    assert types == [("fingerprint", "UBIGINT"), ("fingerprints", "UBIGINT[]")]


def test_pages_an_older_warehouse_stored_as_text_are_packed_in_place(tmp_path):
    db = tmp_path / "old.duckdb"
    page = "Headline\nÜber 40 Zeilen \U0001f600 " * 50
    with duckdb.connect(str(db)) as old:  # raw_documents as the warehouse had it before pages were packed
        old.execute(
            "CREATE TABLE raw_documents (sha256 VARCHAR PRIMARY KEY, path VARCHAR NOT NULL, size BIGINT NOT NULL, "
            "format VARCHAR NOT NULL, encoding VARCHAR NOT NULL, content VARCHAR NOT NULL, "
            "first_seen TIMESTAMPTZ NOT NULL, run_id VARCHAR NOT NULL)"
        )
        old.execute("INSERT INTO raw_documents VALUES ('ab', 'in/a.txt', 9, 'text', 'utf-8', ?, now(), 'r1')", [page])
    with warehouse.connect(db) as con:
        typed = con.execute("SELECT data_type FROM duckdb_columns() WHERE table_name = 'raw_documents' AND column_name = 'content'").fetchall()
        [stored] = warehouse.stored_documents(con, [("in/a.txt", "ab")])
        with pytest.raises(duckdb.ConstraintException):  # the key came back with the table
            con.execute("INSERT INTO raw_documents (sha256, path, size, format, encoding, content, first_seen, run_id) "
                        "VALUES ('ab', 'x', 1, 'text', 'utf-8', ''::BLOB, now(), 'r2')")
        tables = {name for (name,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert typed == [("BLOB",)]
    assert stored.text == page and stored.url is None and len(stored.packed) < len(page.encode()) / 5
    assert "raw_documents_old" not in tables
