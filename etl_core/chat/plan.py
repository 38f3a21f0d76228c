"""The query plan: what a question means, as data (the deterministic planner and an LLM fill the same model)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Agg = Literal["sum", "mean", "median", "min", "max", "count", "n_unique", "std", "var"]
Op = Literal["==", "!=", "in", "not_in", ">", ">=", "<", "<=", "between", "contains", "starts_with", "ends_with"]
Unit = Literal["day", "week", "month", "quarter", "year"]
Intent = Literal["aggregate", "list", "describe", "exists", "all_unique", "lookup", "rows", "help"]
Chart = Literal["auto", "bar", "line", "pie", "table", "scatter", "histogram"]


class Filter(BaseModel):
    model_config = ConfigDict(extra="forbid")
    column: str
    op: Op = "=="
    value: Any = None


class Measure(BaseModel):
    model_config = ConfigDict(extra="forbid")
    agg: Agg
    column: str | None = None  # None with count: rows

    @property
    def name(self) -> str:
        if self.column is None:
            return "rows"
        return {"sum": "total", "mean": "average", "n_unique": "distinct", "count": "count"}.get(
            self.agg, self.agg) + f" {self.column}"


class DateRange(BaseModel):
    model_config = ConfigDict(extra="forbid")
    column: str
    start: dt.date | None = None  # inclusive
    end: dt.date | None = None  # exclusive
    label: str = ""


class Join(BaseModel):
    """Look up columns of another table by a shared key (left join: every row of the main table stays).
    Its columns keep their names; a name the main table has too gets _<table> appended."""

    model_config = ConfigDict(extra="forbid")
    table: str
    on: list[str] = Field(min_length=1)


class QueryPlan(BaseModel):
    """Everything needed to answer: run by etl_core.chat.execute with Polars; never code."""

    model_config = ConfigDict(extra="forbid")
    table: str
    joins: list[Join] = Field(default_factory=list)
    intent: Intent = "aggregate"
    measures: list[Measure] = Field(default_factory=list)
    group_by: list[str] = Field(default_factory=list)
    bucket: Unit | Literal["auto"] | None = None  # time bucket over date_column ("auto": from the range)
    date_column: str | None = None
    filters: list[Filter] = Field(default_factory=list)
    date_ranges: list[DateRange] = Field(default_factory=list)  # two ranges: a comparison (2023 vs 2024)
    sort_desc: bool | None = None  # None: natural order (time, or by the measure for categories)
    limit: int | None = Field(default=None, ge=1, le=10_000)
    share: bool = False  # percentage of the total
    change: bool = False  # period-over-period change
    chart: Chart = "auto"
    column: str | None = None  # the column a list, lookup or describe is about
    notes: list[str] = Field(default_factory=list)  # what each word matched, said in the answer
