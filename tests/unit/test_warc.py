"""Reading WARC and WET archives built here with warcio from real pages of the news corpus."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from broadsheet.limits import Limits
from broadsheet.warc import (
    ArchiveDamage,
    ArchiveDocument,
    ArchiveSkip,
    document_path,
    is_archive,
    iter_archive,
    split_document_path,
)

EVAL = Path(__file__).resolve().parents[3] / "shared" / "eval"
NEWS_HTML = EVAL / "news-html"
NEWS_TEXT = EVAL / "news-text"
# A JPEG's first bytes (SOI + JFIF APP0): what an image capture starts with.
JPEG = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffdb")

pytestmark = pytest.mark.skipif(not NEWS_HTML.is_dir(), reason="needs ../shared/eval beside the repo")


def gold(corpus: Path, n: int = 3) -> list[dict]:
    with open(corpus / "gold.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh][:n]


def page(row: dict) -> bytes:
    return gzip.decompress((NEWS_HTML / row["file"]).read_bytes())


def http(status: str, content_type: str | None) -> StatusAndHeaders:
    headers = [("Content-Type", content_type)] if content_type else []
    return StatusAndHeaders(status, headers, protocol="HTTP/1.1")


def warc_date(row: dict) -> str:
    return f"{row['published']}T08:30:00Z"


def build_warc(path: Path, gz: bool) -> list[dict]:
    """warcinfo, request, page 1 (charset utf-8), page 2 (no charset), metadata, revisit, 404,
    image, page 3 (the last record, where the truncation tests cut)."""
    rows = gold(NEWS_HTML)
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=gz)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "test", "format": "WARC File Format 1.1"}))
        request = StatusAndHeaders("GET /stories/3376705/ HTTP/1.1", [("Host", "orf.at")], is_http_request=True)
        w.write_record(w.create_warc_record(rows[0]["url"], "request", http_headers=request))

        def response(row: dict, content_type: str) -> None:
            w.write_record(w.create_warc_record(
                row["url"], "response", payload=io.BytesIO(page(row)), http_headers=http("200 OK", content_type),
                warc_headers_dict={"WARC-Date": warc_date(row)},
            ))

        response(rows[0], "text/html; charset=UTF-8")
        response(rows[1], "text/html")
        w.write_record(w.create_warc_record(
            rows[1]["url"], "metadata", payload=io.BytesIO(b"via: https://example.org/\r\n"),
            warc_content_type="application/warc-fields",
        ))
        w.write_record(w.create_revisit_record(
            rows[0]["url"], digest="sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", refers_to_uri=rows[0]["url"],
            refers_to_date=warc_date(rows[0]), http_headers=http("200 OK", "text/html"),
        ))
        w.write_record(w.create_warc_record(
            "https://orf.at/missing", "response", payload=io.BytesIO(b"<html><body>Not found</body></html>"),
            http_headers=http("404 Not Found", "text/html"),
        ))
        w.write_record(w.create_warc_record(
            "https://orf.at/logo.jpg", "response", payload=io.BytesIO(JPEG), http_headers=http("200 OK", "image/jpeg"),
        ))
        response(rows[2], "application/xhtml+xml; charset=ISO-8859-1")
    return rows


@pytest.fixture(params=[False, True], ids=["warc", "warc.gz"])
def archive(request, tmp_path) -> tuple[Path, list[dict]]:
    path = tmp_path / ("crawl.warc.gz" if request.param else "crawl.warc")
    return path, build_warc(path, request.param)


def test_every_record_is_a_document_or_a_counted_skip(archive):
    path, rows = archive
    items = list(iter_archive(str(path)))
    docs = [i for i in items if isinstance(i, ArchiveDocument)]
    skips = Counter(i.kind for i in items if isinstance(i, ArchiveSkip))
    assert len(items) == 9 and not [i for i in items if isinstance(i, ArchiveDamage)]
    assert skips == {"warcinfo": 1, "request": 1, "metadata": 1, "revisit": 1, "http-404": 1, "non-html": 1}
    assert [i.reason for i in items if isinstance(i, ArchiveSkip) and i.kind == "non-html"] == ["image/jpeg"]
    assert [d.target_uri for d in docs] == [r["url"] for r in rows]
    assert [d.http_charset for d in docs] == ["utf-8", None, "iso-8859-1"]
    assert [d.fetched_at for d in docs] == [
        datetime.fromisoformat(f"{r['published']}T08:30:00").replace(tzinfo=timezone.utc) for r in rows
    ]
    assert [d.body for d in docs] == [page(r) for r in rows]
    assert all(d.format == "html" and d.sha256 == hashlib.sha256(d.body).hexdigest() for d in docs)
    assert all(d.record_id.startswith("urn:uuid:") and d.path == f"{path}#{d.record_id}" for d in docs)


def test_offsets_point_at_the_records(archive):
    path, _ = archive
    with open(path, "rb") as fh:
        for item in iter_archive(str(path)):
            fh.seek(item.offset)
            record = next(iter(ArchiveIterator(fh)))
            assert record.rec_headers.get_header("WARC-Record-ID").strip("<>") == item.record_id


def test_truncated_mid_record_keeps_the_records_before(archive):
    path, _ = archive
    last = list(iter_archive(str(path)))[-1]
    data = path.read_bytes()
    path.write_bytes(data[: last.offset + (len(data) - last.offset) // 2])
    items = list(iter_archive(str(path)))
    assert len(items) == 9
    assert Counter(type(i).__name__ for i in items) == {"ArchiveDocument": 2, "ArchiveSkip": 6, "ArchiveDamage": 1}
    damage = items[-1]
    assert isinstance(damage, ArchiveDamage) and damage.offset == last.offset
    assert damage.reason.startswith("truncated")


def test_truncated_inside_the_headers_is_reported_too(archive):
    """warcio stops without an error when a gzip member ends inside a record's WARC headers,
    and yields a record without a length from an uncompressed file."""
    path, _ = archive
    last = list(iter_archive(str(path)))[-1]
    path.write_bytes(path.read_bytes()[: last.offset + 40])
    items = list(iter_archive(str(path)))
    reason = ("truncated: 40 bytes after the last whole record" if path.suffix == ".gz"
              else "record None has no valid Content-Length: its headers are cut short or broken")
    assert len(items) == 9 and items[-1] == ArchiveDamage(last.offset, reason)


def test_a_corrupt_gzip_member_stops_with_its_offset(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    build_warc(path, gz=True)
    third = list(iter_archive(str(path)))[2]
    data = bytearray(path.read_bytes())
    for i in range(third.offset + 100, third.offset + 200):
        data[i] ^= 0x55
    path.write_bytes(bytes(data))
    items = list(iter_archive(str(path)))
    assert [type(i) for i in items] == [ArchiveSkip, ArchiveSkip, ArchiveDamage]
    assert items[-1].offset == third.offset


def test_a_warc_gzipped_whole_is_damage_after_its_first_record(tmp_path):
    """`gzip crawl.warc` makes one gzip stream, which warcio refuses past the first record."""
    plain = tmp_path / "crawl.warc"
    build_warc(plain, gz=False)
    whole = tmp_path / "whole.warc.gz"
    whole.write_bytes(gzip.compress(plain.read_bytes()))
    items = list(iter_archive(str(whole)))
    assert [type(i) for i in items] == [ArchiveSkip, ArchiveDamage] and items[0].kind == "warcinfo"
    assert items[1].offset == 0 and "non-chunked gzip file detected" in items[1].reason
    assert "warcio recompress" in items[1].reason


def test_a_file_that_is_not_an_archive_is_damage_at_zero(tmp_path):
    path = tmp_path / "page.warc"
    path.write_bytes(page(gold(NEWS_HTML, 1)[0]))
    [damage] = iter_archive(str(path))
    assert isinstance(damage, ArchiveDamage) and damage.offset == 0
    assert damage.reason.startswith("ArchiveLoadFailed: Unknown archive format")


def test_a_payload_over_the_cap_is_skipped_as_too_large(archive):
    path, _ = archive
    items = list(iter_archive(str(path), Limits(max_decompressed_bytes=100_000)))
    sizes = [len(page(r)) for r in gold(NEWS_HTML)]
    too_large = [i for i in items if isinstance(i, ArchiveSkip) and i.kind == "too-large"]
    assert len(too_large) == sum(s > 100_000 for s in sizes) > 0
    assert too_large[0].reason == "payload over max_decompressed_bytes=100000"
    assert len([i for i in items if isinstance(i, ArchiveDocument)]) == sum(s <= 100_000 for s in sizes)


def test_wet_conversion_records_are_text_documents(tmp_path):
    rows = gold(NEWS_TEXT)
    path = tmp_path / "CC-NEWS-00001.warc.wet.gz"
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "test"}))
        for row in rows:
            w.write_record(w.create_warc_record(
                row["url"], "conversion", payload=io.BytesIO((NEWS_TEXT / row["file"]).read_bytes()),
                warc_content_type="text/plain", warc_headers_dict={"WARC-Date": warc_date(row)},
            ))
    items = list(iter_archive(str(path)))
    docs = [i for i in items if isinstance(i, ArchiveDocument)]
    assert [i.kind for i in items if isinstance(i, ArchiveSkip)] == ["warcinfo"]
    assert [(d.format, d.target_uri) for d in docs] == [("text", r["url"]) for r in rows]
    assert [d.body for d in docs] == [(NEWS_TEXT / r["file"]).read_bytes() for r in rows]
    assert docs[0].body.decode("utf-8").count("Bondi") > 0


def test_resource_records_html_and_text(tmp_path):
    row = gold(NEWS_HTML, 1)[0]
    path = tmp_path / "browsertrix.warc"
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=False)
        for content_type, body in (("text/html; charset=utf-8", page(row)), ("text/plain", b"plain text"),
                                   ("application/pdf", b"%PDF-1.7")):
            w.write_record(w.create_warc_record(row["url"], "resource", payload=io.BytesIO(body),
                                                warc_content_type=content_type))
    items = list(iter_archive(str(path)))
    assert [(type(i).__name__, getattr(i, "format", None) or i.reason) for i in items] == [
        ("ArchiveDocument", "html"), ("ArchiveDocument", "text"), ("ArchiveSkip", "application/pdf")
    ]
    assert items[0].http_charset == "utf-8" and items[0].body == page(row)


def test_document_paths_and_archive_names():
    path = document_path("crawls/2024#1/a.warc.gz", "urn:uuid:5b2a0f3e-0d1c-4a52-9a0e-1f8c3d2b7e10")
    assert path == "crawls/2024#1/a.warc.gz#urn:uuid:5b2a0f3e-0d1c-4a52-9a0e-1f8c3d2b7e10"
    assert split_document_path(path) == ("crawls/2024#1/a.warc.gz", "urn:uuid:5b2a0f3e-0d1c-4a52-9a0e-1f8c3d2b7e10")
    assert split_document_path("seeds/a#b.html") is None
    assert [is_archive(n) for n in ("a.warc", "A.WARC.GZ", "CC-NEWS.warc.wet.gz", "x.wet", "x.html.gz", "x.warc.txt")] == [
        True, True, True, True, False, False
    ]
