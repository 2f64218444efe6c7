"""The read side: SQL from people, run where it cannot change or read anything but the warehouse.

Two fences, both DuckDB's own. The connection: the file opened read-only, no file system or
network access outside it (`enable_external_access=false`: no ATTACH, COPY, EXPORT, read_*()
or glob()), no extensions installed or loaded, and the configuration locked so no statement
can SET any of that back. The statement: DuckDB's parser must see exactly one SELECT, because
the connection alone still runs every statement of a `;`-separated list and `CREATE TEMP`,
and `COPY ... TO` would still write into an allowed folder. The one folder allowed is the
snapshot's Parquet parts (`<name>.published/`, see broadsheet/snapshot.py), for reading.

`export` streams a query's result in Arrow record batches to Parquet, CSV or JSON lines, so
memory stays bounded by one batch however large the table, and renames the finished file
into place so PATH is never half written.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from pathlib import Path

import duckdb
import pyarrow as pa

from broadsheet.warehouse import WarehouseError

GUARDED_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}

EXPORT_FORMATS = ("parquet", "csv", "jsonl")
BATCH_ROWS = 8192  # rows per Arrow batch: a few tens of MB with article bodies

_RELATION_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class QueryRefused(ValueError):
    """The SQL is not exactly one SELECT statement."""


@contextmanager
def guarded_connection(path: str | os.PathLike) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to `path` that can reach nothing outside it."""
    path = Path(path)
    if not path.exists():
        raise WarehouseError(f"no warehouse at {path}: run `broadsheet run` first")
    try:
        con = duckdb.connect(str(path), read_only=True, config=GUARDED_CONFIG)
    except duckdb.Error as exc:
        raise WarehouseError(f"cannot open {path}: {str(exc).splitlines()[0]}") from exc
    try:
        # DuckDB takes allowed_directories only once the database runs, and only before
        # external access is switched off; then the configuration is locked.
        parts = path.with_suffix("")
        if parts.is_dir():
            con.execute("SET allowed_directories = ?", [[f"{parts}{os.sep}"]])
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
        yield con
    finally:
        con.close()


def check_single_select(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    """Raise QueryRefused unless DuckDB's parser reads `sql` as one SELECT (parse errors raise
    duckdb.ParserException)."""
    statements = con.extract_statements(sql)
    if len(statements) != 1:
        raise QueryRefused(f"one SELECT statement at a time, not {len(statements)}")
    kind = statements[0].type
    if kind != duckdb.StatementType.SELECT:
        raise QueryRefused(f"only a SELECT statement can run here, not {kind.name}")


def readonly_query(con: duckdb.DuckDBPyConnection, sql: str) -> tuple[list[str], list[tuple]]:
    """Columns and rows of one SELECT on a guarded connection."""
    check_single_select(con, sql)
    cursor = con.execute(sql)
    columns = [d[0] for d in cursor.description] if cursor.description else []
    return columns, cursor.fetchall()


def run_readonly_query(path: str | os.PathLike, sql: str) -> tuple[list[str], list[tuple]]:
    with guarded_connection(path) as con:
        return readonly_query(con, sql)


def relation_sql(relation_or_sql: str) -> str:
    """A bare relation name means all of it; anything else is taken as SQL."""
    name = relation_or_sql.strip()
    return f'SELECT * FROM "{name}"' if _RELATION_NAME.fullmatch(name) else relation_or_sql


def json_value(value):
    """JSON for what Arrow hands back beyond JSON's own types: dates as ISO strings."""
    if isinstance(value, (date, datetime, time)):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    return str(value)  # Decimal, UUID, timedelta


def export(con: duckdb.DuckDBPyConnection, relation_or_sql: str, fmt: str, out: str | os.PathLike) -> int:
    """Write one SELECT (or a whole relation) to `out` as parquet, csv or jsonl; the number of rows."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    sql = relation_sql(relation_or_sql)
    check_single_select(con, sql)
    batches = con.sql(sql).to_arrow_reader(BATCH_ROWS)
    out = Path(out)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    rows = 0
    try:
        with open(tmp, "xb") as file:
            for batch in _write(batches, fmt, file):
                rows += batch.num_rows
            file.flush()
            os.fsync(file.fileno())
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return rows


def _write(batches: pa.RecordBatchReader, fmt: str, file) -> Iterator[pa.RecordBatch]:
    """Write each batch to `file` in `fmt`, yielding it once written."""
    if fmt == "parquet":
        import pyarrow.parquet as pq

        with pq.ParquetWriter(file, batches.schema) as writer:
            for batch in batches:
                writer.write_batch(batch)
                yield batch
    elif fmt == "csv":
        import pyarrow.csv as pcsv

        nested = [i for i, f in enumerate(batches.schema) if pa.types.is_nested(f.type)]
        schema = batches.schema
        for i in nested:  # CSV has no lists or structs: such cells hold their JSON
            schema = schema.set(i, pa.field(schema.field(i).name, pa.string()))
        with pcsv.CSVWriter(file, schema) as writer:
            for batch in batches:
                columns = batch.columns
                for i in nested:
                    columns[i] = pa.array(
                        [None if v is None else json.dumps(v, ensure_ascii=False, default=json_value)
                         for v in columns[i].to_pylist()],
                        pa.string(),
                    )
                writer.write_batch(pa.record_batch(columns, schema=schema))
                yield batch
    else:
        for batch in batches:
            lines = "".join(
                json.dumps(row, ensure_ascii=False, default=json_value) + "\n" for row in batch.to_pylist()
            )
            file.write(lines.encode("utf-8"))
            yield batch


@contextmanager
def reader_connection(warehouse: str | os.PathLike, working: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """A guarded connection to the published snapshot of `warehouse` or, with `working`, to the
    working file itself, holding the run lock meanwhile: a run that starts waits for this reader
    instead of failing on DuckDB's file lock. Raises WarehouseBusy at once while a run holds it."""
    from broadsheet.runlock import run_lock
    from broadsheet.snapshot import snapshot_path

    if not working:
        with guarded_connection(snapshot_path(warehouse)) as con:
            yield con
        return
    if not Path(warehouse).exists():  # before the lock, which would create its folder
        raise WarehouseError(f"no warehouse at {warehouse}: run `broadsheet run` first")
    with run_lock(warehouse, wait=False), guarded_connection(warehouse) as con:
        yield con
