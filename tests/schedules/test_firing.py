"""A firing, called directly with its scheduled time: claimed once, run, retried, stopped, skipped, queued, missed."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
import time

import pytest
from sqlmodel import Session

from etl_core import firing, pipelines, schedules
from etl_core.db import open_database, session_scope
from etl_core.models import Pipeline, PipelineRun, SchedulerHeartbeat, utcnow
from etl_core.run_control import request_cancel
from etl_core.run_history import log_lines
from etl_core.spec import parse_spec
from tests.schedules.conftest import runs_of, set_rule
from tests.security.test_run_claim import add_grid, slow_spec

HOUR = schedules.every_rule("1h")


def at(minutes_ago: float = 0) -> dt.datetime:
    return (utcnow() - dt.timedelta(minutes=minutes_ago)).replace(microsecond=0)


def test_a_firing_runs_the_pipeline_once(loaded, settings):
    set_rule(loaded, "quick", HOUR)
    when = at()
    result = firing.fire(loaded, settings, "quick", when)
    assert result.outcome == "succeeded"
    (run,) = runs_of(loaded, "quick")
    assert (run.trigger, run.status, run.scheduled_for, run.rows_out) == ("schedule", "succeeded", when, 2)
    assert (settings.data_dir / "outputs" / "quick.csv").read_text().splitlines() == ["region,amount", "S,2", "E,3"]
    assert firing.fire(loaded, settings, "quick", when) is None  # claimed already
    assert firing.fire(loaded, settings, "quick", when + dt.timedelta(microseconds=300)) is None  # the same second
    assert len(runs_of(loaded, "quick")) == 1


def test_two_schedulers_firing_at_once_run_it_once(loaded, settings):
    set_rule(loaded, "quick", HOUR)
    engines = [open_database(settings.database_url) for _ in range(4)]
    when, results = at(), []
    barrier = threading.Barrier(len(engines))

    def race(own):
        barrier.wait()
        results.append(firing.fire(own, settings, "quick", when))

    threads = [threading.Thread(target=race, args=(own,)) for own in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r.outcome for r in results if r) == ["succeeded"] and results.count(None) == 3
    assert len(runs_of(loaded, "quick")) == 1
    for own in engines:
        own.dispose()


def test_a_firing_later_than_the_grace_period_is_recorded_as_missed(loaded, settings):
    set_rule(loaded, "quick", HOUR.model_copy(update={"grace_s": 60}))
    when = at(minutes_ago=120)
    result = firing.fire(loaded, settings, "quick", when)
    (run,) = runs_of(loaded, "quick")
    assert result.outcome == run.status == "missed" and run.started_at is None
    assert run.error == (f"Missed: the firing due at {when:%Y-%m-%d %H:%M:%S} UTC was found 2 hours late, past the "
                         f"grace period of 1 minute, so it did not run. {NOBODY}")
    assert not (settings.data_dir / "outputs" / "quick.csv").exists()


def test_on_wake_the_latest_missed_firing_runs_and_the_rest_are_recorded(loaded, settings):
    now = at()
    set_rule(loaded, "quick", schedules.every_rule("1m").model_copy(update={"grace_s": 300}),
             anchor=now - dt.timedelta(minutes=10, seconds=30))
    result = firing.check(loaded, settings, "quick", now=now)
    missed, ran = runs_of(loaded, "quick")
    assert (missed.status, ran.status, result.outcome) == ("missed", "succeeded", "succeeded")
    assert ran.scheduled_for == now - dt.timedelta(seconds=30)
    assert missed.scheduled_for == ran.scheduled_for - dt.timedelta(minutes=1)
    assert missed.error.startswith("Missed: 9 firings from ") and "within the grace period of 5 minutes" in missed.error
    assert firing.check(loaded, settings, "quick", now=now) is None  # nothing more is due


def test_on_wake_after_the_grace_period_nothing_runs(loaded, settings):
    now = at()
    set_rule(loaded, "quick", HOUR.model_copy(update={"grace_s": 600}), anchor=now - dt.timedelta(hours=2, minutes=30))
    result = firing.check(loaded, settings, "quick", now=now)
    (run,) = runs_of(loaded, "quick")
    assert result.outcome == run.status == "missed" and "Missed: 2 firings from" in run.error


NOW = dt.datetime(2026, 12, 2, 12, 0, tzinfo=dt.UTC)
NOBODY = "No scheduler was running at the time (Sluice was stopped, or the app was asleep)."
LATE = "A scheduler was running at the time (worker box:1:1) but did not reach {} in time: its host slept, or it was busy."
MINUTE = schedules.every_rule("1m").model_copy(update={"grace_s": 300})


@pytest.mark.parametrize(("rule", "anchor_ago", "state", "said"), [
    pytest.param(HOUR.model_copy(update={"grace_s": 600}), dt.timedelta(hours=1, minutes=30), None,
                 "Missed: the firing due at 2026-12-02 11:30:00 UTC was found 30 minutes late, past the grace period "
                 f"of 10 minutes, so it did not run. {NOBODY}", id="one, too late"),
    pytest.param(HOUR.model_copy(update={"grace_s": 600}), dt.timedelta(hours=2, minutes=30), None,
                 "Missed: 2 firings from 2026-12-02 10:30:00 to 11:30:00 UTC were not run: the latest was found "
                 f"30 minutes late, past the grace period of 10 minutes. {NOBODY}", id="several, too late"),
    pytest.param(MINUTE, dt.timedelta(minutes=2, seconds=30), None,
                 "Missed: the firing due at 2026-12-02 11:58:30 UTC had not run when the next, at 11:59:30 UTC, was "
                 f"due; only the latest firing due runs, and it was within the grace period of 5 minutes. {NOBODY}",
                 id="one before the latest"),
    pytest.param(MINUTE, dt.timedelta(minutes=10, seconds=30), None,
                 "Missed: 9 firings from 2026-12-02 11:50:30 to 11:58:30 UTC had not run when the next, at 11:59:30 "
                 "UTC, was due; only the latest firing due runs, and it was within the grace period of 5 minutes. "
                 f"{NOBODY}", id="several before the latest"),
    pytest.param(MINUTE, dt.timedelta(minutes=2, seconds=30), "running",
                 "Missed: the firing due at 2026-12-02 11:58:30 UTC had not run when the next, at 11:59:30 UTC, was "
                 "due; only the latest firing due runs, and it was within the grace period of 5 minutes. "
                 + LATE.format("it"), id="one, a scheduler running late"),
    pytest.param(HOUR.model_copy(update={"grace_s": 600}), dt.timedelta(hours=1, minutes=30), "stopped",
                 "Missed: the firing due at 2026-12-02 11:30:00 UTC was found 30 minutes late, past the grace period "
                 "of 10 minutes, so it did not run. A scheduler was running at the time (worker box:1:1) but stopped "
                 "before reaching it.", id="one, a scheduler that stopped"),
    pytest.param(HOUR.model_copy(update={"grace_s": 600}), dt.timedelta(hours=2, minutes=30), "running",
                 "Missed: 2 firings from 2026-12-02 10:30:00 to 11:30:00 UTC were not run: the latest was found "
                 "30 minutes late, past the grace period of 10 minutes. " + LATE.format("them"),
                 id="several, a scheduler running late"),
])
def test_a_missed_run_says_what_was_missed_and_why(loaded, settings, rule, anchor_ago, state, said):
    if state:  # a worker that started before the firings and beat after the first: it was there, and late or stopped
        with session_scope(loaded) as session:
            session.add(SchedulerHeartbeat(runner="box:1:1", kind="worker", started_at=NOW - dt.timedelta(hours=3),
                                           beat_at=NOW, state=state))
    set_rule(loaded, "quick", rule, anchor=NOW - anchor_ago)
    firing.check(loaded, settings, "quick", now=NOW)
    missed = next(run for run in runs_of(loaded, "quick") if run.status == "missed")
    assert missed.error == said


def test_a_failing_pipeline_is_retried_with_backoff_and_fails_with_the_validation_error(loaded, settings):
    set_rule(loaded, "broken", HOUR.model_copy(update={"retries": 2, "retry_backoff_s": 0.2}))
    started = time.monotonic()
    result = firing.fire(loaded, settings, "broken", at())
    took = time.monotonic() - started
    runs = runs_of(loaded, "broken")
    assert [r.status for r in runs] == ["failed"] * 3 and result.outcome == "failed"
    assert {r.scheduled_for for r in runs} == {result.scheduled_for}
    assert "Step 2 (filter): column 'amout' does not exist. Did you mean 'amount'?" in runs[0].error
    assert took >= 0.2 + 0.4  # backoff doubles
    with Session(loaded) as session:
        assert any(line.text == "retry: Attempt 1 of 3 failed; trying again in 0.20 seconds."
                   and line.level == "warning" for line in log_lines(session, runs[0].id))


def test_a_retry_that_succeeds_stops_retrying(loaded, settings):
    set_rule(loaded, "broken", HOUR.model_copy(update={"retries": 3, "retry_backoff_s": 0.5}))
    fixed = parse_spec({**pipelines.spec_of(_pipeline(loaded, "broken")).as_data(),
                        "steps": [{"type": "source", "source": "sales"}]})

    def fix_soon():
        time.sleep(0.2)
        with session_scope(loaded) as session:
            pipelines.save_pipeline(session, settings, fixed, replace=True)

    threading.Thread(target=fix_soon).start()
    result = firing.fire(loaded, settings, "broken", at())
    assert [r.status for r in runs_of(loaded, "broken")] == ["failed", "succeeded"] and result.outcome == "succeeded"


def test_a_stored_pipeline_that_no_longer_reads_is_a_failed_run(loaded, settings):
    set_rule(loaded, "quick", HOUR)
    with session_scope(loaded) as session:
        pipeline = pipelines.get_pipeline(session, "quick")
        pipeline.spec = {"name": "quick", "steps": []}
        session.add(pipeline)
    firing.fire(loaded, settings, "quick", at())
    (run,) = runs_of(loaded, "quick")
    assert run.status == "failed" and run.error.startswith("The pipeline no longer validates:")


@pytest.fixture
def slow(engine, settings):
    add_grid(engine, settings, 8000)
    with session_scope(engine) as session:
        pipelines.save_pipeline(session, settings, parse_spec(slow_spec(rows=8000)))
    return engine


def test_a_scheduled_run_stops_at_its_time_limit_or_when_cancelled(slow, settings):
    set_rule(slow, "slow", HOUR.model_copy(update={"time_limit_s": 0.3}))
    result = firing.fire(slow, settings, "slow", at(minutes_ago=1))
    (run,) = runs_of(slow, "slow")
    assert result.outcome == run.status == "failed"
    assert run.error == "timed out after 0.3 s. Raise the pipeline's time limit, or filter earlier."

    set_rule(slow, "slow", HOUR)
    outcome = []
    worker = threading.Thread(target=lambda: outcome.append(firing.fire(slow, settings, "slow", at())))
    worker.start()
    running = _wait_for(slow, "slow", "running")
    other = open_database(settings.database_url)  # the page's own engine, as another process would have
    request_cancel(other, running.id)
    worker.join(60)
    assert outcome[0].outcome == "cancelled"
    assert runs_of(slow, "slow")[-1].error == "the run was cancelled."
    other.dispose()


def test_a_firing_while_the_last_run_goes_on_is_skipped_or_queued(loaded, settings):
    with session_scope(loaded) as session:  # a run of this process, still going
        held = PipelineRun(pipeline_name="quick", status="running", runner=pipelines.this_runner(), started_at=utcnow())
        session.add(held)
    set_rule(loaded, "quick", HOUR)
    skipped = firing.fire(loaded, settings, "quick", at(minutes_ago=1))
    assert skipped.outcome == "skipped"
    assert runs_of(loaded, "quick")[-1].error == (f"Run {held.id} of 'quick' was still running, so this firing was "
                                                  "skipped (overlap: skip).")
    set_rule(loaded, "quick", HOUR.model_copy(update={"overlap": "queue"}))
    outcome = []
    worker = threading.Thread(target=lambda: outcome.append(firing.fire(loaded, settings, "quick", at())))
    worker.start()
    _wait_for(loaded, "quick", "queued")
    with session_scope(loaded) as session:
        finished = session.get(PipelineRun, held.id)
        finished.status = "succeeded"
        session.add(finished)
    worker.join(60)
    assert outcome[0].outcome == "succeeded" and runs_of(loaded, "quick")[-1].status == "succeeded"


def _pipeline(engine, name: str) -> Pipeline:
    with Session(engine) as session:
        return pipelines.get_pipeline(session, name)


def _wait_for(engine, name: str, status: str, timeout_s: float = 60) -> PipelineRun:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        found = [run for run in runs_of(engine, name) if run.status == status]
        if found:
            return found[0]
        time.sleep(0.02)
    raise AssertionError(f"no run of {name} became {status}: {[r.status for r in runs_of(engine, name)]}")


def test_a_claim_waits_out_another_writer_holding_the_database(loaded, settings):
    set_rule(loaded, "quick", HOUR)
    other = sqlite3.connect(settings.data_dir / "sluice.db", check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # another process writing: SQLite refuses other writers until it commits
    other.execute("UPDATE pipeline SET description = 'busy'")
    threading.Timer(1.0, other.commit).start()
    result = firing.fire(loaded, settings, "quick", at())
    assert result.outcome == "succeeded" and len(runs_of(loaded, "quick")) == 1
    other.close()
