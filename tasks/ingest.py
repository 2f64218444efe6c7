from prefect import task
from prefect.cache_policies import NO_CACHE

from broadsheet import warehouse
from broadsheet.ingest import Discovery, IngestBatch, discover, read_documents, skip_unchanged
from broadsheet.records import RawDocument, SourceFile

from tasks.load import IO_RETRIES


@task(name="discover-inputs", cache_policy=NO_CACHE)
def discover_inputs(inputs: list[str], index: dict[str, tuple[int, int]]) -> Discovery:
    """Every input file, minus those unchanged since the last run read them."""
    return skip_unchanged(discover(inputs), index)


# IO retries happen per file inside read_documents; a bad file is quarantined, not retried.
@task(name="read-batch", cache_policy=NO_CACHE)
def read_batch(sources: list[SourceFile], known: set[str], current: dict[str, str]) -> IngestBatch:
    return read_documents(sources, known, current)


@task(name="read-stored-documents", cache_policy=NO_CACHE, **IO_RETRIES)
def read_stored_documents(db_path: str) -> list[RawDocument]:
    """For a rebuild: the latest stored version of every input path, no files read."""
    with warehouse.connect(db_path) as con:
        return warehouse.latest_documents(con)
