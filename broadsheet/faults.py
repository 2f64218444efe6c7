"""Fault injection for the crash-safety tests: `BROADSHEET_FAULT=<point>` makes the process
kill itself (SIGKILL: no cleanup, no finally blocks) when it reaches that point."""

from __future__ import annotations

import os
import signal

# extract: after the first batch is extracted, nothing written yet
# load: inside the staging transaction, before its commit
# after-load: staging committed, before validation and publishing
# publish: inside the publishing transaction, before its commit
# snapshot: the readers' copy written to its temporary file, before the rename
POINTS = ("extract", "load", "after-load", "publish", "snapshot")


def fault_point(name: str) -> None:
    if os.environ.get("BROADSHEET_FAULT") == name:
        os.kill(os.getpid(), signal.SIGKILL)
