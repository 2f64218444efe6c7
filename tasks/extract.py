from prefect import task
from prefect.cache_policies import NO_CACHE

from broadsheet import warehouse
from broadsheet.extract import extract_documents, learn_run_templates, refine_with_templates, run_outlets
from broadsheet.faults import fault_point
from broadsheet.outlets import OutletRegistry
from broadsheet.records import ExtractBatch, RawDocument

from tasks.load import IO_RETRIES


# Deterministic: no retries; a document that fails is quarantined inside extract_documents.
@task(name="extract-batch", cache_policy=NO_CACHE)
def extract_batch(documents: list[RawDocument], registry: OutletRegistry) -> ExtractBatch:
    batch = extract_documents(documents, registry)
    fault_point("extract")
    return batch


@task(name="learn-outlet-templates", cache_policy=NO_CACHE, **IO_RETRIES)
def learn_outlet_templates(db_path: str, batches: list[ExtractBatch]) -> dict[str, frozenset[str]]:
    with warehouse.connect(db_path) as con:
        stored = warehouse.outlet_pages(con, run_outlets(batches))
    return learn_run_templates(stored, batches)


@task(name="refine-batch", cache_policy=NO_CACHE)
def refine_batch(batch: ExtractBatch, registry: OutletRegistry, templates: dict[str, frozenset[str]]) -> ExtractBatch:
    return refine_with_templates(batch, registry, templates)
