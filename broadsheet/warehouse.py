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
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from broadsheet.faults import fault_point
from broadsheet.fingerprints import article_key, count_fingerprints
from broadsheet.outlets import OutletRegistry
from broadsheet.quality import SUITES, CheckResult, load_suite_definition
from broadsheet.records import ExtractedDocument, FileVersion, Quarantined, RawDocument

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


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict], or_ignore: bool = False) -> None:
    """Insert rows through Arrow (executemany is ~25x slower); `or_ignore` skips rows whose
    primary key is already there."""
    if not rows:
        return
    con.register("_rows", pa.Table.from_pylist(rows))
    try:
        con.execute(f"INSERT {'OR IGNORE ' if or_ignore else ''}INTO {table} BY NAME SELECT * FROM _rows")
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


@dataclass(frozen=True)
class KnownInputs:
    hashes: set[str]  # contents already stored or quarantined
    files: dict[str, tuple[int, int]]  # path -> (size, mtime_ns) when last read, if trusted
    versions: dict[str, str]  # path -> sha256 of its current version


CURRENT_FILES = """
    SELECT * FROM file_index
    QUALIFY row_number() OVER (PARTITION BY path ORDER BY indexed_at DESC) = 1
"""


def known_inputs(con: duckdb.DuckDBPyConnection) -> KnownInputs:
    rows = con.execute(f"SELECT path, size, mtime_ns, sha256 FROM ({CURRENT_FILES})").fetchall()
    return KnownInputs(
        known_hashes(con),
        {path: (size, mtime) for path, size, mtime, _ in rows if mtime >= 0},
        {path: sha for path, _, _, sha in rows},
    )


def recover_interrupted(con: duckdb.DuckDBPyConnection) -> int:
    """Close runs that died and discard what they staged, so their documents count as new again.

    Called under the run lock: a run still 'running' is one whose process is gone (killed,
    machine down). A 'failed' run published nothing either. Without this, a run killed after
    staging would leave its documents looking known, and they would never be published.
    """
    # A failed run that has published rows (it failed after its publishing commit) is not dead.
    dead = "SELECT run_id FROM runs WHERE status = 'failed' EXCEPT SELECT run_id FROM articles"
    with transaction(con):
        interrupted = con.execute(
            "UPDATE runs SET status = 'failed', ended_at = ?, "
            "message = 'interrupted: its process stopped before the run finished' WHERE status = 'running'",
            [now()],
        ).fetchone()[0]
        con.execute(
            f"DELETE FROM line_removals WHERE article_id IN "
            f"(SELECT article_id FROM staging_articles WHERE run_id IN ({dead})) "
            f"AND article_id NOT IN (SELECT article_id FROM articles)"
        )
        for table in ("staging_articles", "raw_documents", "quarantine", "file_index"):
            con.execute(f"DELETE FROM {table} WHERE run_id IN ({dead})")
    return interrupted


def latest_documents(con: duckdb.DuckDBPyConnection) -> list[RawDocument]:
    """The current version of every input path (as the file index last saw it) with its stored
    text; a content found at several paths once, at the first path, as a fresh run would."""
    rows = con.execute(
        f"""
        SELECT f.path, r.sha256, r.size, r.format, r.encoding, r.content
        FROM ({CURRENT_FILES}) AS f JOIN raw_documents AS r USING (sha256)
        QUALIFY row_number() OVER (PARTITION BY r.sha256 ORDER BY f.path) = 1
        ORDER BY f.path
        """
    ).fetchall()
    return [RawDocument(*row) for row in rows]


def supersede_previous_versions(con: duckdb.DuckDBPyConnection, run_id: str) -> int:
    """Withdraw the published articles this run replaces: at a path it brings a new version of
    (staged, or quarantined for its content), or with a content it stages at another path.
    So `articles` holds one row per path, from its latest version. Runs inside the publishing
    transaction, just before the run's rows are inserted."""
    fault_point("publish")
    return con.execute(
        """
        DELETE FROM articles WHERE path IN (
            SELECT path FROM staging_articles WHERE run_id = $run
            UNION ALL SELECT path FROM quarantine WHERE run_id = $run AND sha256 IS NOT NULL
        ) OR sha256 IN (SELECT sha256 FROM staging_articles WHERE run_id = $run)
        """,
        {"run": run_id},
    ).fetchone()[0]


def outlet_pages(con: duckdb.DuckDBPyConnection, outlets: Iterable[str]) -> dict[str, dict[str, set[str]]]:
    """The line fingerprints of the given outlets' published text pages:
    {outlet: {article_key: fingerprints}}."""
    pages: dict[str, dict[str, set[str]]] = {}
    rows = con.execute(
        """
        SELECT DISTINCT a.outlet, f.article_key, f.fingerprint
        FROM articles AS a JOIN page_fingerprints AS f USING (sha256)
        WHERE a.format = 'text' AND list_contains(?, a.outlet)
        """,
        [sorted(outlets)],
    ).fetchall()
    for outlet, key, fp in rows:
        pages.setdefault(outlet, {}).setdefault(key, set()).add(fp)
    return pages


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
        "source_host": e.source_host,
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
    files: Iterable[FileVersion] = (),
) -> None:
    """Write a run's raw documents, staged articles, cleaning provenance, early quarantine and
    the file index entries of the files it read."""
    at = now()
    with transaction(con):
        # or_ignore: a re-extracted page (rebuild, page reverted to an earlier version) is stored.
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
            or_ignore=True,
        )
        _insert(con, "staging_articles", [_article_row(run_id, a) for a in articles])
        _insert(
            con,
            "page_fingerprints",
            [
                {"sha256": a.doc.sha256, "article_key": article_key(a.extraction.body), "fingerprint": fp}
                for a in articles
                if a.doc.format == "text"
                for fp in sorted(count_fingerprints(a.doc.text))
            ],
            or_ignore=True,
        )
        # A re-extraction (rebuild, reverted page) replaces the provenance of what it re-stages.
        con.register("_staged", pa.table({"article_id": pa.array([a.article_id for a in articles], pa.string())}))
        con.execute("DELETE FROM line_removals WHERE article_id IN (SELECT article_id FROM _staged)")
        con.unregister("_staged")
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
        _insert(con, "file_index", [{**asdict(f), "run_id": run_id, "indexed_at": at} for f in files])
        fault_point("load")


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
    supersede_previous_versions(con, run_id)
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
