"""Incremental runs: unchanged files are not even read, a changed file is a new version."""

import os
import time

import duckdb

import broadsheet.ingest
from broadsheet import warehouse
from flows.news_pipeline import news_pipeline
from tests.integration.test_warehouse import article
from tests.integration.warehouse_state import scalar, seed_copies


def count_reads(monkeypatch) -> list[str]:
    """Files read from now on, by runs in this process (workers=0)."""
    reads: list[str] = []
    real = broadsheet.ingest.read_document

    def counting(source, limits, claims):
        reads.append(os.path.basename(source.path))
        return real(source, limits, claims)

    monkeypatch.setattr(broadsheet.ingest, "read_document", counting)
    return reads


def test_noop_rerun_reads_no_file_and_a_changed_file_becomes_a_new_version(tmp_path, monkeypatch):
    inbox, db = seed_copies(tmp_path / "inbox", 5), tmp_path / "wh.duckdb"
    news_pipeline(inputs=[str(inbox)], warehouse=str(db), workers=0)
    reads = count_reads(monkeypatch)

    again = news_pipeline(inputs=[str(inbox)], warehouse=str(db), workers=0)
    assert reads == [] and again.outcome.status == "nothing-new" and again.counts.already_known == 5

    changed = sorted(inbox.iterdir())[1]
    before = scalar(db, f"SELECT sha256 FROM articles WHERE path = '{changed}'")
    changed.write_text(changed.read_text() + "A correction was appended.\n")
    touched = sorted(inbox.iterdir())[2]
    past = time.time() - 1800
    for path in (changed, touched):  # touched: same bytes, new mtime
        os.utime(path, (past, past))
    third = news_pipeline(inputs=[str(inbox)], warehouse=str(db), workers=0)
    assert sorted(reads) == sorted([changed.name, touched.name])
    assert (third.counts.read, third.counts.published, third.counts.already_known) == (1, 1, 4)

    with duckdb.connect(str(db), read_only=True) as con:
        versions = con.execute("SELECT count(*) FROM raw_documents WHERE path = ?", [str(changed)]).fetchone()[0]
        current = con.execute("SELECT sha256 FROM articles WHERE path = ?", [str(changed)]).fetchall()
        indexed = con.execute(
            "SELECT sha256 FROM file_index WHERE path = ? ORDER BY indexed_at DESC LIMIT 1", [str(changed)]
        ).fetchone()[0]
    assert versions == 2  # the previous version stays in the history
    assert len(current) == 1 and current[0][0] == indexed != before
    assert scalar(db, "SELECT count(*) FROM articles") == 5

    reads.clear()
    news_pipeline(inputs=[str(inbox)], warehouse=str(db), workers=0)
    assert reads == []  # the touched file's new mtime was indexed


def test_documents_of_a_run_that_never_finished_are_not_known(tmp_path):
    with warehouse.connect(tmp_path / "w.duckdb") as con:
        warehouse.start_run(con, "dead", ["in"])
        warehouse.stage_run(con, "dead", [article(1)], [])
        assert warehouse.recover_interrupted(con) == 1
        assert article(1).doc.sha256 not in warehouse.known_hashes(con)
        assert con.execute("SELECT status, message FROM runs").fetchone() == (
            "failed", "interrupted: its process stopped before the run finished")
        for table in ("raw_documents", "staging_articles", "line_removals"):
            assert con.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,), table
        warehouse.start_run(con, "next", ["in"])
        warehouse.stage_run(con, "next", [article(1)], [])  # no primary key clash with the dead run


def test_a_page_reverted_to_an_earlier_version_is_current_again(tmp_path):
    inbox, db = seed_copies(tmp_path / "inbox", 2), tmp_path / "wh.duckdb"
    page = sorted(inbox.iterdir())[0]
    original = page.read_text()
    news_pipeline(inputs=[str(inbox)], warehouse=str(db), workers=0)
    first = scalar(db, f"SELECT sha256 FROM articles WHERE path = '{page}'")
    for minutes, text in ((50, original.replace("Russia", "Russland")), (40, original)):
        page.write_text(text)
        past = time.time() - 60 * minutes
        os.utime(page, (past, past))
        news_pipeline(inputs=[str(inbox)], warehouse=str(db), workers=0)
    assert scalar(db, f"SELECT list(sha256) FROM articles WHERE path = '{page}'") == [first]
    assert scalar(db, "SELECT count(*) FROM raw_documents") == 3
