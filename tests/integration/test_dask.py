"""Scale-out: the same flow with extraction on a real Dask distributed cluster (two worker
processes) publishes exactly what a local run publishes; the writer stays in the flow."""

import pytest

from flows.news_pipeline import news_pipeline
from tests.conftest import SEEDS, SHARED_EVAL
from tests.integration.test_web_archives import gold, write_warc
from tests.integration.warehouse_state import published_state

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as local:
        yield local


def test_a_run_on_dask_equals_a_local_run(tmp_path, cluster):
    archive = tmp_path / "inputs" / "crawl.warc.gz"  # pages read here from an archive, extracted there
    archive.parent.mkdir()
    write_warc(archive, gold("news-html"))
    inputs = [str(SEEDS), str(SHARED_EVAL / "news-text" / "docs"), str(archive)]
    on_dask = news_pipeline(inputs=inputs, warehouse=str(tmp_path / "dask.duckdb"), batch_size=25,
                            dask_address=cluster.scheduler_address)
    local = news_pipeline(inputs=inputs, warehouse=str(tmp_path / "local.duckdb"), batch_size=25, workers=2)
    assert on_dask.counts.published == local.counts.published > 100
    assert published_state(tmp_path / "dask.duckdb") == published_state(tmp_path / "local.duckdb")
    with cluster.get_client() as client:  # the work really ran on the cluster's workers
        assert len(client.scheduler_info()["workers"]) == 2
        assert any("process-files" in key or "process_files" in key for key in client.run_on_scheduler(
            lambda dask_scheduler: [str(t) for t in dask_scheduler.task_prefixes]))
