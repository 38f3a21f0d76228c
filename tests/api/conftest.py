"""A real API server (uvicorn) on loopback, on a data directory with the samples and a few test pipelines."""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from sqlalchemy import Engine

from etl_core import api_keys, pipelines
from etl_core.api.app import create_app
from etl_core.config import Settings
from etl_core.db import session_scope
from etl_core.models import PipelineRun, utcnow
from etl_core.spec import parse_spec
from etl_core.startup import open_data_directory

SAMPLE = "monthly_revenue"
TERMINAL = {"succeeded", "failed", "cancelled", "interrupted"}
TEST_PIPELINES: list[dict[str, Any]] = [
    {"name": "small", "description": "Five regions' order counts", "parameters": [
        {"name": "min_quantity", "type": "integer", "default": 1}, {"name": "channel", "type": "string", "default": "Online"}],
     "steps": [{"type": "source", "source": "orders"},
               {"type": "filter", "condition": "quantity >= :min_quantity AND channel = :channel"},
               {"type": "aggregate", "group_by": ["region"], "measures": [{"agg": "count", "name": "orders"}]},
               {"type": "sort", "by": [{"column": "region"}]},
               {"type": "output", "format": "csv", "path": "small.csv"}]},
    {"name": "broken", "steps": [{"type": "source", "source": "orders"},
                                 {"type": "validate", "rules": [{"rule": "in_set", "column": "region", "values": ["North"]}]},
                                 {"type": "output", "format": "parquet", "path": "broken.parquet"}]},
    {"name": "too_slow", "time_limit_s": 1e-6, "steps": [{"type": "source", "source": "orders"}, {"type": "limit", "rows": 1}]},
    {"name": "busy", "steps": [{"type": "source", "source": "products"}, {"type": "limit", "rows": 3}]},
    {"name": "waits", "concurrency": "wait", "steps": [{"type": "source", "source": "products"}, {"type": "limit", "rows": 3},
                                                       {"type": "output", "format": "parquet", "path": "waits.parquet"}]},
    # takes a moment: 6,000 orders joined to themselves on region are 9 million rows, each derived and summed
    {"name": "heavy", "steps": [{"type": "source", "source": "orders"},
                                {"type": "join", "source": "orders", "on": ["region"], "max_row_factor": 1e6},
                                {"type": "derive", "column": "x", "expression": "quantity * quantity_right + unit_price"},
                                {"type": "aggregate", "group_by": ["region"],
                                 "measures": [{"agg": "sum", "column": "x", "name": "x"}]},
                                {"type": "output", "format": "csv", "path": "heavy.csv"}]},
    # computed step by step it fits in memory and its time is spread: the join and the sort take most of a second
    {"name": "paced", "steps": [{"type": "source", "source": "orders"},
                                {"type": "join", "source": "orders", "on": ["region", "channel"], "max_row_factor": 1e6},
                                {"type": "select", "columns": ["region", "quantity", "quantity_right", "unit_price"]},
                                {"type": "derive", "column": "x", "expression": "quantity * quantity_right + unit_price"},
                                {"type": "sort", "by": [{"column": "x"}]},
                                {"type": "aggregate", "group_by": ["region"],
                                 "measures": [{"agg": "sum", "column": "x", "name": "x"}]},
                                {"type": "output", "format": "csv", "path": "paced.csv"}]},
    {"name": "knobs", "parameters": [{"name": "stepwise", "type": "boolean", "default": False}],
     "steps": [{"type": "source", "source": "products"}, {"type": "limit", "rows": 3}]},
    {"name": "hidden", "steps": [{"type": "source", "source": "products"}, {"type": "limit", "rows": 3}]},
]


@dataclass
class Api:
    url: str
    key: str
    webhook_secret: str
    other_key: str
    revoked_key: str
    settings: Settings
    engine: Engine

    def client(self, key: str | None = "default", **kwargs) -> httpx.Client:
        key = self.key if key == "default" else key
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=120, **kwargs)

    def wait_for_run(self, run_id: int, timeout_s: float = 120) -> dict[str, Any]:
        """Poll GET /runs/{id} until the run has ended (the deadline only guards a hung run)."""
        deadline = time.monotonic() + timeout_s
        with self.client() as client:
            while True:
                run = client.get(f"/runs/{run_id}").json()
                if run["status"] in TERMINAL or time.monotonic() > deadline:
                    return run
                time.sleep(0.1)

    def wait_until_idle(self, timeout_s: float = 120) -> None:
        """Until no run is queued or running (background runs started by a test have ended)."""
        from sqlmodel import select

        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            with session_scope(self.engine) as session:
                if not session.exec(select(PipelineRun.id).where(PipelineRun.status.in_(("queued", "running")))).first():
                    return
            time.sleep(0.1)

    @contextmanager
    def holding(self, pipeline: str) -> Iterator[Held]:
        """A run of `pipeline` marked running by this (live) process, as if another caller's run were going;
        it ends when released, or at the latest when the block ends."""
        with session_scope(self.engine) as session:
            run = PipelineRun(pipeline_name=pipeline, status="running", trigger="manual", started_at=utcnow(),
                              runner=f"{socket.gethostname()}:{os.getpid()}:")
            session.add(run)
            session.flush()
            held = Held(run.id, self.engine)
        try:
            yield held
        finally:
            held.release()


@dataclass
class Held:
    run_id: int
    engine: Engine

    def release(self) -> None:
        with session_scope(self.engine) as session:
            run = session.get(PipelineRun, self.run_id)
            if run.status == "running":
                run.status, run.finished_at = "succeeded", utcnow()
                session.add(run)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(data_dir: Path) -> Iterator[Api]:
    """The samples, the test pipelines (all exposed but 'hidden'), three keys (one revoked), and uvicorn serving."""
    # the webhook receiver listens on loopback: opened by name through the allow-list, as an internal host is
    settings = Settings(data_dir=data_dir, database_url=f"sqlite:///{data_dir / 'sluice.db'}", load_samples=True,
                        allowed_hosts=("127.0.0.1",), api_runs_per_key=2, api_max_body_kb=16,
                        api_webhook_attempts=3, api_webhook_backoff_s=0.05, http_timeout_s=5)
    engine = open_data_directory(settings)
    with session_scope(engine) as session:
        for spec in TEST_PIPELINES:
            pipelines.save_pipeline(session, settings, parse_spec(json.dumps(spec)))
            if spec["name"] != "hidden":
                pipelines.expose_pipeline(session, spec["name"])
        made = api_keys.create_key(session, settings, "tests")
        other = api_keys.create_key(session, settings, "other")
        revoked = api_keys.create_key(session, settings, "gone")
        api_keys.revoke_key(session, "gone")
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings, engine), host="127.0.0.1", port=port,
                                          log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("the API server did not start")
        time.sleep(0.05)
    try:
        yield Api(f"http://127.0.0.1:{port}", made.key, made.webhook_secret, other.key, revoked.key, settings, engine)
    finally:
        server.should_exit = True
        thread.join(30)
        engine.dispose()


@pytest.fixture(scope="package")
def api(tmp_path_factory) -> Iterator[Api]:
    with serve(tmp_path_factory.mktemp("api") / "data") as running:
        yield running


def error_of(response: httpx.Response) -> dict[str, Any]:
    """The one error shape: {"error": {"type", "message", "step"?}}, and no trace."""
    body = response.json()
    assert set(body) == {"error"}, body
    assert {"type", "message"} <= set(body["error"]) <= {"type", "message", "step", "run_id"}, body
    assert "Traceback" not in response.text
    return body["error"]
