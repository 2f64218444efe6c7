"""The `news-pipeline` flow: ingest -> extract -> load -> validate -> publish, over batches."""

from __future__ import annotations

from prefect import flow, get_run_logger
from prefect.runtime import flow_run

from broadsheet.outlets import DEFAULT_REGISTRY, OutletRegistry
from broadsheet.pipeline import RunBlocked, RunReport, batched, merge_ingest
from broadsheet.runlock import run_lock
from broadsheet.warehouse import DEFAULT_WAREHOUSE, RunCounts
from tasks.extract import extract_batch, learn_outlet_templates, refine_batch
from tasks.ingest import discover_inputs, read_batch
from tasks.load import load_staging, mark_run_failed, prepare_run
from tasks.progress import report_progress, start_progress
from tasks.publish import publish_artifacts, publish_run
from tasks.snapshot import publish_snapshot
from tasks.validate import validate_run


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
            progress = start_progress(f"Extracting {len(ingested.documents)} new document(s)")
            extracted = []
            for batch in batched(ingested.documents, batch_size):
                extracted.append(extract_batch(batch, outlets))
                report_progress(progress, sum(len(b.articles) + len(b.quarantined) for b in extracted), len(ingested.documents))
            templates = learn_outlet_templates(warehouse, extracted) if ingested.documents else {}
            if templates:
                extracted = [refine_batch(batch, outlets, templates) for batch in extracted]
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
            results = validate_run(warehouse, run_id)
            outcome = publish_run(warehouse, run_id, results, counts)
        except Exception as exc:
            mark_run_failed(warehouse, run_id, counts, f"{type(exc).__name__}: {exc}")
            raise
        publish_snapshot(warehouse)
        publish_artifacts(warehouse, run_id, outcome, results)
    report = RunReport(run_id, warehouse, outcome, tuple(results))
    if outcome.status == "blocked":
        raise RunBlocked(report)
    return report
