"""See scripts/ui-screenshot."""

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from tests.conftest import ROOT, SEEDS
from tests.integration.real_server import BIN, prefect_server, server_env
from tests.integration.test_blocked_run import undated_copies

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars", "--window-size=1400,1000", "--virtual-time-budget=15000",
]


def main(out: str) -> None:
    work = Path(tempfile.mkdtemp(prefix="broadsheet-ui-"))
    with prefect_server(work) as api_url:
        env = server_env(work, api_url)
        db = str(work / "wh.duckdb")
        for inputs in ([str(SEEDS)], [str(undated_copies(work / "undated"))]):
            subprocess.run([str(BIN / "broadsheet"), "run", *inputs, "--warehouse", db], env=env, cwd=ROOT)
        ui = api_url.removesuffix("/api")
        artifact = httpx.post(f"{api_url}/artifacts/filter",
                              json={"artifacts": {"key": {"any_": ["data-quality"]}}, "sort": "CREATED_DESC", "limit": 1}).json()[0]
        time.sleep(1)
        subprocess.run(
            ["chromium", *CHROMIUM_FLAGS, f"--user-data-dir={work / 'chromium'}",
             f"--screenshot={Path(out).resolve()}", f"{ui}/artifacts/artifact/{artifact['id']}"],
            check=True, capture_output=True,
        )
    print(f"saved {out}")


if __name__ == "__main__":
    main(sys.argv[1])
