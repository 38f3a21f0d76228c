"""A step that looks across rows: numbers rows, ranks them, shares of a total, the row before or after, a value
looked up in other rows."""

from __future__ import annotations

from typing import Literal

import polars as pl
from pydantic import Field, model_validator

from etl_core.errors import TypeMismatchError
from etl_core.expressions import compile_expression, to_sql
from etl_core.steps.base import Step, need, q
from etl_core.steps.rows import SortKey

NEEDS_NUMBERS = {"share", "difference", "change_pct", "cumulative_sum"}
Function = Literal["row_number", "rank", "share", "previous", "next", "difference", "change_pct", "cumulative_sum",
                   "lookup"]


class Window(Step):
    """Compute a value from other rows, within groups (partition_by) in an order (order_by; none: the rows'
    own order): row_number (1, 2, 3 ...), rank of 'column' (1 = first in the order; ties share a rank), share
    (the row's % of its group's total of 'column'), previous or next (the value of 'column' 'offset' rows
    before or after), difference or change_pct (against the previous row), cumulative_sum (a running total),
    lookup (the value of 'column' in the rows where the condition 'where' holds, the smallest if they differ,
    beside every row: 'the same gold count as Belarus' compares each row with it)."""

    type: Literal["window"] = "window"
    function: Function
    column: str | None = None
    partition_by: list[str] = Field(default_factory=list)
    order_by: list[SortKey] = Field(default_factory=list)
    offset: int = Field(default=1, ge=1, le=1000)
    where: str | None = Field(default=None, max_length=2000)  # lookup's condition, SQL as a filter's
    output: str = Field(min_length=1, max_length=200)

    @model_validator(mode="after")
    def _arguments(self):
        if self.function != "row_number" and not self.column:
            raise ValueError(f"'{self.function}' needs a column")
        if self.function == "rank" and (len(self.order_by) != 1 or self.order_by[0].column != self.column):
            raise ValueError("'rank' ranks its column: give that column as the one order_by key")
        if (self.function == "lookup") != bool(self.where):
            raise ValueError("'lookup' needs a condition in 'where', and only 'lookup' takes one")
        if self.function == "lookup" and (self.partition_by or self.order_by):
            raise ValueError("'lookup' looks over every row: it takes no partition_by or order_by")
        return self

    def apply(self, frame, ctx):
        schema = frame.collect_schema()
        need([*self.partition_by, *(k.column for k in self.order_by), *([self.column] if self.column else [])], schema)
        if self.function in NEEDS_NUMBERS and not schema[self.column].is_numeric():
            raise TypeMismatchError(f"'{self.column}' is not numeric, so it has no {self.function.replace('_', ' ')}.",
                                    hint="Choose a column of numbers.")
        if self.function == "lookup":
            where = compile_expression(self.where, schema, ctx.params)
            if where.kind not in ("boolean", "other", "null"):
                raise TypeMismatchError(f"'{self.where}' is a {where.kind}, not a condition.",
                                        hint="Compare it with something, e.g. country = 'Belarus'.")
            return frame.with_columns(pl.col(self.column).filter(where.expr).min().alias(self.output))
        return frame.with_columns(self._expr().alias(self.output))

    def _expr(self) -> pl.Expr:
        value = pl.col(self.column) if self.column else None
        if self.function == "rank":
            key = self.order_by[0]
            ranked = value.rank("min", descending=key.descending)
            return ranked.over(self.partition_by) if self.partition_by else ranked
        if self.function == "share":
            total = value.sum().over(self.partition_by) if self.partition_by else value.sum()
            return pl.when(total != 0).then(value / total * 100)
        expr = {
            "row_number": pl.int_range(1, pl.len() + 1, dtype=pl.Int64),
            "previous": value.shift(self.offset) if value is not None else None,
            "next": value.shift(-self.offset) if value is not None else None,
            "difference": value - value.shift(1) if value is not None else None,
            "change_pct": pl.when(value.shift(1) != 0).then((value / value.shift(1) - 1) * 100) if value is not None
            else None,
            "cumulative_sum": value.cum_sum() if value is not None else None,
        }[self.function]
        if not self.partition_by and not self.order_by:
            return expr
        order = [k.column for k in self.order_by] or None
        return expr.over(self.partition_by or None, order_by=order,
                         descending=self.order_by[0].descending if order else False, nulls_last=True)

    def sql(self, prev, schema, ctx):
        if self.function == "lookup":
            found = f"(SELECT MIN({q(self.column)}) FROM {prev} WHERE {to_sql(self.where, ctx.params)})"
            return f"SELECT *, {found} AS {q(self.output)} FROM {prev}"
        over = []
        if self.partition_by:
            over.append("PARTITION BY " + ", ".join(q(c) for c in self.partition_by))
        if self.order_by:
            over.append("ORDER BY " + ", ".join(f"{q(k.column)} {'DESC' if k.descending else 'ASC'} NULLS LAST"
                                                for k in self.order_by))
        elif self.function not in ("share",):
            raise NotImplementedError("a window in the rows' own order needs an order in SQL, which keeps none")
        window = f"OVER ({' '.join(over)})"
        c = q(self.column) if self.column else ""
        expression = {
            "row_number": f"ROW_NUMBER() {window}",
            "rank": f"CASE WHEN {c} IS NULL THEN NULL ELSE RANK() {window} END",
            "share": f"100.0 * {c} / NULLIF(SUM({c}) {window}, 0)",
            "previous": f"LAG({c}, {self.offset}) {window}",
            "next": f"LEAD({c}, {self.offset}) {window}",
            "difference": f"{c} - LAG({c}) {window}",
            "change_pct": f"({c} / NULLIF(LAG({c}) {window}, 0) - 1) * 100",
            "cumulative_sum": f"SUM({c}) {window[:-1]} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)",
        }[self.function]
        return f"SELECT *, {expression} AS {q(self.output)} FROM {prev}"

    def summary(self):
        if self.function == "lookup":
            return f"{self.column} where {self.where} as {self.output}"
        return f"{self.function.replace('_', ' ')}{' of ' + self.column if self.column else ''} as {self.output}"
