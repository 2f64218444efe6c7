"""The readers' copy is Parquet parts per run plus a catalogue: a run publishes only what it
changed, earlier parts are never rewritten, and readers see exactly the working file's
published relations (raw pages stay behind)."""

import os

import duckdb

from broadsheet import snapshot
from broadsheet.snapshot import parts_folder, snapshot_path
from flows.news_pipeline import news_pipeline
from tests.conftest import SEEDS
from tests.integration.warehouse_state import published_state, scalar, seed_copies


def parts(db):
    return {p.relative_to(parts_folder(db)).as_posix(): p.stat().st_mtime_ns for p in parts_folder(db).rglob("*.parquet")}


def test_a_run_publishes_its_own_parts_and_leaves_earlier_ones(tmp_path):
    db = tmp_path / "wh.duckdb"
    first = news_pipeline(inputs=[str(SEEDS)], warehouse=str(db))
    after_first = parts(db)
    assert f"articles/{first.run_id}.parquet" in after_first

    inbox = seed_copies(tmp_path / "more", 3)
    second = news_pipeline(inputs=[str(inbox)], warehouse=str(db))
    after_second = parts(db)
    assert {k: v for k, v in after_second.items() if k in after_first} == after_first  # untouched
    new = sorted(set(after_second) - set(after_first))
    assert f"articles/{second.run_id}.parquet" in new and all(second.run_id in k for k in new)
    part = parts_folder(db) / "articles" / f"{second.run_id}.parquet"
    assert duckdb.sql(f"SELECT count(*) FROM '{part}'").fetchall() == [(second.counts.published,)]

    assert published_state(snapshot_path(db)) == published_state(db)
    with duckdb.connect(str(snapshot_path(db)), read_only=True) as con:
        tables = {name for (name,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert "raw_documents" not in tables and {"published_articles", "runs", "input_outcomes"} <= tables
    assert os.path.getsize(snapshot_path(db)) < 2_000_000  # the catalogue is small


def test_withdrawn_versions_and_compaction_keep_readers_equal(tmp_path, monkeypatch):
    monkeypatch.setattr(snapshot, "COMPACT_AFTER", 2)
    db = tmp_path / "wh.duckdb"
    inbox = seed_copies(tmp_path / "inbox", 5)
    news_pipeline(inputs=[str(inbox)], warehouse=str(db))
    page = sorted(inbox.iterdir())[0]
    for n in range(2):  # new versions of one page: the older rows are withdrawn
        page.write_text(page.read_text() + f"Correction {n}.\n")
        past = os.path.getmtime(page) - 3600
        os.utime(page, (past, past))
        news_pipeline(inputs=[str(inbox)], warehouse=str(db))
        assert published_state(snapshot_path(db)) == published_state(db)
    assert scalar(snapshot_path(db), "SELECT count(*) FROM articles") == 5
    assert [p.name.startswith("compact-") for p in (parts_folder(db) / "articles").glob("*.parquet")] == [True]
    assert not list((parts_folder(db) / "withdrawn_articles").glob("*.parquet"))
