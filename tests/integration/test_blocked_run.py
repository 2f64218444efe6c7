"""Write-audit-publish at flow level: a run failing a critical batch check publishes nothing,
ends Failed with the reason, and `broadsheet release` publishes it."""

import asyncio
import re

import duckdb
import pytest
from prefect.client.orchestration import get_client

from broadsheet.cli import main
from broadsheet.pipeline import RunBlocked
from flows.news_pipeline import news_pipeline
from tests.conftest import SEEDS

DATE_LINE = re.compile(r"^(Published .*|\d{1,2} \w+, \d{4}|\d{2}-\d{2}-\d{4})$")
PUBLISHED_TABLES = ("published_articles", "coverage_by_outlet_month", "quality_by_outlet", "articles_needing_review")


def checksums(db) -> dict[str, str]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {
            view: con.execute(f"SELECT md5(coalesce(string_agg(t::VARCHAR, '|' ORDER BY t::VARCHAR), '')) FROM {view} AS t").fetchone()[0]
            for view in PUBLISHED_TABLES
        }


def undated_copies(folder, copies: int = 2):
    """Each seed with its date line removed and a marker line making it a new document."""
    folder.mkdir()
    for n in range(copies):
        for seed in sorted(SEEDS.glob("*.txt")):
            lines = [line for line in seed.read_text().splitlines() if not DATE_LINE.match(line.strip())]
            (folder / f"copy{n}-{seed.name}").write_text("\n".join([f"copy {n}"] + lines))
    return folder


async def flow_run_state(run_id: str):
    async with get_client() as client:
        return (await client.read_flow_run(run_id)).state


def test_blocked_run_publishes_nothing_until_released(tmp_path, capsys):
    db = tmp_path / "wh.duckdb"
    news_pipeline(inputs=[str(SEEDS)], warehouse=str(db))
    before = checksums(db)

    with pytest.raises(RunBlocked, match="run_mostly_dated") as blocked:
        news_pipeline(inputs=[str(undated_copies(tmp_path / "undated"))], warehouse=str(db))

    run_id = blocked.value.report.run_id
    assert checksums(db) == before
    state = asyncio.run(flow_run_state(run_id))
    assert state.is_failed() and "run_mostly_dated" in state.message
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT status FROM runs WHERE run_id = ?", [run_id]).fetchone() == ("blocked",)
        assert con.execute("SELECT count(*) FROM staging_articles WHERE run_id = ?", [run_id]).fetchone() == (10,)

    assert main(["quality", run_id[:8], "--warehouse", str(db)]) == 1
    assert capsys.readouterr().out.startswith("# BLOCKED: nothing published (run_mostly_dated)")

    assert main(["release", run_id[:8], "--warehouse", str(db)]) == 0
    assert "RELEASED" in capsys.readouterr().out
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM published_articles").fetchone() == (15,)
    assert checksums(db) != before
