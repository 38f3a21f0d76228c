"""Validate, preview and run a pipeline; every run emits events to its listeners.

Validation builds the whole lazy plan and resolves its schema before any data is read
in full, so a wrong column or type is reported with its step. A run then executes
the plan once, fused: Polars runs the output sinks, the row counts after each step
that can change rows, and the validate rules' counts together in one streaming pass,
sharing the common sub-plans. Outputs are written to temporary names and renamed
only when every check passed. ``stepwise=True`` materialises each step instead, to
time each one (slower; see docs/pipelines.md).
"""

from __future__ import annotations

import io
import os
import re
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import polars as pl

from etl_core.errors import (
    DataValidationError,
    NotFoundError,
    OutputError,
    PipelineError,
    RunCancelledError,
    RunStoppedError,
    SluiceError,
    TypeMismatchError,
)
from etl_core.exports import neutralise_formulas_lazy, to_excel_bytes
from etl_core.processes import process_alive
from etl_core.spec import PipelineSpec
from etl_core.steps import POLARS_TYPES, Aggregate, Cast, Join, Output, Source, StepContext, Validate, type_name

EventKind = Literal["run_started", "step_started", "step_finished", "step_failed", "warning", "run_finished"]
POLL_S = 0.05
SMALL_JOIN_ROWS = 1_000_000  # a count may share the stream before a join of a source this small
ROWS_COLUMN = "__sluice_rows"  # the rows of each group, added to an aggregate that counts its input
PARTIAL_WRITER = re.compile(r"\.(\d+)-[0-9a-f]+\.partial$")


@dataclass
class Event:
    """One thing that happened in a run; listeners turn these into logs, progress and streams."""

    kind: EventKind
    step: int | None = None  # 1-based position
    step_type: str | None = None
    rows: int | None = None
    duration_s: float | None = None
    message: str = ""
    status: str | None = None
    at: datetime = field(default_factory=lambda: datetime.now(UTC))


Listener = Callable[[Event], None]


@dataclass
class Plan:
    """A validated pipeline: the lazy frame and schema after every step."""

    spec: PipelineSpec
    params: dict[str, Any]
    frames: list[pl.LazyFrame]
    schemas: list[dict[str, pl.DataType]]
    warnings: list[str]
    fan_outs: dict[int, int] = field(default_factory=dict)  # 0-based join position -> most matches per key
    join_rows: dict[int, int] = field(default_factory=dict)  # 0-based join position -> rows of the joined source

    @property
    def output_schema(self) -> dict[str, str]:
        return {name: type_name(dtype) for name, dtype in self.schemas[-1].items()}


@dataclass
class StepResult:
    position: int
    step_type: str
    summary: str
    rows: int | None
    duration_s: float | None


@dataclass
class RunResult:
    status: Literal["succeeded", "failed", "cancelled"]
    steps: list[StepResult] = field(default_factory=list)
    outputs: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    failed_step: int | None = None
    rows_in: int | None = None
    rows_out: int | None = None
    duration_s: float = 0.0


class Cancel:
    """A run's stop button and time limit."""

    def __init__(self, time_limit_s: float | None = None) -> None:
        self.event = threading.Event()
        self.deadline = time.monotonic() + time_limit_s if time_limit_s else None
        self.time_limit_s = time_limit_s
        self.requested: Callable[[], bool] | None = None
        self.every_s, self.next_ask = 0.25, 0.0  # one indexed read: a stop is felt within a quarter second

    def cancel(self) -> None:
        self.event.set()

    def watch(self, requested: Callable[[], bool], every_s: float = 0.25) -> None:
        """Also stop when ``requested()`` says so (a stop button in another process), asked at most every ``every_s``."""
        self.requested, self.every_s = requested, every_s

    def check(self) -> None:
        if self.requested is not None and not self.event.is_set() and time.monotonic() >= self.next_ask:
            self.next_ask = time.monotonic() + self.every_s
            if self.requested():
                self.event.set()
        if self.event.is_set():
            raise RunCancelledError("the run was cancelled.")
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise RunStoppedError(f"timed out after {self.time_limit_s:g} s.",
                                  hint="Raise the pipeline's time limit, or filter earlier.")


# ---- validation ------------------------------------------------------------------------

def build_plan(spec: PipelineSpec, params: dict[str, Any], ctx: StepContext, *, upto: int | None = None,
               count_join_keys: bool = True) -> Plan:
    """Apply every step lazily and resolve each schema; errors name the step.

    ``count_join_keys`` reads each joined source's keys for the fan-out warning; a check
    that wants only the schemas (saving, the pipelines list) skips that read.
    """
    ctx.params, ctx.warnings = params, []  # a context serves many plans: warnings are per plan
    frames: list[pl.LazyFrame] = []
    schemas: list[dict[str, pl.DataType]] = []
    fan_outs: dict[int, int] = {}
    join_rows: dict[int, int] = {}
    frame = pl.LazyFrame()
    steps = spec.steps if upto is None else spec.steps[:upto]
    for position, step in enumerate(steps, start=1):
        try:
            frame = frame if step.disabled else step.apply(frame, ctx)
            schemas.append(dict(frame.collect_schema()))
            if (count_join_keys and isinstance(step, Join) and not step.disabled
                    and step.how in ("inner", "left", "right", "full")):
                fan_out, join_rows[position - 1] = step.fan_out(ctx)
                fan_outs[position - 1] = fan_out
                if fan_out > step.max_row_factor:
                    ctx.warnings.append(f"Step {position} (join): one key matches up to {fan_out} rows in "
                                        f"'{step.source}', so the join can multiply rows by {fan_out}.")
        except PipelineError as error:
            raise error.at_step(position, step.type) from error
        except NotFoundError as error:
            raise PipelineError(error.message, hint=error.hint, step=position, step_type=step.type) from error
        except pl.exceptions.PolarsError as error:
            raise PipelineError(str(error).splitlines()[0], step=position, step_type=step.type) from error
        frames.append(frame)
    plan = Plan(spec, params, frames, schemas, ctx.warnings, fan_outs, join_rows)  # the run's checks add to its warnings
    if upto is None and spec.output_types:
        _check_output_types(plan)
    return plan


def _check_output_types(plan: Plan) -> None:
    produced = plan.schemas[-1]
    missing = [c for c in plan.spec.output_types or {} if c not in produced]
    if missing:
        raise PipelineError(f"the declared output column '{missing[0]}' is not produced by the steps.",
                            hint="Update the pipeline's output_types, or add the column back.")


def declared_frame(plan: Plan, frame: pl.LazyFrame) -> pl.LazyFrame:
    """The final frame cast to the declared output types, so every engine gives the same schema."""
    if not plan.spec.output_types:
        return frame
    return frame.select(pl.col(c).cast(POLARS_TYPES[t], strict=False) for c, t in plan.spec.output_types.items())


def validate(spec: PipelineSpec, params: dict[str, Any], ctx: StepContext) -> Plan:
    return build_plan(spec, params, ctx)


# ---- preview ---------------------------------------------------------------------------

_PREVIEWS: OrderedDict[tuple, tuple[pl.DataFrame, dict[str, str]]] = OrderedDict()
_PREVIEW_LOCK = threading.Lock()


def preview(spec: PipelineSpec, params: dict[str, Any], ctx: StepContext, step: int, rows: int = 50,
            cache_key: str = "") -> tuple[pl.DataFrame, dict[str, str]]:
    """The first rows and the schema after step ``step`` (1-based): cheap enough for every edit.

    Cached by the spec up to that step, the parameters and ``cache_key`` (the sources' hashes).
    """
    key = (tuple(s.model_dump_json() for s in spec.steps[:step]), repr(sorted(params.items())), cache_key, rows)
    with _PREVIEW_LOCK:
        if key in _PREVIEWS:
            _PREVIEWS.move_to_end(key)
            return _PREVIEWS[key]
    plan = build_plan(spec, params, ctx, upto=step)
    try:
        frame = plan.frames[-1].head(rows).collect()
    except pl.exceptions.PolarsError as error:
        raise PipelineError(str(error).splitlines()[0], step=step, step_type=spec.steps[step - 1].type) from error
    result = (frame, {n: type_name(d) for n, d in plan.schemas[-1].items()})
    with _PREVIEW_LOCK:
        _PREVIEWS[key] = result
        while len(_PREVIEWS) > 64:
            _PREVIEWS.popitem(last=False)
    return result


def result_frame(spec: PipelineSpec, params: dict[str, Any], ctx: StepContext, rows: int | None = None) -> pl.DataFrame:
    """The pipeline's final frame, validated and collected (at most ``rows``): what the chat answers with.
    The same lazy plan a run executes, without outputs or a run record."""
    plan = build_plan(spec, params, ctx)
    frame = plan.frames[-1] if rows is None else plan.frames[-1].head(rows)
    try:
        return frame.collect()
    except pl.exceptions.PolarsError as error:
        raise _locate_failure(plan, error) from error


def output_schema(spec: PipelineSpec, params: dict[str, Any], ctx: StepContext) -> dict[str, str]:
    """The columns and types the pipeline produces, without running it."""
    if spec.output_types:
        return dict(spec.output_types)
    return build_plan(spec, params, ctx).output_schema


# ---- running ---------------------------------------------------------------------------

@dataclass
class _Pending:
    """An output written under a temporary name, renamed into place when the run succeeds."""

    step: int
    output: Output
    temp: Path | None = None
    final: Path | None = None
    buffer: io.BytesIO | None = None  # formats written after the pass (Excel, JSON, tables)
    rows: int | None = None
    url: str = ""  # a table output's database, as the owner's settings allow it


def execute(spec: PipelineSpec, params: dict[str, Any], ctx: StepContext, *, listeners: list[Listener] = (),
            cancel: Cancel | None = None, stepwise: bool = False) -> RunResult:
    """Run a pipeline once; never raises for what a user can cause: the result says what happened."""
    cancel = cancel or Cancel(spec.time_limit_s)
    started = time.perf_counter()
    emit = _emitter(listeners)
    emit(Event("run_started", message=f"{spec.name}: {len(spec.steps)} steps"))
    result = RunResult(status="failed")
    pending: list[_Pending] = []
    sweep_stale_partials(ctx.outputs_dir)
    try:
        plan = validate(spec, params, ctx)
        for warning in list(plan.warnings):
            emit(Event("warning", message=warning))
        cancel.check()
        pending = _prepare_outputs(plan, ctx)
        counts, checks, durations = (_run_stepwise if stepwise else _run_fused)(plan, ctx, cancel, emit, pending)
        _raise_failed_checks(plan, checks, emit)
        _commit_outputs(pending)
        result.status = "succeeded"
        result.steps = _step_results(plan, counts, durations)
        if not stepwise:  # the fused pass ends every step at once; a stepwise run told each as it ended
            for done in result.steps:
                emit(_finished(done))
        result.outputs = [{"step": p.step, "format": p.output.format,
                           "path": str(p.final) if p.final else None, "table": p.output.table, "rows": p.rows}
                          for p in pending]
        known = [s.rows for s in result.steps if s.rows is not None]
        result.rows_in, result.rows_out = (known[0], known[-1]) if known else (None, None)
    except SluiceError as error:
        result.status = "cancelled" if isinstance(error, RunCancelledError) else "failed"
        result.error = str(error)
        result.failed_step = getattr(error, "step", None)
        emit(Event("step_failed", step=result.failed_step, step_type=getattr(error, "step_type", None),
                   message=str(error)))
    finally:
        _discard(pending)  # whatever happened: after a success every temporary file has taken its name
    result.warnings = list(ctx.warnings)
    result.duration_s = time.perf_counter() - started
    emit(Event("run_finished", status=result.status, duration_s=result.duration_s,
               rows=result.rows_out, message=result.error or f"{spec.name} {result.status}"))
    return result


def _emitter(listeners: list[Listener]) -> Listener:
    """Hand an event to every listener; one that fails (a closed pipe, a lost client) is dropped,
    and the run goes on: listeners watch a run, they do not decide it."""
    active = list(listeners)

    def emit(event: Event) -> None:
        for listener in list(active):
            try:
                listener(event)
            except Exception:
                active.remove(listener)
    return emit


def _changes_rows(plan: Plan, index: int) -> bool:
    step = plan.spec.steps[index]
    if step.disabled:
        return False
    if isinstance(step, Join) and step.how == "left":
        return plan.fan_outs.get(index, 2) > 1  # unique keys on the right: every left row stays once
    return step.changes_rows


def _count_positions(plan: Plan, known: dict[int, int]) -> list[int]:
    """0-based positions whose row count the fused pass must take.

    Counting costs a share of the pass, so only where nothing else tells: not where
    the count is known (a stored source), not after a step that keeps the row count,
    and not after the last step that changes rows (the final count is that count).
    """
    if plan.spec.row_counts == "ends":
        return [len(plan.frames) - 1]
    changing = [i for i in range(len(plan.frames)) if _changes_rows(plan, i) and i not in known]
    last_change = max((i for i in range(len(plan.frames)) if _changes_rows(plan, i)), default=0)
    return sorted({i for i in changing if i < last_change} | {len(plan.frames) - 1})


def _count_points(plan: Plan, positions: list[int]) -> dict[int, int]:
    """Each position to count -> where the pass counts it: after the steps that follow it and keep its rows
    (the same number), so the point is just before a step that does change rows (or at the end), or before
    a small join: there a count shares the stream and the filters after the join still move below it.
    """
    points = {}
    for i in positions:
        j = i
        while j + 1 < len(plan.frames) and not _changes_rows(plan, j + 1) and not _small_join(plan, j + 1):
            j += 1
        points[i] = j
    return points


def _small_join(plan: Plan, index: int) -> bool:
    """A join of a source small enough to be built while a shared node holds this side's rows back."""
    step, rows = plan.spec.steps[index], plan.join_rows.get(index)  # rows: known for the joins validation measured
    return isinstance(step, Join) and not step.disabled and rows is not None and rows <= SMALL_JOIN_ROWS


def _shared_frames(plan: Plan, ctx: StepContext, points: set[int]) -> tuple[list[pl.LazyFrame], dict[int, pl.LazyFrame]]:
    """The plan's frames rebuilt so each count rides in the pass; and each point's count as a frame.

    Before an aggregate, the aggregate counts its groups' rows as well (their sum is the count).
    Elsewhere a cache node at the point feeds the count and the steps after it from one stream (the
    optimiser still prunes the columns nobody reads below it). A cache feeds every reader as fast as the
    fastest, so a join that waits for its other side to be built has this side held in memory meanwhile:
    before a join of more than SMALL_JOIN_ROWS rows a count is its own branch of the plan instead, like
    the final count (a source's alone is answered by the file: a Parquet file's metadata, or a CSV file's
    lines, which maps the whole file into memory).
    """
    frames = list(plan.frames)
    counts = {}
    for j in sorted(points):
        after = plan.spec.steps[j + 1] if j + 1 < len(frames) else None
        if isinstance(after, Aggregate):
            name = ROWS_COLUMN
            while name in plan.schemas[j + 1]:  # a name of its own
                name += "_"
            grouped = after.apply_counting(frames[j], ctx, name).cache()
            counts[j] = grouped.select(pl.col(name).sum())
            frame = frames[j + 1] = grouped.drop(name)
            start = j + 2
        elif after is None or (isinstance(after, Join) and not _small_join(plan, j + 1)):
            counts[j] = frames[j].select(pl.len())
            continue
        else:
            frame = frames[j] = frames[j].cache()
            counts[j] = frame.select(pl.len())
            start = j + 1
        for k in range(start, len(frames)):  # the steps after it again, on the new frame (validated already)
            step = plan.spec.steps[k]
            frame = frames[k] = frame if step.disabled else step.apply(frame, ctx)
    return frames, counts


def _known_counts(plan: Plan, ctx: StepContext) -> dict[int, int]:
    first = plan.spec.steps[0]
    rows = ctx.source_rows(first.source) if isinstance(first, Source) else None
    return {0: rows} if rows is not None else {}


def _run_fused(plan: Plan, ctx: StepContext, cancel: Cancel, emit: Listener, pending: list[_Pending]):
    known = _known_counts(plan, ctx)
    points = _count_points(plan, _count_positions(plan, known))
    frames, count_frames = _shared_frames(plan, ctx, set(points.values()))
    plan = replace(plan, frames=frames)  # the same warnings list
    count_buffers = {j: io.BytesIO() for j in count_frames}
    sinks = [frame.sink_ipc(count_buffers[j], lazy=True) for j, frame in count_frames.items()]
    check_buffers: dict[int, io.BytesIO] = {}
    for i, step in enumerate(plan.spec.steps):
        before = plan.frames[i - 1] if i else None
        if step.disabled:
            continue
        if isinstance(step, Validate) or (isinstance(step, Cast) and step.on_error == "fail"):
            check_buffers[i] = io.BytesIO()
            checks = step.failure_counts(before) if isinstance(step, Validate) else step.failures(before)
            sinks.append(checks.sink_ipc(check_buffers[i], lazy=True))
    for p in pending:
        sinks.append(_output_sink(plan, p))
    for i, step in enumerate(plan.spec.steps, start=1):
        emit(Event("step_started", step=i, step_type=step.type, message=step.summary()))
    _collect_cancellable(sinks, cancel, pending, plan)
    taken = {j: pl.read_ipc(buffer.getvalue()).item() for j, buffer in count_buffers.items()}
    counts = {**known, **{i: taken[j] for i, j in points.items()}}
    last = len(plan.frames) - 1
    last_change = max((i for i in range(len(plan.frames)) if _changes_rows(plan, i)), default=0)
    counts.update(dict.fromkeys(range(last_change, last), counts[last]))  # nothing after it changes rows
    checks = {i: pl.read_ipc(b.getvalue()) for i, b in check_buffers.items()}
    for p in pending:
        p.rows = counts.get(p.step - 1)
    return counts, checks, {}


def _collect_cancellable(sinks: list[pl.LazyFrame], cancel: Cancel, pending: list[_Pending], plan: Plan) -> None:
    """Run the fused pass in a worker thread, so a cancel or a time limit ends the run at once.

    Polars cannot stop a running query from Python; an abandoned pass finishes in the
    background and its temporary files are removed when it does.
    """
    state: dict[str, Any] = {"abandoned": False}
    lock = threading.Lock()

    def work() -> None:
        try:
            pl.collect_all(sinks, lazy=True).collect(engine="streaming")
        except BaseException as exc:  # handed to the waiting thread below
            state["error"] = exc
        finally:
            with lock:
                state["done"] = True
                if state["abandoned"]:
                    _discard(pending)

    worker = threading.Thread(target=work, name="sluice-run", daemon=True)
    worker.start()
    while worker.is_alive():
        worker.join(POLL_S)
        try:
            cancel.check()
        except RunStoppedError:
            with lock:
                if not state.get("done"):
                    state["abandoned"] = True
            raise
    if "error" in state:
        error = state["error"]
        if isinstance(error, pl.exceptions.PolarsError):
            raise _locate_failure(plan, error) from error
        raise error


def _locate_failure(plan: Plan, error: pl.exceptions.PolarsError) -> PipelineError:
    """Find the first step whose prefix fails, to name it (only ever run after a failure)."""
    for position, frame in enumerate(plan.frames, start=1):
        try:
            frame.select(pl.len()).collect()
        except pl.exceptions.PolarsError as exc:
            step = plan.spec.steps[position - 1]
            return PipelineError(_polars_message(exc), step=position, step_type=step.type)
    return PipelineError(_polars_message(error), hint="An output could not be written.")


def _polars_message(error: Exception) -> str:
    return str(error).splitlines()[0].rstrip(".") + "."


def _run_stepwise(plan: Plan, ctx: StepContext, cancel: Cancel, emit: Listener, pending: list[_Pending]):
    """Materialise each step in turn: exact time per step, at the cost of fusing. Each step's checks are judged, and
    its finish told, as it ends, so a listener follows the run and a failing check stops it there."""
    counts, durations = {}, {}
    frame = pl.LazyFrame()
    by_step = {p.step: p for p in pending}
    for i, step in enumerate(plan.spec.steps):
        cancel.check()
        checks = {}
        emit(Event("step_started", step=i + 1, step_type=step.type, message=step.summary()))
        started = time.perf_counter()
        before = frame
        try:
            if step.disabled:
                materialised = before.collect()
            elif isinstance(step, Validate):
                checks[i] = step.failure_counts(before).collect()
            elif isinstance(step, Cast) and step.on_error == "fail":
                checks[i] = step.failures(before).collect()
            if not step.disabled:
                materialised = step.apply(before, ctx).collect()
        except pl.exceptions.PolarsError as exc:
            raise PipelineError(_polars_message(exc), step=i + 1, step_type=step.type) from exc
        except PipelineError as exc:
            raise exc.at_step(i + 1, step.type) from exc
        frame = materialised.lazy()
        counts[i] = materialised.height
        if i + 1 in by_step:
            p = by_step[i + 1]
            out = declared_frame(plan, frame) if _is_final(plan, i) else frame
            _write_now(p, out)
            p.rows = materialised.height
        durations[i] = time.perf_counter() - started
        _raise_failed_checks(plan, checks, emit)
        emit(_finished(StepResult(i + 1, step.type, step.summary(), counts[i], durations[i])))
    return counts, {}, durations  # every check judged already


def _raise_failed_checks(plan: Plan, checks: dict[int, pl.DataFrame], emit: Listener) -> None:
    for i, found in checks.items():
        step = plan.spec.steps[i]
        if isinstance(step, Cast):
            for name in step.columns:
                bad = found[f"{name}:count"].item()
                if bad:
                    raise TypeMismatchError(
                        f"{bad} value(s) in '{name}' cannot be read as {step.columns[name]} "
                        f"(the first is '{found[f'{name}:first'].item()}').",
                        hint="Fix the data, or set on_error to null to leave them empty.", step=i + 1, step_type="cast")
            continue
        problems = []
        for j, rule in enumerate(step.rules):
            value = found[str(j)].item()
            if rule.rule == "row_count_at_least":
                if value < (rule.rows or 0):
                    problems.append(f"{rule.describe()}: it has {value}")
            elif value:
                problems.append(f"{rule.describe()}: {value} row(s) break it")
        if not problems:
            continue
        message = "; ".join(problems)
        if step.on_failure == "fail":
            raise DataValidationError(message + ".", hint="Fix the data, or set on_failure to drop or warn.",
                                      step=i + 1, step_type="validate")
        verb = "dropped" if step.on_failure == "drop" else "kept"
        emit(Event("warning", step=i + 1, step_type="validate", message=f"{message} (rows {verb})."))
        plan.warnings.append(f"Step {i + 1} (validate): {message} (rows {verb}).")


def _step_results(plan: Plan, counts: dict[int, int], durations: dict[int, float]) -> list[StepResult]:
    results, rows = [], None
    for i, step in enumerate(plan.spec.steps):
        # a step that cannot change rows keeps the previous count; otherwise only a taken count is known
        rows = counts[i] if i in counts else (rows if i and not _changes_rows(plan, i) else None)
        results.append(StepResult(i + 1, step.type, step.summary(), rows, durations.get(i)))
    return results


def _finished(step: StepResult) -> Event:
    return Event("step_finished", step=step.position, step_type=step.step_type, rows=step.rows,
                 duration_s=step.duration_s, message=step.summary)


# ---- outputs ---------------------------------------------------------------------------

def _is_final(plan: Plan, index: int) -> bool:
    """Outputs after the last transforming step write the pipeline's declared result."""
    return all(isinstance(s, Output) for s in plan.spec.steps[index + 1:])


def _prepare_outputs(plan: Plan, ctx: StepContext) -> list[_Pending]:
    pending = []
    for i, step in enumerate(plan.spec.steps):
        if not isinstance(step, Output) or step.disabled:
            continue
        p = _Pending(step=i + 1, output=step)
        if step.format == "table":
            try:
                p.url = ctx.table_target(step.url or "")
            except OutputError as error:
                raise error.at_step(i + 1, "output") from error
            p.buffer = io.BytesIO()
        else:
            try:
                p.final = step.target(ctx.outputs_dir)
            except OutputError as error:
                raise error.at_step(i + 1, "output") from error
            p.final.parent.mkdir(parents=True, exist_ok=True)
            # the writer's process id in the name tells a stale file (its process gone) from a live one
            p.temp = p.final.with_name(f".{p.final.name}.{os.getpid()}-{secrets.token_hex(4)}.partial")
            if step.format in ("excel", "json"):
                p.buffer = io.BytesIO()
        pending.append(p)
    return pending


def _output_sink(plan: Plan, p: _Pending) -> pl.LazyFrame:
    frame = plan.frames[p.step - 1]
    if _is_final(plan, p.step - 1):
        frame = declared_frame(plan, frame)
    if p.buffer is not None:
        return frame.sink_ipc(p.buffer, lazy=True)
    if p.output.format == "csv":
        return neutralise_formulas_lazy(frame).sink_csv(p.temp, lazy=True)
    return frame.sink_parquet(p.temp, lazy=True)


def _write_now(p: _Pending, frame: pl.LazyFrame) -> None:
    if p.buffer is not None:
        frame.collect().write_ipc(p.buffer)
    elif p.output.format == "csv":
        neutralise_formulas_lazy(frame).collect().write_csv(p.temp)
    else:
        frame.collect().write_parquet(p.temp)


def _commit_outputs(pending: list[_Pending]) -> None:
    """Formats written from memory are written now; then every temporary file takes its name."""
    for p in pending:
        if p.buffer is None:
            continue
        frame = pl.read_ipc(p.buffer.getvalue())
        p.rows = frame.height
        if p.output.format == "excel":
            p.temp.write_bytes(to_excel_bytes(frame))
        elif p.output.format == "json":
            frame.write_json(p.temp)
        else:
            _write_table(p.output, p.url, frame, p.step)
    for p in pending:
        if p.temp is not None:
            os.replace(p.temp, p.final)


def _write_table(output: Output, url: str, frame: pl.DataFrame, step: int) -> None:
    from sqlalchemy import create_engine
    from sqlalchemy.exc import SQLAlchemyError

    from etl_core.database_access import masked
    from etl_core.db import normalise_url

    try:
        engine = create_engine(normalise_url(url))
        with engine.begin() as connection:  # one transaction: the table is never half written
            frame.write_database(output.table, connection, if_table_exists=output.mode,
                                 engine="sqlalchemy")
    except (SQLAlchemyError, ValueError, ImportError) as error:
        reason = masked(str(getattr(error, "orig", None) or error).splitlines()[0])
        raise OutputError(f"could not write table '{output.table}': {reason}", step=step,
                          step_type="output") from error


def _discard(pending: list[_Pending]) -> None:
    for p in pending:
        if p.temp is not None:
            p.temp.unlink(missing_ok=True)


def sweep_stale_partials(outputs_dir: Path) -> None:
    """Remove temporary output files whose writing process is gone (a run killed mid-write).

    A file without a process id (named before they carried one) goes once it is a day old.
    """
    for path in outputs_dir.rglob(".*.partial"):
        writer = PARTIAL_WRITER.search(path.name)
        try:
            stale = (not process_alive(int(writer.group(1))) if writer
                     else time.time() - path.stat().st_mtime > 86_400)
            if stale:
                path.unlink(missing_ok=True)
        except FileNotFoundError:  # its run finished or swept it meanwhile
            continue
