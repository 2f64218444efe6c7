from prefect import task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE

from broadsheet import warehouse
from broadsheet.quality import CheckResult
from broadsheet.records import RunCounts, RunOutcome
from broadsheet.report import outlet_quality_rows, quality_markdown, run_summary_rows

from tasks.load import IO_RETRIES


@task(name="publish-run", cache_policy=NO_CACHE, **IO_RETRIES)
def publish_run(
    db_path: str, run_id: str, results: list[CheckResult], counts: RunCounts
) -> RunOutcome:
    with warehouse.connect(db_path, ensure_schema=False) as con:  # publishing refreshes the views
        return warehouse.publish_run(con, run_id, results, counts)


@task(name="publish-artifacts", cache_policy=NO_CACHE)
def publish_artifacts(db_path: str, run_id: str, outcome: RunOutcome, results: list[CheckResult]) -> None:
    """Stable keys, so the UI's Artifacts page shows each one's history as a trend."""
    with warehouse.connect(db_path, ensure_schema=False) as con:
        markdown = quality_markdown(con, run_id, outcome, results)
        by_outlet = outlet_quality_rows(con, run_id)
    create_markdown_artifact(key="data-quality", markdown=markdown, description="Quality verdict and failed expectations")
    create_table_artifact(key="quality-by-outlet", table=by_outlet, description="Per outlet, this run")
    create_table_artifact(key="run-summary", table=run_summary_rows(outcome), description="Documents per stage, this run")
