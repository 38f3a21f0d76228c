"""What every step shares: its model base, the context it runs in, SQL helpers."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import polars as pl
from pydantic import BaseModel, ConfigDict, Field
from sqlglot import exp

from etl_core.errors import ColumnNotFoundError, OutputError
from etl_core.expressions import nearest

Schema = Mapping[str, pl.DataType]


def _no_databases(url: str) -> str:
    raise OutputError("This run writes no database tables.", hint="Run the pipeline from Sluice, where the owner's "
                      "settings say which databases outputs may write to.")


@dataclass
class StepContext:
    """What a step may use besides its input: other sources, parameters, where outputs go."""

    source: Callable[[str], pl.LazyFrame]  # a data source's frame by name
    # a source's row count when it is known without reading (a stored copy's), else None
    source_rows: Callable[[str], int | None] = lambda name: None
    params: dict[str, Any] = field(default_factory=dict)
    outputs_dir: Path = Path("data/outputs")
    warnings: list[str] = field(default_factory=list)
    # a table output's URL -> the URL to write to, or OutputError: who may be written is the owner's setting
    table_target: Callable[[str], str] = field(default=lambda url: _no_databases(url))


class Step(BaseModel):
    """A step: parameters (this model), what it does to a LazyFrame, and its SQL."""

    model_config = ConfigDict(extra="forbid")
    note: str | None = Field(default=None, max_length=500, description="A comment shown in the builder")
    # kept in the pipeline but skipped when it runs (the builder's "disable"); None keeps specs short
    disabled: bool | None = Field(default=None, description="Skip this step without deleting it")

    changes_rows: ClassVar[bool] = False  # row counts are only taken after steps that can change them

    def apply(self, frame: pl.LazyFrame, ctx: StepContext) -> pl.LazyFrame:
        raise NotImplementedError

    def sql(self, prev: str, schema: Schema, ctx: StepContext) -> str:
        """A SELECT over the previous step's CTE ``prev`` (DuckDB dialect; transpiled later)."""
        raise NotImplementedError

    def summary(self) -> str:
        """One line for progress output and run logs."""
        return self.type  # type: ignore[attr-defined]


def need(columns: list[str], schema: Schema) -> None:
    """Every named column must exist here; the error suggests the nearest."""
    for name in columns:
        if name not in schema:
            raise ColumnNotFoundError(f"column '{name}' does not exist.", hint=nearest(name, list(schema)))


def q(name: str) -> str:
    """A quoted SQL identifier."""
    return exp.to_identifier(name, quoted=True).sql("duckdb")


def lit(value: Any) -> str:
    from etl_core.expressions import sql_literal

    return sql_literal(value).sql("duckdb")


def star_except(schema: Schema, replaced: Mapping[str, str]) -> str:
    """Every column in order, some replaced by an expression (kept under their name)."""
    return ", ".join(f"{replaced[c]} AS {q(c)}" if c in replaced else q(c) for c in schema)


SQL_TYPES = {"integer": "BIGINT", "float": "DOUBLE", "string": "VARCHAR", "boolean": "BOOLEAN",
             "date": "DATE", "datetime": "TIMESTAMP"}
POLARS_TYPES: dict[str, pl.DataType] = {"integer": pl.Int64(), "float": pl.Float64(), "string": pl.String(),
                                        "boolean": pl.Boolean(), "date": pl.Date(), "datetime": pl.Datetime("us")}


def type_name(dtype: pl.DataType) -> str:
    """Our portable type names, the ones declared output types use."""
    if dtype.is_integer():
        return "integer"
    if dtype.is_float() or dtype.is_decimal():
        return "float"
    if dtype == pl.Boolean:
        return "boolean"
    if dtype == pl.Date:
        return "date"
    if isinstance(dtype, pl.Datetime):
        return "datetime"
    return "string"
