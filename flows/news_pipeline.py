"""The `news-pipeline` flow: ingest -> extract -> load -> validate -> publish, over batches."""

from __future__ import annotations

from prefect import flow, get_run_logger
from prefect.runtime import flow_run

from broadsheet.outlets import DEFAULT_REGISTRY, OutletRegistry
from broadsheet.pipeline import RunReport, batched, merge_ingest
from broadsheet.runlock import run_lock
from broadsheet.warehouse import DEFAULT_WAREHOUSE, RunCounts
from flows.stages import conclude, extract_in_batches, validate_and_publish
from tasks.extract import learn_outlet_templates
from tasks.ingest import discover_inputs, read_batch
from tasks.load import load_staging, mark_run_failed, prepare_run


@flow(name="news-pipeline")
def news_pipeline(
    inputs: list[str] = ["seeds"],  # noqa: B006 - Prefect parameters are copied per run
    warehouse: str = str(DEFAULT_WAREHOUSE),
    registry: str = str(DEFAULT_REGISTRY),
    batch_size: int = 200,
    wait: bool = True,
) -> RunReport:
    run_id = str(flow_run.id)
    outlets = OutletRegistry.from_csv(registry)
    # One writer at a time, for the whole run: another run waits here (or fails: wait=False).
    with run_lock(warehouse, wait=wait, on_wait=get_run_logger().warning):
        known = prepare_run(warehouse, run_id, inputs, outlets)
        counts = RunCounts()
        try:
            found = discover_inputs(inputs, known.files)
            ingested = merge_ingest(
                [read_batch(batch, known.hashes, known.versions) for batch in batched(found.to_read, batch_size)]
            )
            extracted = extract_in_batches(
                ingested.documents, outlets, batch_size, lambda batches: learn_outlet_templates(warehouse, batches)
            )
            articles = [a for batch in extracted for a in batch.articles]
            quarantined = ingested.quarantined + [q for batch in extracted for q in batch.quarantined]
            counts = RunCounts(
                discovered=found.found,
                already_known=found.unchanged + ingested.already_known,
                read=len(ingested.documents),
                extracted=len(articles),
                quarantined=len(quarantined),
            )
            if found.to_read:  # a no-op rerun read no file: nothing to stage or index
                load_staging(warehouse, run_id, articles, quarantined, ingested.files)
            report = validate_and_publish(warehouse, run_id, counts)
        except Exception as exc:
            mark_run_failed(warehouse, run_id, counts, f"{type(exc).__name__}: {exc}")
            raise
        return conclude(report)
