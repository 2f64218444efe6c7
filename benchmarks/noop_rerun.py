"""How cheap is a rerun that finds nothing new? 5,000 generated pages, a first run, a no-op rerun.

Usage: .venv/bin/python benchmarks/noop_rerun.py [--documents 5000]

The pages are the seeds, each copy with a unique line added, in a temporary folder; their
mtimes are set an hour back (pages scraped before the run, as in production). Both runs use
Prefect's ephemeral API in this process: the first run pays for starting it (nothing is
subtracted). A third figure is a no-op rerun through the CLI in a fresh process, which starts
its own ephemeral API.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")


def generate(folder: Path, documents: int) -> None:
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    texts = [s.read_text(encoding="utf-8") for s in seeds]
    past = time.time() - 3600
    for n in range(documents):
        path = folder / f"{n // 1000:02d}" / f"page-{n:05d}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(f"{texts[n % len(texts)]}\nArchive reference {n:05d}.\n", encoding="utf-8")
        os.utime(path, (past, past))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=5000)
    args = parser.parse_args()
    from flows.news_pipeline import news_pipeline

    with tempfile.TemporaryDirectory() as tmp:
        inbox, db = Path(tmp) / "inbox", Path(tmp) / "wh.duckdb"
        inbox.mkdir()
        generate(inbox, args.documents)
        started = time.perf_counter()
        first = news_pipeline(inputs=[str(inbox)], warehouse=str(db))
        first_s = time.perf_counter() - started
        started = time.perf_counter()
        again = news_pipeline(inputs=[str(inbox)], warehouse=str(db))
        noop_s = time.perf_counter() - started
        started = time.perf_counter()
        cli = subprocess.run(
            [sys.executable, "-m", "broadsheet.cli", "run", str(inbox), "--warehouse", str(db)],
            capture_output=True, text=True, cwd=ROOT,
        )
        cli_s = time.perf_counter() - started
        assert cli.returncode == 0 and "Nothing new" in cli.stdout, cli.stderr
        assert again.outcome.status == "nothing-new" and again.counts.read == 0, again.counts
        size_mb = db.stat().st_size / 1e6
    print(f"documents            {args.documents} ({first.counts.published} published, {first.counts.quarantined} quarantined)")
    print(f"warehouse            {size_mb:.0f} MB")
    print(f"first run            {first_s:7.1f} s  (includes starting the ephemeral API)")
    print(f"no-op rerun          {noop_s:7.1f} s  = {100 * noop_s / first_s:.1f}% of the first run")
    print(f"no-op rerun, CLI     {cli_s:7.1f} s  = {100 * cli_s / first_s:.1f}% (fresh process: imports + its own ephemeral API)")


if __name__ == "__main__":
    main()
