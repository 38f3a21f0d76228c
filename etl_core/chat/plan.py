"""The query plan: what a question means, as data.

The built-in reader and an LLM fill the same model. ``compile.py`` turns a plan into one pipeline
spec: the executor runs it (the answer), sqlgen prints it (the SQL shown) and "save as pipeline"
keeps it. A plan is never code.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from etl_core.inference import duration_text

Agg = Literal["sum", "mean", "median", "min", "max", "count", "n_unique", "std", "var"]
Op = Literal["==", "!=", "in", "not_in", ">", ">=", "<", "<=", "between", "contains", "starts_with", "ends_with",
             "is_null", "not_null"]
Unit = Literal["day", "week", "month", "quarter", "year"]
PartName = Literal["year", "quarter", "month", "month_name", "week", "weekday", "weekday_name", "day", "hour", "weekend",
                   "month_start", "day_start"]
Intent = Literal["value", "table", "top", "count", "pick", "list", "test", "describe", "help"]
Chart = Literal["auto", "bar", "line", "pie", "table", "scatter", "histogram"]
Combine = Literal["ratio", "difference", "abs_difference", "change_pct", "percent"]
AGG_WORDS = {"sum": "total", "mean": "average", "n_unique": "distinct", "count": "count", "median": "median",
             "min": "lowest", "max": "highest", "std": "std of", "var": "variance of"}


class Filter(BaseModel):
    """A condition on a column (or on a measure, in ``having``)."""

    model_config = ConfigDict(extra="forbid")
    column: str
    op: Op = "=="
    value: Any = None

    def words(self, shown_as: str | None = None) -> str:
        """'Time under 1:56' where ``shown_as`` says the column's seconds are written as durations."""
        shown = self.value
        if shown_as is not None:
            shown = [duration_text(v, shown_as) if isinstance(v, int | float) else v for v in shown] \
                if isinstance(shown, list) else duration_text(shown, shown_as) if isinstance(shown, int | float) else shown
        if isinstance(shown, list) and len(shown) > 6:  # the days of a month: a few, and how many more
            shown = " or ".join(map(str, shown[:5])) + f" or {len(shown) - 5} others"
        elif isinstance(shown, list):
            shown = (" and " if self.op == "between" else " or ").join(map(str, shown))
        op = {"==": "is", "!=": "is not", "in": "is", "not_in": "is not", ">": "over", ">=": "at least", "<": "under",
              "<=": "at most", "is_null": "is empty", "not_null": "is not empty"}.get(self.op, self.op.replace("_", " "))
        return f"{self.column} {op}" + ("" if self.op in ("is_null", "not_null") else f" {shown}")


class Same(BaseModel):
    """'the same number of gold medals as Belarus': rows whose ``column`` equals its value in the rows meeting
    ``where`` (the reference), the reference rows themselves left out."""

    model_config = ConfigDict(extra="forbid")
    column: str
    where: list[Filter] = Field(min_length=1)
    label: str  # how the reference reads: 'Belarus'
    ignore_case: bool = False  # text compared as a person reads it: 'Middle blocker' is 'Middle Blocker'
    op: Literal["==", ">", "<"] = "=="  # 'more medals than Canada': above the reference's value

    def words(self) -> str:
        how = {"==": "the same as", ">": "more than", "<": "less than"}[self.op]
        return f"{self.column} is {how} {self.label}'s"


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


class Part(BaseModel):
    """A calendar part of a date column, as a column of its own: 'weekday_name' of order_date is 'Monday'."""

    model_config = ConfigDict(extra="forbid")
    column: str
    part: PartName
    name: str  # the column it becomes


class Measure(BaseModel):
    """An aggregate (agg of column, over the rows meeting ``where``), or two of them combined:
    ratio a / b, difference a - b, abs_difference |a - b|, change_pct (b / a - 1) x 100, percent a / b x 100 (``of`` holds
    the positions of a and b in the plan's measures)."""

    model_config = ConfigDict(extra="forbid")
    agg: Agg | None = None
    column: str | None = None  # None with count: rows
    where: list[Filter] = Field(default_factory=list)
    where_label: str = ""  # how ``where`` reads in a column name: 'Online', '2024'
    combine: Combine | None = None
    of: list[int] = Field(default_factory=list)
    label: str | None = None  # the column's name when the words chose one ('average order value')

    @model_validator(mode="after")
    def _one_kind(self):
        if self.combine is None and self.agg is None:
            raise ValueError("a measure needs an agg, or combine and of")
        if self.combine is not None and len(self.of) != 2:
            raise ValueError("a combined measure names two measures in 'of'")
        return self


class SortKey(BaseModel):
    model_config = ConfigDict(extra="forbid")
    column: str  # a column, a part, or a measure's name
    descending: bool = False


class ChipOption(BaseModel):
    """Another meaning a phrase can take: a change to one place in the plan."""

    model_config = ConfigDict(extra="forbid")
    label: str
    path: str  # 'measures.0.column', 'filters.1', 'group_by.0'
    value: Any = None
    remove: bool = False


class Chip(BaseModel):
    """One phrase of the question and what it was read as."""

    model_config = ConfigDict(extra="forbid")
    phrase: str
    meaning: str
    kind: str = "word"  # measure, filter, date, group, column, order, limit, word
    options: list[ChipOption] = Field(default_factory=list)


class QueryPlan(BaseModel):
    """Everything needed to answer, as data. See docs/chat.md for each intent."""

    model_config = ConfigDict(extra="forbid")
    table: str
    joins: list[Join] = Field(default_factory=list)
    intent: Intent = "value"
    parts: list[Part] = Field(default_factory=list)
    filters: list[Filter] = Field(default_factory=list)
    same: Same | None = None  # rows like a reference row in one column
    date_ranges: list[DateRange] = Field(default_factory=list)
    group_by: list[str] = Field(default_factory=list)
    bucket: Unit | Literal["auto"] | None = None  # a time series over date_column ('auto': from the range)
    date_column: str | None = None
    measures: list[Measure] = Field(default_factory=list)
    answer: int | None = None  # the measure that answers (default: the last one)
    having: list[Filter] = Field(default_factory=list)  # conditions on measures, by name
    order: list[SortKey] = Field(default_factory=list)
    row_order: bool = False  # 'first', 'last', 'after X': the table's own row order
    limit: int | None = Field(default=None, ge=1, le=10_000)
    nth: int | None = Field(default=None, ge=1, le=10_000)  # only the nth row after ordering
    offset: int | None = Field(default=None, ge=-100, le=100)  # a pick's row this many rows after the one found
    offset_by: str | None = None  # ... in this column's order ('below X in the grid'), else in the table's order
    ties: bool = False  # with limit 1: every row tied for first
    shared: bool = False  # 'A and B both played which position': one value the rows named share, else none
    streak: bool = False  # 'how many consecutive wins': the longest run of rows, in the table's order, meeting filters
    share: bool = False  # each group's share of the total (%)
    change: bool = False  # change on the period before (%)
    column: str | None = None  # what a pick, list or describe returns
    context: list[str] = Field(default_factory=list)  # columns shown beside a pick's answer
    test: Filter | None = None  # a yes/no answer: this condition on the result's first row
    # 'more or less than 8': the test answers with the first word when it holds, the second when the other way, none when
    # equal
    test_words: list[str] = Field(default_factory=list, max_length=2)
    chart: Chart = "auto"
    reading: list[Chip] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    shown_as: dict[str, str] = Field(default_factory=dict)  # how the table writes durations read as seconds

    @model_validator(mode="after")
    def _grouped_figures_are_a_table(self):
        if self.intent == "value" and (self.group_by or self.bucket):
            self.intent = "table"  # figures by group: an LLM may call them a value
        return self

    def answer_measure(self) -> int | None:
        if not self.measures:
            return None
        return self.answer if self.answer is not None else len(self.measures) - 1
