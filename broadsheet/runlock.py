"""One writer at a time: an exclusive `flock` on a lock file beside the warehouse.

DuckDB itself refuses a second writer with an error instead of queueing it, and a run writes
in several short transactions; the run lock covers the whole run, from recording it to
publishing the readers' snapshot. The kernel drops the lock when the holder dies (even on
SIGKILL), so a crashed run never leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path


class WarehouseBusy(RuntimeError):
    """Another run holds the warehouse and we were asked not to wait."""


def lock_path(warehouse: str | os.PathLike) -> Path:
    return Path(f"{warehouse}.lock")


# Held locks of this process, so the CLI can take the lock (and say that it waits) before
# starting Prefect, and the flow inside it takes the same lock again without deadlocking.
_held: dict[str, tuple[int, int]] = {}  # lock file -> (fd, depth)
_guard = threading.Lock()


def holder(warehouse: str | os.PathLike) -> str:
    """Who holds the lock, as its holder wrote it (pid and start time), or '' if unknown."""
    try:
        return lock_path(warehouse).read_text(encoding="utf-8").strip()
    except OSError:
        return ""


@contextmanager
def run_lock(
    warehouse: str | os.PathLike, wait: bool = True, on_wait: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold the warehouse's run lock. Busy: wait (calling `on_wait` once with a message) or,
    with wait=False, raise WarehouseBusy."""
    path = lock_path(warehouse)
    key = str(path.resolve())
    with _guard:
        if key in _held:
            fd, depth = _held[key]
            _held[key] = (fd, depth + 1)
            reentered = True
        else:
            reentered = False
    if not reentered:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            _acquire(fd, warehouse, wait, on_wait)
        except BaseException:
            os.close(fd)
            raise
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()} since {datetime.now(timezone.utc):%Y-%m-%d %H:%M:%S} UTC\n".encode(), 0)
        with _guard:
            _held[key] = (fd, 1)
    try:
        yield
    finally:
        with _guard:
            fd, depth = _held[key]
            if depth > 1:
                _held[key] = (fd, depth - 1)
            else:
                del _held[key]
                os.close(fd)  # releases the flock


def _acquire(fd: int, warehouse, wait: bool, on_wait: Callable[[str], None] | None) -> None:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return
    except BlockingIOError:
        busy = f"another run is writing to {warehouse} ({holder(warehouse) or 'holder unknown'})"
    if not wait:
        raise WarehouseBusy(f"{busy}; not waiting (--no-wait)")
    if on_wait:
        on_wait(f"{busy}; waiting for it to finish")
    fcntl.flock(fd, fcntl.LOCK_EX)
