"""Wiring both flows share: extraction in batches (two passes when outlet templates apply)
and the validate -> publish -> snapshot -> artifacts end of a run."""

from __future__ import annotations

from collections.abc import Callable

from broadsheet.outlets import OutletRegistry
from broadsheet.pipeline import RunBlocked, RunReport, batched
from broadsheet.records import ExtractBatch, RawDocument
from broadsheet.warehouse import RunCounts
from tasks.extract import extract_batch, refine_batch
from tasks.progress import report_progress, start_progress
from tasks.publish import publish_artifacts, publish_run
from tasks.snapshot import publish_snapshot
from tasks.validate import validate_run


def extract_in_batches(
    documents: list[RawDocument],
    outlets: OutletRegistry,
    batch_size: int,
    learn_templates: Callable[[list[ExtractBatch]], dict[str, frozenset[str]]],
) -> list[ExtractBatch]:
    progress = start_progress(f"Extracting {len(documents)} document(s)")
    extracted: list[ExtractBatch] = []
    for batch in batched(documents, batch_size):
        extracted.append(extract_batch(batch, outlets))
        report_progress(progress, sum(len(b.articles) + len(b.quarantined) for b in extracted), len(documents))
    templates = learn_templates(extracted) if documents else {}
    if templates:
        extracted = [refine_batch(batch, outlets, templates) for batch in extracted]
    return extracted


def validate_and_publish(warehouse: str, run_id: str, counts: RunCounts) -> RunReport:
    results = validate_run(warehouse, run_id)
    outcome = publish_run(warehouse, run_id, results, counts)
    return RunReport(run_id, warehouse, outcome, tuple(results))


def conclude(report: RunReport) -> RunReport:
    """Give readers the new snapshot and the UI its artifacts; a blocked run ends Failed."""
    publish_snapshot(report.warehouse)
    publish_artifacts(report.warehouse, report.run_id, report.outcome, list(report.results))
    if report.outcome.status == "blocked":
        raise RunBlocked(report)
    return report
