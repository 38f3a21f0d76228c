"""Steps that check or query: validate (rules with fail, drop or warn), sql (a SELECT over this table)."""

from __future__ import annotations

import re
from typing import Any, ClassVar, Literal

import polars as pl
import sqlglot
import sqlglot.errors
from pydantic import BaseModel, ConfigDict, Field, model_validator
from sqlglot import exp

from etl_core.errors import ExpressionError, SpecError
from etl_core.expressions import is_recursive
from etl_core.steps.base import Step, lit, need, q

RuleName = Literal["not_null", "unique", "in_range", "in_set", "matches", "row_count_at_least"]


class Rule(BaseModel):
    """not_null / unique (column or columns), in_range (min, max), in_set (values), matches (pattern),
    row_count_at_least (rows)."""

    model_config = ConfigDict(extra="forbid")
    rule: RuleName
    column: str | None = None
    columns: list[str] = Field(default_factory=list)
    min: Any = None
    max: Any = None
    values: list[Any] = Field(default_factory=list)
    pattern: str | None = None
    rows: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _arguments(self):
        if self.rule == "row_count_at_least":
            if self.rows is None:
                raise ValueError("row_count_at_least needs rows")
            return self
        if not self.targets():
            raise ValueError(f"{self.rule} needs a column")
        if self.rule == "in_range" and self.min is None and self.max is None:
            raise ValueError("in_range needs min, max or both")
        if self.rule == "in_set" and not self.values:
            raise ValueError("in_set needs values")
        if self.rule == "matches":
            try:
                re.compile(self.pattern or "")
            except re.error as exc:
                raise ValueError(f"the pattern is not a valid regular expression: {exc}") from exc
        return self

    def targets(self) -> list[str]:
        return self.columns or ([self.column] if self.column else [])

    def describe(self) -> str:
        where = ", ".join(self.targets())
        detail = {"not_null": "has no empty values", "unique": "has no duplicates",
                  "in_range": f"is within [{self.min}, {self.max}]", "in_set": f"is one of {self.values}",
                  "matches": f"matches {self.pattern!r}", "row_count_at_least": f"has at least {self.rows} rows"}
        return f"{where} {detail[self.rule]}" if where else f"the table {detail[self.rule]}"

    def failing(self) -> pl.Expr:
        """True for the rows that break the rule (never for row_count_at_least)."""
        cols = self.targets()
        if self.rule == "not_null":
            return pl.any_horizontal(pl.col(c).is_null() for c in cols)
        if self.rule == "unique":
            return pl.struct(cols).is_duplicated() if len(cols) > 1 else pl.col(cols[0]).is_duplicated()
        column = pl.col(cols[0])
        if self.rule == "in_range":
            low = column < self.min if self.min is not None else pl.lit(False)
            high = column > self.max if self.max is not None else pl.lit(False)
            return (low | high).fill_null(False)
        if self.rule == "in_set":
            return (~column.is_in(self.values)).fill_null(False)
        if self.rule == "matches":
            return (~column.cast(pl.String).str.contains(self.pattern)).fill_null(False)
        return pl.lit(False)

    def sql_passing(self) -> str:
        cols = self.targets()
        if self.rule == "not_null":
            return " AND ".join(f"{q(c)} IS NOT NULL" for c in cols)
        c = q(cols[0]) if cols else ""
        if self.rule == "in_range":
            parts = ([f"{c} >= {lit(self.min)}"] if self.min is not None else []) + (
                [f"{c} <= {lit(self.max)}"] if self.max is not None else [])
            return f"({c} IS NULL OR ({' AND '.join(parts)}))"
        if self.rule == "in_set":
            return f"({c} IS NULL OR {c} IN ({', '.join(lit(v) for v in self.values)}))"
        if self.rule == "matches":
            return f"({c} IS NULL OR REGEXP_MATCHES(CAST({c} AS VARCHAR), {lit(self.pattern)}))"
        return "TRUE"


class Validate(Step):
    """Check rules; on failure fail the run, drop the breaking rows (and report how many), or warn."""

    type: Literal["validate"] = "validate"
    rules: list[Rule] = Field(min_length=1)
    on_failure: Literal["fail", "drop", "warn"] = "fail"
    changes_rows: ClassVar[bool] = True

    def check(self, frame: pl.LazyFrame) -> None:
        need([c for r in self.rules for c in r.targets()], frame.collect_schema())

    def failure_counts(self, frame: pl.LazyFrame) -> pl.LazyFrame:
        """One row: per rule, how many rows break it (row_count_at_least: the row count)."""
        exprs = [(pl.len() if r.rule == "row_count_at_least" else r.failing().sum()).alias(str(i))
                 for i, r in enumerate(self.rules)]
        return frame.select(exprs)

    def apply(self, frame, ctx):
        self.check(frame)
        if self.on_failure != "drop":
            return frame
        if any(r.rule == "unique" for r in self.rules):
            # keep the first of each duplicate group, drop the rest
            firsts = [pl.struct(r.targets()).is_first_distinct() for r in self.rules if r.rule == "unique"]
            frame = frame.filter(pl.all_horizontal(firsts))
        row_rules = [r for r in self.rules if r.rule not in ("unique", "row_count_at_least")]
        return frame.filter(~pl.any_horizontal(r.failing() for r in row_rules)) if row_rules else frame

    def sql(self, prev, schema, ctx):
        if self.on_failure != "drop":
            return f"SELECT * FROM {prev}"  # checks that fail or warn run beside the SQL, not in it
        conditions = [r.sql_passing() for r in self.rules if r.rule not in ("unique", "row_count_at_least")]
        where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
        uniques = [r.targets() for r in self.rules if r.rule == "unique"]
        qualify = "".join(f" QUALIFY ROW_NUMBER() OVER (PARTITION BY {', '.join(q(c) for c in cols)}) = 1"
                          for cols in uniques[:1])
        return f"SELECT * FROM {prev}{where}{qualify}"

    def summary(self):
        return f"validate {len(self.rules)} rule(s), on failure {self.on_failure}"


_SQL_FUNCTIONS = (
    exp.Sum, exp.Avg, exp.Min, exp.Max, exp.Count, exp.Median, exp.Stddev, exp.StddevSamp, exp.Variance,
    exp.Round, exp.Abs, exp.Floor, exp.Ceil, exp.Lower, exp.Upper, exp.Trim, exp.Length, exp.Substring,
    exp.Concat, exp.Coalesce, exp.Nullif, exp.Cast, exp.TryCast, exp.Case, exp.If, exp.Year, exp.Month,
    exp.Day, exp.Quarter, exp.Extract, exp.DateTrunc, exp.TimestampTrunc, exp.RowNumber, exp.Rank,
    exp.DenseRank, exp.First, exp.Last, exp.Greatest, exp.Least, exp.Sqrt, exp.Pow, exp.Ln, exp.Exp,
)


class Sql(Step):
    """A SELECT over the current table, called data, for what the catalogue lacks:
    SELECT region, SUM(revenue) AS revenue FROM data GROUP BY region. Only this table; no other
    tables, files or system functions."""

    type: Literal["sql"] = "sql"
    query: str = Field(min_length=1, max_length=10_000)
    changes_rows: ClassVar[bool] = True

    def checked(self) -> exp.Expression:
        try:
            statements = [s for s in sqlglot.parse(self.query, read="duckdb") if s is not None]
        except (sqlglot.errors.ParseError, sqlglot.errors.TokenError) as exc:
            raise ExpressionError(f"the query could not be parsed: {str(exc).splitlines()[0]}",
                                  hint="Check for an unclosed quote or bracket.") from exc
        except RecursionError as exc:
            raise ExpressionError("the query is nested too deeply to read.", hint="Write it with fewer brackets.") from exc
        if len(statements) != 1 or not isinstance(statements[0], exp.Query):
            raise ExpressionError("the query must be a single SELECT.", hint="Remove other statements.")
        tree = statements[0]
        ctes = {c.alias for c in tree.find_all(exp.CTE)}
        for table in tree.find_all(exp.Table):
            if not isinstance(table.this, exp.Identifier) or (table.name.lower() != "data" and table.name not in ctes):
                raise ExpressionError(f"the query reads '{table.sql()}'; it may only read the table 'data'.")
        if is_recursive(tree, tables=frozenset({"data"})):  # Polars runs WITH RECURSIVE without end
            raise ExpressionError("the query is recursive (WITH RECURSIVE, or a CTE that reads itself or one "
                                  "after it), which can run without end.",
                                  hint="Compute the rows step by step, with the pipeline's steps.")
        if tree.find(exp.Join):
            raise ExpressionError("the query joins the table to itself, which can multiply its rows without bound.",
                                  hint="Use a join step to combine tables, or window functions over data.")
        for node in tree.walk():
            if isinstance(node, exp.Func) and not isinstance(node, _SQL_FUNCTIONS + (exp.Window,)):
                raise ExpressionError(f"'{node.sql()}' is not allowed in a sql step ({type(node).__name__}).",
                                      hint="Use aggregates, arithmetic, CASE, CAST and text and date functions.")
            if isinstance(node, exp.Command | exp.DDL | exp.DML):
                raise ExpressionError("the query may only read data.")
        return tree

    def apply(self, frame, ctx):
        # what runs is the checked tree written out again (comments dropped), never the text as typed:
        # '/*! ... */' is a comment to the checker but not to every engine
        checked = self.checked().sql(dialect="duckdb", comments=False)
        try:
            result = pl.SQLContext(data=frame).execute(checked, eager=False)
            result.collect_schema()
            return result
        except pl.exceptions.PolarsError as exc:
            raise SpecError(f"the query failed: {str(exc).splitlines()[0]}") from exc

    def sql(self, prev, schema, ctx):
        tree = self.checked().copy()
        for table in tree.find_all(exp.Table):
            if table.name.lower() == "data":
                table.set("this", exp.to_identifier(prev))
        return tree.sql(dialect="duckdb", comments=False)

    def summary(self):
        return "sql " + " ".join(self.query.split())[:60]
