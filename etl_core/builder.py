"""What the builder shows about a draft: each step checked, the columns flowing in and out, previews and row counts.

``check_draft`` walks the steps like the executor's planner, but does not stop at the
first problem: a broken step is marked with its message and passes its input through,
so every later step is still checked against the columns it would see. Previews and
row counts are cached by the steps up to that point, the parameters and the sources'
versions, so a rerun that changed nothing reads nothing.
"""

from __future__ import annotations

import json
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from typing import Any

import polars as pl
from pydantic import ValidationError
from sqlmodel import Session, select

from etl_core import pipelines
from etl_core.config import Settings
from etl_core.drafts import DraftState
from etl_core.errors import NotFoundError, PipelineError, SluiceError, SpecError
from etl_core.expressions import compile_expression
from etl_core.models import DataSource
from etl_core.spec import Parameter, PipelineSpec, resolve_params
from etl_core.steps import STEP_TYPES, Step, StepContext, type_name

PREVIEW_ROWS = 50
CACHE_SIZE = 256

# the palette's groups, in the order an analyst builds; a step type missing here goes to "other"
GROUPS: dict[str, tuple[str, ...]] = {
    "shape": ("select", "drop", "rename", "cast", "derive", "pivot", "unpivot"),
    "clean": ("filter", "fill_nulls", "drop_nulls", "dedupe", "text", "date_part", "sort", "limit", "sample"),
    "combine": ("join", "union"),
    "summarise": ("aggregate", "window", "sql"),
    "check": ("validate",),
    "output": ("output",),
}


@dataclass
class StepCheck:
    """One step as checked in place: its problem (if any) and the columns before and after it."""

    id: str
    position: int  # 1-based
    type: str
    summary: str
    disabled: bool
    error: str | None
    schema_in: dict[str, pl.DataType]
    schema_out: dict[str, pl.DataType]
    frame: pl.LazyFrame | None = field(default=None, repr=False)  # the table after it; None before a source
    key: str = ""  # what the table after it depends on, for caches
    changes_rows: bool = True  # False: it keeps the row count it gets (derive, cast, a broken or disabled step)
    known_rows: int | None = None  # rows known without reading (a stored source's)

    @property
    def columns_in(self) -> dict[str, str]:
        return {name: type_name(dtype) for name, dtype in self.schema_in.items()}

    @property
    def columns_out(self) -> dict[str, str]:
        return {name: type_name(dtype) for name, dtype in self.schema_out.items()}


@dataclass
class DraftCheck:
    """Every step checked, and the values the parameters take while editing."""

    steps: list[StepCheck]
    params: dict[str, Any]
    problem: str | None = None  # a problem with the pipeline as a whole (parameters, no steps)

    @property
    def ok(self) -> bool:
        return self.problem is None and all(s.error is None for s in self.steps)

    @property
    def errors(self) -> list[str]:
        return ([self.problem] if self.problem else []) + [s.error for s in self.steps if s.error]

    def step(self, step_id: str) -> StepCheck:
        return next(s for s in self.steps if s.id == step_id)


# ---- the palette ---------------------------------------------------------------------------

def palette() -> dict[str, list[tuple[str, str]]]:
    """Step types by group, each with its one-line description (the model's docstring's first sentence)."""
    grouped = {group: [(t, describe(t)) for t in types if t in STEP_TYPES] for group, types in GROUPS.items()}
    placed = {t for types in GROUPS.values() for t in types} | {"source"}
    others = [(t, describe(t)) for t in STEP_TYPES if t not in placed]
    return grouped | ({"other": others} if others else {})


def describe(step_type: str) -> str:
    """The first sentence of a step's docstring: the palette's one line."""
    if step_type not in STEP_TYPES:  # a stored pipeline from a version that had it
        return f"'{step_type}' is not a step type Sluice has: delete this step, or change it in the Spec (JSON) tab."
    text = " ".join((STEP_TYPES[step_type].__doc__ or step_type).split())
    first = re.split(r"(?<!e\.g)(?<!i\.e)\.\s", text)[0]
    return first if first.endswith(".") else first + "."


# ---- checking ------------------------------------------------------------------------------

def context_for(session: Session, settings: Settings, state: DraftState) -> tuple[StepContext, str]:
    """The context steps read sources through, and the sources' versions (a cache key part)."""
    names = {str(s.data.get("source")) for s in state.steps if s.data.get("source")}
    rows = session.exec(select(DataSource.name, DataSource.content_hash).where(DataSource.name.in_(names)))
    return pipelines.context(session, settings), repr(sorted(rows))


def check_draft(state: DraftState, ctx: StepContext, versions: str = "") -> DraftCheck:
    """Check every step against the columns that reach it; a broken step passes its input on."""
    params, problem = _editing_params(state)
    ctx.params, ctx.warnings = params, []
    frame: pl.LazyFrame | None = None
    schema: dict[str, pl.DataType] = {}
    key = repr((sorted((k, str(v)) for k, v in params.items()), versions))
    checks = []
    if not state.steps:
        problem = problem or "The pipeline has no steps yet. Start with a source."
    for position, draft in enumerate(state.steps, start=1):
        model, error = _model(draft.data, position)
        schema_in, after = schema, frame
        if error is None and position == 1 and draft.type != "source":
            error = f"Step 1 ({draft.type}): the first step must be a source step."
        elif error is None and position > 1 and draft.type == "source":
            error = f"Step {position} (source): only the first step reads a source; use join or union for more."
        elif error is None and position == 1 and draft.disabled:
            error = "Step 1 (source): the source step cannot be disabled."
        if error is None and not draft.disabled:
            try:
                after = model.apply(frame if frame is not None else pl.LazyFrame(), ctx)
                schema = dict(after.collect_schema())
            except (PipelineError, NotFoundError) as exc:
                error = str(_located(exc, position, draft.type))
                after = frame
            except pl.exceptions.PolarsError as exc:
                error = f"Step {position} ({draft.type}): {str(exc).splitlines()[0]}"
                after = frame
        if error is None:  # a broken step adds nothing to what later steps depend on
            key += "|" + json.dumps(draft.data, sort_keys=True, default=str)
        frame = after
        summary = model.summary() if model is not None else draft.type
        changes_rows = error is None and not draft.disabled and type(model).changes_rows
        known = ctx.source_rows(model.source) if error is None and position == 1 else None
        checks.append(StepCheck(draft.id, position, draft.type, summary, draft.disabled, error, schema_in,
                                dict(schema), frame, key, changes_rows, known))
    return DraftCheck(checks, params, problem)


def _editing_params(state: DraftState) -> tuple[dict[str, Any], str | None]:
    """The parameters' defaults, which previews use; a problem with them is told, not raised."""
    try:
        parameters = [Parameter.model_validate(p) for p in state.parameters]
        spec = PipelineSpec.model_construct(name=state.name or "draft", parameters=parameters, steps=[])
        return resolve_params(spec), None
    except ValidationError as exc:
        return {}, f"Parameters: {exc.errors()[0]['msg']}."
    except SpecError as exc:
        return {}, f"Parameters: {exc}"


def _model(data: dict[str, Any], position: int) -> tuple[Step | None, str | None]:
    step_type = str(data.get("type", ""))
    if step_type not in STEP_TYPES:
        return None, f"Step {position}: unknown step type '{step_type}'."
    try:
        return STEP_TYPES[step_type].model_validate(data), None
    except ValidationError as exc:
        return None, f"Step {position} ({step_type}): {field_problem(exc)}"


def field_problem(exc: ValidationError) -> str:
    """A pydantic error as one sentence naming the field: what a half-configured step still needs."""
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"])
    message = error["msg"].removeprefix("Value error, ")
    if error["type"] == "missing":
        return f"'{where}' is not set yet."
    if error["type"] == "too_short" and where:
        return f"'{where}' needs at least one value."
    return f"{'field ' + repr(where) + ': ' if where else ''}{message}."


def _located(error: SluiceError, position: int, step_type: str) -> SluiceError:
    if isinstance(error, PipelineError):
        return error.at_step(position, step_type)
    return PipelineError(error.message, hint=error.hint, step=position, step_type=step_type)


def expression_problem(text: str, check: StepCheck, params: dict[str, Any]) -> str | None:
    """Why an expression does not work on the columns reaching this step, or None."""
    if not text.strip():
        return None
    try:
        compile_expression(text, check.schema_in, params)
    except SluiceError as error:
        return str(error)
    return None


def source_columns(ctx: StepContext, source: str) -> dict[str, str]:
    """Another source's columns and types (for join keys); empty when it does not exist."""
    try:
        return {n: type_name(d) for n, d in ctx.source(source).collect_schema().items()}
    except (SluiceError, pl.exceptions.PolarsError):
        return {}


def used_sources(state: DraftState) -> list[str]:
    return sorted({str(s.data["source"]) for s in state.steps if s.data.get("source")})


# ---- previews and row counts -----------------------------------------------------------------

_CACHE: OrderedDict[tuple, Any] = OrderedDict()
_LOCK = threading.Lock()


def preview(check: StepCheck, rows: int = PREVIEW_ROWS) -> pl.DataFrame:
    """The first rows after a step (the limit is pushed down into the scan); cached."""
    return rows_and_preview(DraftCheck([replace(check, changes_rows=False)], {}), check.id, rows)[1]


def row_counts(checked: DraftCheck) -> dict[str, int | None]:
    """Rows after every step, by step id; None before a source or where Polars fails."""
    return rows_and_preview(checked, None)[0]


def rows_and_preview(checked: DraftCheck, selected: str | None,
                     rows: int = PREVIEW_ROWS) -> tuple[dict[str, int | None], pl.DataFrame]:
    """Rows after every step and the selected step's first rows, computed in one pass and cached.

    Rows are counted only after steps that can change them (a derive keeps its input's
    count) and not at all for a stored source; what an earlier edit counted is reused.
    """
    plans: dict[tuple, pl.LazyFrame] = {}
    for check in checked.steps:
        if check.frame is not None and check.changes_rows and check.known_rows is None:
            plans[("rows", check.key)] = check.frame.select(pl.len())
    chosen = next((c for c in checked.steps if c.id == selected), None) if selected else None
    if chosen is not None and chosen.frame is not None:
        plans[("preview", chosen.key, rows)] = chosen.frame.head(rows)
    with _LOCK:
        found = {k: _CACHE[k] for k in plans if k in _CACHE}
    missing = [k for k in plans if k not in found]
    if missing:
        try:
            results = pl.collect_all([plans[k] for k in missing], engine="streaming")  # shares the scans
        except pl.exceptions.PolarsError as exc:
            if chosen is not None and ("preview", chosen.key, rows) in missing:
                raise PipelineError(str(exc).splitlines()[0], step=chosen.position, step_type=chosen.type) from exc
            results = [None] * len(missing)  # a count that fails is unknown; the step's preview names the error
        with _LOCK:
            for k, result in zip(missing, results, strict=True):
                if result is None:
                    continue
                value = int(result.item()) if k[0] == "rows" else result
                found[k] = _CACHE[k] = value
                _CACHE.move_to_end(k)
            while len(_CACHE) > CACHE_SIZE:
                _CACHE.popitem(last=False)
    counts: dict[str, int | None] = {}
    previous: int | None = None
    for check in checked.steps:
        if check.frame is None:
            previous = None
        elif check.known_rows is not None:
            previous = check.known_rows
        elif check.changes_rows:
            previous = found.get(("rows", check.key))
        counts[check.id] = previous
    frame = found.get(("preview", chosen.key, rows), pl.DataFrame()) if chosen is not None else pl.DataFrame()
    return counts, frame


@dataclass
class StepChanges:
    """What a step did: columns added, removed and retyped, and rows kept."""

    added: list[str]
    removed: list[str]
    retyped: list[tuple[str, str, str]]  # name, type before, type after
    rows_in: int | None
    rows_out: int | None

    def describe(self) -> str:
        parts = []
        if self.added:
            parts.append("added " + ", ".join(self.added))
        if self.removed:
            parts.append("removed " + ", ".join(self.removed))
        if self.retyped:
            parts.append("retyped " + ", ".join(f"{n} ({a} → {b})" for n, a, b in self.retyped))
        if self.rows_in is not None and self.rows_out is not None:
            kept = f"{self.rows_out:,} of {self.rows_in:,} rows"
            parts.append(f"{kept} kept" if self.rows_out <= self.rows_in else f"{self.rows_in:,} → {self.rows_out:,} rows")
        elif self.rows_out is not None:
            parts.append(f"{self.rows_out:,} rows")
        return "; ".join(parts) or "no change to the columns"


def changes(check: StepCheck, rows_in: int | None, rows_out: int | None) -> StepChanges:
    before, after = check.columns_in, check.columns_out
    retyped = [(n, before[n], after[n]) for n in after if n in before and before[n] != after[n]]
    return StepChanges([n for n in after if n not in before], [n for n in before if n not in after], retyped,
                       rows_in if check.position > 1 else None, rows_out)
