"""Progress on the command line: a bar (documents, docs/s, ETA) when stderr is a terminal,
otherwise a plain line every few seconds (logs of scheduled runs, CI)."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from tqdm import tqdm


class Every:
    """`due()` is true at most once per `seconds`, a full period after the start or the last
    time it was: one rhythm for progress lines and the progress artifact."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.last = time.monotonic()

    def due(self) -> bool:
        now = time.monotonic()
        if now - self.last < self.seconds:
            return False
        self.last = now
        return True


class Progress:
    """Counts documents done out of a total; `close` prints the final figure once."""

    def __init__(self, total: int, label: str = "documents", stream: TextIO | None = None, every: float = 5.0):
        self.total, self.label = total, label
        self.stream = stream or sys.stderr
        self.done = 0
        self.started = time.monotonic()
        self.line_due = Every(every)
        interactive = getattr(self.stream, "isatty", lambda: False)()
        self.bar = tqdm(total=total, unit="doc", desc=label, file=self.stream, dynamic_ncols=True) if interactive else None

    def advance(self, n: int) -> None:
        self.done += n
        if self.bar is not None:
            self.bar.update(n)
        elif self.line_due.due():
            self.stream.write(self.line() + "\n")
            self.stream.flush()

    def rate(self) -> float:
        return self.done / max(time.monotonic() - self.started, 1e-9)

    def line(self) -> str:
        rate = self.rate()
        left = (self.total - self.done) / rate if rate > 0 else float("inf")
        eta = f"{left:.0f} s" if left != float("inf") else "?"
        return f"broadsheet: {self.done}/{self.total} {self.label}, {rate:.1f} docs/s, ETA {eta}"

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
