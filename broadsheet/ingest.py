"""Stage 1: find input files and read them into RawDocuments, or say why not.

Every directory entry under an input root ends with a recorded outcome: a SourceFile to read,
or a `Skipped` entry (ignored) with its reason (not a regular file, a symlink loop, a link leaving the
input roots, an unsupported extension). Reading is bounded by `Limits`: a file too large is
not read, a gzip bomb stops at the decompression cap. File names that are not valid UTF-8 are
kept losslessly in an escaped form (`storable_path` / `disk_path`).
"""

from __future__ import annotations

import codecs
import errno
import gzip
import hashlib
import io
import os
import stat
import time
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from charset_normalizer import from_bytes

from broadsheet.limits import Limits
from broadsheet.manifest import ManifestEntry, manifest_key
from broadsheet.paths import disk_path, storable_path
from broadsheet.urls import normalise_url
from broadsheet.warc import ArchiveDamage, ArchiveSkip, document_path, is_archive, iter_archive
from broadsheet.records import ExtractedDocument, FileBatch, FileVersion, Quarantined, RawDocument, Skipped, SourceFile

FORMATS = {".txt": "text", ".html": "html", ".htm": "html"}
SUPPORTED = ".txt, .html, .htm, optionally .gz; web archives .warc, .warc.gz, .wet, .warc.wet.gz"
# A file modified this recently may change again within the same mtime tick without its stat
# changing (git's "racily clean" problem): its mtime is not trusted, so it is hashed next time.
RACY_NS = 2_000_000_000


class InputPathError(ValueError):
    """A path given by the user does not exist or is not an input."""


def input_format(name: str) -> tuple[str, bool] | None:
    """(format, gzipped) for a supported file name, else None; a web archive is "archive"
    (its records are documents, read by `read_archive`)."""
    name = name.lower()
    if is_archive(name):
        return "archive", name.endswith(".gz")
    gzipped = name.endswith(".gz")
    fmt = FORMATS.get(Path(name[:-3] if gzipped else name).suffix)
    return (fmt, gzipped) if fmt else None


def source_file(path: Path | str, st: os.stat_result | None = None) -> SourceFile | None:
    """The SourceFile for a supported path, or None when the suffix is not ours."""
    path = str(path)
    kind = input_format(os.path.basename(path))
    if kind is None:
        return None
    try:
        st = st or os.stat(path)
    except OSError:  # vanished or unreadable: reading it will quarantine it with the reason
        return SourceFile(storable_path(path), *kind)
    recent = time.time_ns() - st.st_mtime_ns < RACY_NS
    return SourceFile(storable_path(path), *kind, st.st_size, -1 if recent else st.st_mtime_ns)


@dataclass(frozen=True)
class Found:
    """What discovery saw: files to consider and entries that are not inputs."""

    sources: list[SourceFile]
    ignored: list[Skipped]


def _inside(real: str, roots: list[str]) -> bool:
    return any(real == root or real.startswith(root.rstrip(os.sep) + os.sep) for root in roots)


def _kind_of(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device")):
        if test(mode):
            return name
    return "not a regular file"


def check_roots(paths: Iterable[str | os.PathLike]) -> None:
    """What makes a whole run's input wrong, found without walking the folders (a crawl's
    100k files take ~2 s): a path that does not exist, a link that cannot be followed, a file
    named that is not a supported input."""
    for root in map(os.fspath, paths):
        if not os.path.lexists(root):
            raise InputPathError(f"no such file or directory: {root}")
        try:
            st = os.stat(root)
        except OSError as exc:
            raise InputPathError(f"{root}: link cannot be followed: {exc.strerror}") from exc
        if stat.S_ISREG(st.st_mode) and input_format(os.path.basename(root)) is None:
            raise InputPathError(f"not a supported input ({SUPPORTED}): {root}")


def discover(paths: Iterable[str | os.PathLike], follow_symlinks: bool = False) -> Found:
    """Every entry under the given files and folders, in a stable order. Symlinks are followed
    only while they stay inside the input roots (or everywhere with `follow_symlinks`)."""
    given = [os.fspath(p) for p in paths]
    check_roots(given)
    roots = [os.path.realpath(root) for root in given]
    sources: dict[str, SourceFile] = {}
    ignored: dict[str, Skipped] = {}
    walked: set[tuple[int, int]] = set()

    def ignore(path: str, reason: str) -> None:
        stored = storable_path(path)
        if stored not in sources:
            ignored.setdefault(stored, Skipped(stored, "ignored", reason))

    def visit(path: str, explicit: bool) -> None:
        try:
            lst = os.lstat(path)
        except OSError as exc:
            return ignore(path, f"cannot be listed: {exc.strerror}")
        if stat.S_ISLNK(lst.st_mode) and not explicit:
            try:
                real = os.path.realpath(path, strict=True)
                st = os.stat(path)
            except (OSError, RuntimeError) as exc:
                loop = getattr(exc, "errno", None) == errno.ELOOP or isinstance(exc, RuntimeError)
                return ignore(path, "symlink loop" if loop else "broken symlink: its target does not exist")
            if not follow_symlinks and not _inside(real, roots):
                return ignore(path, f"link leaves the input roots (to {storable_path(real)}); --follow-symlinks follows it")
            if stat.S_ISDIR(st.st_mode) and _inside(real, roots):
                return ignore(path, "link to a folder inside the input roots: walked there")
        elif stat.S_ISLNK(lst.st_mode):  # a root given as a link: the user named it, follow it
            try:
                st = os.stat(path)
            except OSError as exc:  # gone since check_roots
                return ignore(path, f"link cannot be followed: {exc.strerror}")
        else:
            st = lst
        if stat.S_ISDIR(st.st_mode):
            if (st.st_dev, st.st_ino) in walked:
                return
            walked.add((st.st_dev, st.st_ino))
            try:
                names = sorted(os.listdir(path))
            except OSError as exc:
                return ignore(path, f"folder cannot be listed: {exc.strerror}")
            for name in names:
                visit(os.path.join(path, name), explicit=False)
            return
        if not stat.S_ISREG(st.st_mode):
            return ignore(path, f"{_kind_of(st.st_mode)}, not a regular file")
        sf = source_file(path, st)
        if sf is None:
            return ignore(path, f"unsupported extension ({SUPPORTED})")
        sources.setdefault(sf.path, sf)

    for root in given:
        visit(root, explicit=True)
    return Found(list(sources.values()), list(ignored.values()))


@dataclass(frozen=True)
class Discovery:
    to_read: list[SourceFile]
    unchanged: list[Skipped]  # same size and mtime as when last read: not read again
    ignored: list[Skipped]

    @property
    def found(self) -> int:
        return len(self.to_read) + len(self.unchanged) + len(self.ignored)


def skip_unchanged(found: Found, index: dict[str, tuple[int, int]], versions: dict[str, str]) -> Discovery:
    """Drop files whose (size, mtime_ns) match the index: a no-op rerun reads nothing.
    `versions` (path -> sha256 of its current version) names what an unchanged file holds."""
    to_read, unchanged = [], []
    for s in found.sources:
        if s.mtime_ns < 0 or index.get(s.path) != (s.size, s.mtime_ns):
            to_read.append(s)
        else:
            unchanged.append(Skipped(s.path, "unchanged", "same size and mtime as the file index", versions.get(s.path)))
    return Discovery(to_read, unchanged, found.ignored)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode(data: bytes, fmt: str, declared: str | None = None) -> tuple[str, str]:
    """Decode bytes to text; returns (text, encoding). Raises ValueError when it is not text.
    `declared`: the charset the server sent (a web archive keeps it), tried first."""
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValueError("binary content (NUL bytes), not a text or HTML page")
    if declared:
        try:
            return data.decode(declared), codecs.lookup(declared).name
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: detect instead
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise ValueError("undecodable bytes: no character encoding fits")
    return str(best), best.encoding


def _read_capped(path: str, limit: int) -> bytes | int:
    """The file's bytes, or its size when it is over `limit` (then it is not read). Opened
    non-blocking so a FIFO swapped in after discovery cannot hang the run."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise IsADirectoryError(f"{_kind_of(st.st_mode)}, not a regular file")
        if st.st_size > limit:
            return st.st_size
        data = f.read(limit + 1)
    return len(data) if len(data) > limit else data


def _gunzip_capped(stored: bytes, limit: int) -> bytes | None:
    """Decompressed bytes, or None past `limit`: streamed, so a bomb costs `limit` at most."""
    with gzip.GzipFile(fileobj=io.BytesIO(stored)) as g:
        data = g.read(limit + 1)
    return None if len(data) > limit else data


def read_document(
    source: SourceFile, limits: Limits = Limits(), claims: ManifestEntry | None = None
) -> RawDocument | Quarantined:
    """Read one file. IO errors propagate (the caller may retry); bad content is quarantined.
    `claims`: what a crawl manifest says of the file (URL, fetch time, outlet)."""
    stored = _read_capped(disk_path(source.path), limits.max_file_bytes)
    if isinstance(stored, int):
        return Quarantined(source.path, "ingest", f"file_too_large: {stored} bytes > max_file_bytes={limits.max_file_bytes}")
    digest = sha256_of(stored)
    data = stored
    if source.gzipped:
        try:
            data = _gunzip_capped(stored, limits.max_decompressed_bytes)
        except (OSError, EOFError, zlib.error) as exc:
            return Quarantined(source.path, "ingest", f"corrupt gzip: {exc}", digest)
        if data is None:
            return Quarantined(
                source.path, "ingest",
                f"decompressed_too_large: over max_decompressed_bytes={limits.max_decompressed_bytes} "
                f"from {len(stored)} bytes on disk", digest,
            )
    if not data.strip():
        return Quarantined(source.path, "ingest", "empty file", digest)
    try:
        text, encoding = decode(data, source.format)
    except ValueError as exc:
        return Quarantined(source.path, "ingest", str(exc), digest)
    if claims is None:
        return RawDocument.of_text(source.path, digest, len(stored), source.format, encoding, text)
    return RawDocument.of_text(
        source.path, digest, len(stored), source.format, encoding, text,
        url=claims.url, fetched_at=claims.fetched_at, claimed_outlet=claims.outlet,
    )


def read_with_retries(
    source: SourceFile,
    limits: Limits = Limits(),
    claims: ManifestEntry | None = None,
    attempts: int = 3,
    backoff: float = 0.2,
) -> RawDocument | Quarantined:
    """Retry only IO errors (a file still being written, a flaky mount); bad content is not retried."""
    for attempt in range(1, attempts + 1):
        try:
            return read_document(source, limits, claims)
        except IsADirectoryError as exc:  # not a file (any more): retrying will not make it one
            return Quarantined(source.path, "ingest", f"unreadable: {exc}")
        except OSError as exc:
            if attempt == attempts:
                return Quarantined(source.path, "ingest", f"unreadable after {attempts} attempts: {exc}")
            time.sleep(backoff * 2 ** (attempt - 1))
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class IngestBatch:
    documents: list[RawDocument]
    quarantined: list[Quarantined]
    files: list[FileVersion] = field(default_factory=list)  # every file hashed, for the file index
    skipped: list[Skipped] = field(default_factory=list)  # an archive's records that are not pages


def read_documents(
    sources: Iterable[SourceFile], limits: Limits = Limits(), manifest: Mapping[str, ManifestEntry] | None = None
) -> IngestBatch:
    """Read a batch: documents and quarantined files, plus the file index entry of each file
    hashed. Duplicates are sorted out run-wide by `RunContents`, not per batch. `manifest`:
    entries by `manifest_key`."""
    documents: list[RawDocument] = []
    quarantined: list[Quarantined] = []
    files: list[FileVersion] = []
    for source in sources:
        result = read_with_retries(source, limits, (manifest or {}).get(manifest_key(source.path)))
        if result.sha256:
            files.append(FileVersion(source.path, source.size, source.mtime_ns, result.sha256))
        (documents if isinstance(result, RawDocument) else quarantined).append(result)
    return IngestBatch(documents, quarantined, files)


@dataclass
class RunContents:
    """The contents a run has met, so a document is a duplicate across the whole run (and of
    earlier runs), not just within its batch. Lives in the flow process; passed explicitly."""

    known: set[str]  # sha256 stored or quarantined by earlier runs
    current: dict[str, str]  # path -> sha256 of its current version
    first_path: dict[str, str] = field(default_factory=dict)  # sha256 -> first path this run

    def is_duplicate(self, path: str, digest: str | None) -> Skipped | None:
        """A content met earlier in this run, or stored by an earlier run (unless it takes its
        path back to that earlier version: a reverted page replaces the current one)."""
        if not digest:
            return None
        if digest in self.first_path:
            return Skipped(path, "duplicate", f"same bytes as {self.first_path[digest]} (this run)", digest)
        if digest in self.known and self.current.get(path, digest) == digest:
            return Skipped(path, "duplicate", "same bytes as a document of an earlier run", digest)
        self.first_path[digest] = path
        return None

    def sort_out(self, batch: FileBatch) -> FileBatch:
        """The batch without its duplicates, which it lists instead. Batches must come in a
        fixed order (see pipeline.in_order) for the first copy to be the same every run."""
        items = sorted([*batch.articles, *batch.quarantined], key=lambda i: _path_of(i))
        duplicates = {id(i): d for i in items if (d := self.is_duplicate(_path_of(i), _sha_of(i)))}
        return FileBatch(
            [a for a in batch.articles if id(a) not in duplicates],
            [q for q in batch.quarantined if id(q) not in duplicates],
            batch.files,
            [*batch.skipped, *sorted(duplicates.values(), key=lambda d: d.path)],
        )


def _path_of(item: ExtractedDocument | Quarantined) -> str:
    return item.doc.path if isinstance(item, ExtractedDocument) else item.path


def _sha_of(item: ExtractedDocument | Quarantined) -> str | None:
    return item.doc.sha256 if isinstance(item, ExtractedDocument) else item.sha256


def _sha256_of_file(path: str) -> str:
    digest = hashlib.sha256()
    with open(disk_path(path), "rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def read_archive(source: SourceFile, limits: Limits, batch_size: int, max_bytes: int) -> Iterator[IngestBatch]:
    """A web archive's pages in batches of `batch_size` records or `max_bytes` of payloads,
    streamed record by record (an archive of any size costs a batch of pages in memory).
    Records that are not pages are counted per kind in one `ignored` row each; damage
    quarantines the rest of the archive with its offset; the archive's file index entry comes
    with the last batch, so an archive is read again whole until one run has read it to the end."""
    documents: list[RawDocument] = []
    quarantined: list[Quarantined] = []
    skips: Counter[str] = Counter()
    try:
        yield from _archive_batches(source, limits, batch_size, max_bytes, documents, quarantined, skips)
        file = [FileVersion(source.path, source.size, source.mtime_ns, _sha256_of_file(source.path))]
    except OSError as exc:  # unreadable now: what was read stands, the rest is quarantined
        quarantined.append(Quarantined(f"{source.path}#unread", "ingest", f"unreadable archive: {exc}"))
        file = []
    skipped = [
        Skipped(f"{source.path}#{kind}", "ignored", f"{n} {kind} record(s) in the archive: not pages")
        for kind, n in sorted(skips.items())
    ]
    yield IngestBatch(documents, quarantined, file, skipped)


def _archive_batches(
    source: SourceFile, limits: Limits, batch_size: int, max_bytes: int, documents: list, quarantined: list, skips: Counter
) -> Iterator[IngestBatch]:
    """Fill `documents`/`quarantined` record by record, handing over every full batch."""
    held = 0
    for item in iter_archive(source.path, limits):
        if isinstance(item, ArchiveSkip):
            skips[item.kind] += 1
        elif isinstance(item, ArchiveDamage):
            quarantined.append(Quarantined(
                f"{source.path}#damage", "ingest",
                f"damaged_archive: at byte {item.offset}: {item.reason}; the records after it are not read",
            ))
        else:
            path = document_path(source.path, item.record_id)
            try:
                text, encoding = decode(item.body, item.format, item.http_charset)
            except ValueError as exc:
                quarantined.append(Quarantined(path, "ingest", str(exc), item.sha256))
            else:
                documents.append(RawDocument.of_text(
                    path, item.sha256, len(item.body), item.format, encoding, text,
                    url=normalise_url(item.target_uri) or item.target_uri, fetched_at=item.fetched_at,
                ))
            held += len(item.body)
            if len(documents) + len(quarantined) >= batch_size or held >= max_bytes:
                yield IngestBatch(list(documents), list(quarantined))
                documents.clear()
                quarantined.clear()
                held = 0
