"""What the API reads and writes: pydantic models, and the run and pipeline records turned into them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any, Literal

import polars as pl
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    StrictBool,
    StrictStr,
    ValidationError,
    create_model,
)
from pydantic_core import PydanticCustomError

from etl_core.models import Pipeline, PipelineRun
from etl_core.spec import PipelineSpec

PREVIEW_ROWS = 20
ParamValue = StrictStr | int | float | StrictBool | None


class ErrorDetail(BaseModel):
    type: str = Field(description="what kind of error: unauthorized, forbidden, not_found, invalid_request, "
                                  "already_running, execution_error, time_limit, too_many_runs, body_too_large, internal")
    message: str
    step: int | None = Field(default=None, description="the failing step (1-based), for an execution error")
    run_id: int | None = Field(default=None, description="the run that failed, when one was recorded")


class ErrorBody(BaseModel):
    """Every error the API answers has this shape, and never a stack trace."""

    error: ErrorDetail


class RunBody(BaseModel):
    """Parameters of a run, each checked against the pipeline's declared type, and how to run it."""

    model_config = ConfigDict(extra="forbid")
    params: dict[str, ParamValue] = Field(default_factory=dict, max_length=100,
                                          examples=[{"since": "2025-01-01"}])
    stepwise: StrictBool = Field(default=False, description=(
        "compute each step on its own, in turn: every step_finished then comes as its step ends and carries its "
        "duration_s, and the run's steps are timed; slower (2 to 2.5 times the default fused pass on a million "
        "rows) and holding each step's result in memory"))


class AsyncRunBody(RunBody):
    webhook_url: str | None = Field(default=None, max_length=2000,
                                    description="called with the run as JSON when it ends, signed with the key's "
                                                "webhook secret (X-Sluice-Signature: sha256=HMAC-SHA256 of the body)")


class AskBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    question: str = Field(min_length=1, max_length=1000, examples=["total revenue by region"])
    sources: list[str] = Field(min_length=1, max_length=10, examples=[["orders"]])


class ParameterOut(BaseModel):
    name: str
    type: str
    default: Any = None
    description: str = ""
    required: bool


class PipelineOut(BaseModel):
    name: str
    description: str
    parameters: list[ParameterOut]
    output_schema: dict[str, str] = Field(description="the columns the pipeline produces and their types")
    url: str
    runs_url: str


class PipelineDetail(PipelineOut):
    steps: list[dict[str, Any]]


class OutputOut(BaseModel):
    step: int
    format: str
    file: str | None = None
    table: str | None = None
    rows: int | None = None
    url: str | None = Field(default=None, description="download it (with the same key)")


class ResultPreview(BaseModel):
    file: str
    columns: dict[str, str]
    rows: list[dict[str, Any]]
    total_rows: int


class RunOut(BaseModel):
    id: int
    pipeline: str
    status: str
    trigger: str
    params: dict[str, Any]
    rows_in: int | None
    rows_out: int | None
    duration_s: float | None
    error: str | None
    failed_step: int | None
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    url: str


class RunDetail(RunOut):
    steps: list[dict[str, Any]]
    outputs: list[OutputOut]
    warnings: list[str]
    result: ResultPreview | None = Field(default=None, description=f"the first {PREVIEW_ROWS} rows of the result")


class Accepted(BaseModel):
    id: int
    status: str
    status_url: str


class Health(BaseModel):
    status: Literal["ok", "degraded"]
    version: str
    database: bool
    scheduler: Literal["running", "silent", "stopped", "none"] | None = Field(
        default=None, description="the liveliest scheduler on this database (the app's or a worker's): running, "
                                  "silent (no heartbeat lately: killed, or its host sleeps), stopped, or none; "
                                  "null when the database does not answer")


# ---- records to models ------------------------------------------------------------------

def parameters_of(spec: PipelineSpec) -> list[ParameterOut]:
    return [ParameterOut(name=p.name, type=p.type, default=p.default, description=p.description,
                         required=p.default is None) for p in spec.parameters]


def pipeline_out(pipeline: Pipeline, spec: PipelineSpec, output_schema: dict[str, str]) -> PipelineOut:
    return PipelineOut(name=pipeline.name, description=pipeline.description, parameters=parameters_of(spec),
                       output_schema=output_schema, url=f"/pipelines/{pipeline.name}",
                       runs_url=f"/pipelines/{pipeline.name}/runs")


def run_out(run: PipelineRun) -> RunOut:
    return RunOut(id=run.id, pipeline=run.pipeline_name, status=run.status, trigger=run.trigger, params=run.params,
                  rows_in=run.rows_in, rows_out=run.rows_out, duration_s=run.duration_s, error=run.error,
                  failed_step=run.failed_step, created_at=run.created_at, started_at=run.started_at,
                  finished_at=run.finished_at, url=f"/runs/{run.id}")


def run_detail(run: PipelineRun, result: ResultPreview | None = None) -> RunDetail:
    outputs = [OutputOut(step=o["step"], format=o["format"], file=Path(o["path"]).name if o.get("path") else None,
                         table=o.get("table"), rows=o.get("rows"),
                         url=f"/runs/{run.id}/outputs/{Path(o['path']).name}" if o.get("path") else None)
               for o in run.outputs]
    return RunDetail(**run_out(run).model_dump(), steps=run.steps, outputs=outputs, warnings=run.warnings,
                     result=result)


def preview_of(path: Path, file_format: str) -> ResultPreview | None:
    """The first rows of an output file, read back (the run keeps no frame in memory)."""
    readers = {"parquet": lambda: pl.scan_parquet(path), "csv": lambda: pl.scan_csv(path),
               "json": lambda: pl.read_json(path).lazy()}
    if file_format not in readers or not path.is_file():
        return None
    try:
        frame = readers[file_format]()
        total = frame.select(pl.len()).collect().item()
        head = frame.head(PREVIEW_ROWS).collect()
    except (pl.exceptions.PolarsError, OSError):
        return None
    schema = {name: str(dtype) for name, dtype in head.schema.items()}
    return ResultPreview(file=path.name, columns=schema, rows=head.to_dicts(), total_rows=total)


# ---- parameters checked by type -------------------------------------------------------------

def _date_text(value: Any) -> dt.date:
    """A date written as text, as the command line reads one; a number is refused (pydantic's own date
    would take it as a Unix timestamp: 0 is 1970-01-01)."""
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise PydanticCustomError("date_text", 'write it as text like "2025-01-31"')


PARAM_TYPES: dict[str, Any] = {"string": StrictStr, "integer": int, "number": float,
                               "date": Annotated[dt.date, PlainValidator(_date_text)], "boolean": bool}


def check_params(spec: PipelineSpec, given: dict[str, Any]) -> dict[str, str] | str:
    """The parameters as run_pipeline takes them (text), or what is wrong with them, in one line."""
    fields = {p.name: (PARAM_TYPES[p.type] | None, p.default) for p in spec.parameters}
    model = create_model(f"{spec.name}_params", __config__=ConfigDict(extra="forbid"), **fields)
    try:
        checked = model.model_validate(given)
    except ValidationError as exc:
        return "; ".join(_param_problem(error, spec) for error in exc.errors()[:5])
    missing = [p.name for p in spec.parameters if getattr(checked, p.name) is None]
    if missing:
        return f"parameter '{missing[0]}' has no value and no default."
    return {name: _text(getattr(checked, name)) for name in given}


def _param_problem(error: dict[str, Any], spec: PipelineSpec) -> str:
    name = str(error["loc"][0]) if error["loc"] else "?"
    if error["type"] == "extra_forbidden":
        known = ", ".join(p.name for p in spec.parameters) or "none"
        return f"'{name}' is not a parameter of '{spec.name}' (parameters: {known})"
    wanted = next((p.type for p in spec.parameters if p.name == name), "value")
    return f"parameter '{name}' must be a {wanted}: {error['msg'].lower()}"


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value.isoformat() if isinstance(value, dt.date) else str(value)
