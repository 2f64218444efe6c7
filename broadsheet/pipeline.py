"""Plain helpers the flow wires with: batching and the run's outcome record."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from broadsheet.ingest import IngestBatch
from broadsheet.quality import CheckResult
from broadsheet.warehouse import RunOutcome

T = TypeVar("T")


def batched(items: Sequence[T], size: int) -> Iterator[list[T]]:
    """Fixed-size batches: one task run per batch, never one per document."""
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def merge_ingest(batches: list[IngestBatch]) -> IngestBatch:
    return IngestBatch(
        documents=[d for b in batches for d in b.documents],
        quarantined=[q for b in batches for q in b.quarantined],
        already_known=sum(b.already_known for b in batches),
        files=[f for b in batches for f in b.files],
    )


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
                f"Nothing new: {c.discovered} document(s) found, all already in the warehouse "
                f"({self.warehouse}); nothing changed."
            )
        failed = ", ".join(f"{r.expectation} ({r.severity})" for r in self.failed_checks) or "none"
        lines = [
            f"Run {self.run_id}: {self.outcome.status}",
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
