"""Stopping a run from another process, and starting one in the background.

The run history page may live in another process than the run (a worker runs schedules):
it sets ``cancel_requested`` on the run's row, and the run's Cancel reads it while it checks
its time limit.
"""

from __future__ import annotations

import threading
import time

from sqlalchemy import Engine
from sqlmodel import Session, select

from etl_core import pipelines
from etl_core.config import Settings
from etl_core.db import session_scope
from etl_core.errors import ConflictError, NotFoundError
from etl_core.executor import Cancel
from etl_core.models import PipelineRun, utcnow

POLL_S = 1.0
ACTIVE = ("queued", "running")


class DatabaseCancel(Cancel):
    """A run's stop button that also listens to the database (polled at most once a second)."""

    def __init__(self, engine: Engine, pipeline_name: str, time_limit_s: float | None = None) -> None:
        super().__init__(time_limit_s)
        self.engine, self.pipeline_name = engine, pipeline_name
        self.since, self.runner, self.next_look = utcnow(), pipelines.this_runner(), 0.0

    def check(self) -> None:
        if not self.event.is_set() and time.monotonic() >= self.next_look:
            self.next_look = time.monotonic() + POLL_S
            if self._requested():
                self.event.set()
        super().check()

    def _requested(self) -> bool:
        with Session(self.engine) as session:
            return session.exec(select(PipelineRun.id).where(
                PipelineRun.pipeline_name == self.pipeline_name, PipelineRun.status.in_(ACTIVE),
                PipelineRun.cancel_requested, PipelineRun.runner == self.runner,
                PipelineRun.created_at >= self.since)).first() is not None


def request_cancel(engine: Engine, run_id: int) -> PipelineRun:
    """Ask a queued or running run to stop; a run whose process is gone is marked interrupted at once."""
    pipelines.mark_interrupted_runs(engine)
    with session_scope(engine) as session:
        run = session.get(PipelineRun, run_id)
        if run is None:
            raise NotFoundError(f"There is no run {run_id}.")
        if run.status not in ACTIVE:
            raise ConflictError(f"Run {run_id} is not running: it {run.status}.")
        run.cancel_requested = True
        session.add(run)
        return run


def start_run(engine: Engine, settings: Settings, name: str, *, params: dict[str, str] | None = None,
              trigger: str = "manual") -> threading.Thread:
    """Run a saved pipeline in a background thread (the page returns at once and shows it live)."""
    request = pipelines.RunRequest(name, params=dict(params or {}), trigger=trigger,
                                   cancel=DatabaseCancel(engine, name, _limit(engine, settings, name)))
    thread = threading.Thread(target=pipelines.run_pipeline, args=(engine, settings, request),
                              name=f"sluice-run-{name}", daemon=True)
    thread.start()
    return thread


def _limit(engine: Engine, settings: Settings, name: str) -> float:
    with session_scope(engine) as session:
        spec = pipelines.spec_of(pipelines.get_pipeline(session, name))
    return spec.time_limit_s or settings.run_time_limit_s


def check_webhook(settings: Settings, url: str) -> None:
    """A webhook address must pass the rules an endpoint source does (public, http or https)."""
    from etl_core.loaders.fetch import check_url

    check_url(url, allowed_hosts=settings.allowed_hosts)
