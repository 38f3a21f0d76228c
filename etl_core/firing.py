"""One firing of a schedule: claimed once across every process, then run, retried, or recorded as missed or skipped.

The claim is a row whose (pipeline, scheduled time) is unique: of several schedulers on one
database (two app replicas, the app and a worker) the database lets exactly one insert it, and
only that one goes on. The run itself goes through ``pipelines.run_pipeline`` like any other.

The catch-up rule, after a sleep or a stop: of the firings due since the last one, the latest
runs on wake if it is at most the schedule's grace period late; the others (and the latest,
when later than that) are recorded as one missed run.
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
from etl_core.models import Pipeline, PipelineRun, RunLog, ScheduledFiring, utcnow
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
        _record_missed(engine, settings, rule, name, _second(due.before_latest), now, due.count - 1, due.earliest)
    return fire(engine, settings, name, due.latest, now=now, stop=stop, missed=due.count)


def fire(engine: Engine, settings: Settings, name: str, scheduled_for: datetime, *, now: datetime | None = None,
         stop: threading.Event | None = None, missed: int = 1) -> Firing | None:
    """Handle the firing at ``scheduled_for`` if this process claims it; None when another one has."""
    scheduled_for, now = _second(scheduled_for), _second(now or utcnow())
    with Session(engine) as session:
        pipeline = session.exec(select(Pipeline).where(Pipeline.name == name)).first()
        rule = schedules.rule_of(pipeline) if pipeline else None
    if rule is None or not claim(engine, name, scheduled_for):
        return None
    if (now - scheduled_for).total_seconds() > rule.grace_s:
        return _record_missed(engine, settings, rule, name, scheduled_for, now, missed)
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


def _record_missed(engine: Engine, settings: Settings, rule: ScheduleRule, name: str, scheduled_for: datetime,
                   now: datetime, count: int, earliest: datetime | None = None) -> Firing:
    """One missed run standing for ``count`` firings up to ``scheduled_for``, whose claim the caller holds."""
    late, grace = humanize.naturaldelta(now - scheduled_for), humanize.precisedelta(rule.grace_s)
    at = f"{_second(earliest or scheduled_for):%Y-%m-%d %H:%M:%S} UTC"
    if count == 1:
        why = f"Missed: no scheduler was running at {at}, and it was found {late} late, past the grace period of {grace}."
    else:
        why = (f"{count} firings from {at} to {scheduled_for:%H:%M:%S} were missed: no scheduler was running. "
               f"Only the latest, when at most {grace} late, runs on wake.")
    run = _record(engine, name, scheduled_for, "missed", why + " (The host slept or Sluice was stopped.)")
    firing = Firing(name, scheduled_for, "missed", [run])
    _notify(engine, settings, rule, firing)
    return _finish(engine, firing)


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
