"""The scheduler thread with one-second intervals: it fires, follows changes, catches up on wake, marks dead runs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import socket
import subprocess
import sys
import time
from collections.abc import Callable

import pytest
from sqlmodel import Session, select

from etl_core import pipelines, schedules
from etl_core import scheduler as scheduler_module
from etl_core.db import session_scope
from etl_core.models import PipelineRun, SchedulerHeartbeat, utcnow
from etl_core.run_history import scheduler_states
from etl_core.scheduler import Scheduler, start_once, stop_for
from tests.schedules.conftest import runs_of, set_rule

EVERY_SECOND = schedules.every_rule("1s")


def eventually(what: Callable[[], object], timeout_s: float = 60, message: str = "") -> object:
    """Poll until ``what`` gives something truthy (a deadline, not a sleep: slow machines only wait longer)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if found := what():
            return found
        time.sleep(0.1)
    raise AssertionError(message or f"not within {timeout_s} s")


@pytest.fixture
def scheduler(loaded, settings):
    started = Scheduler(loaded, settings).start()
    yield started
    started.shutdown()


def succeeded(engine, name: str) -> list[PipelineRun]:
    return [run for run in runs_of(engine, name) if run.status == "succeeded"]


def test_a_schedule_fires_and_records_runs(loaded, scheduler):
    with session_scope(loaded) as session:  # a rule stored by hand that does not read stops nothing else
        broken = pipelines.get_pipeline(session, "broken")
        broken.schedule = {**schedules.cron_rule("0 * * * *").model_dump(mode="json"), "cron": "61 * * * *"}
        session.add(broken)
    set_rule(loaded, "quick", EVERY_SECOND)
    runs = eventually(lambda: len(succeeded(loaded, "quick")) >= 2 and succeeded(loaded, "quick"))
    assert {run.trigger for run in runs} == {"schedule"}
    assert len({run.scheduled_for for run in runs}) == len(runs)
    with Session(loaded) as session:
        (state,) = scheduler_states(session, poll_s=1)
    assert (state.process, state.kind, state.state, state.schedules) == (scheduler.runner, "app", "running", 2)
    assert runs_of(loaded, "broken") == [] and set(scheduler.jobs) == {"quick"}


def test_changes_reach_a_running_scheduler(loaded, settings, scheduler):
    with Session(loaded) as session:
        assert eventually(lambda: session.exec(select(SchedulerHeartbeat)).first()).schedules == 0
    set_rule(loaded, "quick", EVERY_SECOND)
    eventually(lambda: succeeded(loaded, "quick"), message="the new schedule never fired")
    with session_scope(loaded) as session:
        schedules.set_enabled(session, pipelines.get_pipeline(session, "quick"), False)

    def beats_with_none() -> bool:
        with Session(loaded) as session:
            beat = session.exec(select(SchedulerHeartbeat)).first()
            return beat.schedules == 0 and scheduler.jobs == {}

    eventually(beats_with_none, message="the scheduler kept the schedule that was turned off")
    eventually(lambda: not [r for r in runs_of(loaded, "quick") if r.status in ("queued", "running")])
    count = len(runs_of(loaded, "quick"))
    time.sleep(2.5)  # proving an absence: two and a half one-second intervals pass with no firing
    assert len(runs_of(loaded, "quick")) == count


def test_a_restart_after_a_missed_firing_follows_the_catch_up_rule(loaded, settings):
    now = utcnow().replace(microsecond=0)
    hourly = schedules.every_rule("1h")
    # quick was due 30 minutes ago (grace 2 h): it runs on wake; broken's is 30 minutes late too, but grace is 10 minutes
    set_rule(loaded, "quick", hourly.model_copy(update={"grace_s": 7200}), anchor=now - dt.timedelta(minutes=90))
    set_rule(loaded, "broken", hourly.model_copy(update={"grace_s": 600}), anchor=now - dt.timedelta(minutes=90))
    started = Scheduler(loaded, settings).start()
    try:
        ran = eventually(lambda: succeeded(loaded, "quick"))
        missed = eventually(lambda: runs_of(loaded, "broken"))
    finally:
        started.shutdown()
    assert ran[0].scheduled_for == now - dt.timedelta(minutes=30)
    assert [r.status for r in missed] == ["missed"] and "past the grace period of 10 minutes" in missed[0].error


def test_runs_left_running_by_a_dead_process_are_interrupted_on_start(loaded, settings):
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    with session_scope(loaded) as session:
        left = PipelineRun(pipeline_name="quick", status="running", runner=f"{socket.gethostname()}:{gone.stdout.strip()}:1")
        session.add(left)
    started = Scheduler(loaded, settings).start()
    started.shutdown()
    with Session(loaded) as session:
        assert session.get(PipelineRun, left.id).status == "interrupted"
        beat = session.exec(select(SchedulerHeartbeat)).first()
    assert beat.state == "stopped"


def test_one_scheduler_per_process(loaded, settings):
    first = start_once(loaded, settings)
    try:
        assert start_once(loaded, settings) is first  # a rerun of the app asks again
    finally:
        stop_for(loaded)
    assert not first.running
    second = start_once(loaded, settings)
    assert second is not first and second.running
    stop_for(loaded)
    assert not second.running


def test_a_scheduler_started_again_in_the_same_process_says_when(loaded, settings):
    def beat(state: str) -> SchedulerHeartbeat | None:
        with Session(loaded) as session:
            return session.exec(select(SchedulerHeartbeat).where(SchedulerHeartbeat.state == state)).first()

    start_once(loaded, settings)
    first = eventually(lambda: beat("running"))
    stop_for(loaded)
    stopped = beat("stopped")
    start_once(loaded, settings)  # the same process, so the same heartbeat row
    try:
        again = eventually(lambda: beat("running"))
    finally:
        stop_for(loaded)
    # a missed run asks who was running when it was due: the stopped time in between is not running time
    assert again.runner == first.runner and again.started_at >= stopped.beat_at > first.started_at


def test_the_scheduler_applies_retention_and_its_heartbeat_says_what_went(loaded, settings, monkeypatch):
    monkeypatch.setattr(scheduler_module, "RETENTION_FIRST", dt.timedelta(seconds=0.5))  # not 30 s after a start
    with session_scope(loaded) as session:
        session.add(PipelineRun(pipeline_name="quick", status="succeeded", created_at=utcnow() - dt.timedelta(days=40)))
    started = Scheduler(loaded, dataclasses.replace(settings, retention_days=30)).start()
    try:
        job = started.background.get_job("retention")
        assert job.trigger.interval == dt.timedelta(hours=1)
        eventually(lambda: not runs_of(loaded, "quick"), message="retention never ran")

        def noted() -> str | None:
            with Session(loaded) as session:
                return session.exec(select(SchedulerHeartbeat.retention)).first()

        said = eventually(noted)
    finally:
        started.shutdown()
    assert said.endswith(" UTC: removed 1 run (0 log lines), 0 firings and 0 output files older than 30 days")
