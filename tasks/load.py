# Annotations stay strings: Prefect's daemon threads, left running at exit, reach these tasks
# (through the flow's globals); an evaluated `duckdb.DuckDBPyConnection` annotation then kept
# DuckDB's bindings alive through interpreter teardown, printing `nanobind: leaked ...` lines.
from __future__ import annotations

import duckdb
from prefect import task
from prefect.cache_policies import NO_CACHE

from broadsheet import warehouse
from broadsheet.faults import fault_point
from broadsheet.outlets import OutletRegistry
from broadsheet.records import FileBatch, Quarantined, RawDocument, RunCounts, Skipped


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


def staging_writer(db_path: str):
    """The run's one connection for staging, held while batches stream in: opening and
    closing the file per batch checkpointed it each time (~40% of the writer's work)."""
    return warehouse.connect(db_path, ensure_schema=False)


def load_batch(con: duckdb.DuckDBPyConnection, run_id: str, batch: FileBatch) -> list[Quarantined]:
    """Stage one batch in one transaction (the single writer, in the flow's process).
    Returns the documents quarantined here because they could not be stored.

    A plain call, not a task run: a task run per batch doubled the run's task runs, and
    Prefect's API spent ~0.1 CPU-s on each (states, events) on the cores the workers need.
    Nor would a retry help: the batch is written on the run's one open connection."""
    unstorable = warehouse.stage_run(con, run_id, batch.articles, batch.quarantined, batch.files, batch.skipped)
    fault_point("after-load")
    return unstorable


@task(name="load-skipped", cache_policy=NO_CACHE, **IO_RETRIES)
def load_skipped(db_path: str, run_id: str, skipped: list[Skipped]) -> None:
    """The inputs discovery needed no work for (ignored, unchanged), with their reasons."""
    with warehouse.connect(db_path) as con:
        warehouse.stage_run(con, run_id, [], [], [], skipped)


@task(name="learn-templates", cache_policy=NO_CACHE, **IO_RETRIES)
def learn_templates(db_path: str, run_id: str, with_history: bool) -> dict[str, frozenset[int]]:
    with warehouse.connect(db_path, ensure_schema=False) as con:
        return warehouse.run_templates(con, run_id, with_history)


@task(name="pages-to-refine", cache_policy=NO_CACHE, **IO_RETRIES)
def pages_to_refine(db_path: str, run_id: str, outlets: list[str]) -> list[tuple[str, str, str]]:
    with warehouse.connect(db_path, ensure_schema=False) as con:
        return warehouse.pages_to_refine(con, run_id, outlets)


@task(name="fetch-pages", cache_policy=NO_CACHE, **IO_RETRIES)
def fetch_pages(db_path: str, versions: list[tuple]) -> list[RawDocument]:
    """Stored pages for the workers: they never open the warehouse (this process writes it)."""
    with warehouse.connect(db_path, ensure_schema=False) as con:
        return warehouse.stored_documents(con, [(path, sha) for path, sha, *_ in versions])


@task(name="restage-pages", cache_policy=NO_CACHE, **IO_RETRIES)
def restage_pages(db_path: str, run_id: str, batch: FileBatch) -> None:
    with warehouse.connect(db_path, ensure_schema=False) as con:
        warehouse.restage(con, run_id, batch)


@task(name="mark-run-failed", cache_policy=NO_CACHE, **IO_RETRIES)
def mark_run_failed(db_path: str, run_id: str, counts: RunCounts, message: str) -> None:
    with warehouse.connect(db_path) as con:
        warehouse.finish_run(con, run_id, "failed", counts, message)
