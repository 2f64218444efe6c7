from prefect import task
from prefect.cache_policies import NO_CACHE

from broadsheet import warehouse
from broadsheet.quality import CheckResult

from tasks.load import IO_RETRIES


@task(name="validate-run", cache_policy=NO_CACHE, **IO_RETRIES)
def validate_run(db_path: str, run_id: str) -> list[CheckResult]:
    with warehouse.connect(db_path, ensure_schema=False) as con:
        return warehouse.validate_staged(con, run_id)
