"""A batch whose task fails as a whole (a bug outside the per-document guard) does not fail
the run: its inputs are tried one by one, and only the one that fails alone is quarantined."""

import duckdb

import broadsheet.pipeline
from flows.news_pipeline import news_pipeline
from tests.integration.warehouse_state import seed_copies


def test_a_failing_batch_costs_only_the_document_that_fails(tmp_path, monkeypatch):
    inbox = seed_copies(tmp_path / "inbox", 6)
    poison = sorted(inbox.iterdir())[2]
    real = broadsheet.pipeline.read_documents

    def breaks_on_poison(sources, limits, manifest=None):
        if any(s.path == str(poison) for s in sources):
            raise RuntimeError("worker bug")
        return real(sources, limits, manifest)

    monkeypatch.setattr(broadsheet.pipeline, "read_documents", breaks_on_poison)
    report = news_pipeline(inputs=[str(inbox)], warehouse=str(tmp_path / "wh.duckdb"), batch_size=3, workers=0)

    assert report.outcome.status == "published" and report.counts.published == 5
    with duckdb.connect(str(tmp_path / "wh.duckdb"), read_only=True) as con:
        rows = con.execute("SELECT path, outcome, reason FROM input_outcomes WHERE outcome <> 'published'").fetchall()
    assert rows == [(str(poison), "quarantined", "worker_failed: RuntimeError: worker bug")]
