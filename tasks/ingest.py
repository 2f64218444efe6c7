from prefect import task
from prefect.cache_policies import NO_CACHE

from broadsheet import warehouse
from broadsheet.ingest import Discovery, discover, skip_unchanged
from broadsheet.manifest import Manifest, read_manifest

from tasks.load import IO_RETRIES


@task(name="discover-inputs", cache_policy=NO_CACHE)
def discover_inputs(
    inputs: list[str], index: dict[str, tuple[int, int]], versions: dict[str, str], follow_symlinks: bool
) -> Discovery:
    """Every input entry, minus the files unchanged since the last run read them."""
    return skip_unchanged(discover(inputs, follow_symlinks), index, versions)


@task(name="read-manifest", cache_policy=NO_CACHE)
def load_manifest(path: str | None) -> Manifest | None:
    """The crawl manifest, if the run has one; its unusable rows become `ignored` inputs."""
    return read_manifest(path) if path else None


@task(name="latest-versions", cache_policy=NO_CACHE, **IO_RETRIES)
def latest_versions(db_path: str) -> list[tuple[str, str, int]]:
    """For a rebuild: (path, sha256, size on disk) of the latest stored version of every input path."""
    with warehouse.connect(db_path) as con:
        return warehouse.latest_versions(con)
