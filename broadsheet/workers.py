"""Extraction worker processes die with the run that started them.

A run killed outright (SIGKILL, OOM killer) cannot shut its process pool down; without this,
its workers would linger, holding memory and the terminal's pipes. On Linux each worker asks
the kernel for SIGKILL when its parent dies (prctl PR_SET_PDEATHSIG); elsewhere it does
nothing.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """A process pool's `initializer`: run once in each worker when it starts."""
    if not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() == 1:  # the parent died before the request took effect
        os.kill(os.getpid(), signal.SIGKILL)
