from prefect import task
from prefect.cache_policies import NO_CACHE

from broadsheet.extract import extract_documents
from broadsheet.outlets import OutletRegistry
from broadsheet.records import ExtractBatch, RawDocument


# Deterministic: no retries; a document that fails is quarantined inside extract_documents.
@task(name="extract-batch", cache_policy=NO_CACHE)
def extract_batch(documents: list[RawDocument], registry: OutletRegistry) -> ExtractBatch:
    return extract_documents(documents, registry)
