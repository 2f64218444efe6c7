import os
import time

import pytest

from broadsheet.ingest import discover, read_documents, skip_unchanged
from broadsheet.runlock import WarehouseBusy, lock_path, run_lock


def test_unchanged_stat_skips_and_recent_mtime_is_not_trusted(tmp_path):
    old, fresh = tmp_path / "old.txt", tmp_path / "fresh.txt"
    for path in (old, fresh):
        path.write_text("A page.")
    past = time.time() - 600
    os.utime(old, (past, past))
    listed = discover([tmp_path])
    stats = {s.path: (s.size, s.mtime_ns) for s in listed.sources}
    assert stats[str(fresh)][1] == -1 and stats[str(old)] == (7, old.stat().st_mtime_ns)

    found = skip_unchanged(listed, stats, {str(old): "ab" * 32})
    assert [s.path for s in found.to_read] == [str(fresh)] and found.found == 2
    assert [(u.path, u.outcome, u.sha256) for u in found.unchanged] == [(str(old), "unchanged", "ab" * 32)]
    batch = read_documents(found.to_read)
    assert [(f.path, f.mtime_ns) for f in batch.files] == [(str(fresh), -1)]


def test_lock_file_names_its_holder_and_no_wait_refuses_a_second_holder(tmp_path):
    db = tmp_path / "w.duckdb"
    with run_lock(db):
        assert lock_path(db).read_text().startswith(f"pid {os.getpid()} since ")
        fd = os.open(lock_path(db), os.O_RDWR)  # another open file description: another holder
        try:
            import fcntl

            with pytest.raises(BlockingIOError):
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        finally:
            os.close(fd)
    with run_lock(db, wait=False):
        pass


def test_busy_message_names_the_holder(tmp_path):
    import fcntl

    db = tmp_path / "w.duckdb"
    lock_path(db).write_text("pid 4242 since 2026-01-01 06:00:00 UTC\n")
    fd = os.open(lock_path(db), os.O_RDWR)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        with pytest.raises(WarehouseBusy, match=r"another run is writing to .*w.duckdb \(pid 4242 since"):
            with run_lock(db, wait=False):
                pass
    finally:
        os.close(fd)


