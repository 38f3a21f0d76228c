"""Retention: runs, their logs and firings, stopped schedulers' heartbeats and output files older than a setting go.

Each pipeline's latest firing is kept whatever its age: the catch-up after a sleep counts from it.

An output file is removed only when it is older than the cut-off and no run that is kept
names it (the sample pipeline writes the same file every run). Every removal is logged; the
scheduler that applied it also keeps the line on its heartbeat, which run history shows.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, delete, func
from sqlmodel import select

from etl_core.config import Settings
from etl_core.db import session_scope
from etl_core.models import PipelineRun, RunLog, ScheduledFiring, SchedulerHeartbeat, utcnow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Removed:
    runs: int
    logs: int
    firings: int
    files: list[str]

    def words(self, days: float) -> str:
        """'removed 2 runs (14 log lines), 1 firing and 1 output file older than 7 days', or that nothing was."""
        if not (self.runs or self.firings or self.files):
            return f"nothing older than {days:g} days"
        return (f"removed {_count(self.runs, 'run')} ({_count(self.logs, 'log line')}), {_count(self.firings, 'firing')} "
                f"and {_count(len(self.files), 'output file')} older than {days:g} days")


def remove_old(engine: Engine, settings: Settings, *, now: datetime | None = None) -> Removed | None:
    """Remove what is older than ``settings.retention_days``; None when retention is off (0 days)."""
    if settings.retention_days <= 0:
        return None
    cutoff = (now or utcnow()) - timedelta(days=settings.retention_days)
    with session_scope(engine) as session:
        old = list(session.exec(select(PipelineRun.id).where(PipelineRun.created_at < cutoff,
                                                             PipelineRun.status.not_in(("queued", "running")))))
        logs = session.exec(delete(RunLog).where(RunLog.run_id.in_(old))).rowcount if old else 0
        runs = session.exec(delete(PipelineRun).where(PipelineRun.id.in_(old))).rowcount if old else 0
        # each pipeline's latest firing stays: catch-up counts missed firings from it
        latest = {name: moment for name, moment in session.exec(
            select(ScheduledFiring.pipeline_name, func.max(ScheduledFiring.scheduled_for))
            .group_by(ScheduledFiring.pipeline_name))}
        keep = [ScheduledFiring.id.not_in(select(ScheduledFiring.id).where(
            ScheduledFiring.pipeline_name == name, ScheduledFiring.scheduled_for == moment)) for name, moment in latest.items()]
        firings = session.exec(delete(ScheduledFiring).where(ScheduledFiring.scheduled_for < cutoff, *keep)).rowcount
        session.exec(delete(SchedulerHeartbeat).where(SchedulerHeartbeat.beat_at < cutoff))
        kept = {output.get("path") for outputs in session.exec(select(PipelineRun.outputs)) for output in outputs or []}
    removed = Removed(runs, logs, firings, _remove_files(settings, cutoff, kept))
    if runs or firings or removed.files:
        log.info("retention: %s%s", removed.words(settings.retention_days),
                 f": {', '.join(removed.files)}" if removed.files else "")
    return removed


def _count(number: int, thing: str) -> str:
    return f"{number:,} {thing}{'' if number == 1 else 's'}"


def _remove_files(settings: Settings, cutoff: datetime, kept: set[str | None]) -> list[str]:
    folder = settings.data_dir / "outputs"
    if not folder.is_dir():
        return []
    removed = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and str(path) not in kept and path.stat().st_mtime < cutoff.timestamp():
            path.unlink(missing_ok=True)
            removed.append(str(path.relative_to(folder)))
    return removed
