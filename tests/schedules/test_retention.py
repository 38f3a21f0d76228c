"""Retention: runs, their logs, firings and output files older than the setting go, and the removal is logged."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os

from sqlmodel import Session, select

from etl_core import firing, pipelines, retention, schedules
from etl_core.db import session_scope
from etl_core.models import PipelineRun, RunLog, ScheduledFiring, utcnow
from tests.schedules.conftest import runs_of, set_rule


def age(engine, run_id: int, days: float) -> None:
    with session_scope(engine) as session:
        run = session.get(PipelineRun, run_id)
        run.created_at = utcnow() - dt.timedelta(days=days)
        session.add(run)


def test_old_runs_logs_firings_and_outputs_are_removed_and_logged(loaded, settings, caplog):
    settings = dataclasses.replace(settings, retention_days=7)
    set_rule(loaded, "quick", schedules.every_rule("1h"))
    old_time = utcnow().replace(microsecond=0) - dt.timedelta(days=10)
    firing.fire(loaded, settings, "quick", old_time, now=old_time)  # ran ten days ago
    later = old_time + dt.timedelta(hours=1)
    firing.fire(loaded, settings, "quick", later, now=later)  # the latest firing, kept for catch-up
    recent = pipelines.run_pipeline(loaded, settings, pipelines.RunRequest("quick"))
    old, old_too = runs_of(loaded, "quick")[:2]
    age(loaded, old.id, 10)
    age(loaded, old_too.id, 10)
    outputs = settings.data_dir / "outputs"
    stale = outputs / "old_export.csv"
    stale.write_text("a\n1\n")
    os.utime(stale, (old_time.timestamp(), old_time.timestamp()))
    kept_output = outputs / "quick.csv"  # written by both runs; the recent run still names it
    os.utime(kept_output, (old_time.timestamp(), old_time.timestamp()))
    with caplog.at_level(logging.INFO, logger="etl_core.retention"):
        removed = retention.remove_old(loaded, settings)
    assert (removed.runs, removed.firings, removed.files) == (2, 1, ["old_export.csv"]) and removed.logs >= 6
    assert [run.id for run in runs_of(loaded, "quick")] == [recent.id]
    with Session(loaded) as session:
        assert not list(session.exec(select(RunLog).where(RunLog.run_id == old.id)))
        assert [f.scheduled_for for f in session.exec(select(ScheduledFiring))] == [later]
    assert not stale.exists() and kept_output.exists()
    assert caplog.messages == [f"retention: removed 2 runs ({removed.logs} log lines), 1 firing and 1 output file "
                               "older than 7 days: old_export.csv"]
    assert retention.remove_old(loaded, settings) == retention.Removed(0, 0, 0, [])


def test_retention_zero_keeps_everything(loaded, settings):
    pipelines.run_pipeline(loaded, settings, pipelines.RunRequest("quick"))
    age(loaded, runs_of(loaded, "quick")[0].id, 1000)
    assert retention.remove_old(loaded, dataclasses.replace(settings, retention_days=0)) is None
    assert len(runs_of(loaded, "quick")) == 1
