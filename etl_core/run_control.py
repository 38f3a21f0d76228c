"""Stopping a run from another process, and starting one in the background.

The run history page may live in another process than the run (a worker runs schedules, the
API, the command line): it sets ``cancel_requested`` on the run's row, and every run's Cancel
reads it (``run_pipeline`` watches its own row) while it checks its time limit.
"""

from __future__ import annotations

import threading

from sqlalchemy import Engine

from etl_core import pipelines
from etl_core.config import Settings
from etl_core.db import session_scope
from etl_core.errors import ConflictError, NotFoundError
from etl_core.models import PipelineRun

ACTIVE = ("queued", "running")


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
              trigger: str = "manual", stepwise: bool = False) -> threading.Thread:
    """Run a saved pipeline in a background thread (the page returns at once and shows it live).

    ``stepwise`` times each step, at a cost: the steps no longer run fused into one plan.
    """
    request = pipelines.RunRequest(name, params=dict(params or {}), trigger=trigger, stepwise=stepwise)
    thread = threading.Thread(target=pipelines.run_pipeline, args=(engine, settings, request),
                              name=f"sluice-run-{name}", daemon=True)
    thread.start()
    return thread


def check_webhook(settings: Settings, url: str) -> None:
    """A webhook address must pass the rules an endpoint source does (public, http or https)."""
    from etl_core.loaders.fetch import check_url

    check_url(url, allowed_hosts=settings.allowed_hosts)
