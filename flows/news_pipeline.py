"""The `news-pipeline` flow: discover, then batches streamed through read + extract (worker
processes) into staging (this process, the single writer), a second cleaning pass where an
outlet has a template, validate, publish."""

from __future__ import annotations

from prefect import flow, get_run_logger
from prefect.runtime import flow_run

from broadsheet.ingest import RunContents
from broadsheet.limits import Limits
from broadsheet.outlets import DEFAULT_REGISTRY, OutletRegistry
from broadsheet.pipeline import RunReport, Tally, batch_size_for, work_items
from broadsheet.runlock import run_lock
from broadsheet.warehouse import DEFAULT_WAREHOUSE
from flows.stages import (
    conclude, in_flight, refine_with_templates, stream_to_staging, submitter, task_runner, validate_and_publish,
)
from tasks.ingest import discover_inputs, load_manifest
from tasks.load import load_skipped, mark_run_failed, prepare_run


@flow(name="news-pipeline")
def news_pipeline(
    inputs: list[str] = ["seeds"],  # noqa: B006 - Prefect parameters are copied per run
    warehouse: str = str(DEFAULT_WAREHOUSE),
    registry: str = str(DEFAULT_REGISTRY),
    batch_size: int | None = None,  # documents per task run (default: pipeline.batch_size_for)
    wait: bool = True,
    limits: dict[str, int] | None = None,  # overrides of broadsheet.limits.Limits, by field name
    follow_symlinks: bool = False,
    workers: int | None = None,  # extraction processes (default: one per core)
    dask_address: str | None = None,  # run extraction on this Dask cluster instead
    manifest: str | None = None,  # a crawl manifest (CSV/JSONL: path, url, fetched_at, outlet)
) -> RunReport:
    run_id = str(flow_run.id)
    outlets = OutletRegistry.from_csv(registry)
    caps = Limits.parse(limits)
    # One writer at a time, for the whole run: another run waits here (or fails: wait=False).
    with run_lock(warehouse, wait=wait, on_wait=get_run_logger().warning):
        known = prepare_run(warehouse, run_id, inputs, outlets)
        tally = Tally()
        try:
            found = discover_inputs(inputs, known.files, known.versions, follow_symlinks)
            claims = load_manifest(manifest)
            unusable = claims.skipped(manifest) if claims else []
            tally.discovered, tally.already_known = found.found + len(unusable), len(found.unchanged)
            load_skipped(warehouse, run_id, found.unchanged + found.ignored + unusable)
            window = in_flight(workers)
            size = batch_size_for(len(found.to_read), window, batch_size)
            with task_runner(workers, dask_address) as runner:
                stream_to_staging(
                    warehouse, run_id, work_items(found.to_read, caps, size, window), submitter(runner, outlets, caps, claims),
                    window, len(found.to_read), tally, RunContents(known.hashes, known.versions),
                )
                refine_with_templates(runner, warehouse, run_id, outlets, caps, size, window)
            report = validate_and_publish(warehouse, run_id, tally.counts())
        except Exception as exc:
            mark_run_failed(warehouse, run_id, tally.counts(), f"{type(exc).__name__}: {exc}")
            raise
        return conclude(report)
