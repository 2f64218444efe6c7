"""Typed records passed between pipeline stages.

One document's path through the pipeline:
SourceFile (discovered) -> RawDocument (read, decoded) -> Extraction (fields) -> a row in
`articles`; or, at any stage, a Quarantined record with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class SourceFile:
    path: str  # as found on disk
    format: str  # "text" or "html"
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


@dataclass(frozen=True)
class RawDocument:
    path: str
    sha256: str  # of the bytes as stored on disk (gzip included)
    size: int
    format: str  # "text" or "html"
    encoding: str
    text: str  # decoded, otherwise unchanged

    @property
    def document_id(self) -> str:
        return self.sha256[:16]


@dataclass(frozen=True)
class Quarantined:
    path: str
    stage: str  # ingest | extract | validate
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
    outlet: str | None  # canonical registry name, or None
    dateline: str | None
    wire: str | None
    language: str | None
    body: str
    lines: tuple[LineMark, ...] = ()
    date_finding: DateFinding | None = None
    removed_counts: dict[str, int] = field(default_factory=dict)
    source_host: str | None = None  # the page's own host (HTML canonical/og:url), when it says

    @property
    def word_count(self) -> int:
        return len(self.body.split())


@dataclass(frozen=True)
class ExtractedDocument:
    """A document and what extraction made of it: one staged article."""

    doc: RawDocument
    extraction: Extraction

    @property
    def article_id(self) -> str:
        return self.doc.document_id


@dataclass(frozen=True)
class ExtractBatch:
    articles: list[ExtractedDocument]
    quarantined: list[Quarantined]
