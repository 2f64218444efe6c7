"""The readers' copy: Parquet parts per run plus a small catalogue, swapped atomically.

While one process writes a DuckDB file no other process can open it, not even read-only, so
readers never open the working file. Each run, once it has reached its final status, exports
what it changed as Parquet files that are never rewritten (`<name>.published/<relation>/
<run>.parquet`: the articles it published, the rows it withdrew, its staged rows without
bodies, quarantine, check results and input outcomes), then writes a new catalogue
(`<name>.published.duckdb`: the small tables, and views over every part) to a temporary file
and renames it over the old one. The rename is atomic: a reader opens the previous catalogue
or the new one, whole; the parts either references exist. Publishing costs what the run
changed plus the catalogue, not the warehouse; raw pages stay in the working file.

`articles` in the catalogue is every published part minus the rows later runs withdrew; the
analysts' views (`published_articles`, ...) are the same SQL files as in the working file.
Parts of relations with many runs are merged into one (`compact`) so a catalogue never lists
thousands of files.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import duckdb

from broadsheet.faults import fault_point

# Per-run parts: relation -> the working file's rows of one run.
RUN_PARTS = {
    "articles": "SELECT * FROM articles WHERE run_id = $run",
    "withdrawn_articles": "SELECT * FROM withdrawn_articles WHERE withdrawn_by = $run",
    "staging_articles": "SELECT * EXCLUDE (body) FROM staging_articles WHERE run_id = $run",
    "quarantine": "SELECT * FROM quarantine WHERE run_id = $run",
    "check_failures": "SELECT * FROM check_failures WHERE run_id = $run",
    "quality_results": "SELECT * FROM quality_results WHERE run_id = $run",
    "input_outcomes": "SELECT * FROM input_outcomes WHERE run_id = $run",
}
# Copied whole into the catalogue: small, and rows change (a run's status, the registry).
SMALL_TABLES = ("runs", "outlets")
# The analysts' views, created in the catalogue from warehouse/views/ like in the working file.
READER_VIEWS = ("published_articles", "coverage_by_outlet_month", "articles_needing_review", "quality_by_outlet",
                "quality_trend", "outlets_discovered")
COMPACT_AFTER = 64  # parts of one relation before they are merged into one
# A Parquet row group is built whole in memory: DuckDB's default of 122,880 rows is ~1 GB of
# articles with their bodies, past the connection's memory limit; bounded by bytes instead.
PART_ROW_GROUP_BYTES = "32MB"


class SnapshotError(RuntimeError):
    """The working database could not be brought into a state that is safe to publish."""


def snapshot_path(working: str | os.PathLike) -> Path:
    """`warehouse/broadsheet.duckdb` -> `warehouse/broadsheet.published.duckdb` (the catalogue)."""
    working = Path(working)
    return working.with_name(f"{working.stem}.published{working.suffix}")


def parts_folder(working: str | os.PathLike) -> Path:
    """Where the Parquet parts live: readers' connections may read this folder, nothing else."""
    return snapshot_path(working).with_suffix("")


def _write_part(con: duckdb.DuckDBPyConnection, sql: str, params: dict, target: Path) -> None:
    """COPY to a temporary name, then rename: a part is whole or absent."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    options = f"FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE_BYTES '{PART_ROW_GROUP_BYTES}'"
    con.execute(f"COPY ({sql}) TO '{tmp}' ({options})", params)
    os.replace(tmp, target)


def _export_changed_runs(con: duckdb.DuckDBPyConnection, folder: Path) -> None:
    """Parts of every run that ended since its parts were written (normally just this run;
    also one killed between its publishing commit and its snapshot, or one just released)."""
    changed = con.execute(
        """
        SELECT r.run_id, r.ended_at FROM runs AS r LEFT JOIN snapshot_runs AS s USING (run_id)
        WHERE r.status IN ('published', 'released', 'blocked', 'nothing-new')
          AND (s.exported_at IS NULL OR s.exported_at < r.ended_at)
        ORDER BY r.started_at
        """
    ).fetchall()
    for run_id, ended_at in changed:
        for relation, sql in RUN_PARTS.items():
            if con.execute(f"SELECT count(*) FROM ({sql})", {"run": run_id}).fetchone()[0]:
                _write_part(con, sql, {"run": run_id}, folder / relation / f"{run_id}.parquet")
        con.execute(
            "INSERT INTO snapshot_runs VALUES (?, ?) ON CONFLICT (run_id) DO UPDATE SET exported_at = excluded.exported_at",
            [run_id, ended_at],
        )


def _compact(con: duckdb.DuckDBPyConnection, folder: Path, relation: str) -> None:
    """Merge a relation's parts into one; `articles` from the working table, which already
    lacks the withdrawn rows (so the withdrawals merge away with it)."""
    parts = sorted((folder / relation).glob("*.parquet"))
    if len(parts) <= COMPACT_AFTER:
        return
    marker = con.execute("SELECT max(ended_at) FROM runs").fetchone()[0]
    name = f"compact-{marker:%Y%m%dT%H%M%S%f}.parquet"
    if relation == "articles":
        _write_part(con, "SELECT * FROM articles", {}, folder / relation / name)
        for withdrawn in (folder / "withdrawn_articles").glob("*.parquet"):
            withdrawn.unlink()
    else:
        _write_part(con, f"SELECT * FROM read_parquet({[str(p) for p in parts]}, union_by_name = true)", {},
                    folder / relation / name)
    for part in parts:  # a reader of the previous catalogue keeps its open files (POSIX)
        part.unlink()


def _part_list(folder: Path, relation: str) -> list[str]:
    return sorted(str(p) for p in (folder / relation).glob("*.parquet"))


def _build_catalogue(con: duckdb.DuckDBPyConnection, folder: Path, target: Path) -> None:
    """The catalogue file: small tables copied, a view per part relation, the readers' views."""
    from broadsheet.warehouse import DUCKDB_CONFIG, view_sql  # the same view definitions as the working file

    cat = duckdb.connect(str(target), config=DUCKDB_CONFIG)
    try:
        for table in SMALL_TABLES:
            cat.register("_rows", con.sql(f"SELECT * FROM {table}").to_arrow_table())
            cat.execute(f"CREATE TABLE {table} AS SELECT * FROM _rows")
            cat.unregister("_rows")
        for relation in RUN_PARTS:
            parts = _part_list(folder, relation)
            # No part yet: an empty relation with the working file's columns.
            source = (
                f"read_parquet({parts}, union_by_name = true)" if parts
                else None
            )
            if source is None:
                empty = con.sql(f"SELECT * FROM ({RUN_PARTS[relation]}) LIMIT 0", params={"run": ""}).to_arrow_table()
                cat.register("_empty", empty)
                cat.execute(f"CREATE TABLE {relation} AS SELECT * FROM _empty")
                cat.unregister("_empty")
            elif relation == "articles":
                withdrawn = _part_list(folder, "withdrawn_articles")
                minus = (
                    f" WHERE (article_id, run_id) NOT IN (SELECT (article_id, run_id) FROM read_parquet({withdrawn}))"
                    if withdrawn else ""
                )
                cat.execute(f"CREATE VIEW articles AS SELECT * FROM {source}{minus}")
            else:
                cat.execute(f"CREATE VIEW {relation} AS SELECT * FROM {source}")
        for name, sql in view_sql(READER_VIEWS):
            cat.execute(sql)
        cat.execute("CHECKPOINT")
    finally:
        cat.close()


def publish_snapshot(working: str | os.PathLike) -> Path:
    """Export what changed and swap in a new catalogue atomically. The caller holds the run
    lock, so nobody writes the working file meanwhile."""
    from broadsheet.warehouse import open_file  # under the cap: exporting a run's parts spills past it

    working = Path(working)
    target = snapshot_path(working)
    folder = parts_folder(working)
    con = open_file(working)
    try:
        _export_changed_runs(con, folder)
        for relation in RUN_PARTS:
            _compact(con, folder, relation)
        for stale in target.parent.glob(f".{target.name}.*.tmp"):  # left by a run killed mid-publish
            stale.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
        os.unlink(tmp)  # DuckDB creates the file itself
        try:
            _build_catalogue(con, folder, Path(tmp))
            Path(f"{tmp}.wal").unlink(missing_ok=True)
            with open(tmp, "rb") as copy:
                os.fsync(copy.fileno())
            os.chmod(tmp, 0o444)  # a catalogue is for reading; writes would be lost at the next run
            fault_point("snapshot")
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        con.execute("CHECKPOINT")
    finally:
        con.close()
    if Path(f"{working}.wal").exists():
        raise SnapshotError(f"{working}.wal remains after a checkpoint: another connection still has it open")
    dir_fd = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)  # make the rename itself durable
    finally:
        os.close(dir_fd)
    return target
