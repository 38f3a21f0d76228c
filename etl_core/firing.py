"""One firing of a schedule: claimed once across every process, then run, retried, or recorded as missed or skipped.

The claim is a row whose (pipeline, scheduled time) is unique: of several schedulers on one
database (two app replicas, the app and a worker) the database lets exactly one insert it, and
only that one goes on. The run itself goes through ``pipelines.run_pipeline`` like any other.

The catch-up rule, after a sleep or a stop: of the firings due since the last one, the latest
runs on wake if it is at most the schedule's grace period late; the others (and the latest,
when later than that) are recorded as one missed run. Its message says which firings, why they
did not run, and whether a scheduler was running then (its heartbeat says so): a stopped or
sleeping app is not the same fault as a scheduler that was there and late.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

import humanize
from sqlalchemy import Engine, func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from etl_core import notify, pipelines, schedules
from etl_core.config import Settings
from etl_core.db import session_scope
from etl_core.errors import SluiceError
from etl_core.executor import Cancel
from etl_core.models import Pipeline, PipelineRun, RunLog, ScheduledFiring, SchedulerHeartbeat, utcnow
from etl_core.schedules import ScheduleRule

log = logging.getLogger(__name__)
RETRY_AFTER = ("failed", "interrupted")  # a cancelled run was stopped on purpose: no retry


@dataclass
class Firing:
    """What became of one firing."""

    pipeline: str
    scheduled_for: datetime
    outcome: str  # succeeded failed cancelled interrupted missed skipped
    runs: list[PipelineRun] = field(default_factory=list)
    notified: str | None = None  # why the webhook was not delivered, when it was not


def check(engine: Engine, settings: Settings, name: str, *, now: datetime | None = None,
          stop: threading.Event | None = None) -> Firing | None:
    """Fire the pipeline's schedule if a firing is due that nobody has claimed (the scheduler calls this)."""
    now = _second(now or utcnow())
    with Session(engine) as session:
        pipeline = session.exec(select(Pipeline).where(Pipeline.name == name)).first()
        rule = schedules.rule_of(pipeline) if pipeline else None
        if rule is None or not rule.enabled:
            return None
        due = schedules.due_firings(rule, last_firing(session, name), now)
    if due is None:
        return None
    latest_in_time = (now - _second(due.latest)).total_seconds() <= rule.grace_s
    # the earlier firings are claimed as one, by the last of them, so every process agrees which row that is
    if due.before_latest and latest_in_time and claim(engine, name, _second(due.before_latest)):
        earlier = Missed(due.count - 1, _second(due.earliest), _second(due.before_latest),
                         at_least=due.count >= schedules.CATCH_UP_SCAN, next_due=_second(due.latest))
        _record_missed(engine, settings, rule, name, earlier, now)
    return fire(engine, settings, name, due.latest, now=now, stop=stop,
                missed=Missed(due.count, _second(due.earliest), _second(due.latest),
                              at_least=due.count >= schedules.CATCH_UP_SCAN))


def fire(engine: Engine, settings: Settings, name: str, scheduled_for: datetime, *, now: datetime | None = None,
         stop: threading.Event | None = None, missed: Missed | None = None) -> Firing | None:
    """Handle the firing at ``scheduled_for`` if this process claims it; None when another one has.

    ``missed``: the firings this one stands for when it is too late to run (check's catch-up); by default itself.
    """
    scheduled_for, now = _second(scheduled_for), _second(now or utcnow())
    with Session(engine) as session:
        pipeline = session.exec(select(Pipeline).where(Pipeline.name == name)).first()
        rule = schedules.rule_of(pipeline) if pipeline else None
    if rule is None or not claim(engine, name, scheduled_for):
        return None
    if (now - scheduled_for).total_seconds() > rule.grace_s:
        return _record_missed(engine, settings, rule, name, missed or Missed(1, scheduled_for, scheduled_for), now)
    holder = _running_run(engine, name)
    if rule.overlap == "skip" and holder is not None:
        run = _record(engine, name, scheduled_for, "skipped",
                      f"Run {holder} of '{name}' was still running, so this firing was skipped (overlap: skip).")
        return _finish(engine, Firing(name, scheduled_for, "skipped", [run]))
    try:
        firing = _run_with_retries(engine, settings, name, rule, scheduled_for, stop)
    except Exception:
        log.exception("the scheduled run of %s at %s stopped unexpectedly", name, scheduled_for)
        _finish(engine, Firing(name, scheduled_for, "failed"))
        raise
    _notify(engine, settings, rule, firing)
    return _finish(engine, firing)


def claim(engine: Engine, name: str, scheduled_for: datetime) -> bool:
    """Insert the firing's row; False when another process already has."""
    try:
        with session_scope(engine) as session:
            session.add(ScheduledFiring(pipeline_name=name, scheduled_for=scheduled_for,
                                        claimed_by=pipelines.this_runner()))
    except IntegrityError:
        return False
    return True


def last_firing(session: Session, name: str) -> datetime | None:
    return session.exec(select(func.max(ScheduledFiring.scheduled_for))
                        .where(ScheduledFiring.pipeline_name == name)).first()


def _run_with_retries(engine: Engine, settings: Settings, name: str, rule: ScheduleRule, scheduled_for: datetime,
                      stop: threading.Event | None) -> Firing:
    firing = Firing(name, scheduled_for, "failed")
    for attempt in range(1, rule.retries + 2):
        run = _run_once(engine, settings, name, rule, scheduled_for)
        firing.runs.append(run)
        firing.outcome = run.status
        if run.status not in RETRY_AFTER or attempt > rule.retries:
            break
        wait = rule.retry_backoff_s * 2 ** (attempt - 1)
        _log(engine, run.id, "retry", f"Attempt {attempt} of {rule.retries + 1} {run.status}; "
                                      f"trying again in {humanize.precisedelta(wait)}.")
        if stop is not None and stop.wait(wait):
            break  # the scheduler is shutting down: the next start does not repeat this firing
        if stop is None:
            time.sleep(wait)
    return firing


def _run_once(engine: Engine, settings: Settings, name: str, rule: ScheduleRule, scheduled_for: datetime) -> PipelineRun:
    try:
        with Session(engine) as session:
            spec = pipelines.spec_of(pipelines.get_pipeline(session, name))
    except SluiceError as error:  # the stored pipeline no longer reads as a spec: a failed run says why
        return _record(engine, name, scheduled_for, "failed", f"The pipeline no longer validates: {error}")
    # queue waits for the run in progress; skip was decided before (refuse covers a run that started since)
    spec = spec.model_copy(update={"concurrency": "wait" if rule.overlap == "queue" else "refuse"})
    limit = rule.time_limit_s or spec.time_limit_s or settings.run_time_limit_s
    request = pipelines.RunRequest(spec, trigger="schedule", cancel=Cancel(limit),
                                   scheduled_for=scheduled_for)
    return pipelines.run_pipeline(engine, settings, request)


@dataclass(frozen=True)
class Missed:
    """Firings that did not run, recorded as one missed run at the last of them."""

    count: int
    first: datetime
    last: datetime
    at_least: bool = False  # a long sleep: the count stopped at the scan's limit
    next_due: datetime | None = None  # the later firing that runs instead (None: it too was too late)


def _record_missed(engine: Engine, settings: Settings, rule: ScheduleRule, name: str, missed: Missed,
                   now: datetime) -> Firing:
    """One missed run for ``missed``, at its last firing, whose claim the caller holds."""
    why = f"{_missed_words(missed, rule, now)} {_who_was_there(engine, missed)}"
    run = _record(engine, name, missed.last, "missed", why)
    firing = Firing(name, missed.last, "missed", [run])
    _notify(engine, settings, rule, firing)
    return _finish(engine, firing)


def _missed_words(missed: Missed, rule: ScheduleRule, now: datetime) -> str:
    """Which firings were missed and why they did not run (the first sentence of a missed run's message)."""
    grace = humanize.precisedelta(rule.grace_s)
    if missed.count == 1:
        what = f"the firing due at {_stamp(missed.first)}"
    else:
        many = f"at least {missed.count:,}" if missed.at_least else f"{missed.count:,}"
        what = f"{many} firings from {_span(missed.first, missed.last)}"
    if missed.next_due is not None:
        return (f"Missed: {what} had not run when the next, at {_stamp(missed.next_due, missed.last)}, was due; "
                f"only the latest firing due runs, and it was within the grace period of {grace}.")
    late = humanize.naturaldelta(now - missed.last)
    if missed.count == 1:
        return f"Missed: {what} was found {late} late, past the grace period of {grace}, so it did not run."
    return f"Missed: {what} were not run: the latest was found {late} late, past the grace period of {grace}."


def _who_was_there(engine: Engine, missed: Missed) -> str:
    """Whether a scheduler was running when the first of them was due, from the schedulers' heartbeats."""
    with Session(engine) as session:
        beats = list(session.exec(select(SchedulerHeartbeat)))
    there = [beat for beat in beats if _second(beat.started_at) <= missed.first <= _second(beat.beat_at)]
    if not there:
        return "No scheduler was running at the time (Sluice was stopped, or the app was asleep)."
    names, them = ", ".join(f"{beat.kind} {beat.runner}" for beat in there), "it" if missed.count == 1 else "them"
    if all(beat.state == "stopped" for beat in there):
        return f"A scheduler was running at the time ({names}) but stopped before reaching {them}."
    return f"A scheduler was running at the time ({names}) but did not reach {them} in time: its host slept, or it was busy."


def _stamp(moment: datetime, same_day_as: datetime | None = None) -> str:
    """'2026-12-02 11:30:00 UTC', or '11:30:00 UTC' on the day of ``same_day_as``."""
    if same_day_as is not None and moment.date() == same_day_as.date():
        return f"{moment:%H:%M:%S} UTC"
    return f"{moment:%Y-%m-%d %H:%M:%S} UTC"


def _span(first: datetime, last: datetime) -> str:
    """'2026-12-02 10:30:00 to 11:30:00 UTC'."""
    return f"{first:%Y-%m-%d %H:%M:%S} to {_stamp(last, first)}" if first.date() == last.date() else \
        f"{_stamp(first)} to {_stamp(last)}"


def _record(engine: Engine, name: str, scheduled_for: datetime, status: str, error: str) -> PipelineRun:
    """A run that never ran (missed, skipped, or a pipeline that no longer reads), kept in the history."""
    with session_scope(engine) as session:
        pipeline_id = session.exec(select(Pipeline.id).where(Pipeline.name == name)).first()
        run = PipelineRun(pipeline_id=pipeline_id, pipeline_name=name, trigger="schedule", status=status, error=error,
                          scheduled_for=scheduled_for, runner=pipelines.this_runner(), finished_at=utcnow())
        session.add(run)
        session.flush()
        session.add(RunLog(run_id=run.id, kind=f"run_{status}", message=error))
    return run


def _finish(engine: Engine, firing: Firing) -> Firing:
    with session_scope(engine) as session:
        row = session.exec(select(ScheduledFiring).where(ScheduledFiring.pipeline_name == firing.pipeline,
                                                          ScheduledFiring.scheduled_for == firing.scheduled_for)).first()
        if row is not None:
            row.outcome, row.finished_at = firing.outcome, utcnow()
            session.add(row)
    return firing


def _notify(engine: Engine, settings: Settings, rule: ScheduleRule, firing: Firing) -> None:
    """Tell the webhook about a failure (or a success when asked); its own failure goes in the run's log."""
    wanted = firing.outcome in ("failed", "interrupted", "missed") or (
        firing.outcome == "succeeded" and rule.notify_on_success)
    if not rule.webhook_url or not wanted or not firing.runs:
        return
    last = firing.runs[-1]
    firing.notified = notify.send(settings, rule.webhook_url, notify.message(last, len(firing.runs)))
    _log(engine, last.id, "warning" if firing.notified else "notify", firing.notified or "Webhook delivered.")


def _log(engine: Engine, run_id: int, kind: str, message: str) -> None:
    with session_scope(engine) as session:
        session.add(RunLog(run_id=run_id, kind=kind, message=message))


def _running_run(engine: Engine, name: str) -> int | None:
    with Session(engine) as session:
        return session.exec(select(PipelineRun.id).where(PipelineRun.pipeline_name == name,
                                                         PipelineRun.status == "running")).first()


def _second(moment: datetime) -> datetime:
    """UTC to the whole second: the same firing reads the same in every process."""
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(microsecond=0)
