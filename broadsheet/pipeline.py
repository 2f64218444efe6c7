"""Plain helpers the flow wires with: batching, an ordered window of work in flight, and the
run's outcome record."""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Protocol, TypeVar

from broadsheet.extract import extract_documents
from broadsheet.extract.templates import article_key
from broadsheet.ingest import IngestBatch, read_archive, read_documents
from broadsheet.limits import Limits
from broadsheet.manifest import ManifestEntry
from broadsheet.outlets import OutletRegistry
from broadsheet.quality import CheckResult, boilerplate_line_share
from broadsheet.records import (
    ExtractedDocument, FileBatch, Quarantined, RawDocument, RunCounts, RunOutcome, SourceFile, content_hash,
)
from broadsheet.urls import registrable_domain

T = TypeVar("T")

# Documents per task run when a run does not say. A task run costs fixed work however many
# documents it carries (Prefect's API ~0.15 CPU-s, the flow's share, a commit), on the cores
# the workers need: 20k text pages took 225 s in batches of 200, 213 s in batches of 500.
MAX_BATCH = 500
MIN_BATCH = 20
# ... and the input bytes a batch may hold, which bound what a worker holds at once: 32 MiB
# is ~170 HTML pages (~190 KB each) or ~1,700 text dumps. A gzipped file holds ~5x its size.
MAX_BATCH_BYTES = 32 << 20
GZIP_EXPANSION = 5
UNKNOWN_SIZE = 64 << 10  # a file whose size discovery did not see


def batch_size_for(documents: int, window: int, requested: int | None = None) -> int:
    """`requested`, or as large as MAX_BATCH while the run still fills its window of batches
    in flight twice, so that no worker idles through the last batches of a small run."""
    if requested:
        return requested
    return max(MIN_BATCH, min(MAX_BATCH, math.ceil(documents / (2 * window))))


def batched(
    items: Sequence[T], size: int, weight: Callable[[T], int] | None = None, taper: int = 1
) -> Iterator[list[T]]:
    """Batches of `size` items, one task run each (never one per document), cut short where
    they would hold more than MAX_BATCH_BYTES by `weight`. With `taper` > 1 (the batches in
    flight) the last batches shrink: none holds more than 1/taper of the items or bytes still
    to hand out (but at least MIN_BATCH items), so the workers finish within a small batch of
    each other instead of one running the last full batch alone."""
    heft = weight or (lambda _: 0)  # weighed as needed: no list of a size per input of the crawl
    left_bytes, start = sum(map(heft, items)), 0
    while start < len(items):
        most = max(min(MIN_BATCH, size), min(size, math.ceil((len(items) - start) / taper)))
        tapered_bytes = min(MAX_BATCH_BYTES, left_bytes // taper)
        end, held = start, 0
        while end < len(items) and end - start < most:
            cap = tapered_bytes if end - start >= MIN_BATCH else MAX_BATCH_BYTES
            item_bytes = heft(items[end])
            if end > start and held + item_bytes > cap:
                break
            held += item_bytes
            end += 1
        yield list(items[start:end])
        left_bytes -= held
        start = end


def input_bytes(source: SourceFile) -> int:
    """What reading a file will hold, as far as discovery knows."""
    size = source.size if source.size >= 0 else UNKNOWN_SIZE
    return size * GZIP_EXPANSION if source.gzipped else size


def stored_bytes(version: tuple[str, str, int]) -> int:
    """The same for a stored page (path, sha256, size on disk)."""
    return version[2]


class Future(Protocol[T]):  # what Prefect's futures (any task runner) offer
    def result(self) -> T: ...


R = TypeVar("R")


def in_order(
    items: Iterable[T],
    submit: Callable[[T], Future[R]],
    window: int,
    on_failure: Callable[[T, Exception], R] | None = None,
) -> Iterator[R]:
    """Submit work for each item, keeping at most `window` in flight, and yield the results in
    submission order: memory is bounded by the window, not the run, and the outcome does not
    depend on which worker finishes first (the first copy of a page is always the same one).
    A failed item yields what `on_failure` makes of it (without one, the failure propagates)."""
    pending: deque[tuple[T, Future[R]]] = deque()

    def settle() -> R:
        item, future = pending.popleft()
        try:
            return future.result()
        except Exception as exc:
            if on_failure is None:
                raise
            return on_failure(item, exc)

    for item in items:
        pending.append((item, submit(item)))
        if len(pending) >= window:
            yield settle()
    while pending:
        yield settle()


def one_by_one(item: list[SourceFile] | IngestBatch, submit: Callable, failure: Exception) -> FileBatch:
    """A batch whose task failed as a whole (a bug outside the per-document guard, a worker
    lost): each of its inputs again on its own, so one bad document costs only itself; one
    that fails alone is quarantined with the error. Deterministic failures are not retried
    beyond this split."""
    if isinstance(item, IngestBatch):
        singles = [IngestBatch([d], []) for d in item.documents]
        parts = [FileBatch([], list(item.quarantined), list(item.files), list(item.skipped))]
    else:
        singles, parts = [[s] for s in item], []
    for single in singles:
        try:
            parts.append(submit(single).result())
        except Exception as exc:  # noqa: BLE001 - this document alone fails: quarantine it
            # No sha256: the content is not "known", so the next run tries it again.
            reason = f"worker_failed: {type(exc).__name__}: {' '.join(str(exc).split())[:300]}"
            path = single.documents[0].path if isinstance(single, IngestBatch) else single[0].path
            parts.append(FileBatch([], [Quarantined(path, "extract", reason)], []))
    return FileBatch(
        [a for p in parts for a in p.articles], [q for p in parts for q in p.quarantined],
        [f for p in parts for f in p.files], [s for p in parts for s in p.skipped],
    )


def work_items(
    sources: list[SourceFile], limits: Limits, batch_size: int, taper: int = 1
) -> Iterator[list[SourceFile] | IngestBatch]:
    """A run's work in a fixed order: plain files in batches, tapered (a worker reads and
    extracts them), then each web archive's pages in batches, read here record by record
    (streamed: an archive of any size costs a batch) for a worker to extract."""
    yield from batched([s for s in sources if s.format != "archive"], batch_size, input_bytes, taper)
    for archive in (s for s in sources if s.format == "archive"):
        yield from read_archive(archive, limits, batch_size, MAX_BATCH_BYTES)


@dataclass(frozen=True)
class AlongWith:
    """A worker's extraction of pages this process read, completed with what the reading
    found (quarantined records, non-page records, the archive's file index entry)."""

    extracted: Future[FileBatch]
    read: IngestBatch

    def result(self) -> FileBatch:
        done = self.extracted.result()
        return FileBatch(done.articles, [*self.read.quarantined, *done.quarantined], self.read.files, self.read.skipped)


def prepared(item: ExtractedDocument) -> ExtractedDocument:
    """What staging needs beyond the extraction, computed in the worker so the single writer
    does no per-document work: the page's URL and domain; for a text page its article key
    (outlet templates). The URL: the crawl's, else the page's own."""
    url = item.doc.url or item.extraction.url
    body = item.extraction.body
    item = replace(
        item,
        # The line-by-line provenance is for `explain`; staging keeps only its counts, and
        # shipping every line back to the writer cost more than extracting them.
        extraction=replace(item.extraction, lines=(), date_finding=None),
        url=url, domain=registrable_domain(url), word_count=item.extraction.word_count, content_hash=content_hash(body),
        boilerplate_line_share=boilerplate_line_share(body),
    )
    if item.doc.format != "text":
        return item
    return replace(item, article_key=article_key(item.extraction.body))


def process_files(
    sources: list[SourceFile],
    registry: OutletRegistry | None,
    limits: Limits,
    manifest: Mapping[str, ManifestEntry] | None = None,
) -> FileBatch:
    """A worker's share of a run: read a batch of files and extract them (first pass).
    `manifest`: the crawl manifest's entries for these files."""
    ingested = read_documents(sources, limits, manifest)
    extracted = extract_documents(ingested.documents, registry, limits=limits, prepare=prepared)
    return FileBatch(extracted.articles, ingested.quarantined + extracted.quarantined, ingested.files)


def process_documents(documents: list[RawDocument], registry: OutletRegistry | None, limits: Limits) -> FileBatch:
    """The same for pages already stored (a rebuild): nothing to read."""
    extracted = extract_documents(documents, registry, limits=limits, prepare=prepared)
    return FileBatch(extracted.articles, extracted.quarantined, [])


def refine_documents(
    documents: list[RawDocument], registry: OutletRegistry | None, templates: dict[str, frozenset[int]], limits: Limits
) -> FileBatch:
    """The second cleaning pass: each page again, with its outlet's template (by sha256)."""
    extracted = extract_documents(documents, registry, limits=limits, templates=templates, prepare=prepared)
    return FileBatch(extracted.articles, extracted.quarantined, [])


@dataclass
class Tally:
    """A run's counts, added up batch by batch as they are staged."""

    discovered: int = 0
    already_known: int = 0
    read: int = 0
    extracted: int = 0
    quarantined: int = 0

    def add(self, batch: FileBatch, unstorable: list[Quarantined]) -> None:
        self.already_known += sum(1 for s in batch.skipped if s.outcome == "duplicate")
        self.read += len(batch.articles) + sum(1 for q in batch.quarantined if q.stage != "ingest")
        self.extracted += len(batch.articles) - len(unstorable)
        self.quarantined += len(batch.quarantined) + len(unstorable)

    def counts(self) -> RunCounts:
        return RunCounts(self.discovered, self.already_known, self.read, self.extracted, self.quarantined)


# The order a run summary lists input outcomes in (see the `input_outcomes` view).
OUTCOMES = ("published", "blocked", "staged", "quarantined", "duplicate", "unchanged", "ignored")


def outcome_line(inputs: dict[str, int]) -> str:
    """`56 = 5 published + 20 quarantined + ...`: every input path found, by how it ended."""
    parts = [f"{inputs[o]} {o}" for o in OUTCOMES if inputs.get(o)]
    return f"{sum(inputs.values())} = " + (" + ".join(parts) or "0")


@dataclass(frozen=True)
class RunReport:
    run_id: str
    warehouse: str
    outcome: RunOutcome
    results: tuple[CheckResult, ...]

    @property
    def counts(self):
        return self.outcome.counts

    @property
    def failed_checks(self) -> list[CheckResult]:
        return [r for r in self.results if not r.success]

    def summary(self) -> str:
        c = self.counts
        if self.outcome.status == "nothing-new":
            return (
                f"Nothing new: {outcome_line(self.outcome.inputs)} input(s) found, none new to the "
                f"warehouse ({self.warehouse}); nothing changed."
            )
        failed = ", ".join(f"{r.expectation} ({r.severity})" for r in self.failed_checks) or "none"
        lines = [
            f"Run {self.run_id}: {self.outcome.status}",
            f"  inputs found        {outcome_line(self.outcome.inputs)}",
            f"  documents read      {c.read} (of {c.discovered} found; {c.already_known} already known)",
            f"  articles published  {c.published}",
            f"  quarantined         {c.quarantined}",
            f"  checks failed       {c.checks_failed}: {failed}",
        ]
        if self.outcome.message:
            lines.append(f"  {self.outcome.message}")
        lines += [
            f"Warehouse: {self.warehouse}",
            'Query it:  broadsheet query "select outlet, published, title from published_articles"',
        ]
        return "\n".join(lines)


class RunBlocked(RuntimeError):
    """A critical batch check failed: the run published nothing. Ends the flow run Failed."""

    def __init__(self, report: RunReport):
        super().__init__(f"run {report.run_id} {report.outcome.message}")
        self.report = report
