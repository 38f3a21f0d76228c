"""Saved pipelines and their runs: the one way to run a pipeline, whatever triggers it.

``run_pipeline`` claims the run in the database (refusing or waiting when the same
pipeline is already running), resolves sources (a query or endpoint is read afresh),
executes in a child process (``run_process``: a memory ceiling, and a stop that stops
the work), and records the run and its events whatever happens. The builder, the
scheduler, the command line and the HTTP API all call it.

The claim is atomic: a unique index allows one running run per pipeline, so of two
processes claiming at once the database lets exactly one through. A run whose process
is gone from this machine (killed, crashed) is marked interrupted when the next claim,
or the next start of the app or the command line, finds it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import polars as pl
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from etl_core import database_access, sources
from etl_core.config import SAMPLE_PIPELINE, Settings
from etl_core.db import session_scope
from etl_core.errors import ConflictError, NotFoundError, RunCancelledError, RunStoppedError, SluiceError
from etl_core.executor import Cancel, Event, Listener, RunResult, build_plan, preview
from etl_core.models import DataSource, Pipeline, PipelineRun, RunLog, utcnow
from etl_core.pipeline_records import last_run, list_pipelines, mark_interrupted_runs, run_logs, this_runner
from etl_core.run_process import execute_in_child
from etl_core.spec import PipelineSpec, check_params, parse_spec, resolve_params
from etl_core.steps import Join, Source, StepContext, Union

WAIT_POLL_S = 0.5
LOG_FLUSH_S = 1.0  # a running run's log lines reach the database at most this often (and at its end)


# ---- saved pipelines -------------------------------------------------------------------

def save_pipeline(session: Session, settings: Settings, spec: PipelineSpec, *, replace: bool = False) -> Pipeline:
    """Store a spec that validates, its declared output types filled in; one that does not is refused
    (a PipelineError naming the step) and what is stored stays as it was."""
    existing = session.exec(select(Pipeline).where(Pipeline.name == spec.name)).first()
    if existing and not replace:
        raise ConflictError(f"A pipeline called '{spec.name}' already exists.",
                            hint="Choose another name (or, from the command line, import with --replace).")
    spec = check_pipeline(session, settings, spec)
    pipeline = existing or Pipeline(name=spec.name)
    pipeline.description = spec.description
    pipeline.spec = spec.as_data()
    pipeline.updated_at = utcnow()
    session.add(pipeline)
    try:
        session.commit()
    except IntegrityError as exc:
        session.rollback()
        raise ConflictError(f"A pipeline called '{spec.name}' already exists.") from exc
    session.refresh(pipeline)
    return pipeline


def check_pipeline(session: Session, settings: Settings, spec: PipelineSpec) -> PipelineSpec:
    """The spec validated against the sources as they are now, with its output types; else its first problem.

    Parameters take their defaults (a stand-in of their type when a run must give one).
    """
    plan = build_plan(spec, check_params(spec), context(session, settings), count_join_keys=False)
    return spec if spec.output_types is not None else spec.model_copy(update={"output_types": plan.output_schema})


def get_pipeline(session: Session, name: str) -> Pipeline:
    pipeline = session.exec(select(Pipeline).where(Pipeline.name == name)).first()
    if pipeline is None:
        names = ", ".join(p.name for p in list_pipelines(session)) or "none yet"
        raise NotFoundError(f"There is no pipeline '{name}'.", hint=f"Pipelines: {names}.")
    return pipeline


def expose_pipeline(session: Session, name: str, exposed: bool = True) -> Pipeline:
    """Make a saved pipeline reachable over the HTTP API, or not (the builder's switch and `expose NAME [--off]`)."""
    pipeline = get_pipeline(session, name)
    pipeline.exposed = exposed
    session.add(pipeline)
    session.commit()
    session.refresh(pipeline)
    return pipeline


def spec_of(pipeline: Pipeline) -> PipelineSpec:
    return parse_spec(pipeline.spec)


def delete_pipeline(session: Session, name: str) -> None:
    session.delete(get_pipeline(session, name))
    session.commit()


def load_sample_pipeline(session: Session, settings: Settings, path: Path = SAMPLE_PIPELINE) -> Pipeline | None:
    """The sample pipeline beside the sample data, saved on the first start if its sources are there."""
    if not path.exists():
        return None
    spec = parse_spec(path.read_text())
    if session.exec(select(Pipeline).where(Pipeline.name == spec.name)).first():
        return None
    needed = {s.source for s in spec.steps if isinstance(s, Source | Join | Union)}
    have = {s.name for s in session.exec(select(DataSource))}
    if not needed <= have:
        return None
    save_pipeline(session, settings, spec)
    return expose_pipeline(session, spec.name)  # shipped exposed: a new user can try the API at once


# ---- sources as a run sees them ---------------------------------------------------------

def context(session: Session, settings: Settings, *, refresh_remote: bool = False,
            used: dict[str, Any] | None = None) -> StepContext:
    """A step context reading data sources from their Parquet copies.

    With ``refresh_remote``, a query or endpoint source is read afresh the first time a
    run asks for it. ``used`` collects which version (content hash) each source was.
    """
    cache: dict[str, pl.LazyFrame] = {}
    rows: dict[str, int | None] = {}  # the rows of each Parquet copy this context scans

    def source(name: str) -> pl.LazyFrame:
        if name not in cache:
            found = sources.get_source(session, name)
            if refresh_remote and found.kind != "file":
                found = sources.reread_source(session, settings, found.id).source
            if used is not None:
                used[name] = {"kind": found.kind, "hash": found.content_hash, "file": found.file_name,
                              "rows": found.row_count}
            cache[name], rows[name] = sources.scan_source(settings, found), found.row_count
        return cache[name]

    def source_rows(name: str) -> int | None:
        if name in rows:  # a Parquet copy holds exactly row_count rows, a query's as read afresh for this run too
            return rows[name]
        found = session.exec(select(DataSource).where(DataSource.name == name)).first()
        # not read yet: a query or endpoint may be read afresh, a file's copy is what it is
        return found.row_count if found is not None and found.kind == "file" else None

    return StepContext(source=source, source_rows=source_rows, outputs_dir=settings.data_dir / "outputs",
                       table_target=lambda url: database_access.output_url(url, settings))


def preview_step(session: Session, settings: Settings, spec: PipelineSpec, step: int, *,
                 params: dict[str, str] | None = None, rows: int = 50) -> tuple[pl.DataFrame, dict[str, str]]:
    """The first rows and schema after a step, cached by the spec, parameters and the sources' versions."""
    used = {s.source for s in spec.steps[:step] if isinstance(s, Source | Join | Union)}
    versions = {s.name: s.content_hash for s in session.exec(select(DataSource).where(DataSource.name.in_(used)))}
    return preview(spec, resolve_params(spec, params), context(session, settings), step, rows=rows,
                   cache_key=repr(sorted(versions.items())))


# ---- running ---------------------------------------------------------------------------

@dataclass
class RunRequest:
    """What to run and how; ``target`` is a saved pipeline's name or a spec."""

    target: str | PipelineSpec
    params: dict[str, str] = field(default_factory=dict)
    trigger: str = "manual"
    stepwise: bool = False
    listeners: list[Listener] = field(default_factory=list)
    cancel: Cancel | None = None
    # called with the run's id once it is recorded, before it is claimed (the API answers 202 with it)
    on_recorded: Callable[[int], None] | None = None
    scheduled_for: datetime | None = None  # the schedule's firing this run belongs to


def run_pipeline(engine: Engine, settings: Settings, request: RunRequest) -> PipelineRun:
    """Run a pipeline and record it; the returned run says how it went (it never raises for data)."""
    with session_scope(engine) as session:
        pipeline_id, spec = _resolve_target(session, request.target)
        run = PipelineRun(pipeline_id=pipeline_id, pipeline_name=spec.name, trigger=request.trigger,
                          params=dict(request.params), runner=this_runner(),
                          scheduled_for=request.scheduled_for)
        session.add(run)
        session.commit()
        session.refresh(run)
    if request.on_recorded is not None:
        request.on_recorded(run.id)
    cancel = request.cancel or Cancel(spec.time_limit_s or settings.run_time_limit_s)  # none runs for ever
    cancel.watch(lambda: _cancel_requested(engine, run.id))  # Run history's Cancel, from any process
    recorder = RunRecorder(engine, run.id)
    try:
        _claim(engine, run.id, spec, cancel)
        params = resolve_params(spec, request.params)
    except SluiceError as error:
        status = "cancelled" if isinstance(error, RunCancelledError) else "failed"
        recorder.finish(RunResult(status=status, error=str(error)))
        return recorder.load()
    try:  # in a child process: a memory ceiling, and a stop (cancel, time limit) ends the work itself
        result, used = execute_in_child(spec, params, settings, listeners=[recorder, *request.listeners],
                                        cancel=cancel, stepwise=request.stepwise)
    except BaseException as error:  # a bug or an interrupt: the run is still recorded, then it surfaces
        recorder.finish(RunResult(status="failed", error=f"Sluice stopped unexpectedly: {error!r}"))
        raise
    recorder.finish(result, used, {k: _plain(v) for k, v in params.items()})
    return recorder.load()


def _cancel_requested(engine: Engine, run_id: int) -> bool:
    with Session(engine) as session:
        return bool(session.exec(select(PipelineRun.cancel_requested).where(PipelineRun.id == run_id)).first())


def _resolve_target(session: Session, target: str | PipelineSpec) -> tuple[int | None, PipelineSpec]:
    if isinstance(target, PipelineSpec):
        saved = session.exec(select(Pipeline).where(Pipeline.name == target.name)).first()
        return (saved.id if saved else None), target
    pipeline = get_pipeline(session, target)
    return pipeline.id, spec_of(pipeline)


def _claim(engine: Engine, run_id: int, spec: PipelineSpec, cancel: Cancel) -> None:
    """Mark the run running unless another live run of the same pipeline is: then refuse or wait."""
    while True:
        mark_interrupted_runs(engine)
        if _try_claim(engine, run_id):
            return
        holder = _running_run(engine, spec.name)
        if holder is None:
            continue  # it finished between our claim and the look: claim again
        if spec.concurrency == "refuse":
            raise RunStoppedError(f"'{spec.name}' is already running (run {holder}).",
                                  hint="Wait for it to finish, or set the pipeline's concurrency to wait.")
        cancel.check()
        time.sleep(WAIT_POLL_S)


def _try_claim(engine: Engine, run_id: int) -> bool:
    """Set the run running; the unique index refuses it while another run of the pipeline is."""
    try:
        with session_scope(engine) as session:
            run = session.get(PipelineRun, run_id)
            run.status, run.started_at = "running", utcnow()
            session.add(run)
    except IntegrityError:
        return False
    return True


def _running_run(engine: Engine, pipeline_name: str) -> int | None:
    with session_scope(engine) as session:
        return session.exec(select(PipelineRun.id).where(
            PipelineRun.pipeline_name == pipeline_name, PipelineRun.status == "running")).first()


class RunRecorder:
    """The listener that keeps a run: its log lines held in memory as events arrive and written a few at a
    time (the first line at once, then at most once a second, so the run history page follows a long run),
    the rest with the PipelineRun in one transaction when it finishes: two commits for a short run, not one
    an event. ``finish`` is called in every outcome, an interrupt too."""

    def __init__(self, engine: Engine, run_id: int) -> None:
        self.engine, self.run_id = engine, run_id
        self.logs: list[RunLog] = []
        self.flushed: float | None = None  # when lines were last written; None: none yet

    def __call__(self, event: Event) -> None:
        if event.kind == "step_started":
            return  # progress only: the finish line carries rows and time
        self.logs.append(RunLog(run_id=self.run_id, at=event.at, kind=event.kind, step=event.step,
                                step_type=event.step_type, rows=event.rows, duration_s=event.duration_s,
                                message=event.message[:2000]))
        if event.kind != "run_finished" and (self.flushed is None or time.monotonic() - self.flushed >= LOG_FLUSH_S):
            with session_scope(self.engine) as session:
                session.add_all(self.logs)
            self.logs, self.flushed = [], time.monotonic()

    def finish(self, result: RunResult, used: dict[str, Any] | None = None, params: dict[str, Any] | None = None) -> None:
        if result.status != "succeeded" and not any(log.kind == "run_finished" for log in self.logs):
            # stopped before the executor could say so (refused, interrupted, a bug): the log still ends
            self(Event("step_failed", step=result.failed_step, message=result.error or ""))
            self(Event("run_finished", status=result.status, duration_s=result.duration_s, message=result.error or ""))
        with session_scope(self.engine) as session:
            session.add_all(self.logs)
            run = session.get(PipelineRun, self.run_id)
            run.status, run.error, run.failed_step = result.status, result.error, result.failed_step
            run.rows_in, run.rows_out, run.duration_s = result.rows_in, result.rows_out, result.duration_s
            run.steps = [{"step": s.position, "type": s.step_type, "summary": s.summary, "rows": s.rows,
                          "duration_s": s.duration_s} for s in result.steps]
            run.outputs, run.warnings = result.outputs, result.warnings
            run.sources_used = used or {}
            if params is not None:
                run.params = params
            run.finished_at = utcnow()
            run.started_at = run.started_at or run.finished_at
            session.add(run)
        self.logs = []

    def load(self) -> PipelineRun:
        with session_scope(self.engine) as session:
            return session.get(PipelineRun, self.run_id)


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


__all__ = ["RunRequest", "check_pipeline", "preview_step", "context", "delete_pipeline", "expose_pipeline",
           "get_pipeline", "last_run", "list_pipelines", "load_sample_pipeline", "mark_interrupted_runs", "run_logs",
           "run_pipeline", "save_pipeline", "spec_of"]
