"""Wiring both flows share: batches streamed through worker processes (extraction) into the
single writer in this process (staging), the second cleaning pass for outlets with a template,
and the validate -> publish -> snapshot -> artifacts end of a run."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from prefect import get_run_logger
from prefect.settings import get_current_settings
from prefect.utilities.annotations import quote
from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner

from broadsheet.faults import fault_point
from broadsheet.ingest import IngestBatch, RunContents
from broadsheet.limits import Limits
from broadsheet.manifest import Manifest, manifest_key
from broadsheet.outlets import OutletRegistry
from broadsheet.pipeline import AlongWith, RunBlocked, RunReport, Tally, batched, in_order, one_by_one
from broadsheet.progress import Progress
from broadsheet.records import FileBatch, RunCounts, SourceFile
from broadsheet.workers import start_worker
from tasks.extract import process_files, process_stored, refine_pages
from tasks.load import fetch_pages, learn_templates, load_batch, pages_to_refine, restage_pages, staging_writer
from tasks.progress import ProgressArtifact
from tasks.publish import publish_artifacts, publish_run
from tasks.snapshot import publish_snapshot
from tasks.validate import validate_run


def _share_ephemeral_api() -> None:
    """Point worker processes at this process's API. On Prefect's ephemeral API (no
    PREFECT_API_URL) each spawned worker would otherwise start an API server of its own:
    ~0.25 GB and ~15 s before its first task."""
    if get_current_settings().api.url:
        return
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()  # the ephemeral API this process started (a singleton)
    if server.running:
        os.environ["PREFECT_API_URL"] = server.api_url


def task_runner(workers: int | None, dask_address: str | None) -> TaskRunner:
    """Extraction's workers: a process per core by default, `workers` processes, 0 for one
    thread in this process (debugging, profiling), or an existing Dask cluster."""
    _share_ephemeral_api()
    if dask_address:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=dask_address)
    if workers == 0:
        return ThreadPoolTaskRunner(max_workers=1)
    return ProcessPoolTaskRunner(max_workers=workers or os.cpu_count() or 1, initializer=start_worker)


def submitter(
    runner: TaskRunner, outlets: OutletRegistry, limits: Limits, manifest: Manifest | None
) -> Callable[[object], object]:
    """Hands a work item (pipeline.work_items) to a worker: files to read and extract (with
    the manifest's entries for them), or pages read from an archive here, to extract."""
    entries = manifest.entries if manifest else {}

    # Parameters are not quote()d: Dask's transport turns the annotation into a bare tuple,
    # which the task then received instead of its list (Prefect's walk for futures in them
    # costs ~16 ms per batch of 500 pages).
    def submit(item: list[SourceFile] | IngestBatch):
        if isinstance(item, IngestBatch):
            parameters = {"documents": item.documents, "registry": outlets, "limits": limits}
            return AlongWith(runner.submit(process_stored, parameters), item)
        claims = {key: entries[key] for key in map(manifest_key, (s.path for s in item)) if key in entries}
        return runner.submit(process_files, {"sources": item, "registry": outlets, "limits": limits, "manifest": claims})

    return submit


@contextmanager
def freeing_staged_batches() -> Iterator[Callable[[], None]]:
    """Yields the call that frees the batches already staged. A Prefect future and its
    done-callbacks form a reference cycle that holds the task's result (and its pickled
    bytes), so staged batches waited for a full garbage collection: the flow's memory grew
    with the run (0.34 -> 1.6 GB over 10k pages). A full collection scans every object (0.2-0.5 s
    with Prefect loaded), so what exists beforehand is frozen out of it for the stream."""
    gc.freeze()
    try:
        yield gc.collect
    finally:
        gc.unfreeze()


def in_flight(workers: int | None) -> int:
    """Batches submitted ahead of the writer: enough to keep every worker busy, few enough
    that memory stays a handful of batches."""
    return 2 * (workers or os.cpu_count() or 1) if workers != 0 else 1


def stream_to_staging(
    warehouse: str,
    run_id: str,
    work: Iterable,
    submit: Callable[[object], object],
    window: int,
    total: int,
    tally: Tally,
    contents: RunContents | None = None,
) -> None:
    """Stage each batch as its worker finishes it, in submission order, so at most `window`
    batches are in memory. `contents` sorts out duplicates across the whole run."""
    bar = Progress(total)
    artifact = ProgressArtifact(f"Extracting {total} document(s)")
    def retry_alone(item, failure: Exception) -> FileBatch:
        get_run_logger().warning(f"a batch failed ({type(failure).__name__}: {failure}); its inputs again one by one")
        return one_by_one(item, submit, failure)

    with staging_writer(warehouse) as con, freeing_staged_batches() as release_staged:
        for number, batch in enumerate(in_order(work, submit, window, retry_alone)):
            if number == 0:
                fault_point("extract")
            batch: FileBatch = contents.sort_out(batch) if contents else batch
            unstorable = load_batch(con, run_id, batch)
            tally.add(batch, unstorable)
            done = len(batch.articles) + len(batch.quarantined) + len(batch.skipped)
            bar.advance(done)
            artifact.report(bar.done, total)
            del batch
            release_staged()
    bar.close()


def refine_with_templates(
    runner: TaskRunner,
    warehouse: str,
    run_id: str,
    outlets: OutletRegistry,
    limits: Limits,
    batch_size: int,
    window: int,
    with_history: bool = True,
) -> None:
    """Second pass: this run's text pages of outlets that have a template are cleaned again
    with it (the outlet is known only after a first pass); the rest stay as staged."""
    templates = learn_templates(warehouse, run_id, with_history)
    if not templates:
        return
    pages = pages_to_refine(warehouse, run_id, list(templates))

    def submit(versions):
        outlet_of = {sha: outlet for _, sha, outlet in versions}  # the first pass's outlet picks the template
        parameters = {
            "documents": fetch_pages(warehouse, versions),
            "templates": {sha: templates[outlet] for sha, outlet in outlet_of.items()},
            "registry": outlets,
            "limits": limits,
        }
        return runner.submit(refine_pages, parameters)

    def keep_first_pass(versions, failure: Exception) -> None:
        get_run_logger().warning(f"second pass failed for {len(versions)} page(s), first pass kept: {failure}")

    with freeing_staged_batches() as release_staged:
        for refined in in_order(batched(pages, batch_size, taper=window), submit, window, keep_first_pass):
            if refined is not None:
                restage_pages(warehouse, run_id, quote(refined))
            del refined
            release_staged()


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
