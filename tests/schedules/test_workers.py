"""Two worker processes on one database, SQLite and PostgreSQL: each firing runs exactly once, and both run some."""

from __future__ import annotations

import signal
import time
from collections import Counter

from sqlmodel import Session, select

from etl_core import pipelines, schedules
from etl_core.db import open_database, session_scope
from etl_core.models import ScheduledFiring, SchedulerHeartbeat
from etl_core.spec import parse_spec
from tests.schedules.conftest import QUICK, add_sales, cli, runs_of, set_rule

FIRINGS = 3


def test_two_workers_run_each_firing_once(any_settings):
    settings = any_settings
    engine = open_database(settings.database_url)
    add_sales(engine, settings)
    with session_scope(engine) as session:
        pipelines.save_pipeline(session, settings, parse_spec(QUICK))
    set_rule(engine, "quick", schedules.every_rule("1s"))
    workers = [cli(settings, "worker", wait=False) for _ in range(2)]
    try:
        deadline = time.monotonic() + 90
        # until each worker has claimed a firing: which one wins a second is a race, so this takes as many as it takes
        while len([r for r in runs_of(engine, "quick") if r.status == "succeeded"]) < FIRINGS or \
                len(claimers(engine)) < 2:
            assert time.monotonic() < deadline, (claimers(engine), [r.status for r in runs_of(engine, "quick")])
            assert all(w.poll() is None for w in workers), [w.stdout.read() for w in workers if w.poll() is not None]
            time.sleep(0.2)
    finally:
        for worker in workers:
            worker.send_signal(signal.SIGTERM)
        output = [worker.communicate(timeout=30)[0] for worker in workers]
    assert all(worker.returncode == 0 for worker in workers), output
    runs = runs_of(engine, "quick")
    per_firing = Counter(run.scheduled_for for run in runs)
    assert per_firing and max(per_firing.values()) == 1, per_firing.most_common(3)
    with Session(engine) as session:
        firings = list(session.exec(select(ScheduledFiring)))
        beats = list(session.exec(select(SchedulerHeartbeat)))
    assert {f.scheduled_for for f in firings} == set(per_firing)
    assert sorted((b.kind, b.state) for b in beats) == [("worker", "stopped"), ("worker", "stopped")]
    assert set(claimers(engine)) == {b.runner for b in beats}  # both workers ran firings, none ran one twice
    assert all("running schedules every 1 s" in text for text in output)
    assert all("INFO etl_core.scheduler: scheduler started (worker" in text for text in output)  # its log reaches stderr
    engine.dispose()


def claimers(engine) -> Counter[str]:
    """How many firings each process claimed."""
    with Session(engine) as session:
        return Counter(session.exec(select(ScheduledFiring.claimed_by)))
