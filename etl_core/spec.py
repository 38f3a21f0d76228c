"""A pipeline as data: name, parameters, ordered steps, declared output types; parsed and checked."""

from __future__ import annotations

import datetime as dt
import difflib
import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from etl_core.errors import SpecError
from etl_core.steps import STEP_TYPES, AnyStep

TypeName = Literal["integer", "float", "string", "boolean", "date", "datetime"]
ParamType = Literal["string", "integer", "number", "date", "boolean"]


class Parameter(BaseModel):
    """A value a run can override (--param name=value); expressions use it as :name."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")
    type: ParamType = "string"
    default: Any = None
    description: str = ""


class PipelineSpec(BaseModel):
    """The whole pipeline. Stored as JSON; exported and imported as is."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=200)
    description: str = ""
    parameters: list[Parameter] = Field(default_factory=list)
    steps: list[AnyStep] = Field(min_length=1)
    # the columns and types the pipeline produces; every engine's result is cast to them
    output_types: dict[str, TypeName] | None = None
    concurrency: Literal["refuse", "wait"] = "refuse"  # a second run while one is running
    # steps: rows after every step in run history (a count Polars cannot share costs a scan);
    # ends: rows in and out only, the fastest run (docs/pipelines.md has the figures)
    row_counts: Literal["steps", "ends"] = "steps"
    time_limit_s: float | None = Field(default=None, gt=0)

    @model_validator(mode="after")
    def _source_first(self):
        if self.steps[0].type != "source":
            raise ValueError("the first step must be a source step")
        if any(step.type == "source" for step in self.steps[1:]):
            raise ValueError("only the first step can be a source step; use join or union for more")
        if self.steps[0].disabled:
            raise ValueError("the source step cannot be disabled")
        names = [p.name for p in self.parameters]
        if len(set(names)) != len(names):
            raise ValueError("two parameters have the same name")
        return self

    def as_data(self) -> dict:
        """The spec as stored and exported: every field that has a value, step types included."""
        return self.model_dump(mode="json", exclude_none=True)

    def to_json(self) -> str:
        return json.dumps(self.as_data(), indent=2)


def parse_spec(data: str | bytes | dict[str, Any]) -> PipelineSpec:
    """A checked spec, or a SpecError naming the step (by position and type) and the field."""
    if isinstance(data, str | bytes):
        try:
            data = json.loads(data)
        except json.JSONDecodeError as exc:
            raise SpecError(f"the pipeline is not valid JSON: {exc.msg} at line {exc.lineno}.") from exc
    if not isinstance(data, dict):
        raise SpecError("a pipeline is a JSON object with a name and steps.")
    try:
        return PipelineSpec.model_validate(data)
    except ValidationError as exc:
        raise _spec_error(exc, data) from exc


def _spec_error(exc: ValidationError, data: dict[str, Any]) -> SpecError:
    error = exc.errors()[0]
    loc = list(error["loc"])
    if len(loc) >= 2 and loc[0] == "steps" and isinstance(loc[1], int):
        position = loc[1]
        raw = (data.get("steps") or [])[position] if position < len(data.get("steps") or []) else {}
        step_type = raw.get("type") if isinstance(raw, dict) else None
        if error["type"] in ("union_tag_invalid", "union_tag_not_found"):
            close = difflib.get_close_matches(str(step_type), list(STEP_TYPES), n=1)
            hint = f"Did you mean '{close[0]}'?" if close else f"Step types: {', '.join(STEP_TYPES)}."
            return SpecError(f"unknown step type '{step_type}'." if step_type else "the step has no type.",
                             hint=hint, step=position + 1, step_type=str(step_type))
        fields = [str(part) for part in loc[3:]]  # after steps, position, the tag
        where = f"field '{'.'.join(fields)}': " if fields else ""
        message = error["msg"].removeprefix("Value error, ")
        if error["type"] == "extra_forbidden":
            allowed = ", ".join(STEP_TYPES[step_type].model_fields) if step_type in STEP_TYPES else ""
            return SpecError(f"unknown field '{fields[-1]}'.", hint=f"Fields: {allowed}.", step=position + 1,
                             step_type=step_type)
        return SpecError(f"{where}{message}.", step=position + 1, step_type=step_type)
    field = ".".join(str(part) for part in loc)
    message = error["msg"].removeprefix("Value error, ")
    return SpecError(f"{field + ': ' if field else ''}{message}.")


def resolve_params(spec: PipelineSpec, overrides: dict[str, str] | None = None) -> dict[str, Any]:
    """Each parameter's value for a run: the override (text, converted) or the default."""
    overrides = dict(overrides or {})
    unknown = sorted(set(overrides) - {p.name for p in spec.parameters})
    if unknown:
        known = ", ".join(p.name for p in spec.parameters) or "none"
        raise SpecError(f"'{unknown[0]}' is not a parameter of '{spec.name}'.", hint=f"Parameters: {known}.")
    values = {}
    for parameter in spec.parameters:
        raw = overrides.get(parameter.name, parameter.default)
        if raw is None:
            raise SpecError(f"parameter '{parameter.name}' has no value.", hint=f"Pass --param {parameter.name}=...")
        values[parameter.name] = _convert(parameter, raw)
    return values


# what a parameter with no default stands for while a spec is checked (its runs must give a value)
STAND_INS: dict[str, Any] = {"string": "", "integer": 0, "number": 0.0, "date": dt.date(2000, 1, 1), "boolean": False}


def check_params(spec: PipelineSpec) -> dict[str, Any]:
    """Values to check a spec with: each parameter's default, or a stand-in of its type when it has none."""
    return {p.name: STAND_INS[p.type] if p.default is None else _convert(p, p.default) for p in spec.parameters}


def _convert(parameter: Parameter, raw: Any) -> Any:
    try:
        if parameter.type == "integer":
            return int(raw)
        if parameter.type == "number":
            return float(raw)
        if parameter.type == "boolean":
            return raw if isinstance(raw, bool) else str(raw).strip().lower() in ("1", "true", "yes", "on")
        if parameter.type == "date":
            return raw if isinstance(raw, dt.date) else dt.date.fromisoformat(str(raw).strip())
        return str(raw)
    except (TypeError, ValueError) as exc:
        raise SpecError(f"parameter '{parameter.name}' must be a {parameter.type}; '{raw}' is not.",
                        hint="Dates are written 2024-01-31." if parameter.type == "date" else None) from exc
