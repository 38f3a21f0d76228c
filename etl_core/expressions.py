"""SQL expressions in pipeline steps -> Polars expressions, through an allow-list.

A filter condition or a derived column is written as a SQL expression
(``amount * (1 - discount)``, ``status = 'completed' AND order_date >= :since``). It is
parsed by sqlglot, every node is checked against the allow-list below and every column
against the columns that exist at that step, and only then translated. Nothing from a
spec is ever evaluated as Python; parameters (``:name``) enter as bound values.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import polars as pl
import sqlglot
import sqlglot.errors
from sqlglot import exp

from etl_core.errors import ColumnNotFoundError, ExpressionError, TypeMismatchError

DIALECT = "duckdb"
MAX_LENGTH = 2000

# what a cast may name, and the Polars type it becomes
CAST_TYPES: dict[str, pl.DataType] = {
    "INT": pl.Int64(), "BIGINT": pl.Int64(), "SMALLINT": pl.Int64(), "TINYINT": pl.Int64(),
    "DOUBLE": pl.Float64(), "FLOAT": pl.Float64(), "DECIMAL": pl.Float64(), "REAL": pl.Float64(),
    "VARCHAR": pl.String(), "TEXT": pl.String(), "CHAR": pl.String(), "NVARCHAR": pl.String(),
    "BOOLEAN": pl.Boolean(), "DATE": pl.Date(), "TIMESTAMP": pl.Datetime("us"), "DATETIME": pl.Datetime("us"),
}
TRUNC_UNITS = {"year": "1y", "quarter": "1q", "month": "1mo", "week": "1w", "day": "1d", "hour": "1h"}


@dataclass(frozen=True)
class Typed:
    """A Polars expression and what kind of value it gives (for errors before any data is read)."""

    expr: pl.Expr
    kind: str  # number, string, boolean, date, datetime, null, other


def parse(sql: str) -> exp.Expression:
    if not sql or not sql.strip():
        raise ExpressionError("The expression is empty.", hint="Write a condition such as amount > 0.")
    if len(sql) > MAX_LENGTH:
        raise ExpressionError(f"The expression is longer than {MAX_LENGTH} characters.")
    try:
        tree = sqlglot.parse_one(sql, read=DIALECT)
    except sqlglot.errors.ParseError as exc:
        reason = exc.errors[0]["description"] if exc.errors else str(exc).splitlines()[0]
        raise ExpressionError(f"'{sql}' is not a valid expression: {reason}.",
                              hint="Write SQL such as price * quantity or status = 'completed'.") from exc
    except sqlglot.errors.TokenError as exc:  # an unclosed quote: the tokenizer stops before the parser
        raise ExpressionError(f"'{sql}' is not a valid expression: a quote or bracket is not closed.",
                              hint="Close every ' and ( you open.") from exc
    except RecursionError as exc:
        raise ExpressionError("The expression is nested too deeply to read.", hint="Use fewer brackets.") from exc
    if isinstance(tree, exp.Query | exp.Command | exp.DDL | exp.DML) or tree.find(exp.Query):
        raise ExpressionError(f"'{sql}' contains a query; an expression may only use this table's columns.")
    return tree


def is_recursive(tree: exp.Expression, tables: frozenset[str] = frozenset()) -> bool:
    """Whether a query may recurse: WITH RECURSIVE, or a CTE that reads itself or one after it (SQLite
    recurses without the keyword). A CTE named like one of ``tables`` may read that table
    ('data AS (SELECT ... FROM data)')."""
    for clause in tree.find_all(exp.With):
        names = [cte.alias.lower() for cte in clause.expressions]
        for position, cte in enumerate(clause.expressions):
            ahead = set(names[position:]) - tables
            if clause.args.get("recursive") or any(t.name.lower() in ahead for t in cte.this.find_all(exp.Table)):
                return True
    return False


def compile_expression(sql: str, schema: Mapping[str, pl.DataType], params: Mapping[str, Any] | None = None) -> Typed:
    """The checked Polars expression for ``sql`` over columns ``schema``."""
    return _Compiler(schema, params or {}).visit(parse(sql))


def to_sql(sql: str, params: Mapping[str, Any] | None = None, dialect: str = DIALECT) -> str:
    """The expression in another SQL dialect, parameters bound as literals."""
    tree = parse(sql).copy()
    for placeholder in list(tree.find_all(exp.Placeholder)):
        placeholder.replace(sql_literal((params or {}).get(placeholder.name)))
    for division in list(tree.find_all(exp.Div, exp.Mod)):
        # x / 0 is NULL in Sluice; engines differ (an error, infinity), so say it in the SQL
        divisor = division.expression
        division.set("expression", exp.Nullif(this=divisor.copy(), expression=exp.Literal.number(0)))
    return tree.sql(dialect=dialect)


def sql_literal(value: Any) -> exp.Expression:
    if value is None:
        return exp.Null()
    if isinstance(value, bool):
        return exp.Boolean(this=value)
    if isinstance(value, int | float):
        return exp.Literal.number(value)
    if isinstance(value, dt.datetime):
        return exp.Cast(this=exp.Literal.string(value.isoformat(sep=" ")), to=exp.DataType.build("TIMESTAMP"))
    if isinstance(value, dt.date):
        return exp.Cast(this=exp.Literal.string(value.isoformat()), to=exp.DataType.build("DATE"))
    return exp.Literal.string(str(value))


def kind_of(dtype: pl.DataType) -> str:
    if dtype == pl.Boolean:
        return "boolean"
    if dtype.is_numeric():
        return "number"
    if dtype == pl.Date:
        return "date"
    if isinstance(dtype, pl.Datetime):
        return "datetime"
    if dtype in (pl.String, pl.Categorical) or isinstance(dtype, pl.Enum):
        return "string"
    if dtype == pl.Null:
        return "null"
    return "other"


def nearest(name: str, candidates: list[str]) -> str:
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6) or difflib.get_close_matches(
        name.lower(), [c.lower() for c in candidates], n=1, cutoff=0.6)
    if close:
        match = next((c for c in candidates if c.lower() == close[0].lower()), close[0])
        return f"Did you mean '{match}'?"
    return f"Columns here: {', '.join(candidates[:20])}{'...' if len(candidates) > 20 else ''}."


def missing_column(name: str, schema: Mapping[str, pl.DataType]) -> ColumnNotFoundError:
    return ColumnNotFoundError(f"column '{name}' does not exist.", hint=nearest(name, list(schema)))


class _Compiler:
    def __init__(self, schema: Mapping[str, pl.DataType], params: Mapping[str, Any]) -> None:
        self.schema, self.params = schema, params

    def visit(self, node: exp.Expression) -> Typed:
        handler: Callable[[exp.Expression], Typed] | None = getattr(self, f"_{type(node).__name__}", None)
        if handler is None:
            raise ExpressionError(
                f"'{node.sql(dialect=DIALECT)}' is not allowed in an expression ({type(node).__name__}).",
                hint="Use columns, literals, arithmetic, comparisons, AND/OR/NOT, IN, BETWEEN, LIKE, "
                     "CASE, COALESCE, CAST and functions such as LOWER, ROUND, YEAR.")
        return handler(node)

    # ---- leaves ----------------------------------------------------------------------
    def _Column(self, node: exp.Column) -> Typed:
        if node.table:
            raise ExpressionError(f"'{node.sql()}' names another table; only this table's columns can be used.")
        if node.name not in self.schema:
            raise missing_column(node.name, self.schema)
        return Typed(pl.col(node.name), kind_of(self.schema[node.name]))

    def _Literal(self, node: exp.Literal) -> Typed:
        if node.is_string:
            return Typed(pl.lit(node.this, dtype=pl.String), "string")
        number = float(node.this) if any(c in node.this for c in ".eE") else int(node.this)
        return Typed(pl.lit(number), "number")

    def _Boolean(self, node: exp.Boolean) -> Typed:
        return Typed(pl.lit(bool(node.this)), "boolean")

    def _Null(self, node: exp.Null) -> Typed:
        return Typed(pl.lit(None), "null")

    def _Placeholder(self, node: exp.Placeholder) -> Typed:
        if node.name not in self.params:
            known = ", ".join(f":{p}" for p in self.params) or "none"
            raise ExpressionError(f"':{node.name}' is not a parameter of this pipeline.", hint=f"Parameters: {known}.")
        value = self.params[node.name]
        kind = ("boolean" if isinstance(value, bool) else "number" if isinstance(value, int | float)
                else "datetime" if isinstance(value, dt.datetime) else "date" if isinstance(value, dt.date)
                else "null" if value is None else "string")
        return Typed(pl.lit(value), kind)

    def _Paren(self, node: exp.Paren) -> Typed:
        return self.visit(node.this)

    # ---- logic and comparison ---------------------------------------------------------
    def _And(self, node: exp.And) -> Typed:
        return Typed(self._condition(node.this).expr & self._condition(node.expression).expr, "boolean")

    def _Or(self, node: exp.Or) -> Typed:
        return Typed(self._condition(node.this).expr | self._condition(node.expression).expr, "boolean")

    def _Not(self, node: exp.Not) -> Typed:
        return Typed(~self._condition(node.this).expr, "boolean")

    def _condition(self, node: exp.Expression) -> Typed:
        typed = self.visit(node)
        if typed.kind not in ("boolean", "null", "other"):
            raise TypeMismatchError(f"'{node.sql()}' is a {typed.kind}, not a true/false condition.",
                                    hint="Compare it with something, e.g. amount > 0.")
        return typed

    def _compare(self, node: exp.Expression, op: Callable[[pl.Expr, pl.Expr], pl.Expr]) -> Typed:
        left, right = self.visit(node.this), self.visit(node.expression)
        right = self._align(right, left, node)
        left = self._align(left, right, node)
        return Typed(op(left.expr, right.expr), "boolean")

    def _align(self, value: Typed, other: Typed, node: exp.Expression) -> Typed:
        """A text literal compared with a date becomes a date; other mixes are errors."""
        if value.kind == "string" and other.kind in ("date", "datetime") and isinstance(node, exp.Expression):
            if other.kind == "datetime":
                return Typed(value.expr.str.to_datetime(strict=True), "datetime")
            return Typed(value.expr.str.to_date(strict=True), "date")
        if other.kind == "string" and value.kind in ("date", "datetime"):
            return value  # the other side is converted when it is aligned
        comparable = {value.kind, other.kind} - {"null", "other"}
        if len(comparable) == 2 and comparable != {"date", "datetime"}:
            raise TypeMismatchError(
                f"'{node.sql()}' compares a {value.kind} with a {other.kind}.",
                hint="Quote text values ('West'), leave numbers bare (100), write dates as '2024-01-31'.")
        return value

    def _EQ(self, node):
        return self._compare(node, lambda a, b: a == b)

    def _NEQ(self, node):
        return self._compare(node, lambda a, b: a != b)

    def _GT(self, node):
        return self._compare(node, lambda a, b: a > b)

    def _GTE(self, node):
        return self._compare(node, lambda a, b: a >= b)

    def _LT(self, node):
        return self._compare(node, lambda a, b: a < b)

    def _LTE(self, node):
        return self._compare(node, lambda a, b: a <= b)

    def _Is(self, node: exp.Is) -> Typed:
        if not isinstance(node.expression, exp.Null):
            raise ExpressionError(f"'{node.sql()}': only IS NULL and IS NOT NULL are supported.")
        return Typed(self.visit(node.this).expr.is_null(), "boolean")

    def _In(self, node: exp.In) -> Typed:
        if node.args.get("query") or node.args.get("unnest") or node.args.get("field"):
            raise ExpressionError(f"'{node.sql()}': IN takes a list of values, not a query.")
        subject = self.visit(node.this)
        values = [self._align(self.visit(v), subject, node) for v in node.expressions]
        if not values:
            raise ExpressionError(f"'{node.sql()}' has an empty list.")
        condition = pl.lit(False)
        for value in values:  # an OR of equalities keeps every value's type aligned with the column
            condition = condition | (subject.expr == value.expr)
        return Typed(condition, "boolean")

    def _Between(self, node: exp.Between) -> Typed:
        subject = self.visit(node.this)
        low = self._align(self.visit(node.args["low"]), subject, node)
        high = self._align(self.visit(node.args["high"]), subject, node)
        return Typed(subject.expr.is_between(low.expr, high.expr), "boolean")

    def _Like(self, node: exp.Like, flags: str = "") -> Typed:
        subject, pattern = self.visit(node.this), node.expression
        if subject.kind not in ("string", "null", "other"):
            raise TypeMismatchError(f"'{node.sql()}': LIKE works on text, and this is a {subject.kind}.")
        if not isinstance(pattern, exp.Literal) or not pattern.is_string:
            raise ExpressionError(f"'{node.sql()}': the LIKE pattern must be a quoted text.")
        regex = "".join(".*" if ch == "%" else "." if ch == "_" else re.escape(ch) for ch in pattern.this)
        return Typed(subject.expr.str.contains(f"{flags}^{regex}$"), "boolean")

    def _ILike(self, node: exp.ILike) -> Typed:
        return self._Like(node, "(?is)")

    # ---- arithmetic -------------------------------------------------------------------
    def _arith(self, node: exp.Expression, op: Callable[[pl.Expr, pl.Expr], pl.Expr]) -> Typed:
        left, right = self.visit(node.this), self.visit(node.expression)
        for side in (left, right):
            if side.kind not in ("number", "null", "other"):
                raise TypeMismatchError(f"'{node.sql()}': arithmetic needs numbers, and one side is {side.kind}.",
                                        hint="Convert text to numbers with a cast step first.")
        return Typed(op(left.expr, right.expr), "number")

    def _Add(self, node):
        return self._arith(node, lambda a, b: a + b)

    def _Sub(self, node):
        return self._arith(node, lambda a, b: a - b)

    def _Mul(self, node):
        return self._arith(node, lambda a, b: a * b)

    def _Div(self, node):
        # SQL engines differ on x / 0; Sluice gives NULL (as DuckDB does), never infinity or an error
        return self._arith(node, lambda a, b: pl.when(b == 0).then(None).otherwise(a / b))

    def _Mod(self, node):
        return self._arith(node, lambda a, b: pl.when(b == 0).then(None).otherwise(a % b))

    def _Neg(self, node: exp.Neg) -> Typed:
        value = self.visit(node.this)
        return Typed(-value.expr, value.kind)

    # ---- conditionals -----------------------------------------------------------------
    def _Case(self, node: exp.Case) -> Typed:
        if node.this is not None:
            raise ExpressionError(f"'{node.sql()}': write CASE WHEN condition THEN ... (searched CASE).")
        chain, kinds = None, []
        for branch in node.args["ifs"]:
            condition, value = self._condition(branch.this), self.visit(branch.args["true"])
            kinds.append(value.kind)
            chain = (pl.when(condition.expr) if chain is None else chain.when(condition.expr)).then(value.expr)
        default = self.visit(node.args["default"]) if node.args.get("default") else Typed(pl.lit(None), "null")
        return Typed(chain.otherwise(default.expr), _common_kind([*kinds, default.kind]))

    def _If(self, node: exp.If) -> Typed:
        condition, true = self._condition(node.this), self.visit(node.args["true"])
        false = self.visit(node.args["false"]) if node.args.get("false") else Typed(pl.lit(None), "null")
        return Typed(pl.when(condition.expr).then(true.expr).otherwise(false.expr), _common_kind([true.kind, false.kind]))

    def _Coalesce(self, node: exp.Coalesce) -> Typed:
        values = [self.visit(node.this), *[self.visit(e) for e in node.expressions]]
        return Typed(pl.coalesce([v.expr for v in values]), _common_kind([v.kind for v in values]))

    def _Nullif(self, node: exp.Nullif) -> Typed:
        value, other = self.visit(node.this), self.visit(node.expression)
        return Typed(pl.when(value.expr == other.expr).then(None).otherwise(value.expr), value.kind)

    def _Cast(self, node: exp.Cast) -> Typed:
        name = node.to.this.name if hasattr(node.to.this, "name") else str(node.to.this)
        target = CAST_TYPES.get(name.upper())
        if target is None:
            raise ExpressionError(f"'{node.sql()}': cannot cast to {name}.",
                                  hint=f"Use one of: {', '.join(sorted(CAST_TYPES))}.")
        value = self.visit(node.this)
        if value.kind == "string" and target in (pl.Date, pl.Datetime):
            expr = value.expr.str.to_date(strict=False) if target == pl.Date else value.expr.str.to_datetime(strict=False)
        else:
            expr = value.expr.cast(target, strict=False)
        return Typed(expr, kind_of(target))

    def _TryCast(self, node: exp.TryCast) -> Typed:
        return self._Cast(node)

    # ---- functions --------------------------------------------------------------------
    def _text_fn(self, node: exp.Expression, fn: Callable[[pl.Expr], pl.Expr], kind: str = "string") -> Typed:
        value = self.visit(node.this)
        if value.kind not in ("string", "null", "other"):
            raise TypeMismatchError(f"'{node.sql()}' works on text, and this is a {value.kind}.")
        return Typed(fn(value.expr), kind)

    def _Lower(self, node):
        return self._text_fn(node, lambda e: e.str.to_lowercase())

    def _Upper(self, node):
        return self._text_fn(node, lambda e: e.str.to_uppercase())

    def _Trim(self, node):
        return self._text_fn(node, lambda e: e.str.strip_chars())

    def _Length(self, node):
        return self._text_fn(node, lambda e: e.str.len_chars(), "number")

    def _Substring(self, node: exp.Substring) -> Typed:
        start = self.visit(node.args["start"]).expr if node.args.get("start") else pl.lit(1)
        length = self.visit(node.args["length"]).expr if node.args.get("length") else None
        return self._text_fn(node, lambda e: e.str.slice(start - 1, length))

    def _concat(self, parts: list[exp.Expression]) -> Typed:
        return Typed(pl.concat_str([self.visit(p).expr.cast(pl.String) for p in parts]), "string")

    def _DPipe(self, node: exp.DPipe) -> Typed:
        return self._concat([node.this, node.expression])

    def _Concat(self, node: exp.Concat) -> Typed:
        return self._concat(list(node.expressions))

    def _number_fn(self, node: exp.Expression, fn: Callable[[pl.Expr], pl.Expr]) -> Typed:
        value = self.visit(node.this)
        if value.kind not in ("number", "null", "other"):
            raise TypeMismatchError(f"'{node.sql()}' works on numbers, and this is a {value.kind}.")
        return Typed(fn(value.expr), "number")

    def _Abs(self, node):
        return self._number_fn(node, lambda e: e.abs())

    def _Floor(self, node):
        return self._number_fn(node, lambda e: e.floor())

    def _Ceil(self, node):
        return self._number_fn(node, lambda e: e.ceil())

    def _Round(self, node: exp.Round) -> Typed:
        decimals = node.args.get("decimals")
        places = int(decimals.this) if isinstance(decimals, exp.Literal) else 0
        return self._number_fn(node, lambda e: e.round(places))

    def _date_fn(self, node: exp.Expression, fn: Callable[[pl.Expr], pl.Expr]) -> Typed:
        value = self.visit(node.this)
        if value.kind not in ("date", "datetime", "null", "other"):
            raise TypeMismatchError(f"'{node.sql()}' works on dates, and this is a {value.kind}.",
                                    hint="Convert text to dates with a cast step first.")
        return Typed(fn(value.expr).cast(pl.Int64), "number")

    def _Year(self, node):
        return self._date_fn(node, lambda e: e.dt.year())

    def _Quarter(self, node):
        return self._date_fn(node, lambda e: e.dt.quarter())

    def _Month(self, node):
        return self._date_fn(node, lambda e: e.dt.month())

    def _Day(self, node):
        return self._date_fn(node, lambda e: e.dt.day())

    def _DayOfWeekIso(self, node):
        return self._date_fn(node, lambda e: e.dt.weekday())

    def _TimestampTrunc(self, node: exp.TimestampTrunc) -> Typed:
        unit = str(node.args["unit"].name if hasattr(node.args["unit"], "name") else node.args["unit"]).lower()
        if unit not in TRUNC_UNITS:
            raise ExpressionError(f"'{node.sql()}': cannot truncate to '{unit}'.",
                                  hint=f"Use one of: {', '.join(TRUNC_UNITS)}.")
        value = self.visit(node.this)
        return Typed(value.expr.dt.truncate(TRUNC_UNITS[unit]), value.kind)

    _DateTrunc = _TimestampTrunc


def _common_kind(kinds: list[str]) -> str:
    real = {k for k in kinds if k != "null"}
    return real.pop() if len(real) == 1 else ("null" if not real else "other")
