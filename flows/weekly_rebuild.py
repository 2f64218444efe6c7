"""The `weekly-rebuild` flow: re-extract the latest stored version of every input path with the
current extractor, validate and republish, as a fresh run on the same files would."""

from __future__ import annotations

from prefect import flow, get_run_logger
from prefect.runtime import flow_run

from broadsheet.outlets import DEFAULT_REGISTRY, OutletRegistry
from broadsheet.pipeline import RunReport
from broadsheet.runlock import run_lock
from broadsheet.warehouse import DEFAULT_WAREHOUSE, RunCounts
from flows.stages import conclude, extract_in_batches, validate_and_publish
from tasks.ingest import read_stored_documents
from tasks.load import load_staging, mark_run_failed, prepare_run
from tasks.rebuild import learn_rebuild_templates

REBUILD_INPUT = "rebuild: latest version of each path in raw_documents"


@flow(name="weekly-rebuild")
def weekly_rebuild(
    warehouse: str = str(DEFAULT_WAREHOUSE),
    registry: str = str(DEFAULT_REGISTRY),
    batch_size: int = 200,
    wait: bool = True,
) -> RunReport:
    run_id = str(flow_run.id)
    outlets = OutletRegistry.from_csv(registry)
    with run_lock(warehouse, wait=wait, on_wait=get_run_logger().warning):
        prepare_run(warehouse, run_id, [REBUILD_INPUT], outlets)
        counts = RunCounts()
        try:
            documents = read_stored_documents(warehouse)
            extracted = extract_in_batches(documents, outlets, batch_size, learn_rebuild_templates)
            articles = [a for batch in extracted for a in batch.articles]
            quarantined = [q for batch in extracted for q in batch.quarantined]
            counts = RunCounts(
                discovered=len(documents), read=len(documents), extracted=len(articles), quarantined=len(quarantined)
            )
            # No files were read: the file index is the daily runs' business.
            load_staging(warehouse, run_id, articles, quarantined, [])
            report = validate_and_publish(warehouse, run_id, counts)
        except Exception as exc:
            mark_run_failed(warehouse, run_id, counts, f"{type(exc).__name__}: {exc}")
            raise
        return conclude(report)
