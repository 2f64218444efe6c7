import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED_EVAL = ROOT.parent / "shared" / "eval"

# The ephemeral server's telemetry writes race on its SQLite file and log tracebacks.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")


@pytest.fixture(scope="session")
def seeds_gold() -> dict[str, dict]:
    rows = [json.loads(line) for line in (SHARED_EVAL / "seeds-gold.jsonl").read_text().splitlines() if line]
    return {Path(r["file"]).name: r for r in rows}
