import duckdb
from prefect import task
from prefect.cache_policies import NO_CACHE

from broadsheet import warehouse
from broadsheet.faults import fault_point
from broadsheet.outlets import OutletRegistry
from broadsheet.records import ExtractedDocument, FileVersion, Quarantined


def _is_io_error(task, task_run, state) -> bool:
    """Retry only when the warehouse file could not be opened or written (e.g. locked)."""
    try:
        state.result()
    except (duckdb.IOException, warehouse.WarehouseError, OSError):
        return True
    except Exception:  # noqa: BLE001 - anything else is deterministic
        return False
    return False


IO_RETRIES = dict(retries=3, retry_delay_seconds=[1, 4, 10], retry_condition_fn=_is_io_error)


@task(name="prepare-run", cache_policy=NO_CACHE, **IO_RETRIES)
def prepare_run(
    db_path: str, run_id: str, inputs: list[str], registry: OutletRegistry
) -> warehouse.KnownInputs:
    """Discard what dead runs staged, record this run, refresh the outlet registry, and return
    what is already known (hashes and the file index). The caller holds the run lock."""
    with warehouse.connect(db_path) as con:
        warehouse.recover_interrupted(con)
        warehouse.load_registry(con, registry)
        warehouse.start_run(con, run_id, inputs)
        return warehouse.known_inputs(con)


@task(name="load-staging", cache_policy=NO_CACHE, **IO_RETRIES)
def load_staging(
    db_path: str,
    run_id: str,
    articles: list[ExtractedDocument],
    quarantined: list[Quarantined],
    files: list[FileVersion],
) -> None:
    with warehouse.connect(db_path) as con:
        warehouse.stage_run(con, run_id, articles, quarantined, files)
    fault_point("after-load")


@task(name="mark-run-failed", cache_policy=NO_CACHE)
def mark_run_failed(db_path: str, run_id: str, counts: warehouse.RunCounts, message: str) -> None:
    with warehouse.connect(db_path) as con:
        warehouse.finish_run(con, run_id, "failed", counts, message)
