"""Helpers for tests that compare warehouses and run the CLI in other processes."""

from __future__ import annotations

import os
import time
from pathlib import Path

import duckdb

from tests.conftest import ROOT, SEEDS

# What readers see, minus what differs between two runs of the same inputs (run ids, times).
PUBLISHED = {
    "articles": "SELECT * EXCLUDE (run_id, published_at) FROM articles",
    "published_articles": "SELECT * EXCLUDE (run_id, published_at) FROM published_articles",
    "coverage_by_outlet_month": "SELECT * FROM coverage_by_outlet_month",
    "articles_needing_review": "SELECT * FROM articles_needing_review",
}


def published_state(db: str | os.PathLike) -> dict[str, tuple[int, str]]:
    """Row count and an order-independent checksum of every published relation."""
    with duckdb.connect(str(db), read_only=True) as con:
        return {
            name: con.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::VARCHAR, '|' ORDER BY t::VARCHAR), '')) FROM ({sql}) AS t"
            ).fetchone()
            for name, sql in PUBLISHED.items()
        }


def scalar(db: str | os.PathLike, sql: str):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchone()[0]


def seed_copies(folder: Path, copies: int, tag: str = "copy") -> Path:
    """Copies of the seeds, each made a distinct document by one unique line; mtimes an hour
    back, as for pages scraped before the run (recent mtimes are not trusted by the index)."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds = sorted(SEEDS.glob("*.txt"))
    past = time.time() - 3600
    for n in range(copies):
        seed = seeds[n % len(seeds)]
        path = folder / f"{tag}-{n:04d}-{seed.name}"
        path.write_text(f"{seed.read_text(encoding='utf-8')}\nArchive reference {tag} {n:04d}.\n", encoding="utf-8")
        os.utime(path, (past, past))
    return folder


def subprocess_env(**extra: str) -> dict[str, str]:
    """The CLI in another process, on this session's Prefect test API (no ephemeral API of
    its own to start) and quiet."""
    from prefect.settings import PREFECT_API_URL

    env = {k: v for k, v in os.environ.items() if not k.startswith("BROADSHEET_")}
    env.update(
        PREFECT_API_URL=PREFECT_API_URL.value(),
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PREFECT_LOGGING_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
        **extra,
    )
    return env
