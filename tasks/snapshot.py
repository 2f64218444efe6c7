from prefect import task
from prefect.cache_policies import NO_CACHE

from broadsheet import snapshot

from tasks.load import IO_RETRIES


@task(name="publish-snapshot", cache_policy=NO_CACHE, **IO_RETRIES)
def publish_snapshot(db_path: str) -> str:
    """Replace the readers' copy of the warehouse (readers never open the working file)."""
    return str(snapshot.publish_snapshot(db_path))
