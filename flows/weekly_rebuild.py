"""The `weekly-rebuild` flow: re-extract the latest stored version of every input path with the
current extractor, validate and republish, as a fresh run on the same files would."""

from __future__ import annotations

from prefect import flow, get_run_logger
from prefect.runtime import flow_run

from broadsheet.limits import Limits
from broadsheet.outlets import DEFAULT_REGISTRY, OutletRegistry
from broadsheet.pipeline import RunReport, Tally, batch_size_for, batched, stored_bytes
from broadsheet.runlock import run_lock
from broadsheet.warehouse import DEFAULT_WAREHOUSE
from flows.stages import (
    conclude, in_flight, refine_with_templates, stream_to_staging, task_runner, validate_and_publish,
)
from tasks.extract import process_stored
from tasks.ingest import latest_versions
from tasks.load import fetch_pages, mark_run_failed, prepare_run

REBUILD_INPUT = "rebuild: latest version of each path in raw_documents"


@flow(name="weekly-rebuild")
def weekly_rebuild(
    warehouse: str = str(DEFAULT_WAREHOUSE),
    registry: str = str(DEFAULT_REGISTRY),
    batch_size: int | None = None,  # documents per task run (default: pipeline.batch_size_for)
    wait: bool = True,
    limits: dict[str, int] | None = None,  # overrides of broadsheet.limits.Limits, by field name
    workers: int | None = None,  # extraction processes (default: one per core)
    dask_address: str | None = None,  # run extraction on this Dask cluster instead
) -> RunReport:
    run_id = str(flow_run.id)
    outlets = OutletRegistry.from_csv(registry)
    caps = Limits.parse(limits)
    with run_lock(warehouse, wait=wait, on_wait=get_run_logger().warning):
        prepare_run(warehouse, run_id, [REBUILD_INPUT], outlets)
        tally = Tally()
        try:
            versions = latest_versions(warehouse)
            tally.discovered = len(versions)
            window = in_flight(workers)
            size = batch_size_for(len(versions), window, batch_size)
            with task_runner(workers, dask_address) as runner:
                # No files are read (the file index is the daily runs' business): pages come from storage.
                stream_to_staging(
                    warehouse, run_id, batched(versions, size, stored_bytes, window),
                    lambda batch: runner.submit(
                        process_stored, {"documents": fetch_pages(warehouse, batch), "registry": outlets, "limits": caps}
                    ),
                    window, len(versions), tally,
                )
                # Templates from the rebuilt pages only, as a fresh run on the same files learns
                # them (the published pages carry the old extraction's outlets).
                refine_with_templates(runner, warehouse, run_id, outlets, caps, size, window, with_history=False)
            report = validate_and_publish(warehouse, run_id, tally.counts())
        except Exception as exc:
            mark_run_failed(warehouse, run_id, tally.counts(), f"{type(exc).__name__}: {exc}")
            raise
        return conclude(report)
