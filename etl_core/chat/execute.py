"""Run a QueryPlan on Polars and turn the result into an answer: a value, a sentence, a table."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from etl_core.analyzers import profile
from etl_core.chat.plan import Filter, Measure, QueryPlan
from etl_core.errors import InputError

MAX_ROWS = 1_000
HISTOGRAM_SAMPLE = 100_000
MONTH_NAMES = {calendar.month_name[i].lower() for i in range(1, 13)}
TRUNCATE = {"day": "1d", "week": "1w", "month": "1mo", "quarter": "1q", "year": "1y"}


@dataclass
class Result:
    value: Any
    table: pl.DataFrame | None
    text: str
    label_column: str | None = None
    measure_columns: list[str] = field(default_factory=list)
    bucket: str | None = None  # the time bucket used ('auto' settled from the data's range)
    values: pl.Series | None = None  # one column's values, for a histogram


def run_plan(plan: QueryPlan, tables: dict[str, pl.DataFrame]) -> Result:
    if plan.table not in tables:
        raise InputError(f"There is no table '{plan.table}' loaded.", hint=f"Tables: {', '.join(tables)}.")
    frame = joined_frame(plan, tables)
    for column in _columns_of(plan):
        if column not in frame.columns:
            raise InputError(f"'{plan.table}' has no column '{column}'.", hint=f"Columns: {', '.join(frame.columns[:20])}.")
    lazy = _filtered(frame.lazy(), plan, frame.schema)
    where = _describe_filters(plan)
    if plan.intent == "describe":
        result = _describe(tables[plan.table] if plan.column is None else frame.select(plan.column), plan)
        if plan.column and frame.schema[plan.column].is_numeric():  # for the histogram: a sample keeps it light
            values = lazy.select(pl.col(plan.column).drop_nulls()).collect().to_series()
            result.values = values.sample(HISTOGRAM_SAMPLE, seed=0) if values.len() > HISTOGRAM_SAMPLE else values
        return result
    if plan.intent == "exists":
        count = lazy.select(pl.len()).collect().item()
        return Result(count > 0, lazy.head(20).collect(),
                      f"{'Yes' if count else 'No'}: {count:,} row{'s' if count != 1 else ''}{where} match.")
    if plan.intent == "all_unique":
        stats = lazy.select(pl.len().alias("rows"), pl.col(plan.column).n_unique().alias("distinct")).collect()
        rows, distinct = stats.row(0)
        return Result(rows == distinct, stats,
                      f"{'Yes' if rows == distinct else 'No'}: {plan.column} has {distinct:,} distinct values in {rows:,} rows.")
    if plan.intent == "list":
        values = lazy.select(pl.col(plan.column).drop_nulls().unique().sort()).collect()
        listed = values[plan.column].to_list()
        shown = ", ".join(str(v) for v in listed[:15]) + (f" and {len(listed) - 15} more" if len(listed) > 15 else "")
        return Result(listed, values.head(MAX_ROWS), f"{len(listed):,} {plan.column} value(s){where}: {shown}.",
                      label_column=plan.column)
    return _aggregate(lazy, plan, frame.schema, where)


def joined_frame(plan: QueryPlan, tables: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """The main table with the looked-up tables' columns (left joins on unique keys: rows never multiply)."""
    frame = tables[plan.table]
    for join in plan.joins:
        if join.table not in tables:
            raise InputError(f"There is no table '{join.table}' loaded to look up.", hint=f"Tables: {', '.join(tables)}.")
        other = tables[join.table]
        missing = [k for k in join.on if k not in frame.columns or k not in other.columns]
        if missing:
            raise InputError(f"'{plan.table}' and '{join.table}' do not both have {', '.join(missing)}.")
        if other.select(join.on).is_duplicated().any():
            raise InputError(f"{', '.join(join.on)} is not unique in '{join.table}', so a lookup could count rows twice.",
                             hint="Remove the duplicates from that table first.")
        frame = frame.join(other, on=join.on, how="left", suffix=f"_{join.table}")
    return frame


def _columns_of(plan: QueryPlan) -> list[str]:
    columns = [f.column for f in plan.filters] + [m.column for m in plan.measures if m.column] + plan.group_by
    columns += [r.column for r in plan.date_ranges] + ([plan.date_column] if plan.bucket else [])
    return columns + ([plan.column] if plan.column else [])


def _filtered(lazy: pl.LazyFrame, plan: QueryPlan, schema: pl.Schema) -> pl.LazyFrame:
    for item in plan.filters:
        lazy = lazy.filter(_condition(item, schema[item.column]))
    if plan.date_ranges:
        conditions = [_in_range(r.column, r.start, r.end, schema[r.column]) for r in plan.date_ranges]
        lazy = lazy.filter(pl.any_horizontal(conditions))
    return lazy


def _condition(item: Filter, dtype: pl.DataType) -> pl.Expr:
    column = pl.col(item.column)
    value = item.value
    if item.op in ("contains", "starts_with", "ends_with"):
        text = column.cast(pl.String).str.to_lowercase()
        needle = str(value).lower()
        return {"contains": text.str.contains(needle, literal=True), "starts_with": text.str.starts_with(needle),
                "ends_with": text.str.ends_with(needle)}[item.op]
    if item.op in ("in", "not_in"):
        listed = value if isinstance(value, list) else [value]
        condition = column.is_in(pl.Series(listed).cast(dtype, strict=False).to_list())
        return ~condition if item.op == "not_in" else condition
    if item.op == "between":
        return column.is_between(value[0], value[1])
    literal = pl.lit(value).cast(dtype, strict=False) if dtype.is_temporal() else pl.lit(value)
    return {"==": column == literal, "!=": column != literal, ">": column > literal, ">=": column >= literal,
            "<": column < literal, "<=": column <= literal}[item.op]


def _in_range(column: str, start: dt.date | None, end: dt.date | None, dtype: pl.DataType) -> pl.Expr:
    day = pl.col(column).cast(pl.Date) if isinstance(dtype, pl.Datetime) else pl.col(column)
    condition = pl.lit(True)
    if start is not None:
        condition = condition & (day >= start)
    if end is not None:
        condition = condition & (day < end)
    return condition


def _measure_expr(measure: Measure, name: str) -> pl.Expr:
    if measure.column is None:
        return pl.len().alias(name)
    column = pl.col(measure.column)
    expr = {"sum": column.sum(), "mean": column.mean(), "median": column.median(), "min": column.min(),
            "max": column.max(), "count": column.count(), "n_unique": column.drop_nulls().n_unique(),
            "std": column.std(), "var": column.var()}[measure.agg]
    return expr.alias(name)


def _aggregate(lazy: pl.LazyFrame, plan: QueryPlan, schema: pl.Schema, where: str) -> Result:
    names = [m.name for m in plan.measures]
    keys = list(plan.group_by)
    bucket = plan.bucket
    if bucket == "auto":
        bucket = _auto_bucket(lazy, plan.date_column)
    if bucket:
        date = pl.col(plan.date_column)
        lazy = lazy.with_columns(date.dt.truncate(TRUNCATE[bucket]).alias(bucket))
        keys = [bucket, *keys]
    if len(plan.date_ranges) == 2:
        labels = pl.when(_in_range(plan.date_ranges[0].column, plan.date_ranges[0].start, plan.date_ranges[0].end,
                                   schema[plan.date_ranges[0].column])).then(pl.lit(plan.date_ranges[0].label))
        lazy = lazy.with_columns(labels.otherwise(pl.lit(plan.date_ranges[1].label)).alias("period"))
        keys = ["period", *keys]
    exprs = [_measure_expr(m, n) for m, n in zip(plan.measures, names, strict=True)]
    if not keys:
        table = lazy.select(exprs).collect()
        value = table.row(0)[0] if table.width == 1 else list(table.row(0))
        return Result(_plain(value), table, _sentence_value(plan, names, table.row(0), where), None, names)
    table = lazy.group_by(keys).agg(exprs).collect()
    first = names[0]
    if plan.share:
        table = table.with_columns((pl.col(first) / pl.col(first).sum() * 100).round(2).alias("share %"))
    if bucket:
        table = table.sort(keys)
        if plan.change:
            change = ((pl.col(first) / pl.col(first).shift(1) - 1) * 100).round(2)
            table = table.with_columns((change.over(keys[1:]) if keys[1:] else change).alias("change %"))
    else:
        table = table.sort([first, *keys], descending=[plan.sort_desc is not False] + [False] * len(keys), nulls_last=True)
    if plan.limit:
        table = table.head(plan.limit)
    label = keys[-1] if keys else None
    if plan.intent == "lookup" and table.height:
        winner = table.row(0, named=True)
        text = (f"{winner[label]} has the {'highest' if plan.sort_desc else 'lowest'} {first}{where}: "
                f"{_fmt(winner[first])}.")
        return Result(_plain(winner[label]), table, text, label, names, bucket)
    value = [_plain(v) for v in table[label].to_list()]  # the labels, in the answer's order
    if plan.limit == 1 and table.height == 1 and len(keys) == 1:  # 'top 1 region by revenue' reads as a lookup
        winner = table.row(0, named=True)
        text = (f"{winner[label]} has the {'highest' if plan.sort_desc is not False else 'lowest'} {first}{where}: "
                f"{_fmt(winner[first])}.")
        return Result(value, table, text, label, names, bucket)
    text = _sentence_table(plan, names, table, keys, where)
    return Result(value, table.head(MAX_ROWS), text, label, names, bucket)


def _auto_bucket(lazy: pl.LazyFrame, column: str) -> str:
    span = lazy.select(pl.col(column).min().alias("a"), pl.col(column).max().alias("b")).collect().row(0)
    if span[0] is None:
        return "month"
    days = (span[1] - span[0]).days if hasattr(span[1] - span[0], "days") else 0
    return "day" if days <= 62 else "week" if days <= 366 else "month" if days <= 3 * 366 else "quarter"


def _describe(frame: pl.DataFrame, plan: QueryPlan) -> Result:
    report = profile(frame)
    table = pl.DataFrame([{"column": c["name"], "type": c["semantic_type"], "nulls": c["nulls"], "distinct": c["distinct"],
                           "min": None if c["min"] is None else str(c["min"]),
                           "max": None if c["max"] is None else str(c["max"]),
                           "top": ", ".join(str(t["value"]) for t in c["top_values"][:3])} for c in report["columns"]])
    if plan.column:
        c = report["columns"][0]
        span = f" from {c['min']} to {c['max']}" if c["min"] is not None else ""
        text = f"{c['name']} is {c['semantic_type']}: {c['distinct']:,} distinct values, {c['nulls']:,} empty{span}."
    else:
        kinds = {}
        for c in report["columns"]:
            kinds[c["semantic_type"]] = kinds.get(c["semantic_type"], 0) + 1
        text = (f"'{plan.table}' has {report['rows']:,} rows and {report['column_count']} columns ("
                + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items(), key=lambda kv: -kv[1])) + ").")
        if report["warnings"]:
            text += " Note: " + "; ".join(report["warnings"][:3]) + "."
    return Result(report["rows"] if plan.column is None else report["columns"][0]["distinct"], table, text)


def _describe_filters(plan: QueryPlan) -> str:
    parts = []
    for item in plan.filters:
        value = " or ".join(map(str, item.value)) if isinstance(item.value, list) and item.op in ("in", "not_in") \
            else " and ".join(map(str, item.value)) if isinstance(item.value, list) else str(item.value)
        word = {"==": "is", "!=": "is not", "in": "is", "not_in": "is not", ">": "over", ">=": "at least",
                "<": "under", "<=": "at most", "between": "between"}.get(item.op, item.op.replace("_", " "))
        parts.append(f"{item.column} {word} {value}")
    said = (" where " + " and ".join(parts)) if parts else ""
    if len(plan.date_ranges) == 1:
        label = plan.date_ranges[0].label or "the chosen dates"
        said += f" {'in' if label[0].isdigit() or label.split()[0].lower() in MONTH_NAMES else 'for'} {label}"
    return said


def _sentence_value(plan: QueryPlan, names: list[str], row: tuple, where: str) -> str:
    said = "; ".join(f"{name} is {_fmt(value)}" for name, value in zip(names, row, strict=True))
    return (said[0].upper() + said[1:] if said else "No result") + where + "."


def _sentence_table(plan: QueryPlan, names: list[str], table: pl.DataFrame, keys: list[str], where: str) -> str:
    if table.height == 0:
        return f"Nothing matches{where}."
    first, label = names[0], keys[-1]
    if plan.share and "share %" in table.columns:
        lead = table.row(0, named=True)
        return (f"Share of {first} by {label}{where}: {lead[label]} has the largest share, "
                f"{lead['share %']:.1f}% ({_fmt(lead[first])}).")
    if plan.change and "change %" in table.columns and table.height > 1:
        last = table.row(-1, named=True)
        return (f"{_upper_first(first)} by {keys[0]}{where}: the latest {keys[0]} ({_fmt(last[keys[0]])}) is "
                f"{_fmt(last[first])}, {last['change %']:+.1f}% on the one before.")
    if len(plan.date_ranges) == 2 and "period" in table.columns:
        totals = table.group_by("period").agg(pl.col(first).sum()).sort("period")
        a, b = totals.row(0), totals.row(-1)
        delta = f" ({(b[1] / a[1] - 1) * 100:+.1f}%)" if a[1] else ""
        return f"{_upper_first(first)}: {a[0]} {_fmt(a[1])} vs {b[0]} {_fmt(b[1])}{delta}, by {', '.join(keys[1:]) or 'period'}."
    if plan.bucket and not plan.group_by:
        peak = table.sort(first, descending=True).row(0, named=True)
        text = f"{_upper_first(first)} by {label}{where}: {table.height} periods; the highest is {_fmt(peak[label])} " \
               f"with {_fmt(peak[first])}."
    else:
        lead = table.row(0, named=True)
        text = (f"{_upper_first(first)} by {', '.join(keys)}{where}: {table.height} row(s); "
                f"{'first' if plan.sort_desc is not False else 'lowest'} is {_fmt(lead[label])} with {_fmt(lead[first])}.")
    return text


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    return str(value)


def _plain(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _upper_first(text: str) -> str:
    """'total Amount ($)' -> 'Total Amount ($)': str.capitalize would lower the column's own capitals."""
    return text[:1].upper() + text[1:]
