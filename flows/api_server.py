"""The Prefect API of one `broadsheet run` when none is configured.

Prefect would start its ephemeral API server on the flow's first call, after the flow's
imports, and wait ~4 s for it on one core. Started here first, the server's start overlaps the
flow's imports on the other core (8.7 -> ~7 s for a run with nothing to do). It is the same
server Prefect starts (uvicorn on Prefect's app factory, the ephemeral services only), and it
dies with the command, even one killed outright, which Prefect's own does not.

Prefect is imported only where it is used: a fresh command starts the server before its own
~1 s import of Prefect (`start_local_api`), then checks that no API is configured after all.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

from broadsheet.workers import die_with_parent

# What Prefect's ephemeral server is started with: no UI, ephemeral services only.
EPHEMERAL_SERVER_ENV = {"PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}


class LocalApi:
    """A server process started at once; `serving()` waits for it and points Prefect at it."""

    def __init__(self, settings_env: dict[str, str] | None = None) -> None:
        """`settings_env`: the settings this process holds beyond its environment and files."""
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/api"
        self.process = subprocess.Popen(
            [
                sys.executable, "-m", "uvicorn", "--factory", "prefect.server.api.server:create_app",
                "--host", "127.0.0.1", "--port", str(self.port), "--log-level", "error", "--lifespan", "on",
            ],
            env={**os.environ, **EPHEMERAL_SERVER_ENV, **(settings_env or {})},
            preexec_fn=die_with_parent,
        )

    def _wait_until_healthy(self) -> None:
        import httpx
        from prefect.settings import get_current_settings

        timeout = get_current_settings().server.ephemeral.startup_timeout_seconds
        deadline = time.monotonic() + timeout
        with httpx.Client() as client:
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    raise RuntimeError(f"the Prefect API server exited with status {self.process.returncode}")
                try:
                    if client.get(f"{self.url}/health").status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                time.sleep(0.05)
        raise RuntimeError(f"the Prefect API server did not answer within {timeout} s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    @contextmanager
    def serving(self) -> Iterator[str]:
        """Prefect in this process (every thread: the task runner's relay of the workers' events
        started a server of its own otherwise) and the workers it spawns use this server."""
        from prefect.context import refresh_global_settings_context

        try:
            self._wait_until_healthy()
            os.environ["PREFECT_API_URL"] = self.url
            refresh_global_settings_context()
            yield self.url
        finally:
            os.environ.pop("PREFECT_API_URL", None)
            refresh_global_settings_context()
            self.stop()


def start_local_api() -> LocalApi | None:
    """A server for this command, unless Prefect is configured with an API of its own. With
    Prefect not loaded yet, the environment is all that is known: a server is started unless
    it names an API, and `confirm_local_api` stops it should Prefect's settings name one."""
    if "prefect" not in sys.modules:
        return None if os.environ.get("PREFECT_API_URL") else LocalApi()
    from prefect.settings import get_current_settings

    settings = get_current_settings()
    return None if settings.api.url else LocalApi(settings.to_environment_variables(exclude_unset=True))


def confirm_local_api(api: LocalApi | None) -> LocalApi | None:
    """`api`, or None (and it stopped) if Prefect's settings (a profile, prefect.toml) name an API."""
    from prefect.settings import get_current_settings

    if api is not None and get_current_settings().api.url:
        api.stop()
        return None
    return api
