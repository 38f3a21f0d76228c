"""Saved pipelines and their runs as stored rows, read without Polars: what ``list`` and every start need.

A run is claimed by a runner, ``host:pid:start``; a run whose process is gone from this machine
(killed, crashed) is marked interrupted when the next claim, or the next start, finds it.
"""

from __future__ import annotations

import os
import socket

from sqlalchemy import Engine
from sqlmodel import Session, select

from etl_core.db import session_scope
from etl_core.models import Pipeline, PipelineRun, RunLog, utcnow
from etl_core.processes import process_alive, process_start

INTERRUPTED = "The process running it stopped (killed or crashed)."


def list_pipelines(session: Session) -> list[Pipeline]:
    return list(session.exec(select(Pipeline).order_by(Pipeline.name)))


def last_run(session: Session, pipeline_name: str) -> PipelineRun | None:
    query = select(PipelineRun).where(PipelineRun.pipeline_name == pipeline_name).order_by(PipelineRun.id.desc())
    return session.exec(query).first()


def run_logs(session: Session, run_id: int) -> list[RunLog]:
    return list(session.exec(select(RunLog).where(RunLog.run_id == run_id).order_by(RunLog.id)))


def mark_interrupted_runs(engine: Engine) -> list[int]:
    """Runs left running by a process of this machine that is gone become interrupted; their ids."""
    with session_scope(engine) as session:
        gone = [run for run in session.exec(select(PipelineRun).where(PipelineRun.status == "running"))
                if not _alive(run)]
        for run in gone:
            run.status, run.error, run.finished_at = "interrupted", INTERRUPTED, utcnow()
            session.add(run)
        return [run.id for run in gone]


def this_runner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{process_start(os.getpid())}"


def _alive(run: PipelineRun) -> bool:
    host, _, process = run.runner.partition(":")
    pid, _, started = process.partition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return True  # another machine's run: trust its status
    if not process_alive(int(pid)):
        return False
    # the same id may be a later process (a container restarted): compare start times when known
    return not started or process_start(int(pid)) in ("", started)
