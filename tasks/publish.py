from prefect import task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE

from broadsheet import warehouse
from broadsheet.quality import CheckResult
from broadsheet.report import quality_markdown, run_summary_rows

from tasks.load import IO_RETRIES


@task(name="publish-run", cache_policy=NO_CACHE, **IO_RETRIES)
def publish_run(
    db_path: str, run_id: str, results: list[CheckResult], counts: warehouse.RunCounts
) -> warehouse.RunCounts:
    with warehouse.connect(db_path) as con:
        return warehouse.publish_run(con, run_id, results, counts)


@task(name="publish-artifacts", cache_policy=NO_CACHE)
def publish_artifacts(db_path: str, run_id: str, counts: warehouse.RunCounts, results: list[CheckResult]) -> None:
    with warehouse.connect(db_path) as con:
        markdown = quality_markdown(con, run_id, counts, results)
    create_table_artifact(
        key="run-summary", table=run_summary_rows(run_id, counts), description="Documents per stage, this run"
    )
    create_markdown_artifact(key="data-quality", markdown=markdown, description="Expectation results, this run")
