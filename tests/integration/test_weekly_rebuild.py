"""The weekly rebuild re-extracts stored pages with the current extractor: afterwards the
published tables equal those of a fresh run on the same files."""

import os
import time
from dataclasses import replace

import broadsheet.pipeline
from broadsheet.extract import extract_documents
from broadsheet.records import ExtractBatch
from broadsheet.snapshot import snapshot_path
from flows.news_pipeline import news_pipeline
from flows.weekly_rebuild import weekly_rebuild
from tests.integration.warehouse_state import published_state, scalar, seed_copies


def last_year_extractor(documents, registry, limits, templates=None, prepare=None) -> ExtractBatch:
    """Stands in for an older extractor: same pages, different headlines."""
    batch = extract_documents(documents, registry, limits=limits, templates=templates, prepare=prepare)
    old = [replace(a, extraction=replace(a.extraction, title=f"OLD {a.extraction.title}")) for a in batch.articles]
    return ExtractBatch(old, batch.quarantined)


def rewrite(path, text: str, minutes_ago: int) -> None:
    path.write_text(text, encoding="utf-8")
    past = time.time() - 60 * minutes_ago
    os.utime(path, (past, past))


def test_rebuild_equals_a_fresh_run_on_the_same_files(tmp_path, monkeypatch):
    inbox, db = seed_copies(tmp_path / "inbox", 10), tmp_path / "wh.duckdb"
    changed, reverted = sorted(inbox.iterdir())[3:5]
    original = reverted.read_text(encoding="utf-8")
    with monkeypatch.context() as patch:  # in this process (workers=0), so the patch applies
        patch.setattr(broadsheet.pipeline, "extract_documents", last_year_extractor)
        news_pipeline(inputs=[str(inbox)], warehouse=str(db), workers=0)
        rewrite(changed, changed.read_text(encoding="utf-8") + "Updated at noon.\n", 50)
        rewrite(reverted, original + "A line removed again later.\n", 50)
        news_pipeline(inputs=[str(inbox)], warehouse=str(db), workers=0)
        rewrite(reverted, original, 40)  # back to bytes already stored
        news_pipeline(inputs=[str(inbox)], warehouse=str(db), workers=0)

    report = weekly_rebuild(warehouse=str(db))
    fresh = tmp_path / "fresh.duckdb"
    news_pipeline(inputs=[str(inbox)], warehouse=str(fresh))

    assert report.counts.read == 10 and report.counts.published == 10
    assert published_state(db) == published_state(fresh)
    assert published_state(snapshot_path(db)) == published_state(fresh)
    assert scalar(db, "SELECT count(*) FROM articles WHERE starts_with(title, 'OLD')") == 0
    assert scalar(db, "SELECT count(*) FROM raw_documents") == 12  # every version stays stored
