"""A data directory with a small source and pipelines to schedule, a local webhook receiver, process helpers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlmodel import Session, select

from etl_core import pipelines, schedules, sources
from etl_core.db import session_scope
from etl_core.models import PipelineRun
from etl_core.spec import parse_spec
from tests.conftest import ROOT
from tests.pipeline_helpers import store_as_is

QUICK = {"name": "quick", "steps": [{"type": "source", "source": "sales"},
                                    {"type": "filter", "condition": "amount > 1"},
                                    {"type": "output", "format": "csv", "path": "quick.csv"}]}
BROKEN = {"name": "broken", "steps": [{"type": "source", "source": "sales"},
                                      {"type": "filter", "condition": "amout > 1"}]}  # stored, then fails to validate


@pytest.fixture
def settings(settings):
    """Webhooks to this machine's test server are allowed; retries wait a moment, not half a minute."""
    return replace(settings, allowed_hosts=("127.0.0.1",), scheduler_poll_s=1.0)


@pytest.fixture
def loaded(engine, settings):
    """A 'sales' source and two pipelines: 'quick', and 'broken', which names a column sales does not have."""
    add_sales(engine, settings)
    with session_scope(engine) as session:
        pipelines.save_pipeline(session, settings, parse_spec(QUICK))
        store_as_is(session, BROKEN)
    return engine


def add_sales(engine, settings, text: str = "region,amount\nN,1\nS,2\nE,3\n") -> None:
    with session_scope(engine) as session:
        sources.add_file(session, settings, file_name="sales.csv", data=text.encode())


def set_rule(engine, name: str, rule: schedules.ScheduleRule, **anchor) -> schedules.ScheduleRule:
    """Save a rule; ``anchor=`` moves its start (set_schedule sets it to now) to tell a story about the past."""
    with session_scope(engine) as session:
        pipeline = schedules.set_schedule(session, pipelines.get_pipeline(session, name), rule)
        if anchor:
            pipeline.schedule = {**pipeline.schedule, "anchor": anchor["anchor"].isoformat()}
            session.add(pipeline)
    with Session(engine) as session:
        return schedules.rule_of(pipelines.get_pipeline(session, name))


def runs_of(engine, name: str) -> list[PipelineRun]:
    with Session(engine) as session:
        return list(session.exec(select(PipelineRun).where(PipelineRun.pipeline_name == name).order_by(PipelineRun.id)))


class Receiver:
    """A webhook receiver on loopback: answers each POST with the next status in ``answers`` (then 200)."""

    def __init__(self, answers: list[int]) -> None:
        self.answers, self.bodies = list(answers), []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                receiver.bodies.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
                self.send_response(receiver.answers.pop(0) if receiver.answers else 200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def receiver():
    made: list[Receiver] = []

    def make(*answers: int) -> Receiver:
        made.append(Receiver(list(answers)))
        return made[-1]

    yield make
    for each in made:
        each.server.shutdown()


def cli(settings, *args: str, wait: bool = True, **env_extra: str):
    """python -m etl_core on the test's data directory (its own database URL when not SQLite)."""
    env = {**os.environ, "SLUICE_DATA_DIR": str(settings.data_dir), "SLUICE_LOAD_SAMPLES": "false",
           "SLUICE_SCHEDULER_POLL": "1", **env_extra}
    env.pop("DATABASE_URL", None)
    if not settings.database_url.startswith("sqlite"):
        env["DATABASE_URL"] = settings.database_url
    command = [sys.executable, "-m", "etl_core", *args]
    if wait:
        return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
