"""Web archives in: a WARC built here with warcio from real news pages with their URLs (plus a
request, a revisit, a 404 and an image), the same archive cut mid-record, and a WET file of
text dumps, through the whole flow."""

import gzip
import io
import json
from datetime import datetime, timezone

import duckdb
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from broadsheet.urls import normalise_url, registrable_domain
from flows.news_pipeline import news_pipeline
from tests.conftest import SHARED_EVAL

PAGES = 6


def gold(corpus: str) -> list[dict]:
    rows = [json.loads(line) for line in (SHARED_EVAL / corpus / "gold.jsonl").read_text().splitlines() if line]
    return rows[:PAGES]


def write_warc(path, rows) -> None:
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        when = datetime(2025, 3, 1, tzinfo=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        for row in rows:
            html = gzip.decompress((SHARED_EVAL / "news-html" / row["file"]).read_bytes())
            writer.write_record(writer.create_warc_record(row["url"], "request", payload=None,
                                                          warc_headers_dict={"WARC-Date": when}))
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(row["url"], "response", payload=io.BytesIO(html),
                                                          http_headers=headers, warc_headers_dict={"WARC-Date": when}))
        first = rows[0]["url"]
        writer.write_record(writer.create_revisit_record(first, digest="sha1:AAAA", refers_to_uri=first,
                                                         refers_to_date=when))
        for status, ctype, body in (("404 Not Found", "text/html", b"<html>gone</html>"),
                                    ("200 OK", "image/jpeg", b"\xff\xd8\xff\xe0 jpeg")):
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(first + "/x", "response", payload=io.BytesIO(body),
                                                          http_headers=headers))


def write_wet(path, rows) -> None:
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for row in rows:
            text = (SHARED_EVAL / "news-text" / row["file"]).read_bytes()
            writer.write_record(writer.create_warc_record(
                row["url"], "conversion", payload=io.BytesIO(text),
                warc_headers_dict={"Content-Type": "text/plain"}))


@pytest.fixture(scope="module")
def archived(tmp_path_factory):
    base = tmp_path_factory.mktemp("archives")
    inbox = base / "inbox"
    inbox.mkdir()
    html_rows, text_rows = gold("news-html"), gold("news-text")
    write_warc(inbox / "crawl.warc.gz", html_rows)
    whole = (inbox / "crawl.warc.gz").read_bytes()
    (inbox / "cut.warc.gz").write_bytes(whole[: len(whole) * 2 // 3])
    write_wet(inbox / "crawl.warc.wet.gz", text_rows)
    db = base / "wh.duckdb"
    report = news_pipeline(inputs=[str(inbox)], warehouse=str(db))
    with duckdb.connect(str(db), read_only=True) as con:
        outcomes = con.execute(
            "SELECT path, outcome, coalesce(reason, '') FROM input_outcomes WHERE run_id = ? ORDER BY path", [report.run_id]
        ).fetchall()
        articles = con.execute("SELECT path, url, domain, format FROM articles ORDER BY path").fetchall()
        outlets = con.execute(
            "SELECT url, outlet, outlet_source, outlet_evidence FROM articles WHERE path LIKE '%/crawl.warc.gz#%'"
        ).fetchall()
    return inbox, html_rows, text_rows, report, outcomes, articles, outlets


def test_every_html_page_of_the_archive_is_published_with_its_url_and_domain(archived):
    inbox, html_rows, _, _, _, articles, _ = archived
    from_warc = {url: (domain, fmt) for path, url, domain, fmt in articles if "/crawl.warc.gz#" in path}
    assert sorted(from_warc) == sorted(normalise_url(r["url"]) for r in html_rows)  # tracking parameters dropped
    for row in html_rows:
        assert from_warc[normalise_url(row["url"])] == (registrable_domain(row["url"]), "html")


def test_records_that_are_not_pages_are_counted_per_kind(archived):
    inbox, _, _, _, outcomes, _, _ = archived
    skipped = {path.rsplit("#", 1)[1]: reason for path, outcome, reason in outcomes
               if path.startswith(f"{inbox}/crawl.warc.gz#") and outcome == "ignored"}
    assert skipped == {
        "request": f"{PAGES} request record(s) in the archive: not pages",
        "revisit": "1 revisit record(s) in the archive: not pages",
        "http-404": "1 http-404 record(s) in the archive: not pages",
        "non-html": "1 non-html record(s) in the archive: not pages",
    }


def test_a_cut_archive_keeps_what_came_before_the_damage(archived):
    inbox, _, _, _, outcomes, _, _ = archived
    cut = [(path, outcome, reason) for path, outcome, reason in outcomes if path.startswith(f"{inbox}/cut.warc.gz#")]
    damage = [c for c in cut if c[0].endswith("#damage")]
    assert len(damage) == 1 and damage[0][1] == "quarantined" and damage[0][2].startswith("damaged_archive: at byte ")
    kept = [c for c in cut if c[1] == "duplicate"]  # the same pages as the whole archive's
    assert 1 <= len(kept) < PAGES


def test_wet_conversion_records_are_text_dumps(archived):
    _, _, text_rows, _, _, articles, _ = archived
    from_wet = {url: fmt for path, url, _, fmt in articles if ".wet.gz#" in path}
    assert from_wet == {normalise_url(r["url"]): "text" for r in text_rows}


def test_every_html_page_of_the_archive_has_an_outlet_with_its_source_and_evidence(archived):
    """None of these outlets is in the registry: each is named by the page or by its domain."""
    _, html_rows, _, _, _, _, outlets = archived
    assert sorted(url for url, *_ in outlets) == sorted(normalise_url(r["url"]) for r in html_rows)
    for url, outlet, source, evidence in outlets:
        assert outlet and source in ("page", "domain") and evidence, (url, outlet, source, evidence)
