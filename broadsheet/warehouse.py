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
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from broadsheet.outlets import OutletRegistry
from broadsheet.quality import SUITES, CheckResult, load_suite_definition
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


def checks_frames(con: duckdb.DuckDBPyConnection, run_id: str) -> dict[str, pd.DataFrame]:
    """The relations the suites check, restricted to this run's rows."""
    return {
        relation: con.execute(f"SELECT * FROM {relation} WHERE run_id = ?", [run_id]).df()
        for relation in SUITES
    }


@dataclass(frozen=True)
class RunOutcome:
    status: str  # published | nothing-new | blocked | released
    counts: RunCounts
    message: str | None = None


def _record_checks(con: duckdb.DuckDBPyConnection, run_id: str, results: list[CheckResult], at: datetime) -> None:
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
            if r.level == "row"
            for aid in r.failing_ids
        ],
    )


def _publish_staged(con: duckdb.DuckDBPyConnection, run_id: str, at: datetime) -> tuple[int, int]:
    """Quarantine rows that failed a critical row check, publish the rest; (published, rejected)."""
    rejected = con.execute(
        """
        SELECT s.article_id, s.path, s.sha256,
               'failed critical checks: ' || string_agg(f.expectation, ', ' ORDER BY f.expectation)
        FROM staging_articles AS s
        JOIN check_failures AS f USING (run_id, article_id)
        WHERE s.run_id = ? AND f.severity = 'critical'
        GROUP BY ALL
        """,
        [run_id],
    ).fetchall()
    _insert(
        con,
        "quarantine",
        [_quarantine_row(run_id, Quarantined(path, "validate", reason, sha), at) for _, path, sha, reason in rejected],
    )
    published = con.execute(
        """
        INSERT INTO articles BY NAME
        SELECT * EXCLUDE (run_id), ? AS run_id, ? AS published_at
        FROM staging_articles AS s
        WHERE run_id = ? AND NOT EXISTS (
            SELECT 1 FROM check_failures AS f
            WHERE f.run_id = s.run_id AND f.article_id = s.article_id AND f.severity = 'critical')
        ON CONFLICT DO NOTHING
        """,
        [run_id, at, run_id],
    ).fetchone()[0]
    create_views(con)
    return published, len(rejected)


def publish_run(
    con: duckdb.DuckDBPyConnection, run_id: str, results: list[CheckResult], counts: RunCounts
) -> RunOutcome:
    """In one transaction: record check results; then either block the whole run (a critical
    batch check failed: nothing is published, staging is kept for inspection) or quarantine
    rows failing a critical row check, publish the rest, refresh the views and close the run."""
    at = now()
    blocking = [r for r in results if r.blocks_run]
    checks_failed = sum(1 for r in results if not r.success)
    with transaction(con):
        _record_checks(con, run_id, results, at)
        if blocking:
            message = "blocked by critical batch checks: " + ", ".join(
                f"{r.expectation} ({', '.join(r.failing_ids)})" for r in blocking
            )
            outcome = RunOutcome("blocked", replace(counts, checks_failed=checks_failed), message)
        else:
            published, rejected = _publish_staged(con, run_id, at)
            status = "published" if counts.read or counts.quarantined else "nothing-new"
            outcome = RunOutcome(
                status,
                replace(counts, published=published, quarantined=counts.quarantined + rejected,
                        checks_failed=checks_failed),
            )
        _finish(con, run_id, outcome.status, outcome.counts, outcome.message)
    return outcome


def resolve_run(con: duckdb.DuckDBPyConnection, run_id: str) -> str:
    """The full id of the one run whose id is or starts with `run_id` (status shows 8 characters)."""
    matches = con.execute("SELECT run_id FROM runs WHERE starts_with(run_id, ?)", [run_id]).fetchall()
    if len(matches) != 1:
        raise WarehouseError(f"{'no' if not matches else 'more than one'} run matches {run_id!r}")
    return matches[0][0]


def release_run(con: duckdb.DuckDBPyConnection, run_id: str) -> RunOutcome:
    """Publish a blocked run after a person has looked: the batch verdict is overridden, rows
    failing a critical row check are still quarantined."""
    run_id = resolve_run(con, run_id)
    status, discovered, known, read, extracted, quarantined, checks_failed = con.execute(
        "SELECT status, discovered, already_known, read, extracted, quarantined, checks_failed "
        "FROM runs WHERE run_id = ?",
        [run_id],
    ).fetchone()
    if status != "blocked":
        raise WarehouseError(f"run {run_id} is {status}, not blocked: nothing to release")
    counts = RunCounts(discovered, known, read, extracted, quarantined, 0, checks_failed)
    with transaction(con):
        published, rejected = _publish_staged(con, run_id, now())
        outcome = RunOutcome(
            "released",
            replace(counts, published=published, quarantined=quarantined + rejected),
            "released by a person after review",
        )
        _finish(con, run_id, outcome.status, outcome.counts, outcome.message)
    return outcome


def stored_outcome(con: duckdb.DuckDBPyConnection, run_id: str | None) -> tuple[str, RunOutcome, list[CheckResult]]:
    """A finished run's outcome and check results as recorded (default: the latest run)."""
    if run_id is None:
        latest = con.execute("SELECT run_id FROM runs ORDER BY started_at DESC LIMIT 1").fetchone()
        if latest is None:
            raise WarehouseError("no runs yet: run `broadsheet run` first")
        run_id = latest[0]
    run_id = resolve_run(con, run_id)
    status, message, *numbers = con.execute(
        "SELECT status, message, discovered, already_known, read, extracted, quarantined, published, "
        "checks_failed FROM runs WHERE run_id = ?",
        [run_id],
    ).fetchone()
    outcome = RunOutcome(status, RunCounts(*(n or 0 for n in numbers)), message)
    failing = dict(
        con.execute(
            "SELECT expectation, list(article_id ORDER BY article_id) FROM check_failures "
            "WHERE run_id = ? GROUP BY expectation",
            [run_id],
        ).fetchall()
    )
    results = [
        CheckResult(
            suite=suite,
            level=load_suite_definition(suite)["meta"]["level"],
            expectation=expectation,
            severity=severity,
            success=success,
            element_count=element_count,
            unexpected_count=unexpected_count,
            failing_ids=tuple(failing.get(expectation) or json.loads(examples or "[]")),
            examples=tuple(json.loads(examples or "[]")),
        )
        for suite, expectation, severity, success, element_count, unexpected_count, examples in con.execute(
            "SELECT suite, expectation, severity, success, element_count, unexpected_count, examples "
            "FROM quality_results WHERE run_id = ? ORDER BY suite, expectation",
            [run_id],
        ).fetchall()
    ]
    return run_id, outcome, results


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
