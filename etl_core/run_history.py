"""The record of runs as the run history page and ``python -m etl_core runs`` show it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session, select

from etl_core import schedules
from etl_core.errors import NotFoundError
from etl_core.firing import last_firing
from etl_core.models import PipelineRun, RunLog, SchedulerHeartbeat, utcnow
from etl_core.pipelines import last_run, run_logs

STATUSES = ["queued", "running", "succeeded", "failed", "cancelled", "interrupted", "missed", "skipped"]
# what starts a run: the app's buttons, a schedule, the API, the command line. The chat answers without a run,
# and a pipeline it saves runs by one of these.
TRIGGERS = ["manual", "schedule", "api", "cli"]
FAILED = ("failed", "interrupted", "missed")
ERROR_KINDS = {"step_failed", "run_failed", "run_missed"}
WARNING_KINDS = {"warning", "retry", "run_skipped", "run_cancelled"}


@dataclass(frozen=True)
class RunFilter:
    """What the history shows; None means any."""

    pipeline: str | None = None
    status: str | None = None
    trigger: str | None = None
    since: date | None = None
    until: date | None = None
    limit: int = 500


def list_runs(session: Session, where: RunFilter = RunFilter()) -> list[PipelineRun]:
    """Runs, newest first."""
    query = select(PipelineRun).order_by(PipelineRun.id.desc()).limit(where.limit)
    if where.pipeline:
        query = query.where(PipelineRun.pipeline_name == where.pipeline)
    if where.status:
        query = query.where(PipelineRun.status == where.status)
    if where.trigger:
        query = query.where(PipelineRun.trigger == where.trigger)
    if where.since:
        query = query.where(PipelineRun.created_at >= _utc(where.since))
    if where.until:
        query = query.where(PipelineRun.created_at < _utc(where.until + timedelta(days=1)))
    return list(session.exec(query))


def row(run: PipelineRun) -> dict:
    """One run as a table row (the page's table and the command line's JSON)."""
    return {"id": run.id, "pipeline": run.pipeline_name, "trigger": run.trigger, "status": run.status,
            "scheduled_for": run.scheduled_for, "started": run.started_at, "duration_s": run.duration_s,
            "rows_in": run.rows_in, "rows_out": run.rows_out, "error": run.error}


@dataclass(frozen=True)
class LogLine:
    at: datetime
    level: str  # info | warning | error
    step: int | None
    text: str


def log_lines(session: Session, run_id: int) -> list[LogLine]:
    """A run's log with a level per line (the last line's is the run's outcome)."""
    run = session.get(PipelineRun, run_id)
    failed = run is not None and run.status in FAILED
    return [LogLine(entry.at, _level(entry, failed), entry.step, _text(entry)) for entry in run_logs(session, run_id)]


def _level(entry: RunLog, failed: bool) -> str:
    if entry.kind in ERROR_KINDS or (entry.kind == "run_finished" and failed):
        return "error"
    return "warning" if entry.kind in WARNING_KINDS else "info"


def _text(entry: RunLog) -> str:
    rows = f" ({entry.rows:,} rows" + (f", {entry.duration_s:.3f} s)" if entry.duration_s is not None else ")") \
        if entry.rows is not None else ""
    where = f"step {entry.step} {entry.step_type}: " if entry.step is not None else ""
    return f"{entry.kind.replace('_', ' ')}: {where}{entry.message}{rows}"


def attempt_of(session: Session, run: PipelineRun) -> tuple[int, int] | None:
    """(attempt, attempts so far) of a scheduled run's firing, when it is one."""
    if run.scheduled_for is None:
        return None
    ids = list(session.exec(select(PipelineRun.id).where(PipelineRun.pipeline_name == run.pipeline_name,
                                                         PipelineRun.scheduled_for == run.scheduled_for)
                            .order_by(PipelineRun.id)))
    return ids.index(run.id) + 1, len(ids)


@dataclass(frozen=True)
class ScheduleLine:
    """A schedule as the lists show it, with its next firings and how its last run went."""

    pipeline: str
    rule: schedules.ScheduleRule
    words: str
    upcoming: list[datetime]
    last_status: str | None
    last_error: str | None
    last_fired: datetime | None


def schedule_lines(session: Session, *, upcoming: int = 5, now: datetime | None = None) -> list[ScheduleLine]:
    lines = []
    for pipeline, rule in schedules.scheduled_pipelines(session):
        last = last_run(session, pipeline.name)
        lines.append(ScheduleLine(pipeline.name, rule, schedules.describe(rule),
                                  schedules.next_runs(rule, upcoming, now) if rule.enabled else [],
                                  last.status if last else None, last.error if last else None,
                                  last_firing(session, pipeline.name)))
    return lines


@dataclass(frozen=True)
class SchedulerState:
    process: str
    kind: str
    started: datetime
    last_beat: datetime
    state: str  # running | stopped | silent (no beat for three polls: killed, or the host sleeps)
    schedules: int
    retention: str | None  # its last retention pass: when, and what it removed


def scheduler_states(session: Session, poll_s: float, now: datetime | None = None) -> list[SchedulerState]:
    now = now or utcnow()
    found = []
    for beat in session.exec(select(SchedulerHeartbeat).order_by(SchedulerHeartbeat.beat_at.desc()).limit(20)):
        silent = beat.state == "running" and (now - _aware(beat.beat_at)).total_seconds() > 3 * poll_s + 5
        found.append(SchedulerState(beat.runner, beat.kind, beat.started_at, beat.beat_at,
                                    "silent" if silent else beat.state, beat.schedules, beat.retention))
    return found


def _utc(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def get_run(session: Session, run_id: int) -> PipelineRun:
    run = session.get(PipelineRun, run_id)
    if run is None:
        raise NotFoundError(f"There is no run {run_id}.", hint="It may have been removed by retention.")
    return run
