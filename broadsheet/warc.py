"""Web archives in: WARC (`.warc`, `.warc.gz` with one gzip member per record) and WET
(`.wet`, `.warc.wet.gz`), read record by record with warcio, so an archive of any size costs
one record's payload in memory (at most `max_decompressed_bytes`).

Every record yields one item: an `ArchiveDocument` (an HTML response or resource, or a text
dump: WET `conversion`, text `resource`) or an `ArchiveSkip` saying which kind of record it was
(request, metadata, revisit, warcinfo, non-html, http-404, too-large, ...), so a caller can
count them per archive and nothing disappears. A truncated or corrupt archive yields every
record before the damage and then one `ArchiveDamage` with the offset and the reason.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from email.message import Message

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

from broadsheet.paths import disk_path
from broadsheet.limits import Limits

ARCHIVE_SUFFIXES = (".warc", ".warc.gz", ".wet", ".wet.gz")  # ".warc.wet.gz" ends with ".wet.gz"
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})


def is_archive(name: str) -> bool:
    return name.lower().endswith(ARCHIVE_SUFFIXES)


def document_path(archive_path: str, record_id: str) -> str:
    """A record's path-like id, "<archive path>#<record id>". Record ids are URIs
    ("urn:uuid:..."), which hold no "#", so `split_document_path` inverts it even when the
    archive's name has one."""
    return f"{archive_path}#{record_id}"


def split_document_path(path: str) -> tuple[str, str] | None:
    """(archive path, record id) of a `document_path`, or None for a plain file's path."""
    archive, sep, record_id = path.rpartition("#")
    return (archive, record_id) if sep and record_id.startswith("urn:") else None


@dataclass(frozen=True)
class ArchiveDocument:
    archive: str  # the archive's path, as given to iter_archive
    record_id: str  # WARC-Record-ID without its angle brackets
    target_uri: str | None
    fetched_at: datetime | None  # WARC-Date, in UTC
    http_charset: str | None  # charset of the Content-Type the server sent, lowercased
    format: str  # "html" or "text"
    body: bytes  # the payload: HTTP headers removed, transfer and content encodings undone
    sha256: str  # of `body`: the same page in two archives, or twice in one, is one content
    offset: int  # of the record in the archive file (compressed, for .gz: where to seek)

    @property
    def path(self) -> str:
        return document_path(self.archive, self.record_id)


@dataclass(frozen=True)
class ArchiveSkip:
    """A record that is not a document, and why."""

    kind: str  # request | metadata | revisit | warcinfo | non-html | http-<status> | too-large | <other WARC type>
    record_id: str | None
    target_uri: str | None
    offset: int
    reason: str | None = None  # the content type, the size: what the kind alone does not say


@dataclass(frozen=True)
class ArchiveDamage:
    """The archive cannot be read past `offset`: every record before it was yielded."""

    offset: int
    reason: str


ArchiveItem = ArchiveDocument | ArchiveSkip | ArchiveDamage


def _content_type(value: str | None) -> tuple[str | None, str | None]:
    """(media type, charset) of a Content-Type header value, lowercased."""
    if not value:
        return None, None
    parsed = Message()
    parsed["Content-Type"] = value
    return parsed.get_content_type(), parsed.get_content_charset()


def _warc_date(value: str | None) -> datetime | None:
    try:
        when = datetime.fromisoformat(value) if value else None
    except ValueError:
        return None
    return when.replace(tzinfo=timezone.utc) if when and when.tzinfo is None else when


def _classify(record: ArcWarcRecord) -> tuple[str | None, str | None, str | None, str | None]:
    """(format, charset, skip kind, skip reason): a document has a format, a skip a kind."""
    kind = record.rec_type
    if kind == "response":
        if record.http_headers is None:  # dns: and other non-HTTP captures
            return None, None, "non-html", "not an HTTP response"
        status = record.http_headers.get_statuscode()
        if status != "200":
            return None, None, f"http-{status}", None
        media, charset = _content_type(record.http_headers.get_header("Content-Type"))
        if media in HTML_TYPES:
            return "html", charset, None, None
        return None, None, "non-html", media or "no Content-Type"
    if kind in ("resource", "conversion"):
        media, charset = _content_type(record.rec_headers.get_header("Content-Type"))
        if media in HTML_TYPES:
            return "html", charset, None, None
        if media in TEXT_TYPES:
            return "text", charset, None, None
        return None, None, "non-html", media or "no Content-Type"
    return None, None, kind, None


def _one_line(exc: Exception) -> str:
    return f"{type(exc).__name__}: {' '.join(str(exc).split())[:500]}"


def iter_archive(path: str, limits: Limits = Limits()) -> Iterator[ArchiveItem]:
    """One item per record of the archive at `path` (a stored path, as `SourceFile.path`
    holds it), in file order; an `ArchiveDamage` last if the archive is truncated or corrupt.
    IO errors opening or reading the file propagate, like `ingest.read_document`'s."""
    cap = limits.max_decompressed_bytes
    with open(disk_path(path), "rb") as fh:
        records = ArchiveIterator(fh)
        # Where the next record starts, taken while warcio's own `offset` is right: once it
        # raises, that attribute may already have moved on.
        next_offset = 0
        try:
            for record in records:
                fmt, charset, kind, reason = _classify(record)
                body = record.content_stream().read(cap + 1) if fmt else b""
                offset = records.get_record_offset()  # reads the record to its end
                next_offset = records.offset
                record_id = (record.rec_headers.get_header("WARC-Record-ID") or "").strip("<>") or None
                target_uri = record.rec_headers.get_header("WARC-Target-URI")
                # warcio bounds a record by its Content-Length (a LimitReader): without one the
                # record runs to the end of the file; with bytes still owed, the file ended early.
                owed = getattr(record.raw_stream, "limit", None)
                if owed is None:
                    reason = f"record {record_id} has no valid Content-Length: its headers are cut short or broken"
                    yield ArchiveDamage(offset, reason)
                    return
                if owed:
                    yield ArchiveDamage(offset, f"truncated: record {record_id} ends {owed} bytes short")
                    return
                if fmt and len(body) > cap:
                    kind, reason = "too-large", f"payload over max_decompressed_bytes={cap}"
                if kind or not record_id:
                    yield ArchiveSkip(kind or "no-record-id", record_id, target_uri, offset, reason)
                    continue
                yield ArchiveDocument(
                    path, record_id, target_uri, _warc_date(record.rec_headers.get_header("WARC-Date")),
                    charset, fmt, body, hashlib.sha256(body).hexdigest(), offset,
                )
        except OSError:
            raise
        except Exception as exc:  # noqa: BLE001 - warcio meets damage with ArchiveLoadFailed,
            # but also with EOFError, zlib.error or AttributeError from deep in its readers
            # (a whole file gzipped as one stream reads as damage after its first record, with
            # warcio's advice to recompress it, and offsets warcio cannot place: below zero)
            yield ArchiveDamage(max(next_offset, 0), _one_line(exc))
            return
        # warcio ends quietly when a gzip member stops inside a record's headers: the bytes
        # left after the last whole record are that damage. (A member missing only its gzip
        # trailer, the record itself whole, passes unnoticed: warcio does not check it.)
        size = os.fstat(fh.fileno()).st_size
        if next_offset < size:
            yield ArchiveDamage(next_offset, f"truncated: {size - next_offset} bytes after the last whole record")
