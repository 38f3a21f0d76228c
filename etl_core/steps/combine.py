"""Steps that bring in data: source (the first step), join, union."""

from __future__ import annotations

from typing import ClassVar, Literal

import polars as pl
from pydantic import Field, model_validator

from etl_core.errors import SpecError, TypeMismatchError
from etl_core.expressions import kind_of
from etl_core.steps.base import Step, need, q

JOIN_SQL = {"inner": "INNER JOIN", "left": "LEFT JOIN", "right": "RIGHT JOIN", "full": "FULL OUTER JOIN",
            "semi": "SEMI JOIN", "anti": "ANTI JOIN"}


class Source(Step):
    """Read a data source by name (its current version). The first step of every pipeline."""

    type: Literal["source"] = "source"
    source: str = Field(min_length=1)
    changes_rows: ClassVar[bool] = True

    def apply(self, frame, ctx):
        return ctx.source(self.source)

    def sql(self, prev, schema, ctx):
        return f"SELECT * FROM {q(self.source)}"

    def summary(self):
        return f"source {self.source}"


class Join(Step):
    """Join another data source on one or more key columns (on), or on differently named keys
    (left_on / right_on). how: inner, left, right, full, semi (keep matching rows), anti (keep the rest)."""

    type: Literal["join"] = "join"
    source: str = Field(min_length=1)
    how: Literal["inner", "left", "right", "full", "semi", "anti"] = "inner"
    on: list[str] = Field(default_factory=list)
    left_on: list[str] = Field(default_factory=list)
    right_on: list[str] = Field(default_factory=list)
    suffix: str = "_right"
    max_row_factor: float = Field(default=10, gt=0, description="warn when a left row can match more rows")
    changes_rows: ClassVar[bool] = True

    @model_validator(mode="after")
    def _keys(self):
        if bool(self.on) == bool(self.left_on or self.right_on):
            raise ValueError("give the keys either as 'on' or as 'left_on' and 'right_on'")
        if len(self.left_on) != len(self.right_on):
            raise ValueError("left_on and right_on need the same number of columns")
        return self

    def keys(self) -> tuple[list[str], list[str]]:
        return (self.on, self.on) if self.on else (self.left_on, self.right_on)

    def apply(self, frame, ctx):
        other = ctx.source(self.source)
        left_keys, right_keys = self.keys()
        left_schema, right_schema = frame.collect_schema(), other.collect_schema()
        need(left_keys, left_schema)
        try:
            need(right_keys, right_schema)
        except Exception as exc:
            raise type(exc)(f"{exc.bare_message.rstrip('.')} in '{self.source}'.", hint=exc.hint) from exc
        for left, right in zip(left_keys, right_keys, strict=True):
            kinds = kind_of(left_schema[left]), kind_of(right_schema[right])
            if kinds[0] != kinds[1]:
                raise TypeMismatchError(f"key '{left}' is {kinds[0]} here but '{right}' is {kinds[1]} in '{self.source}'.",
                                        hint="Cast one of them first so both keys have the same type.")
        if self.on:
            return frame.join(other, on=self.on, how=self.how, suffix=self.suffix, coalesce=True)
        return frame.join(other, left_on=self.left_on, right_on=self.right_on, how=self.how, suffix=self.suffix,
                          coalesce=False)

    def fan_out(self, ctx) -> tuple[int, int]:
        """The most rows one key matches on the right (how much a join can multiply rows), and the right's rows."""
        _, right_keys = self.keys()
        counts = (ctx.source(self.source).group_by(right_keys).len()
                  .select(pl.col("len").max(), pl.col("len").sum().alias("rows")).collect(engine="streaming"))
        most, rows = counts.row(0)
        return int(most or 0), int(rows or 0)

    def sql(self, prev, schema, ctx):
        left_keys, right_keys = self.keys()
        right_schema = ctx.source(self.source).collect_schema()
        condition = " AND ".join(f"l.{q(a)} = r.{q(b)}" for a, b in zip(left_keys, right_keys, strict=True))
        if self.how in ("semi", "anti"):
            exists = "EXISTS" if self.how == "semi" else "NOT EXISTS"
            return f"SELECT * FROM {prev} AS l WHERE {exists} (SELECT 1 FROM {q(self.source)} AS r WHERE {condition})"
        columns = []
        for name in schema:
            if self.on and name in self.on and self.how in ("right", "full"):
                columns.append(f"COALESCE(l.{q(name)}, r.{q(name)}) AS {q(name)}")
            else:
                columns.append(f"l.{q(name)}")
        for name in right_schema:
            if self.on and name in self.on:
                continue
            alias = f"{name}{self.suffix}" if name in schema else name
            columns.append(f"r.{q(name)} AS {q(alias)}")
        return f"SELECT {', '.join(columns)} FROM {prev} AS l {JOIN_SQL[self.how]} {q(self.source)} AS r ON {condition}"

    def summary(self):
        keys = ", ".join(self.on) if self.on else ", ".join(f"{a}={b}" for a, b in zip(self.left_on, self.right_on, strict=True))
        return f"{self.how} join {self.source} on {keys}"


class Union(Step):
    """Append the rows of another data source, matching columns by name (missing ones are empty)."""

    type: Literal["union"] = "union"
    source: str = Field(min_length=1)
    changes_rows: ClassVar[bool] = True

    def apply(self, frame, ctx):
        other = ctx.source(self.source)
        try:
            return pl.concat([frame, other], how="diagonal_relaxed")
        except pl.exceptions.PolarsError as exc:
            raise SpecError(f"cannot append '{self.source}': {str(exc).splitlines()[0]}") from exc

    def sql(self, prev, schema, ctx):
        other = ctx.source(self.source).collect_schema()
        names = list(schema) + [c for c in other if c not in schema]
        left = ", ".join(q(c) if c in schema else f"NULL AS {q(c)}" for c in names)
        right = ", ".join(q(c) if c in other else f"NULL AS {q(c)}" for c in names)
        return f"SELECT {left} FROM {prev} UNION ALL SELECT {right} FROM {q(self.source)}"

    def summary(self):
        return f"append {self.source}"
