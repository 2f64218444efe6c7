"""The whole flow on seeds/ into a temporary warehouse, compared with seeds-gold.jsonl."""

import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest

from broadsheet.evaluate import body_f1
from flows.news_pipeline import news_pipeline
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    db = tmp_path_factory.mktemp("wh") / "broadsheet.duckdb"
    first = news_pipeline(inputs=[str(SEEDS)], warehouse=str(db))
    second = news_pipeline(inputs=[str(SEEDS)], warehouse=str(db))
    return db, first, second


def published_rows(db: Path) -> dict[str, dict]:
    with duckdb.connect(str(db), read_only=True) as con:
        cur = con.execute("SELECT * FROM published_articles")
        cols = [d[0] for d in cur.description]
        return {Path(r[cols.index("path")]).name: dict(zip(cols, r)) for r in cur.fetchall()}


def test_all_five_seeds_published(seeded):
    db, first, _ = seeded
    assert first.counts.read == 5
    assert first.counts.published == 5
    assert first.counts.quarantined == 0
    assert sorted(published_rows(db)) == sorted(p.name for p in SEEDS.glob("*.txt"))


def test_fields_match_gold(seeded, seeds_gold):
    db, _, _ = seeded
    rows = published_rows(db)
    for name, gold in seeds_gold.items():
        row = rows[name]
        expected_day = date.fromisoformat(gold["published"]) if gold["published"] else None
        assert row["published"] == expected_day, name
        assert row["dateline"] == gold["dateline"], name
        assert row["wire"] == gold["wire"], name
        assert row["language"] == gold["language"], name
        if gold["outlet_in_text"]:
            assert row["outlet"] == gold["outlet"], name
        else:
            assert row["outlet"] is None, name
        if gold["title"] is None:  # 002: no headline; its standfirst is acceptable
            assert row["title"] is None or row["title"] in row["body"], name
        else:
            assert row["title"] == gold["title"], name


def test_body_f1_per_seed(seeded, seeds_gold):
    db, _, _ = seeded
    rows = published_rows(db)
    for name, gold in seeds_gold.items():
        assert body_f1(gold["body"], rows[name]["body"]) >= 0.95, name


def test_unnamed_outlets_flagged_but_published(seeded):
    db, _, _ = seeded
    with duckdb.connect(str(db), read_only=True) as con:
        flagged = con.execute(
            "SELECT path FROM articles_needing_review WHERE list_contains(failed_checks, 'outlet_present')"
        ).fetchall()
    assert sorted(Path(p).name[:3] for (p,) in flagged) == ["001", "002"]


def test_second_run_adds_nothing(seeded):
    db, first, second = seeded
    assert second.counts.already_known == 5
    assert second.counts.read == second.counts.published == 0
    assert "Nothing new" in second.summary()
    with duckdb.connect(str(db), read_only=True) as con:
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("raw_documents", "articles", "quarantine", "staging_articles")}
        statuses = con.execute("SELECT status FROM runs ORDER BY started_at").fetchall()
    assert counts == {"raw_documents": 5, "articles": 5, "quarantine": 0, "staging_articles": 5}
    assert [s for (s,) in statuses] == ["published", "nothing-new"]


def test_bad_files_quarantined_and_run_goes_on(tmp_path):
    inbox = tmp_path / "inbox"
    shutil.copytree(SEEDS, inbox)
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "binary.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (inbox / "truncated.txt.gz").write_bytes(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xcb\x48")
    future = (SEEDS / "004_eb04f12f6c57fad3.txt").read_text().replace("20-05-2016", "01-01-2099")
    (inbox / "future.txt").write_text(future)
    # The same page with every paragraph removed: only its furniture is left.
    seed_lines = (SEEDS / "004_eb04f12f6c57fad3.txt").read_text().splitlines()
    (inbox / "no-body.txt").write_text("\n".join(line for line in seed_lines if len(line.split()) < 8))
    db = tmp_path / "wh.duckdb"
    report = news_pipeline(inputs=[str(inbox)], warehouse=str(db))
    with duckdb.connect(str(db), read_only=True) as con:
        reasons = dict(con.execute("SELECT regexp_extract(path, '[^/]+$'), reason FROM quarantine").fetchall())
        published = con.execute("SELECT count(*) FROM published_articles").fetchone()[0]
    assert published == 5
    assert report.counts.quarantined == 5
    assert reasons["empty.txt"] == "empty file"
    assert "binary" in reasons["binary.html"]
    assert "corrupt gzip" in reasons["truncated.txt.gz"]
    # The doctored page either has no believable date or a future one; never published as 2099.
    assert "published_not_in_future" in reasons["future.txt"]
    assert "body_not_empty" in reasons["no-body.txt"]
