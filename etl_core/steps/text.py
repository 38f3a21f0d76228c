"""Steps on text and dates: text (trim, lower, upper, replace, split, extract), date_part."""

from __future__ import annotations

import re
from typing import Literal

import polars as pl
from pydantic import Field, model_validator

from etl_core.errors import ExpressionError, TypeMismatchError
from etl_core.steps.base import Step, lit, need, q, star_except

DATE_PARTS = {
    "year": (lambda c: c.dt.year(), "YEAR({})"), "quarter": (lambda c: c.dt.quarter(), "QUARTER({})"),
    "month": (lambda c: c.dt.month(), "MONTH({})"), "week": (lambda c: c.dt.week(), "WEEK({})"),
    "weekday": (lambda c: c.dt.weekday(), "ISODOW({})"), "day": (lambda c: c.dt.day(), "DAY({})"),
    "hour": (lambda c: c.dt.hour(), "HOUR({})"),
    "weekday_name": (lambda c: c.dt.strftime("%A"), "DAYNAME({})"),
    "month_name": (lambda c: c.dt.strftime("%B"), "MONTHNAME({})"),
    "weekend": (lambda c: c.dt.weekday() >= 6, "ISODOW({}) >= 6"),
    "day_start": (lambda c: c.dt.truncate("1d"), "DATE_TRUNC('day', {})"),
    "week_start": (lambda c: c.dt.truncate("1w"), "DATE_TRUNC('week', {})"),
    "month_start": (lambda c: c.dt.truncate("1mo"), "DATE_TRUNC('month', {})"),
    "quarter_start": (lambda c: c.dt.truncate("1q"), "DATE_TRUNC('quarter', {})"),
    "year_start": (lambda c: c.dt.truncate("1y"), "DATE_TRUNC('year', {})"),
}
NOT_NUMBERS = {"weekday_name", "month_name", "weekend"}


class Text(Step):
    """Clean or cut text: trim, lower, upper, replace (pattern -> replacement; regex: true for a
    regular expression), split (by pattern into the columns named in 'into'), extract (the first
    group of a regular expression). The result goes to 'output', or replaces the column."""

    type: Literal["text"] = "text"
    column: str
    operation: Literal["trim", "lower", "upper", "replace", "split", "extract"]
    pattern: str | None = Field(default=None, max_length=500)
    replacement: str = ""
    regex: bool = False
    into: list[str] = Field(default_factory=list)
    output: str | None = None

    @model_validator(mode="after")
    def _arguments(self):
        if self.operation in ("replace", "split", "extract") and not self.pattern:
            raise ValueError(f"'{self.operation}' needs a pattern")
        if self.operation == "split" and len(self.into) < 2:
            raise ValueError("'split' needs at least two column names in 'into'")
        if self.regex or self.operation == "extract":
            try:
                re.compile(self.pattern or "")
            except re.error as exc:
                raise ValueError(f"the pattern is not a valid regular expression: {exc}") from exc
        return self

    def apply(self, frame, ctx):
        schema = frame.collect_schema()
        need([self.column], schema)
        if schema[self.column] != pl.String:
            raise TypeMismatchError(f"'{self.column}' is not text ({schema[self.column]}).",
                                    hint="Cast it to string first.")
        column = pl.col(self.column)
        if self.operation == "split":
            parts = column.str.split_exact(self.pattern, len(self.into) - 1)
            return frame.with_columns(parts.struct.field(f"field_{i}").alias(name) for i, name in enumerate(self.into))
        if self.operation == "extract":
            if re.compile(self.pattern).groups < 1:
                raise ExpressionError("the extract pattern needs a group in parentheses, e.g. ([0-9]+).")
            result = column.str.extract(self.pattern, 1)
        elif self.operation == "replace":
            result = column.str.replace_all(self.pattern, self.replacement, literal=not self.regex)
        else:
            result = {"trim": column.str.strip_chars(), "lower": column.str.to_lowercase(),
                      "upper": column.str.to_uppercase()}[self.operation]
        return frame.with_columns(result.alias(self.output or self.column))

    def sql(self, prev, schema, ctx):
        c = q(self.column)
        if self.operation == "split":
            # a missing part or match is empty (NULL) in Sluice; SQL engines give ''
            parts = ", ".join(f"NULLIF(SPLIT_PART({c}, {lit(self.pattern)}, {i + 1}), '') AS {q(n)}"
                              for i, n in enumerate(self.into))
            return f"SELECT *, {parts} FROM {prev}"
        expression = {
            "trim": f"TRIM({c})", "lower": f"LOWER({c})", "upper": f"UPPER({c})",
            "extract": f"NULLIF(REGEXP_EXTRACT({c}, {lit(self.pattern)}, 1), '')",
            "replace": (f"REGEXP_REPLACE({c}, {lit(self.pattern)}, {lit(self.replacement)}, 'g')" if self.regex
                        else f"REPLACE({c}, {lit(self.pattern)}, {lit(self.replacement)})"),
        }[self.operation]
        target = self.output or self.column
        if target in schema:
            return f"SELECT {star_except(schema, {target: expression})} FROM {prev}"
        return f"SELECT *, {expression} AS {q(target)} FROM {prev}"

    def summary(self):
        return f"text {self.operation} {self.column}"


class DatePart(Step):
    """Take part of a date: year, quarter, month, week (ISO), weekday (1 = Monday), day, hour,
    weekday_name ('Monday'), month_name ('March'), weekend (true on Saturday and Sunday), or the date
    truncated to day_start, week_start (Monday), month_start, quarter_start or year_start. Goes to 'output'."""

    type: Literal["date_part"] = "date_part"
    column: str
    part: Literal["year", "quarter", "month", "week", "weekday", "day", "hour", "weekday_name", "month_name", "weekend",
                  "day_start", "week_start", "month_start", "quarter_start", "year_start"]
    output: str | None = None

    def apply(self, frame, ctx):
        schema = frame.collect_schema()
        need([self.column], schema)
        if not schema[self.column].is_temporal():
            raise TypeMismatchError(f"'{self.column}' is not a date ({schema[self.column]}).",
                                    hint="Cast it to date first (a cast step with a format).")
        if self.part == "hour" and schema[self.column] == pl.Date:
            raise TypeMismatchError(f"'{self.column}' holds dates with no time of day, so it has no hour.")
        result = DATE_PARTS[self.part][0](pl.col(self.column))
        if not self.part.endswith("_start") and self.part not in NOT_NUMBERS:
            result = result.cast(pl.Int64)
        return frame.with_columns(result.alias(self.output or f"{self.column}_{self.part}"))

    def sql(self, prev, schema, ctx):
        expression = DATE_PARTS[self.part][1].format(q(self.column))
        if self.part.endswith("_start") and schema[self.column] == pl.Date:
            expression = f"CAST({expression} AS DATE)"
        target = self.output or f"{self.column}_{self.part}"
        if target in schema:
            return f"SELECT {star_except(schema, {target: expression})} FROM {prev}"
        return f"SELECT *, {expression} AS {q(target)} FROM {prev}"

    def summary(self):
        return f"{self.part} of {self.column}"
