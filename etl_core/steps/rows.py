"""Steps that choose, order or fill rows: filter, fill_nulls, drop_nulls, dedupe, sort, limit, sample."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

import polars as pl
from pydantic import BaseModel, ConfigDict, Field, model_validator

from etl_core.errors import TypeMismatchError
from etl_core.expressions import compile_expression, to_sql
from etl_core.steps.base import Step, lit, need, q, star_except


class Filter(Step):
    """Keep the rows where a SQL condition holds, e.g. status = 'completed' AND amount > 0."""

    type: Literal["filter"] = "filter"
    condition: str = Field(min_length=1, max_length=2000)
    changes_rows: ClassVar[bool] = True

    def apply(self, frame, ctx):
        typed = compile_expression(self.condition, frame.collect_schema(), ctx.params)
        if typed.kind not in ("boolean", "other", "null"):
            raise TypeMismatchError(f"'{self.condition}' is a {typed.kind}, not a condition.",
                                    hint="Compare it with something, e.g. amount > 0.")
        return frame.filter(typed.expr)

    def sql(self, prev, schema, ctx):
        return f"SELECT * FROM {prev} WHERE {to_sql(self.condition, ctx.params)}"

    def summary(self):
        return f"filter {self.condition}"


class FillNulls(Step):
    """Fill empty values: with a value, the previous or next value, or the column's mean or median.
    No columns listed means every column the strategy fits."""

    type: Literal["fill_nulls"] = "fill_nulls"
    columns: list[str] = Field(default_factory=list)
    strategy: Literal["value", "forward", "backward", "mean", "median"] = "value"
    value: Any = None

    @model_validator(mode="after")
    def _value_given(self):
        if self.strategy == "value" and self.value is None:
            raise ValueError("strategy 'value' needs a value")
        return self

    def targets(self, schema) -> list[str]:
        if self.columns:
            need(self.columns, schema)
            return self.columns
        if self.strategy in ("mean", "median"):
            return [c for c, d in schema.items() if d.is_numeric()]
        if self.strategy == "value":
            numeric = isinstance(self.value, int | float) and not isinstance(self.value, bool)
            return [c for c, d in schema.items() if (d.is_numeric() if numeric else d == pl.String)]
        return list(schema)

    def apply(self, frame, ctx):
        schema = frame.collect_schema()
        targets = self.targets(schema)
        if self.strategy in ("mean", "median"):
            text = [c for c in targets if not schema[c].is_numeric()]
            if text:
                raise TypeMismatchError(f"'{text[0]}' is not numeric, so it has no {self.strategy}.")
            return frame.with_columns(pl.col(c).fill_null(getattr(pl.col(c), self.strategy)()) for c in targets)
        if self.strategy == "forward":
            return frame.with_columns(pl.col(targets).forward_fill())
        if self.strategy == "backward":
            return frame.with_columns(pl.col(targets).backward_fill())
        return frame.with_columns(pl.col(c).fill_null(pl.lit(self.value).cast(schema[c], strict=False)) for c in targets)

    def sql(self, prev, schema, ctx):
        targets = self.targets(schema)
        if self.strategy in ("forward", "backward"):
            raise NotImplementedError("fill_nulls forward/backward depends on row order, which SQL tables do not keep")
        if self.strategy == "value":
            fill = {c: f"COALESCE({q(c)}, {lit(self.value)})" for c in targets}
        else:
            agg = "AVG" if self.strategy == "mean" else "MEDIAN"
            fill = {c: f"COALESCE({q(c)}, {agg}({q(c)}) OVER ())" for c in targets}
        return f"SELECT {star_except(schema, fill)} FROM {prev}"

    def summary(self):
        return f"fill nulls ({self.strategy})"


class DropNulls(Step):
    """Remove rows with an empty value in any of these columns (no columns: in any column)."""

    type: Literal["drop_nulls"] = "drop_nulls"
    columns: list[str] = Field(default_factory=list)
    changes_rows: ClassVar[bool] = True

    def apply(self, frame, ctx):
        need(self.columns, frame.collect_schema())
        return frame.drop_nulls(self.columns or None)

    def sql(self, prev, schema, ctx):
        columns = self.columns or list(schema)
        return f"SELECT * FROM {prev} WHERE " + " AND ".join(f"{q(c)} IS NOT NULL" for c in columns)


class Dedupe(Step):
    """Remove duplicate rows, judged on these columns (none: all columns); keep the first or last."""

    type: Literal["dedupe"] = "dedupe"
    columns: list[str] = Field(default_factory=list)
    keep: Literal["first", "last"] = "first"
    changes_rows: ClassVar[bool] = True

    def apply(self, frame, ctx):
        need(self.columns, frame.collect_schema())
        return frame.unique(subset=self.columns or None, keep=self.keep, maintain_order=True)

    def sql(self, prev, schema, ctx):
        if not self.columns:
            return f"SELECT DISTINCT * FROM {prev}"
        keys = ", ".join(q(c) for c in self.columns)
        return f"SELECT * FROM {prev} QUALIFY ROW_NUMBER() OVER (PARTITION BY {keys}) = 1"


class SortKey(BaseModel):
    model_config = ConfigDict(extra="forbid")
    column: str
    descending: bool = False


class Sort(Step):
    """Order rows by one or more columns; empty values last."""

    type: Literal["sort"] = "sort"
    by: list[SortKey] = Field(min_length=1)

    def apply(self, frame, ctx):
        need([k.column for k in self.by], frame.collect_schema())
        return frame.sort([k.column for k in self.by], descending=[k.descending for k in self.by], nulls_last=True,
                          maintain_order=True)

    def sql(self, prev, schema, ctx):
        keys = ", ".join(f"{q(k.column)} {'DESC' if k.descending else 'ASC'} NULLS LAST" for k in self.by)
        return f"SELECT * FROM {prev} ORDER BY {keys}"

    def summary(self):
        return "sort by " + ", ".join(f"{k.column}{' desc' if k.descending else ''}" for k in self.by)


class Limit(Step):
    """Keep the first N rows."""

    type: Literal["limit"] = "limit"
    rows: int = Field(ge=0)
    changes_rows: ClassVar[bool] = True

    def apply(self, frame, ctx):
        return frame.head(self.rows)

    def sql(self, prev, schema, ctx):
        return f"SELECT * FROM {prev} LIMIT {self.rows}"


class Sample(Step):
    """Keep a random sample: N rows or a fraction of them; the same seed gives the same sample."""

    type: Literal["sample"] = "sample"
    rows: int | None = Field(default=None, ge=0)
    fraction: float | None = Field(default=None, gt=0, le=1)
    seed: int = 0
    changes_rows: ClassVar[bool] = True

    @model_validator(mode="after")
    def _one_size(self):
        if (self.rows is None) == (self.fraction is None):
            raise ValueError("give either rows or fraction")
        return self

    def apply(self, frame, ctx):
        position = pl.int_range(pl.len()).shuffle(seed=self.seed)
        keep = pl.lit(self.rows) if self.rows is not None else (pl.len() * self.fraction).floor()
        return frame.filter(position < keep)

    def sql(self, prev, schema, ctx):
        raise NotImplementedError("random samples differ between engines (each has its own generator)")
