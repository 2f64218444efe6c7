from prefect import task
from prefect.cache_policies import NO_CACHE

from broadsheet.ingest import IngestBatch, discover, read_documents
from broadsheet.records import SourceFile


@task(name="discover-inputs", cache_policy=NO_CACHE)
def discover_inputs(inputs: list[str]) -> list[SourceFile]:
    return discover(inputs)


# IO retries happen per file inside read_documents; a bad file is quarantined, not retried.
@task(name="read-batch", cache_policy=NO_CACHE)
def read_batch(sources: list[SourceFile], known: set[str]) -> IngestBatch:
    return read_documents(sources, known)
