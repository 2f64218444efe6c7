"""The readers' copy of the warehouse: a read-only snapshot, replaced atomically after each run.

While one process writes a DuckDB file no other process can open it, not even read-only. So
runs write the working file and, once a run has reached its final status, publish a copy that
readers open: the working file is checkpointed (nothing left in its WAL) and closed, copied
to a temporary file in the same folder, fsynced, and renamed over the snapshot. The rename is
atomic: a reader opens either the previous snapshot or the new one, whole. A reader that has
the previous one open keeps reading it (POSIX keeps the unlinked file alive).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import duckdb

from broadsheet.faults import fault_point


class SnapshotError(RuntimeError):
    """The working database could not be brought into a state that is safe to copy."""


def snapshot_path(working: str | os.PathLike) -> Path:
    """`warehouse/broadsheet.duckdb` -> `warehouse/broadsheet.published.duckdb`."""
    working = Path(working)
    return working.with_name(f"{working.stem}.published{working.suffix}")


def publish_snapshot(working: str | os.PathLike) -> Path:
    """Copy the working database to its snapshot path atomically. The caller holds the run
    lock, so nobody writes the working file meanwhile."""
    working = Path(working)
    target = snapshot_path(working)
    con = duckdb.connect(str(working))
    try:
        con.execute("CHECKPOINT")
    finally:
        con.close()
    if Path(f"{working}.wal").exists():
        raise SnapshotError(f"{working}.wal remains after a checkpoint: another connection still has it open")
    for stale in target.parent.glob(f".{target.name}.*.tmp"):  # left by a run killed mid-copy
        stale.unlink(missing_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        shutil.copyfile(working, tmp)  # sendfile(2): in-kernel copy
        with open(tmp, "rb") as copy:
            os.fsync(copy.fileno())
        os.chmod(tmp, 0o444)  # a snapshot is for reading; writes would be lost at the next run
        fault_point("snapshot")
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    dir_fd = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)  # make the rename itself durable
    finally:
        os.close(dir_fd)
    return target
