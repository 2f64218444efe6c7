"""Stage 1: find input files and read them into RawDocuments (or quarantine them)."""

from __future__ import annotations

import gzip
import hashlib
import os
import time
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from charset_normalizer import from_bytes

from broadsheet.records import FileVersion, Quarantined, RawDocument, SourceFile

FORMATS = {".txt": "text", ".html": "html", ".htm": "html"}
# A file modified this recently may change again within the same mtime tick without its stat
# changing (git's "racily clean" problem): its mtime is not trusted, so it is hashed next time.
RACY_NS = 2_000_000_000


class InputPathError(ValueError):
    """A path given by the user does not exist."""


def source_file(path: Path) -> SourceFile | None:
    """The SourceFile for a supported path, or None when the suffix is not ours."""
    name = path.name.lower()
    gzipped = name.endswith(".gz")
    stem_suffix = Path(name[:-3]).suffix if gzipped else path.suffix.lower()
    fmt = FORMATS.get(stem_suffix)
    if not fmt:
        return None
    try:
        st = path.stat()
    except OSError:  # vanished or unreadable: reading it will quarantine it with the reason
        return SourceFile(str(path), fmt, gzipped)
    recent = time.time_ns() - st.st_mtime_ns < RACY_NS
    return SourceFile(str(path), fmt, gzipped, st.st_size, -1 if recent else st.st_mtime_ns)


@dataclass(frozen=True)
class Discovery:
    to_read: list[SourceFile]
    unchanged: int  # same path, size and mtime as when last read: skipped without reading

    @property
    def found(self) -> int:
        return len(self.to_read) + self.unchanged


def skip_unchanged(sources: list[SourceFile], index: dict[str, tuple[int, int]]) -> Discovery:
    """Drop files whose (size, mtime_ns) match the index: a no-op rerun reads nothing."""
    to_read = [s for s in sources if s.mtime_ns < 0 or index.get(s.path) != (s.size, s.mtime_ns)]
    return Discovery(to_read, len(sources) - len(to_read))


def discover(paths: Iterable[str | os.PathLike]) -> list[SourceFile]:
    """Every supported file under the given files and folders, in a stable order."""
    found: dict[str, SourceFile] = {}
    for given in paths:
        root = Path(given)
        if not root.exists():
            raise InputPathError(f"no such file or directory: {given}")
        candidates = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in candidates:
            sf = source_file(path)
            if sf is not None:
                found.setdefault(sf.path, sf)
            elif root.is_file():
                raise InputPathError(f"not a supported input (.txt, .html, .htm, optionally .gz): {given}")
    return list(found.values())


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode(data: bytes, fmt: str) -> tuple[str, str]:
    """Decode bytes to text; returns (text, encoding). Raises ValueError when it is not text."""
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValueError("binary content (NUL bytes), not a text or HTML page")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise ValueError("undecodable bytes: no character encoding fits")
    return str(best), best.encoding


def read_document(source: SourceFile) -> RawDocument | Quarantined:
    """Read one file. IO errors propagate (the caller may retry); bad content is quarantined."""
    stored = Path(source.path).read_bytes()
    digest = sha256_of(stored)
    data = stored
    if source.gzipped:
        try:
            data = gzip.decompress(stored)
        except (OSError, EOFError, zlib.error) as exc:
            return Quarantined(source.path, "ingest", f"corrupt gzip: {exc}", digest)
    if not data.strip():
        return Quarantined(source.path, "ingest", "empty file", digest)
    try:
        text, encoding = decode(data, source.format)
    except ValueError as exc:
        return Quarantined(source.path, "ingest", str(exc), digest)
    return RawDocument(source.path, digest, len(stored), source.format, encoding, text)


@dataclass(frozen=True)
class IngestBatch:
    documents: list[RawDocument]
    quarantined: list[Quarantined]
    already_known: int
    files: list[FileVersion] = field(default_factory=list)  # every file hashed, for the file index


def read_with_retries(source: SourceFile, attempts: int = 3, backoff: float = 0.2) -> RawDocument | Quarantined:
    """Retry only IO errors (a file still being written, a flaky mount); bad content is not retried."""
    for attempt in range(1, attempts + 1):
        try:
            return read_document(source)
        except OSError as exc:
            if attempt == attempts:
                return Quarantined(source.path, "ingest", f"unreadable after {attempts} attempts: {exc}")
            time.sleep(backoff * 2 ** (attempt - 1))
    raise AssertionError("unreachable")


def read_documents(
    sources: Iterable[SourceFile], known: set[str], current: dict[str, str] | None = None
) -> IngestBatch:
    """Read a batch; documents whose sha256 is already known are skipped (counted), unless
    their path's current version (`current`: path -> sha256) is another one: a page reverted
    to an earlier version must replace the current one."""
    current = current or {}
    documents: list[RawDocument] = []
    quarantined: list[Quarantined] = []
    files: list[FileVersion] = []
    skipped = 0
    seen_here: set[str] = set()
    for source in sources:
        result = read_with_retries(source)
        digest = result.sha256
        if digest:
            files.append(FileVersion(source.path, source.size, source.mtime_ns, digest))
        reverted = current.get(source.path, digest) != digest
        if digest and (digest in seen_here or (digest in known and not reverted)):
            skipped += 1
            continue
        if digest:
            seen_here.add(digest)
        (documents if isinstance(result, RawDocument) else quarantined).append(result)
    return IngestBatch(documents, quarantined, skipped, files)
