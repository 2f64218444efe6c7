"""Cleaning learns from the corpus: a line on most of an outlet's pages is its template."""

import random

import duckdb

from flows.news_pipeline import news_pipeline

PROMO = "Our reporters work around the clock to bring you independent journalism from the whole region, support us today."
WORDS = ("the government said on monday that talks with the opposition would resume next week after a pause "
         "of several months in the capital where protests continued").split()


def write_pages(folder, names, seed):
    rng = random.Random(seed)
    folder.mkdir(exist_ok=True)
    for name in names:
        paragraphs = []
        for _ in range(5):
            rng.shuffle(WORDS)
            paragraphs += [" ".join(WORDS[:22]).capitalize() + ".", ""]
        header = [f"Headline {name} about the talks", "", "12-03-2019", "Rudaw", ""]
        (folder / f"{name}.txt").write_text("\n".join(header + paragraphs + [PROMO, "", "Comments", "Post a comment"]))


def bodies(db):
    with duckdb.connect(str(db), read_only=True) as con:
        return dict(con.execute("SELECT regexp_extract(path, '[^/]+$'), body FROM articles").fetchall())


def test_outlet_template_learned_within_a_run_and_from_history(tmp_path):
    db = tmp_path / "wh.duckdb"
    write_pages(tmp_path / "day1", ["a", "b", "c"], seed=1)
    news_pipeline(inputs=[str(tmp_path / "day1")], warehouse=str(db))
    assert all(PROMO not in body for body in bodies(db).values())

    # One new page the next day: cleaned with what the three earlier pages taught.
    write_pages(tmp_path / "day2", ["d"], seed=2)
    news_pipeline(inputs=[str(tmp_path / "day2")], warehouse=str(db))
    assert PROMO not in bodies(db)["d.txt"]

    with duckdb.connect(str(db), read_only=True) as con:
        removed = con.execute("SELECT sum(lines) FROM line_removals WHERE reason = 'outlet-template'").fetchone()[0]
        learned = con.execute(  # one row per run that saw the line: the counts add up
            "SELECT max(n) FROM (SELECT sum(articles) AS n FROM outlet_line_counts WHERE outlet = 'Rudaw' GROUP BY fingerprint)"
        ).fetchone()
        articles = con.execute("SELECT count(*) FROM outlet_article_keys WHERE outlet = 'Rudaw'").fetchone()
    assert removed >= 4
    assert learned == (4,) and articles == (4,)
