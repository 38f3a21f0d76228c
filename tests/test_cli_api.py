"""python -m etl_core api and expose: the server started as a user starts it, and a pipeline turned on and off."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from etl_core import pipelines
from etl_core.config import Settings
from etl_core.db import open_database, session_scope
from tests.conftest import ROOT

SAMPLE = "monthly_revenue"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """The environment of a command on a fresh data directory of its own (with the samples)."""
    env = {**os.environ, "SLUICE_DATA_DIR": str(tmp_path / "data"), "SLUICE_LOAD_SAMPLES": "true"}
    env.pop("DATABASE_URL", None)
    return env


def command(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "etl_core", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_api_command_serves_health_and_the_docs_until_stopped(env):
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "etl_core", "api", "--port", str(port)], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base, health = f"http://127.0.0.1:{port}", None
    try:
        deadline = time.monotonic() + 120
        while health is None and server.poll() is None and time.monotonic() < deadline:
            try:
                health = httpx.get(f"{base}/health", timeout=5)
            except httpx.TransportError:  # not listening yet
                time.sleep(0.1)
        docs = httpx.get(f"{base}/docs", timeout=5) if health is not None else None
    finally:
        server.terminate()
        out, err = server.communicate(timeout=60)
    assert health is not None, err
    assert health.status_code == 200 and health.json()["status"] == "ok" and health.json()["database"] is True
    assert docs.status_code == 200 and docs.headers["content-type"].startswith("text/html")
    assert "swagger-ui" in docs.text and "/openapi.json" in docs.text
    assert out.startswith(f"Sluice API on http://127.0.0.1:{port} (docs: /docs)\n")
    # shut down in order, then (uvicorn's way) the signal raised again, so a supervisor sees what stopped it
    assert "Finished server process" in err and "Traceback" not in err
    assert server.returncode == -signal.SIGTERM


def test_expose_turns_a_pipeline_on_after_off(env):
    off = command(env, "expose", SAMPLE, "--off")
    on = command(env, "expose", SAMPLE)
    settings = Settings.load(env)
    engine = open_database(settings.database_url)
    try:
        with session_scope(engine) as session:
            exposed = pipelines.get_pipeline(session, SAMPLE).exposed
    finally:
        engine.dispose()
    assert off.stdout == f"{SAMPLE} is no longer reachable through the API\n"
    assert on.returncode == 0 and on.stdout == f"{SAMPLE} is exposed over the API\n"
    assert exposed is True


def test_expose_names_an_unknown_pipeline_in_one_line(env):
    done = command(env, "expose", "nope")
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.startswith("error: ") and done.stderr.count("\n") == 1 and "nope" in done.stderr
