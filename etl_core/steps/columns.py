"""Steps that shape columns: select, drop, rename, cast, derive."""

from __future__ import annotations

from typing import Literal

import polars as pl
from pydantic import Field, field_validator

from etl_core.errors import SpecError, TypeMismatchError
from etl_core.expressions import compile_expression, to_sql
from etl_core.steps.base import POLARS_TYPES, SQL_TYPES, Schema, Step, need, q, star_except

TypeName = Literal["integer", "float", "string", "boolean", "date", "datetime"]


class Select(Step):
    """Keep only these columns, in this order."""

    type: Literal["select"] = "select"
    columns: list[str] = Field(min_length=1)

    def apply(self, frame, ctx):
        need(self.columns, frame.collect_schema())
        return frame.select(self.columns)

    def sql(self, prev, schema, ctx):
        return f"SELECT {', '.join(q(c) for c in self.columns)} FROM {prev}"

    def summary(self):
        return f"select {', '.join(self.columns)}"


class Drop(Step):
    """Remove these columns."""

    type: Literal["drop"] = "drop"
    columns: list[str] = Field(min_length=1)

    def apply(self, frame, ctx):
        schema = frame.collect_schema()
        need(self.columns, schema)
        if len(set(self.columns)) >= len(schema):
            raise SpecError("dropping every column leaves nothing.", hint="Keep at least one column.")
        return frame.drop(self.columns)

    def sql(self, prev, schema, ctx):
        return f"SELECT {', '.join(q(c) for c in schema if c not in self.columns)} FROM {prev}"

    def summary(self):
        return f"drop {', '.join(self.columns)}"


class Rename(Step):
    """Rename columns: {"old name": "new name"}."""

    type: Literal["rename"] = "rename"
    columns: dict[str, str] = Field(min_length=1)

    @field_validator("columns")
    @classmethod
    def _new_names(cls, value: dict[str, str]) -> dict[str, str]:
        if any(not new.strip() for new in value.values()):
            raise ValueError("a new name is empty")
        return value

    def apply(self, frame, ctx):
        schema = frame.collect_schema()
        need(list(self.columns), schema)
        result = [self.columns.get(c, c) for c in schema]
        clash = sorted({c for c in result if result.count(c) > 1})
        if clash:
            raise SpecError(f"renaming would give two columns the name '{clash[0]}'.", hint="Choose another name.")
        return frame.rename(self.columns)

    def sql(self, prev, schema, ctx):
        return "SELECT " + ", ".join(f"{q(c)} AS {q(self.columns.get(c, c))}" for c in schema) + f" FROM {prev}"

    def summary(self):
        return "rename " + ", ".join(f"{a} -> {b}" for a, b in self.columns.items())


class Cast(Step):
    """Change column types. Dates and datetimes in text can name a format (%d/%m/%Y).
    Values that do not convert become empty (on_error: null) or fail the run (on_error: fail)."""

    type: Literal["cast"] = "cast"
    columns: dict[str, TypeName] = Field(min_length=1)
    formats: dict[str, str] = Field(default_factory=dict)
    on_error: Literal["null", "fail"] = "null"

    def converted(self, name: str, schema: Schema) -> pl.Expr:
        target, source = self.columns[name], schema[name]
        column = pl.col(name)
        if target in ("date", "datetime") and source == pl.String:
            fmt = self.formats.get(name)
            return (column.str.to_date(fmt, strict=False) if target == "date"
                    else column.str.to_datetime(fmt, strict=False, time_unit="us"))
        if target in ("integer", "float") and source == pl.String:
            number = column.str.strip_chars().str.replace_all(",", "").cast(pl.Float64, strict=False)
            return number.cast(pl.Int64, strict=False) if target == "integer" else number
        return column.cast(POLARS_TYPES[target], strict=False)

    def apply(self, frame, ctx):
        schema = frame.collect_schema()
        need(list(self.columns), schema)
        return frame.with_columns(self.converted(name, schema).alias(name) for name in self.columns)

    def failures(self, frame: pl.LazyFrame) -> pl.LazyFrame:
        """Per column: how many values did not convert, and the first of them."""
        schema = frame.collect_schema()
        exprs = []
        for name in self.columns:
            bad = pl.col(name).is_not_null() & self.converted(name, schema).is_null()
            exprs += [bad.sum().alias(f"{name}:count"), pl.col(name).filter(bad).first().cast(pl.String).alias(f"{name}:first")]
        return frame.select(exprs)

    def sql(self, prev, schema, ctx):
        replaced = {}
        for name, target in self.columns.items():
            if target in ("date", "datetime") and name in self.formats:
                replaced[name] = f"TRY_STRPTIME({q(name)}, '{self.formats[name]}')::{SQL_TYPES[target]}"
            else:
                replaced[name] = f"TRY_CAST({q(name)} AS {SQL_TYPES[target]})"
        return f"SELECT {star_except(schema, replaced)} FROM {prev}"

    def summary(self):
        return "cast " + ", ".join(f"{c} to {t}" for c, t in self.columns.items())


class Derive(Step):
    """Add (or replace) a column computed by a SQL expression, e.g. quantity * unit_price.
    Division by zero gives an empty value."""

    type: Literal["derive"] = "derive"
    column: str = Field(min_length=1, max_length=200, json_schema_extra={"widget": "text"})  # a new name, or one to replace
    expression: str = Field(min_length=1, max_length=2000)

    def apply(self, frame, ctx):
        typed = compile_expression(self.expression, frame.collect_schema(), ctx.params)
        if typed.kind == "null":
            raise TypeMismatchError(f"'{self.expression}' is always empty.", hint="Use a column or a value.")
        return frame.with_columns(typed.expr.alias(self.column))

    def sql(self, prev, schema, ctx):
        expression = to_sql(self.expression, ctx.params)
        if self.column in schema:
            return f"SELECT {star_except(schema, {self.column: expression})} FROM {prev}"
        return f"SELECT *, {expression} AS {q(self.column)} FROM {prev}"

    def summary(self):
        return f"derive {self.column} = {self.expression}"
