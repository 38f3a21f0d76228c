"""Steps that reshape: aggregate, pivot, unpivot."""

from __future__ import annotations

from typing import ClassVar, Literal

import polars as pl
from pydantic import BaseModel, ConfigDict, Field, model_validator

from etl_core.errors import SpecError, TypeMismatchError
from etl_core.expressions import compile_expression, to_sql
from etl_core.steps.base import Step, lit, need, q

Agg = Literal["sum", "mean", "median", "min", "max", "count", "count_distinct", "first", "last", "std", "var"]
SQL_AGG = {"sum": "SUM", "mean": "AVG", "median": "MEDIAN", "min": "MIN", "max": "MAX", "count": "COUNT",
           "first": "FIRST", "last": "LAST", "std": "STDDEV_SAMP", "var": "VAR_SAMP"}
NUMERIC_ONLY = {"sum", "mean", "median", "std", "var"}
MAX_PIVOT_COLUMNS = 100


class Measure(BaseModel):
    """One aggregate: agg of column, named name. count with no column counts rows. where (a SQL condition)
    takes only the rows where it holds: SUM(revenue) over the Online rows beside the total, in one pass."""

    model_config = ConfigDict(extra="forbid")
    agg: Agg
    column: str | None = None
    name: str | None = None
    where: str | None = Field(default=None, min_length=1, max_length=2000)

    @model_validator(mode="after")
    def _column_needed(self):
        if self.column is None and self.agg != "count":
            raise ValueError(f"'{self.agg}' needs a column")
        return self

    def output(self) -> str:
        return self.name or (f"{self.agg}_{self.column}" if self.column else "rows")

    def expr(self, where: pl.Expr | None = None) -> pl.Expr:
        if self.column is None:
            counted = pl.len() if where is None else where.fill_null(False).sum()
            return counted.cast(pl.Int64).alias(self.output())  # a count is a signed integer, as in SQL
        column = pl.col(self.column) if where is None else pl.col(self.column).filter(where.fill_null(False))
        result = {
            "sum": column.sum(), "mean": column.mean(), "median": column.median(), "min": column.min(),
            "max": column.max(), "count": column.count(), "count_distinct": column.drop_nulls().n_unique(),
            "first": column.first(), "last": column.last(), "std": column.std(), "var": column.var(),
        }[self.agg]
        if self.agg in ("count", "count_distinct"):
            result = result.cast(pl.Int64)
        return result.alias(self.output())

    def sql(self, where: str = "") -> str:
        only = f" FILTER (WHERE {where})" if where else ""
        if self.column is None:
            return f"COUNT(*){only} AS {q(self.output())}"
        if self.agg == "count_distinct":
            return f"COUNT(DISTINCT {q(self.column)}){only} AS {q(self.output())}"
        if self.agg == "sum":  # a sum of nothing is 0 in Sluice (and Polars), NULL in SQL
            return f"COALESCE(SUM({q(self.column)}){only}, 0) AS {q(self.output())}"
        return f"{SQL_AGG[self.agg]}({q(self.column)}){only} AS {q(self.output())}"


class Aggregate(Step):
    """Group rows by columns and compute measures: sum, mean, median, min, max, count,
    count_distinct, first, last, std, var. No group columns gives one row for the whole table."""

    type: Literal["aggregate"] = "aggregate"
    group_by: list[str] = Field(default_factory=list)
    measures: list[Measure] = Field(min_length=1)
    changes_rows: ClassVar[bool] = True

    def apply(self, frame, ctx):
        return self._grouped(frame, ctx)

    def apply_counting(self, frame: pl.LazyFrame, ctx, rows_column: str) -> pl.LazyFrame:
        """``apply`` with one more column, each group's rows: their sum is the rows this step read,
        so a run learns them from the aggregate itself instead of counting them on the side."""
        return self._grouped(frame, ctx, pl.len().cast(pl.Int64).alias(rows_column))

    def _grouped(self, frame: pl.LazyFrame, ctx, *extra: pl.Expr) -> pl.LazyFrame:
        schema = frame.collect_schema()
        need(self.group_by + [m.column for m in self.measures if m.column], schema)
        for m in self.measures:
            if m.agg in NUMERIC_ONLY and m.column and not schema[m.column].is_numeric():
                raise TypeMismatchError(f"'{m.column}' is not numeric, so it has no {m.agg}.",
                                        hint="Cast it to a number first, or count it instead.")
        names = self.group_by + [m.output() for m in self.measures]
        if len(set(names)) < len(names):
            raise SpecError("two output columns would have the same name.", hint="Give the measures names.")
        measures = [m.expr(self._where(m, schema, ctx)) for m in self.measures] + list(extra)
        return frame.group_by(self.group_by).agg(measures) if self.group_by \
            else frame.select(measures)

    @staticmethod
    def _where(measure: Measure, schema, ctx) -> pl.Expr | None:
        if not measure.where:
            return None
        typed = compile_expression(measure.where, schema, ctx.params)
        if typed.kind not in ("boolean", "other", "null"):
            raise TypeMismatchError(f"'{measure.where}' is a {typed.kind}, not a condition.",
                                    hint="Compare it with something, e.g. channel = 'Online'.")
        return typed.expr

    def sql(self, prev, schema, ctx):
        columns = [q(c) for c in self.group_by] + [m.sql(to_sql(m.where, ctx.params) if m.where else "")
                                                   for m in self.measures]
        group = f" GROUP BY {', '.join(q(c) for c in self.group_by)}" if self.group_by else ""
        return f"SELECT {', '.join(columns)} FROM {prev}{group}"

    def summary(self):
        what = ", ".join(m.output() for m in self.measures)
        return f"aggregate {what}" + (f" by {', '.join(self.group_by)}" if self.group_by else "")


class Pivot(Step):
    """Spread one column's values into columns: one row per index, one column per value of 'on',
    holding agg(values). Allowed for at most 100 distinct values."""

    type: Literal["pivot"] = "pivot"
    index: list[str] = Field(min_length=1)
    on: str
    values: str
    agg: Literal["sum", "mean", "min", "max", "count", "first"] = "sum"
    changes_rows: ClassVar[bool] = True

    def distinct(self, frame: pl.LazyFrame) -> list:
        values = frame.select(pl.col(self.on).drop_nulls().unique().sort()).collect().to_series().to_list()
        if len(values) > MAX_PIVOT_COLUMNS:
            raise SpecError(f"'{self.on}' has {len(values)} distinct values; a pivot makes at most "
                            f"{MAX_PIVOT_COLUMNS} columns.", hint="Filter or group the values first.")
        return values

    def apply(self, frame, ctx):
        need([*self.index, self.on, self.values], frame.collect_schema())
        exprs = []
        for value in self.distinct(frame):
            picked = pl.col(self.values).filter(pl.col(self.on) == value)
            exprs.append(getattr(picked, self.agg)().alias(str(value)))
        return frame.group_by(self.index).agg(exprs)

    def sql(self, prev, schema, ctx):
        raise NotImplementedError("a pivot's columns come from the data; the SQL would be fixed to today's values")


class Unpivot(Step):
    """Turn columns into rows: each of 'columns' becomes a (variable, value) pair beside the index."""

    type: Literal["unpivot"] = "unpivot"
    index: list[str] = Field(default_factory=list)
    columns: list[str] = Field(min_length=1)
    variable_name: str = "variable"
    value_name: str = "value"
    changes_rows: ClassVar[bool] = True

    def apply(self, frame, ctx):
        need(self.index + self.columns, frame.collect_schema())
        return frame.unpivot(on=self.columns, index=self.index, variable_name=self.variable_name,
                             value_name=self.value_name)

    def sql(self, prev, schema, ctx):
        index = "".join(f"{q(c)}, " for c in self.index)
        parts = [f"SELECT {index}{lit(c)} AS {q(self.variable_name)}, {q(c)} AS {q(self.value_name)} FROM {prev}"
                 for c in self.columns]
        return " UNION ALL ".join(parts)
