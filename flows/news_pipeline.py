"""The `news-pipeline` flow: ingest -> extract -> load -> validate -> publish, over batches."""

from __future__ import annotations

from prefect import flow
from prefect.runtime import flow_run

from broadsheet.outlets import DEFAULT_REGISTRY, OutletRegistry
from broadsheet.pipeline import RunBlocked, RunReport, batched, merge_ingest
from broadsheet.warehouse import DEFAULT_WAREHOUSE, RunCounts
from tasks.extract import extract_batch
from tasks.ingest import discover_inputs, read_batch
from tasks.load import load_staging, mark_run_failed, prepare_run
from tasks.progress import report_progress, start_progress
from tasks.publish import publish_artifacts, publish_run
from tasks.validate import validate_run


@flow(name="news-pipeline")
def news_pipeline(
    inputs: list[str] = ["seeds"],  # noqa: B006 - Prefect parameters are copied per run
    warehouse: str = str(DEFAULT_WAREHOUSE),
    registry: str = str(DEFAULT_REGISTRY),
    batch_size: int = 200,
) -> RunReport:
    run_id = str(flow_run.id)
    outlets = OutletRegistry.from_csv(registry)
    known = prepare_run(warehouse, run_id, inputs, outlets)
    counts = RunCounts()
    try:
        sources = discover_inputs(inputs)
        ingested = merge_ingest([read_batch(batch, known) for batch in batched(sources, batch_size)])
        progress = start_progress(f"Extracting {len(ingested.documents)} new document(s)")
        extracted = []
        for batch in batched(ingested.documents, batch_size):
            extracted.append(extract_batch(batch, outlets))
            report_progress(progress, sum(len(b.articles) + len(b.quarantined) for b in extracted), len(ingested.documents))
        articles = [a for batch in extracted for a in batch.articles]
        quarantined = ingested.quarantined + [q for batch in extracted for q in batch.quarantined]
        counts = RunCounts(
            discovered=len(sources),
            already_known=ingested.already_known,
            read=len(ingested.documents),
            extracted=len(articles),
            quarantined=len(quarantined),
        )
        load_staging(warehouse, run_id, articles, quarantined)
        results = validate_run(warehouse, run_id)
        outcome = publish_run(warehouse, run_id, results, counts)
    except Exception as exc:
        mark_run_failed(warehouse, run_id, counts, f"{type(exc).__name__}: {exc}")
        raise
    publish_artifacts(warehouse, run_id, outcome, results)
    report = RunReport(run_id, warehouse, outcome, tuple(results))
    if outcome.status == "blocked":
        raise RunBlocked(report)
    return report
