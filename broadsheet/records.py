"""Typed records passed between pipeline stages.

One document's path through the pipeline:
SourceFile (discovered) -> RawDocument (read, decoded) -> Extraction (fields) -> a row in
`articles`; or, at any stage, a Quarantined record with its reason; or a Skipped record
(ignored, unchanged, duplicate). Every input path ends as exactly one of these.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime

import zstandard


@dataclass(frozen=True)
class SourceFile:
    path: str  # as found on disk
    format: str  # "text", "html" or "archive" (a WARC/WET file: its records are documents)
    gzipped: bool
    size: int = -1  # stat at discovery, to skip unchanged files unread; -1: unknown
    mtime_ns: int = -1  # -1: unknown, or too recent to trust (see ingest.RACY_NS)


@dataclass(frozen=True)
class FileVersion:
    """A file as a run read it: its stat at discovery and the sha256 of its bytes."""

    path: str
    size: int
    mtime_ns: int
    sha256: str


def pack(text: str) -> bytes:
    """A page's text as it travels between processes and is stored: UTF-8 in a zstd frame,
    about a fifth of its size (HTML), made in the worker that read it. Lone surrogates pass
    through, so any decoded text comes back as it was."""
    return zstandard.compress(text.encode("utf-8", "surrogatepass"), 3)


def unpack(packed: bytes) -> str:
    return zstandard.decompress(packed).decode("utf-8", "surrogatepass")


@dataclass(frozen=True)
class RawDocument:
    """A page as read, held packed (see `pack`): a batch in a worker, shipped back to the single
    writer or stored costs its compressed bytes; the text is unpacked where it is read, once
    per document, and dropped with it."""

    path: str  # a file's, or "<archive>#<record id>" for a web archive's record
    sha256: str  # of the bytes as stored on disk (gzip included), or of the record's payload
    size: int
    format: str  # "text" or "html"
    encoding: str
    packed: bytes  # the decoded text, otherwise unchanged, packed
    # What the crawl knew (a web archive's record, a manifest): the strongest evidence there is.
    url: str | None = None
    fetched_at: datetime | None = None
    claimed_outlet: str | None = None  # the outlet a crawl manifest names

    @classmethod
    def of_text(cls, path: str, sha256: str, size: int, format: str, encoding: str, text: str, **crawl) -> RawDocument:
        return cls(path, sha256, size, format, encoding, pack(text), **crawl)

    @property
    def text(self) -> str:
        return unpack(self.packed)

    @property
    def document_id(self) -> str:
        return self.sha256[:16]


@dataclass(frozen=True)
class Quarantined:
    path: str
    stage: str  # ingest | extract | load | validate
    reason: str
    sha256: str | None = None


@dataclass(frozen=True)
class Skipped:
    """An input that needs no processing, and why: `ignored` (not an input: not a regular
    file, a symlink loop, a link leaving the input roots, an unsupported extension),
    `unchanged` (the file index says it was read before) or `duplicate` (same bytes as
    another document, this run or earlier)."""

    path: str
    outcome: str  # ignored | unchanged | duplicate
    reason: str
    sha256: str | None = None


@dataclass(frozen=True)
class LineMark:
    """One input line and what the cleaner decided about it (for provenance and `explain`)."""

    number: int  # 1-based line number in the document
    text: str
    kept: bool
    reason: str | None = None  # why it was removed; None when kept


@dataclass(frozen=True)
class DateCandidate:
    day: date
    evidence: str  # the text the date was read from
    kind: str  # published-label | updated-label | byline | dateline | meta | url | text | ...
    score: float
    rejected: str | None = None  # why it cannot be the publication day, if it cannot


@dataclass(frozen=True)
class DateFinding:
    published: date | None
    evidence: str | None
    kind: str | None
    candidates: tuple[DateCandidate, ...] = ()
    note: str | None = None  # why we abstained, or why the winner won


@dataclass(frozen=True)
class Extraction:
    title: str | None
    published: date | None
    published_evidence: str | None
    published_kind: str | None
    outlet: str | None  # the registry's name, a discovered outlet's, or None (outlet_source says which)
    dateline: str | None
    wire: str | None
    language: str | None
    body: str
    lines: tuple[LineMark, ...] = ()
    date_finding: DateFinding | None = None
    removed_counts: dict[str, int] = field(default_factory=dict)
    source_host: str | None = None  # the page's own host (HTML canonical/og:url), when it says
    url: str | None = None  # the page's own URL (canonical, og:url, JSON-LD; a text dump's URL line)
    outlet_source: str | None = None  # manifest | registry | page | domain
    outlet_evidence: str | None = None  # the text the outlet was read from
    # Text pages: the distinct fingerprints of its paragraphs, sorted (outlet templates learn
    # from them); computed in the worker so the writer only hands them to Arrow.
    fingerprints: tuple[int, ...] = ()
    # Why this is not an article to publish, as "code: detail" (page_too_large, html_too_deep,
    # body_too_long, not_an_article); the pipeline quarantines it.
    rejected: str | None = None

    @property
    def word_count(self) -> int:
        return len(self.body.split())


@dataclass(frozen=True)
class ExtractedDocument:
    """A document and what extraction made of it: one staged article."""

    doc: RawDocument
    extraction: Extraction
    # Text pages: the key of the article it carries (broadsheet.extract.templates), computed
    # in the worker so the writer does no per-row work.
    article_key: str = ""
    url: str | None = None  # the crawl's URL for the page, else the page's own canonical URL
    domain: str | None = None  # its registrable domain
    word_count: int = 0
    content_hash: str = ""  # of the body, case and spacing folded (`content_hash` below)
    boilerplate_line_share: float | None = None  # quality.boilerplate_line_share of the body

    @property
    def article_id(self) -> str:
        return self.doc.document_id


@dataclass(frozen=True)
class ExtractBatch:
    articles: list[ExtractedDocument]
    quarantined: list[Quarantined]


@dataclass(frozen=True)
class FileBatch:
    """A batch of input files after a worker read and extracted them, and after the flow
    sorted out the duplicates: what one staging transaction writes."""

    articles: list[ExtractedDocument]
    quarantined: list[Quarantined]
    files: list[FileVersion]  # every file hashed, for the file index
    skipped: list[Skipped] = field(default_factory=list)  # duplicates; an archive's non-page records


@dataclass(frozen=True)
class RunCounts:
    """What a run did with its inputs, stage by stage."""

    discovered: int = 0
    already_known: int = 0
    read: int = 0
    extracted: int = 0
    quarantined: int = 0
    published: int = 0
    checks_failed: int = 0


@dataclass(frozen=True)
class RunOutcome:
    status: str  # published | nothing-new | blocked | released
    counts: RunCounts
    message: str | None = None
    inputs: dict[str, int] = field(default_factory=dict)  # input paths per outcome (input_outcomes)


def content_hash(body: str) -> str:
    """A body's digest with case and spacing folded: the same story in two files has one."""
    return hashlib.sha256(" ".join(body.lower().split()).encode()).hexdigest()
