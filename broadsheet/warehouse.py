"""Stage 3 and 5: load staged rows into DuckDB, record checks, publish in one transaction.

Write-audit-publish: a run's articles land in `staging_articles`; only after validation are
the rows that pass every critical check copied to `articles`, with the quarantine entries,
check failures and refreshed views, in a single transaction. A run that dies before that
commit leaves the published state exactly as it was.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from broadsheet.outlets import OutletRegistry
from broadsheet.quality import CheckResult
from broadsheet.records import ExtractedDocument, Quarantined

SQL_DIR = Path(__file__).resolve().parent.parent / "warehouse"
DEFAULT_WAREHOUSE = SQL_DIR / "broadsheet.duckdb"


class WarehouseError(RuntimeError):
    """The warehouse cannot be opened or queried (missing, locked, bad SQL)."""


@dataclass(frozen=True)
class RunCounts:
    discovered: int = 0
    already_known: int = 0
    read: int = 0
    extracted: int = 0
    quarantined: int = 0
    published: int = 0
    checks_failed: int = 0


def now() -> datetime:
    return datetime.now(timezone.utc)


def content_hash(body: str) -> str:
    return hashlib.sha256(" ".join(body.lower().split()).encode()).hexdigest()


def _sql_files(kind: str) -> list[Path]:
    return sorted((SQL_DIR / kind).glob("*.sql"))


def _views_in_dependency_order() -> list[tuple[str, str]]:
    """(name, sql) of every view, each after the views it reads from."""
    views = {p.stem: p.read_text(encoding="utf-8") for p in _sql_files("views")}
    ordered: list[tuple[str, str]] = []
    placed: set[str] = set()

    def place(name: str, trail: tuple[str, ...] = ()) -> None:
        if name in placed:
            return
        if name in trail:
            raise WarehouseError(f"views depend on each other in a cycle: {' -> '.join(trail + (name,))}")
        for other in views:
            if other != name and re.search(rf"\b{other}\b", views[name]):
                place(other, trail + (name,))
        placed.add(name)
        ordered.append((name, views[name]))

    for name in sorted(views):
        place(name)
    return ordered


def create_tables(con: duckdb.DuckDBPyConnection) -> None:
    for path in _sql_files("tables"):
        con.execute(path.read_text(encoding="utf-8"))


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    for _, sql in _views_in_dependency_order():
        con.execute(sql)


@contextmanager
def connect(path: str | Path = DEFAULT_WAREHOUSE, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    path = Path(path)
    if read_only and not path.exists():
        raise WarehouseError(f"no warehouse at {path}: run `broadsheet run` first")
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as exc:
        raise WarehouseError(f"cannot open {path}: {exc}") from exc
    try:
        if not read_only:
            create_tables(con)
            create_views(con)
        yield con
    finally:
        con.close()


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> None:
    """Insert rows through Arrow (executemany is ~25x slower)."""
    if not rows:
        return
    con.register("_rows", pa.Table.from_pylist(rows))
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _rows")
    finally:
        con.unregister("_rows")


def load_registry(con: duckdb.DuckDBPyConnection, registry: OutletRegistry) -> None:
    rows = [
        {
            "name": o.name,
            "aliases": list(o.aliases),
            "domains": list(o.domains),
            "country": o.country,
            "languages": list(o.languages),
            "founded": o.founded,
        }
        for o in registry.outlets
    ]
    with transaction(con):
        con.execute("DELETE FROM outlets")
        _insert(con, "outlets", rows)


def known_hashes(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Documents already processed: stored, or quarantined for their content."""
    rows = con.execute(
        "SELECT sha256 FROM raw_documents UNION SELECT sha256 FROM quarantine WHERE sha256 IS NOT NULL"
    ).fetchall()
    return {r[0] for r in rows}


def start_run(con: duckdb.DuckDBPyConnection, run_id: str, inputs: Iterable[str]) -> None:
    con.execute(
        "INSERT INTO runs (run_id, started_at, status, inputs) VALUES (?, ?, 'running', ?)",
        [run_id, now(), list(inputs)],
    )


def _article_row(run_id: str, staged: ExtractedDocument) -> dict:
    doc, e = staged.doc, staged.extraction
    return {
        "article_id": staged.article_id,
        "run_id": run_id,
        "sha256": doc.sha256,
        "path": doc.path,
        "format": doc.format,
        "outlet": e.outlet,
        "title": e.title,
        "published": e.published,
        "published_evidence": e.published_evidence,
        "published_kind": e.published_kind,
        "dateline": e.dateline,
        "wire": e.wire,
        "language": e.language,
        "body": e.body,
        "word_count": e.word_count,
        "content_hash": content_hash(e.body),
    }


def _quarantine_row(run_id: str, q: Quarantined, at: datetime) -> dict:
    return {
        "run_id": run_id,
        "path": q.path,
        "sha256": q.sha256,
        "article_id": q.sha256[:16] if q.sha256 else None,
        "stage": q.stage,
        "reason": q.reason,
        "quarantined_at": at,
    }


def stage_run(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    articles: list[ExtractedDocument],
    quarantined: list[Quarantined],
) -> None:
    """Write a run's raw documents, staged articles, cleaning provenance and early quarantine."""
    at = now()
    with transaction(con):
        _insert(
            con,
            "raw_documents",
            [
                {
                    "sha256": a.doc.sha256,
                    "path": a.doc.path,
                    "size": a.doc.size,
                    "format": a.doc.format,
                    "encoding": a.doc.encoding,
                    "content": a.doc.text,
                    "first_seen": at,
                    "run_id": run_id,
                }
                for a in articles
            ],
        )
        _insert(con, "staging_articles", [_article_row(run_id, a) for a in articles])
        _insert(
            con,
            "line_removals",
            [
                {"article_id": a.article_id, "reason": reason, "lines": count}
                for a in articles
                for reason, count in sorted(a.extraction.removed_counts.items())
            ],
        )
        _insert(con, "quarantine", [_quarantine_row(run_id, q, at) for q in quarantined])


def checks_frame(con: duckdb.DuckDBPyConnection, run_id: str) -> pd.DataFrame:
    return con.execute("SELECT * FROM article_checks WHERE run_id = ?", [run_id]).df()


def publish_run(
    con: duckdb.DuckDBPyConnection, run_id: str, results: list[CheckResult], counts: RunCounts
) -> RunCounts:
    """In one transaction: record check results, quarantine rows failing a critical check,
    publish the rest, refresh the views and close the run."""
    at = now()
    critical_reasons: dict[str, list[str]] = {}
    for r in results:
        if r.severity == "critical":
            for article_id in r.failing_ids:
                critical_reasons.setdefault(article_id, []).append(r.expectation)
    staged = con.execute(
        "SELECT article_id, path, sha256 FROM staging_articles WHERE run_id = ?", [run_id]
    ).fetchall()
    rejected = [
        Quarantined(path, "validate", "failed critical checks: " + ", ".join(critical_reasons[aid]), sha)
        for aid, path, sha in staged
        if aid in critical_reasons
    ]
    with transaction(con):
        _insert(
            con,
            "quality_results",
            [
                {
                    "run_id": run_id,
                    "suite": r.suite,
                    "expectation": r.expectation,
                    "severity": r.severity,
                    "success": r.success,
                    "element_count": r.element_count,
                    "unexpected_count": r.unexpected_count,
                    "unexpected_percent": r.unexpected_percent,
                    "examples": json.dumps(list(r.examples or r.failing_ids[:5])),
                    "checked_at": at,
                }
                for r in results
            ],
        )
        _insert(
            con,
            "check_failures",
            [
                {"run_id": run_id, "article_id": aid, "expectation": r.expectation, "severity": r.severity}
                for r in results
                for aid in r.failing_ids
            ],
        )
        _insert(con, "quarantine", [_quarantine_row(run_id, q, at) for q in rejected])
        con.register("_rejected", pa.table({"article_id": pa.array(list(critical_reasons), pa.string())}))
        published = con.execute(
            """
            INSERT INTO articles BY NAME
            SELECT * EXCLUDE (run_id), ? AS run_id, ? AS published_at
            FROM staging_articles
            WHERE run_id = ? AND article_id NOT IN (SELECT article_id FROM _rejected)
            ON CONFLICT DO NOTHING
            """,
            [run_id, at, run_id],
        ).fetchone()[0]
        con.unregister("_rejected")
        create_views(con)
        final = RunCounts(
            discovered=counts.discovered,
            already_known=counts.already_known,
            read=counts.read,
            extracted=counts.extracted,
            quarantined=counts.quarantined + len(rejected),
            published=published,
            checks_failed=sum(1 for r in results if not r.success),
        )
        _finish(con, run_id, "published" if counts.read or counts.quarantined else "nothing-new", final, None)
    return final


def finish_run(
    con: duckdb.DuckDBPyConnection, run_id: str, status: str, counts: RunCounts, message: str | None
) -> None:
    _finish(con, run_id, status, counts, message)


def _finish(con, run_id: str, status: str, counts: RunCounts, message: str | None) -> None:
    con.execute(
        """
        UPDATE runs SET ended_at = ?, status = ?, discovered = ?, already_known = ?, read = ?,
               extracted = ?, quarantined = ?, published = ?, checks_failed = ?, message = ?
        WHERE run_id = ?
        """,
        [
            now(), status, counts.discovered, counts.already_known, counts.read, counts.extracted,
            counts.quarantined, counts.published, counts.checks_failed, message, run_id,
        ],
    )
