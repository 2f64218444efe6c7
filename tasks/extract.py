"""Worker tasks: they run in the task runner's processes (or on Dask workers) and never open
the warehouse; what they return is staged by the flow's process."""

from prefect import task
from prefect.cache_policies import NO_CACHE

from broadsheet import pipeline
from broadsheet.limits import Limits
from broadsheet.manifest import ManifestEntry
from broadsheet.outlets import OutletRegistry
from broadsheet.records import FileBatch, RawDocument, SourceFile


# Deterministic: no retries. IO retries happen per file inside reading; a document that fails
# is quarantined, not retried. A batch's result is staged once and dropped: no in-memory copy.
@task(name="process-files", cache_policy=NO_CACHE, cache_result_in_memory=False)
def process_files(
    sources: list[SourceFile], registry: OutletRegistry, limits: Limits, manifest: dict[str, ManifestEntry]
) -> FileBatch:
    return pipeline.process_files(sources, registry, limits, manifest)


@task(name="process-stored", cache_policy=NO_CACHE, cache_result_in_memory=False)
def process_stored(documents: list[RawDocument], registry: OutletRegistry, limits: Limits) -> FileBatch:
    return pipeline.process_documents(documents, registry, limits)


@task(name="refine-pages", cache_policy=NO_CACHE, cache_result_in_memory=False)
def refine_pages(
    documents: list[RawDocument], registry: OutletRegistry, templates: dict[str, frozenset[int]], limits: Limits
) -> FileBatch:
    """`templates`: per page (sha256), its outlet's template."""
    return pipeline.refine_documents(documents, registry, templates, limits)
