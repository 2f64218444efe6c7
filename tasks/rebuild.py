from prefect import task
from prefect.cache_policies import NO_CACHE

from broadsheet.extract import learn_run_templates
from broadsheet.records import ExtractBatch


@task(name="learn-rebuild-templates", cache_policy=NO_CACHE)
def learn_rebuild_templates(batches: list[ExtractBatch]) -> dict[str, frozenset[str]]:
    """Outlet templates from the rebuilt pages only, as a fresh run on the same files would
    learn them (the published pages carry the old extraction's outlets)."""
    return learn_run_templates({}, batches)
