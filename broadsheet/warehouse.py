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
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pyarrow as pa

from broadsheet.faults import fault_point
from broadsheet.extract.templates import TEMPLATE_MIN_ARTICLES, TEMPLATE_MIN_SHARE
from broadsheet.outlets import OutletRegistry
from broadsheet.quality import SUITES, CheckResult, boilerplate_line_share, load_suite_definition, validate_frames
from broadsheet.records import (
    ExtractedDocument, FileBatch, FileVersion, Quarantined, RawDocument, RunCounts, RunOutcome, Skipped, content_hash, pack,
)

if TYPE_CHECKING:  # DuckDB makes the frames; pandas loads with them, not with the warehouse
    import pandas as pd

SQL_DIR = Path(__file__).resolve().parent.parent / "warehouse"
DEFAULT_WAREHOUSE = SQL_DIR / "broadsheet.duckdb"
# Another process (a DuckDB client on the working file) may hold the file's lock for a while;
# a run waits this long for it before the task's IO retries take over.
LOCK_WAIT_SECONDS = 120.0
# DuckDB's own memory in this process, for every connection to the working file: past it,
# joins, aggregates, large inserts and exports spill to a folder beside the file instead of
# growing with the run (its default, 80% of the machine, let a 100k-page publish hold 6.5 GB).
# It fills up while pages stream in (cached blocks), beside the workers: so it is small.
DUCKDB_CONFIG = {"memory_limit": "384MB"}
# Row groups of 2,048 rows in the working file, not DuckDB's 122,880: a checkpoint rewrites a
# table's open row group, and with pages of ~190 KB of HTML that group outgrew the cap at
# ~3,800 pages, failing the checkpoint (a FATAL error that ends the run). DuckDB does not keep
# the option in the file, so every connection attaches the file with it (`open_file`).
ROW_GROUP_ROWS = 2048


class WarehouseError(RuntimeError):
    """The warehouse cannot be opened or queried (missing, locked, bad SQL)."""


def now() -> datetime:
    return datetime.now(timezone.utc)


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


def view_sql(names: Iterable[str]) -> list[tuple[str, str]]:
    """(name, sql) of the given views and the views they read from, in dependency order."""
    ordered = _views_in_dependency_order()
    wanted = set(names)
    for name, sql in reversed(ordered):  # a view's dependencies come before it
        if name in wanted:
            wanted |= {other for other, _ in ordered if other != name and re.search(rf"\b{other}\b", sql)}
    return [(name, sql) for name, sql in ordered if name in wanted]


def create_tables(con: duckdb.DuckDBPyConnection) -> None:
    _number_fingerprints(con)
    _pack_stored_pages(con)
    for path in _sql_files("tables"):
        con.execute(path.read_text(encoding="utf-8"))


def _column_type(con: duckdb.DuckDBPyConnection, table: str, column: str) -> str | None:
    found = con.execute(
        "SELECT data_type FROM duckdb_columns() WHERE database_name = current_database() AND table_name = ? "
        "AND column_name = ?",
        [table, column],
    ).fetchall()
    return found[0][0] if found else None


def _remake(con: duckdb.DuckDBPyConnection, table: str, select: str) -> None:
    """Make `table` again as its schema file makes it, from `select` over its old rows (`old`)."""
    with transaction(con):
        con.execute(f"ALTER TABLE {table} RENAME TO {table}_old")
        con.execute((SQL_DIR / "tables" / f"{table}.sql").read_text(encoding="utf-8"))
        con.execute(f"INSERT INTO {table} {select.format(old=f'{table}_old')}")
        con.execute(f"DROP TABLE {table}_old")


def _number_fingerprints(con: duckdb.DuckDBPyConnection) -> None:
    """Warehouses made when fingerprints were stored as 16 hex digits get them as the numbers
    those digits spell (templates.fingerprint_of_normal), each table in one statement. Made
    again from its schema file, `outlet_line_counts` also loses the primary key it had in the
    oldest warehouses (CREATE ... IF NOT EXISTS leaves a table as it is)."""
    if _column_type(con, "outlet_line_counts", "fingerprint") == "VARCHAR":
        _remake(con, "outlet_line_counts", "SELECT outlet, ('0x' || fingerprint)::UBIGINT, articles FROM {old}")
    if _column_type(con, "page_fingerprint_sets", "fingerprints") == "VARCHAR[]":
        _remake(
            con,
            "page_fingerprint_sets",
            "SELECT sha256, article_key, list_transform(fingerprints, lambda f: ('0x' || f)::UBIGINT) FROM {old}",
        )


def _pack_stored_pages(con: duckdb.DuckDBPyConnection) -> None:
    """Warehouses made when raw pages were stored as text get them packed (records.pack), in
    one statement and one transaction: the table is made again as its schema file makes it."""
    if _column_type(con, "raw_documents", "content") != "VARCHAR":
        return

    def pack_texts(texts: pa.Array) -> pa.Array:
        return pa.array([pack(text) for text in texts.to_pylist()], pa.binary())

    con.create_function("pack_text", pack_texts, ["VARCHAR"], "BLOB", type="arrow")
    try:
        _remake(con, "raw_documents", "BY NAME SELECT * REPLACE (pack_text(content) AS content) FROM {old}")
    finally:
        con.remove_function("pack_text")


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    for _, sql in _views_in_dependency_order():
        con.execute(sql)


def open_file(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection to a warehouse file under the run's memory cap and row group size. All of
    a process's connections share one DuckDB instance (as `duckdb.connect(path)` does), where
    the file is attached once: it stays attached, and locked, while any of them is open."""
    path = Path(path).resolve()
    con = duckdb.connect(":memory:broadsheet", config=DUCKDB_CONFIG)
    try:
        name = "wh_" + hashlib.sha256(str(path).encode()).hexdigest()[:16]  # unique per file
        attached = con.execute("SELECT 1 FROM duckdb_databases() WHERE database_name = ?", [name]).fetchall()
        if not attached:
            options = f"ROW_GROUP_SIZE {ROW_GROUP_ROWS}" + (", READ_ONLY" if read_only else "")
            con.execute(f"""ATTACH '{str(path).replace("'", "''")}' AS {name} ({options})""")
        con.execute(f"USE {name}")
    except BaseException:
        con.close()
        raise
    return con


def _open(path: Path, read_only: bool, lock_wait: float) -> duckdb.DuckDBPyConnection:
    """Open the file, waiting up to `lock_wait` seconds while another process has it open
    (a DuckDB client reading the working file): the run waits for it instead of failing."""
    deadline = time.monotonic() + lock_wait
    delay = 0.2
    while True:
        try:
            return open_file(path, read_only)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or time.monotonic() + delay > deadline:
                raise WarehouseError(f"cannot open {path}: {str(exc).splitlines()[0]}") from exc
            time.sleep(delay)
            delay = min(delay * 2, 5.0)
        except duckdb.Error as exc:
            raise WarehouseError(f"cannot open {path}: {str(exc).splitlines()[0]}") from exc


@contextmanager
def connect(
    path: str | Path = DEFAULT_WAREHOUSE,
    read_only: bool = False,
    lock_wait: float = LOCK_WAIT_SECONDS,
    ensure_schema: bool = True,
) -> Iterator[duckdb.DuckDBPyConnection]:
    """`ensure_schema=False` for the writes of a run in progress: its first task created the
    tables and views, and a batch need not pay for their DDL again."""
    path = Path(path)
    if read_only and not path.exists():
        raise WarehouseError(f"no warehouse at {path}: run `broadsheet run` first")
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    con = _open(path, read_only, lock_wait)
    try:
        if not read_only and ensure_schema:
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


def _insert(
    con: duckdb.DuckDBPyConnection, table: str, rows: list[dict] | pa.Table, or_ignore: bool = False
) -> None:
    """Insert rows through Arrow (executemany is ~25x slower); `or_ignore` skips rows whose
    primary key is already there."""
    if not len(rows):
        return
    con.register("_rows", rows if isinstance(rows, pa.Table) else pa.Table.from_pylist(rows))
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
        for table in ("staging_articles", "raw_documents", "quarantine", "file_index", "skipped_inputs", "check_failures"):
            con.execute(f"DELETE FROM {table} WHERE run_id IN ({dead})")
    return interrupted


def latest_versions(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, int]]:
    """(path, sha256, size on disk) of the current version of every input path (as the file index last saw
    it) that is stored; a content found at several paths once, at the first path, as a fresh
    run would. Small rows: the pages themselves are fetched batch by batch."""
    return con.execute(
        f"""
        SELECT f.path, f.sha256, r.size
        FROM ({CURRENT_FILES}) AS f JOIN raw_documents AS r USING (sha256)
        QUALIFY row_number() OVER (PARTITION BY r.sha256 ORDER BY f.path) = 1
        ORDER BY f.path
        """
    ).fetchall()


def stored_documents(con: duckdb.DuckDBPyConnection, versions: list[tuple[str, str]]) -> list[RawDocument]:
    """The stored pages of the given (path, sha256) pairs, each under the given path."""
    con.register("_wanted", pa.table({"path": [p for p, _ in versions], "sha256": [h for _, h in versions]}))
    try:
        rows = con.execute(
            "SELECT w.path, r.sha256, r.size, r.format, r.encoding, r.content, r.url, r.fetched_at, r.claimed_outlet "
            "FROM _wanted AS w JOIN raw_documents AS r USING (sha256) ORDER BY w.path"
        ).fetchall()
    finally:
        con.unregister("_wanted")
    return [RawDocument(*row) for row in rows]


def run_templates(con: duckdb.DuckDBPyConnection, run_id: str, with_history: bool = True) -> dict[str, frozenset[int]]:
    """Templates of the outlets of this run's staged text pages, from the counts of their
    published articles (`with_history`; a rebuild learns from its own pages only) plus this
    run's articles not counted yet. Reads counts, never the outlets' history of pages."""
    rows = con.execute(
        """
        WITH run_outlets AS (
            SELECT DISTINCT outlet FROM staging_articles
            WHERE run_id = $run AND format = 'text' AND outlet IS NOT NULL
        ),
        run_articles AS (  -- copies of an article pool their lines; an article already counted, not again
            SELECT s.outlet, f.article_key, list_distinct(flatten(list(f.fingerprints))) AS fingerprints
            FROM staging_articles AS s JOIN page_fingerprint_sets AS f USING (sha256)
            WHERE s.run_id = $run AND s.format = 'text' AND s.outlet IS NOT NULL AND f.article_key <> ''
              AND NOT ($history AND EXISTS (
                  SELECT 1 FROM outlet_article_keys AS k WHERE k.outlet = s.outlet AND k.article_key = f.article_key))
            GROUP BY s.outlet, f.article_key
        ),
        outlet_articles AS (
            SELECT outlet, count(*) AS n FROM (
                SELECT outlet, article_key FROM outlet_article_keys
                WHERE $history AND outlet IN (SELECT outlet FROM run_outlets)
                UNION SELECT outlet, article_key FROM run_articles
            ) GROUP BY outlet
        ),
        line_articles AS (
            SELECT outlet, fingerprint, sum(n) AS n FROM (
                SELECT outlet, fingerprint, articles AS n FROM outlet_line_counts
                WHERE $history AND outlet IN (SELECT outlet FROM run_outlets)
                UNION ALL SELECT outlet, fingerprint, count(*) FROM (
                    SELECT outlet, unnest(fingerprints) AS fingerprint FROM run_articles
                ) GROUP BY ALL
            ) GROUP BY ALL
        )
        SELECT l.outlet, list(l.fingerprint ORDER BY l.fingerprint)
        FROM line_articles AS l JOIN outlet_articles AS a USING (outlet)
        WHERE l.n >= greatest($min_articles, ceil($min_share * a.n))
        GROUP BY l.outlet
        """,
        {"run": run_id, "history": with_history, "min_articles": TEMPLATE_MIN_ARTICLES, "min_share": TEMPLATE_MIN_SHARE},
    ).fetchall()
    return {outlet: frozenset(fps) for outlet, fps in rows}


def pages_to_refine(con: duckdb.DuckDBPyConnection, run_id: str, outlets: Iterable[str]) -> list[tuple[str, str, str]]:
    """(path, sha256, outlet) of this run's staged text pages of the given outlets (those with
    a template): the only pages a second cleaning pass can change."""
    return con.execute(
        "SELECT path, sha256, outlet FROM staging_articles WHERE run_id = ? AND format = 'text' "
        "AND list_contains(?, outlet) ORDER BY path",
        [run_id, sorted(outlets)],
    ).fetchall()


def restage(con: duckdb.DuckDBPyConnection, run_id: str, batch: FileBatch) -> None:
    """Replace staged rows (and their cleaning provenance) with a second pass's extraction; a
    page the second pass rejects moves from staging to quarantine."""
    ids = [a.article_id for a in batch.articles] + [q.sha256[:16] for q in batch.quarantined if q.sha256]
    at = now()
    with transaction(con):
        con.register("_refined", pa.table({"article_id": pa.array(ids, pa.string())}))
        try:
            con.execute(
                "DELETE FROM staging_articles WHERE run_id = ? AND article_id IN (SELECT article_id FROM _refined)",
                [run_id],
            )
            con.execute("DELETE FROM line_removals WHERE article_id IN (SELECT article_id FROM _refined)")
        finally:
            con.unregister("_refined")
        _insert(con, "staging_articles", [_article_row(run_id, a) for a in batch.articles])
        _insert(con, "line_removals", _removal_rows(batch.articles))
        _insert(con, "quarantine", [_quarantine_row(run_id, q, at) for q in batch.quarantined])


def _count_published_pages(con: duckdb.DuckDBPyConnection, run_id: str) -> None:
    """Fold the articles this run published into the outlets' line counts, once per article:
    what `run_templates` learns from next time. Inside the publishing transaction."""
    new_pages = """
        SELECT a.outlet, f.article_key, f.fingerprints
        FROM articles AS a JOIN page_fingerprint_sets AS f USING (sha256)
        WHERE a.run_id = $run AND a.format = 'text' AND a.outlet IS NOT NULL AND f.article_key <> ''
          AND NOT EXISTS (SELECT 1 FROM outlet_article_keys AS k WHERE k.outlet = a.outlet AND k.article_key = f.article_key)
    """
    # The copies of one article (same key) pool their lines in one list per article, so no
    # step deduplicates every (article, line) pair of the run.
    con.execute(
        f"""
        INSERT INTO outlet_line_counts
        SELECT outlet, fingerprint, count(*) FROM (
            SELECT outlet, unnest(list_distinct(flatten(list(fingerprints)))) AS fingerprint
            FROM ({new_pages}) GROUP BY outlet, article_key
        ) GROUP BY ALL
        """,
        {"run": run_id},
    )
    con.execute(f"INSERT INTO outlet_article_keys SELECT DISTINCT outlet, article_key FROM ({new_pages})", {"run": run_id})


def supersede_previous_versions(con: duckdb.DuckDBPyConnection, run_id: str) -> int:
    """Withdraw the published articles this run replaces: at a path it brings a new version of
    (staged, or quarantined for its content), or with a content it stages at another path.
    So `articles` holds one row per path, from its latest version. Runs inside the publishing
    transaction, just before the run's rows are inserted."""
    fault_point("publish")
    replaced = """
        path IN (
            SELECT path FROM staging_articles WHERE run_id = $run
            UNION ALL SELECT path FROM quarantine WHERE run_id = $run AND sha256 IS NOT NULL
        ) OR sha256 IN (SELECT sha256 FROM staging_articles WHERE run_id = $run)
    """
    con.execute(
        f"INSERT INTO withdrawn_articles SELECT article_id, run_id, $run FROM articles WHERE {replaced}", {"run": run_id}
    )
    return con.execute(f"DELETE FROM articles WHERE {replaced}", {"run": run_id}).fetchone()[0]


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
        # computed by the worker (pipeline.prepared); here only for documents staged directly
        "word_count": staged.word_count or e.word_count,
        "content_hash": staged.content_hash or content_hash(e.body),
        "boilerplate_line_share": (
            staged.boilerplate_line_share if staged.boilerplate_line_share is not None else boilerplate_line_share(e.body)
        ),
        "source_host": e.source_host,
        "url": staged.url,
        "domain": staged.domain,
        "outlet_source": e.outlet_source,
        "outlet_evidence": e.outlet_evidence,
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


def _raw_row(run_id: str, doc: RawDocument, at: datetime) -> dict:
    return {
        "sha256": doc.sha256,
        "path": doc.path,
        "size": doc.size,
        "format": doc.format,
        "encoding": doc.encoding,
        "content": doc.packed,
        "first_seen": at,
        "run_id": run_id,
        "url": doc.url,
        "fetched_at": doc.fetched_at,
        "claimed_outlet": doc.claimed_outlet,
    }


def _removal_rows(articles: list[ExtractedDocument]) -> list[dict]:
    return [
        {"article_id": a.article_id, "reason": reason, "lines": count}
        for a in articles
        for reason, count in sorted(a.extraction.removed_counts.items())
    ]


_UNSTORABLE = (pa.ArrowException, UnicodeError, ValueError, TypeError, OverflowError)


def _article_tables(
    run_id: str, articles: list[ExtractedDocument], at: datetime
) -> tuple[pa.Table, pa.Table, list[Quarantined]]:
    """The batch's raw_documents and staging_articles rows as Arrow tables, and the documents
    whose rows cannot be stored (Arrow rejects e.g. a lone surrogate): one bad document is
    quarantined at load instead of failing the run. Only a failing batch is checked document
    by document."""

    def tables(batch: list[ExtractedDocument]) -> tuple[pa.Table, pa.Table]:
        return (
            pa.Table.from_pylist([_raw_row(run_id, a.doc, at) for a in batch]),
            pa.Table.from_pylist([_article_row(run_id, a) for a in batch]),
        )

    try:
        return *tables(articles), []
    except _UNSTORABLE:
        pass
    good, bad = [], []
    for a in articles:
        try:
            tables([a])
            good.append(a)
        except _UNSTORABLE as exc:
            bad.append(Quarantined(a.doc.path, "load", f"unstorable: {type(exc).__name__}: {str(exc)[:200]}", a.doc.sha256))
    return *tables(good), bad


def _fingerprint_table(articles: list[ExtractedDocument]) -> pa.Table:
    text = [a for a in articles if a.doc.format == "text"]
    return pa.table(
        {
            "sha256": pa.array([a.doc.sha256 for a in text], pa.string()),
            "article_key": pa.array([a.article_key for a in text], pa.string()),
            "fingerprints": pa.array([a.extraction.fingerprints for a in text], pa.list_(pa.uint64())),
        }
    )


def stage_run(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    articles: list[ExtractedDocument],
    quarantined: list[Quarantined],
    files: Iterable[FileVersion] = (),
    skipped: Iterable[Skipped] = (),
) -> list[Quarantined]:
    """Write a run's raw documents, staged articles, cleaning provenance, early quarantine, the
    inputs it skipped and the file index entries of the files it read. Returns the documents
    quarantined here because they could not be stored."""
    at = now()
    raw, staged, unstorable = _article_tables(run_id, articles, at)
    if unstorable:
        bad = {q.path for q in unstorable}
        articles = [a for a in articles if a.doc.path not in bad]
    with transaction(con):
        # or_ignore: a re-extracted page (rebuild, page reverted to an earlier version) is stored.
        _insert(con, "raw_documents", raw, or_ignore=True)
        _insert(con, "staging_articles", staged)
        _insert(con, "page_fingerprint_sets", _fingerprint_table(articles), or_ignore=True)
        # A re-extraction (rebuild, reverted page) replaces the provenance of what it re-stages.
        con.register("_staged", pa.table({"article_id": pa.array([a.article_id for a in articles], pa.string())}))
        con.execute("DELETE FROM line_removals WHERE article_id IN (SELECT article_id FROM _staged)")
        con.unregister("_staged")
        _insert(con, "line_removals", _removal_rows(articles))
        _insert(con, "quarantine", [_quarantine_row(run_id, q, at) for q in [*quarantined, *unstorable]])
        _insert(con, "skipped_inputs", [{**asdict(i), "run_id": run_id} for i in skipped])
        _insert(con, "file_index", [{**asdict(f), "run_id": run_id, "indexed_at": at} for f in files])
        fault_point("load")
    return unstorable


def input_outcome_counts(con: duckdb.DuckDBPyConnection, run_id: str) -> dict[str, int]:
    """How this run's inputs ended, per outcome (they add up to the paths it found)."""
    return dict(
        con.execute(
            "SELECT outcome, count(*) FROM input_outcomes WHERE run_id = ? GROUP BY outcome ORDER BY outcome", [run_id]
        ).fetchall()
    )


def checks_frame(con: duckdb.DuckDBPyConnection, relation: str, run_id: str) -> pd.DataFrame:
    """A relation a suite checks, restricted to this run's rows."""
    if relation not in SUITES:
        raise WarehouseError(f"no suite checks {relation!r}")
    return con.execute(f"SELECT * FROM {relation} WHERE run_id = ?", [run_id]).df()


def validate_staged(con: duckdb.DuckDBPyConnection, run_id: str) -> list[CheckResult]:
    """Both suites on this run's staged rows: row checks first, their failures recorded, then
    the batch checks over the rows that would publish."""
    row_results = validate_frames({"article_checks": checks_frame(con, "article_checks", run_id)})
    record_row_failures(con, run_id, row_results)
    return row_results + validate_frames({"batch_checks": checks_frame(con, "batch_checks", run_id)})


def record_row_failures(con: duckdb.DuckDBPyConnection, run_id: str, results: list[CheckResult]) -> None:
    """The rows failing each row check, before the batch checks run: `batch_checks` judges
    only the rows that would publish, so junk a critical row check quarantines does not count."""
    with transaction(con):
        con.execute("DELETE FROM check_failures WHERE run_id = ?", [run_id])
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
        SELECT * EXCLUDE (run_id, boilerplate_line_share), ? AS run_id, ? AS published_at
        FROM staging_articles AS s
        WHERE run_id = ? AND NOT EXISTS (
            SELECT 1 FROM check_failures AS f
            WHERE f.run_id = s.run_id AND f.article_id = s.article_id AND f.severity = 'critical')
        """,
        [run_id, at, run_id],
    ).fetchone()[0]
    _count_published_pages(con, run_id)
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
    return replace(outcome, inputs=input_outcome_counts(con, run_id))


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
    return replace(outcome, inputs=input_outcome_counts(con, run_id))


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
    outcome = RunOutcome(status, RunCounts(*(n or 0 for n in numbers)), message, input_outcome_counts(con, run_id))
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
