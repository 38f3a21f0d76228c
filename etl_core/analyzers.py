"""Column profiles: types, nulls, distinct counts, ranges, top values, charts and warnings.

Every statistic for every column is one expression in a single ``select``, so Polars
computes them in one parallel pass; a second, narrower pass counts top values only
for columns with repeated values (an identifier's top values would all be 1).

A quick profile leaves out what costs most (distinct counts, medians, top values,
duplicate rows: they hash or sort every value; and text lengths, which no screen shows)
and lists them under ``pending``; the complete profile, the same function without
``quick``, is exact.
"""

from __future__ import annotations

import json
import math
import re
from datetime import date, datetime, time, timedelta
from typing import Any

import polars as pl

TOP_VALUES = 10
HISTOGRAM_BINS = 20
FEW_VALUES = 20  # numbers with this many distinct values or fewer are charted value by value
SAMPLE_ROWS = 1000
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)
_ID_NAME = re.compile(r"(^|[_\s.-])(id|key|code|uuid|guid|no|number|ref)$|^id[_\s]|id$", re.IGNORECASE)
# what a quick profile leaves out, as the page names them
COSTLY = ["distinct counts", "medians", "top values", "duplicate rows"]


def profile(frame: pl.DataFrame | pl.LazyFrame, *, quick: bool = False,
            computed: dict[str, Any] | None = None) -> dict[str, Any]:
    """The profile stored with a source, and printed by ``python -m etl_core profile``.

    ``quick`` leaves the costly statistics out (None, or no top values) and names them in ``pending``;
    a quick profile of a LazyFrame streams through it without holding every row. ``computed`` is
    the row of ``statistics(quick=True)`` when it was computed already (while the copy was written)."""
    if isinstance(frame, pl.LazyFrame) and not quick:
        frame = frame.collect()
    schema = frame.collect_schema()
    if computed is not None and quick:
        stats = dict(computed)
    elif isinstance(frame, pl.LazyFrame):
        stats = frame.select(statistics(schema, quick=quick)).collect(engine="streaming").row(0, named=True)
    else:
        stats = frame.select(statistics(schema, quick=quick)).row(0, named=True)
    sample = frame.head(SAMPLE_ROWS)
    sample = sample.collect() if isinstance(sample, pl.LazyFrame) else sample
    if not quick:  # a DataFrame by now
        stats.update(_top_values(frame, stats))
        # one 64-bit hash per row: 6x faster than hashing a struct of every column
        stats["__duplicate_rows"] = frame.height - frame.hash_rows().n_unique() if frame.width else 0
    rows = stats["__rows"]
    columns = [
        _column_profile(name, dtype, stats, f"c{index}", rows, sample[name])
        for index, (name, dtype) in enumerate(schema.items())
    ]
    duplicates = None if quick else stats["__duplicate_rows"]
    warnings = [f"{duplicates} duplicate rows ({duplicates / rows:.1%})."] if duplicates and rows else []
    warnings += [f"{c['name']}: {w}" for c in columns for w in c["warnings"]]
    report = {"rows": rows, "column_count": len(columns), "duplicate_rows": duplicates,
              "columns": columns, "warnings": warnings}
    return {**report, "pending": list(COSTLY)} if quick else report


def statistics(schema: pl.Schema, *, quick: bool) -> list[pl.Expr]:
    """Every column's statistics as one select's expressions (the costly ones left out when ``quick``)."""
    exprs: list[pl.Expr] = [pl.len().alias("__rows")]
    for index, (name, dtype) in enumerate(schema.items()):
        exprs += _column_exprs(pl.col(name), f"c{index}", dtype, quick)
    return exprs


def _column_exprs(col: pl.Expr, key: str, dtype: pl.DataType, quick: bool) -> list[pl.Expr]:
    exprs = [col.null_count().alias(f"{key}_nulls")]
    if not quick:
        exprs.append(col.drop_nulls().n_unique().alias(f"{key}_distinct"))
    if dtype.is_numeric():
        # no copy where none is needed: integers average as floats, and only floats can be infinite or NaN
        numeric = col if dtype == pl.Float64 else col.cast(pl.Float64)
        spread = col if dtype.is_integer() else numeric
        charted = numeric.filter(numeric.is_finite()) if dtype.is_float() else numeric
        exprs += [
            col.min().alias(f"{key}_min"), col.max().alias(f"{key}_max"),
            spread.mean().alias(f"{key}_mean"), spread.std().alias(f"{key}_std"),
            charted.hist(bin_count=HISTOGRAM_BINS, include_breakpoint=True).implode().alias(f"{key}_hist"),
        ]
        if not quick:
            exprs.append(numeric.median().alias(f"{key}_median"))
    elif dtype.is_temporal():
        physical = col.to_physical().cast(pl.Float64)
        exprs += [
            col.min().alias(f"{key}_min"), col.max().alias(f"{key}_max"),
            physical.drop_nulls().hist(bin_count=HISTOGRAM_BINS, include_breakpoint=True)
            .implode().alias(f"{key}_hist"),
        ]
    if dtype == pl.String and not quick:  # counting characters costs as much as a distinct count; no screen shows it
        lengths = col.str.len_chars()
        exprs += [lengths.min().alias(f"{key}_min_length"), lengths.max().alias(f"{key}_max_length")]
    return exprs


def _top_values(frame: pl.DataFrame, stats: dict[str, Any]) -> dict[str, Any]:
    exprs = []
    for index, (name, dtype) in enumerate(frame.schema.items()):
        key = f"c{index}"
        distinct = stats[f"{key}_distinct"]
        repeated = distinct < stats["__rows"] - stats[f"{key}_nulls"]
        few_numbers = dtype.is_numeric() and distinct <= FEW_VALUES
        if dtype.is_temporal() or not (few_numbers or (repeated and not dtype.is_float())):
            continue  # all different, or measurements: top values say nothing
        keep = FEW_VALUES if dtype.is_numeric() and distinct <= FEW_VALUES else TOP_VALUES
        exprs.append(pl.col(name).drop_nulls().value_counts(sort=True, name="count").head(keep)
                     .implode().alias(f"{key}_top"))
    return frame.select(exprs).row(0, named=True) if exprs else {}


def _column_profile(name: str, dtype: pl.DataType, stats: dict[str, Any], key: str, rows: int,
                    sample: pl.Series) -> dict[str, Any]:
    nulls, distinct = stats[f"{key}_nulls"], stats.get(f"{key}_distinct")  # None in a quick profile
    non_null = rows - nulls
    top = [{"value": _plain(item[name]), "count": item["count"]} for item in (stats.get(f"{key}_top") or [])]
    values = [v for v in sample.drop_nulls().to_list()][:SAMPLE_ROWS]
    semantic = _semantic_type(name, dtype, distinct, non_null, rows, values)
    column: dict[str, Any] = {
        "name": name,
        "dtype": str(dtype),
        "semantic_type": semantic,
        "nulls": nulls,
        "null_pct": round(100 * nulls / rows, 2) if rows else 0.0,
        "distinct": distinct,
        "min": _plain(stats.get(f"{key}_min")),
        "max": _plain(stats.get(f"{key}_max")),
        "mean": _plain(stats.get(f"{key}_mean")),
        "median": _plain(stats.get(f"{key}_median")),
        "std": _plain(stats.get(f"{key}_std")),
        "top_values": top[:TOP_VALUES],
        "samples": _samples(values),
        "chart": _chart(dtype, stats.get(f"{key}_hist"), top, distinct),
    }
    if dtype == pl.String:
        column["min_length"] = stats.get(f"{key}_min_length")
        column["max_length"] = stats.get(f"{key}_max_length")
    column["warnings"] = _warnings(column, dtype, rows, values)
    return column


def _semantic_type(name: str, dtype: pl.DataType, distinct: int | None, non_null: int, rows: int, values: list) -> str:
    if dtype == pl.Boolean:
        return "boolean"
    if dtype == pl.Date:
        return "date"
    if isinstance(dtype, pl.Datetime):
        return "datetime"
    if dtype.is_temporal():
        return "duration" if isinstance(dtype, pl.Duration) else "time"
    unique = distinct is not None and non_null > 1 and distinct == non_null
    if dtype.is_integer():
        if unique and _ID_NAME.search(name):
            return "identifier"
        return "boolean" if distinct == 2 and set(values) <= {0, 1} else "integer"
    if dtype.is_numeric():
        return "decimal"
    if dtype in (pl.String, pl.Categorical) or isinstance(dtype, pl.Enum):
        texts = [str(v) for v in values]
        if texts and _share(texts, _EMAIL) >= 0.9:
            return "email"
        if texts and _share(texts, _URL) >= 0.9:
            return "url"
        if unique and (_ID_NAME.search(name) or all(" " not in t for t in texts)):
            return "identifier"
        if distinct is not None and distinct <= max(20, 0.05 * rows) and distinct < non_null:
            return "category"
        return "text"
    return "other"


def _warnings(column: dict[str, Any], dtype: pl.DataType, rows: int, values: list) -> list[str]:
    warnings = []
    if rows > 1 and column["distinct"] is not None and column["distinct"] <= 1 and column["nulls"] < rows:
        warnings.append("constant: every value is the same")
    if rows and column["nulls"] == rows:
        warnings.append("empty: every value is missing")
    elif rows and column["nulls"] / rows > 0.5:
        warnings.append(f"mostly null ({column['null_pct']:.0f}% missing)")
    if column["semantic_type"] == "identifier":
        warnings.append("likely an identifier (every value is different)")
    if dtype == pl.String and values:
        numeric = sum(1 for v in values if _looks_number(str(v)))
        if 0.1 <= numeric / len(values) < 1:
            warnings.append(f"mixed types: {numeric / len(values):.0%} of sampled values are numbers, the rest text")
    return warnings


def _chart(dtype: pl.DataType, hist: list[dict[str, Any]] | None, top: list[dict[str, Any]],
           distinct: int | None) -> dict[str, Any]:
    if dtype.is_numeric() and top and distinct <= FEW_VALUES:
        ordered = sorted(top, key=lambda t: (t["value"] is None, t["value"] or 0))  # NaN (None) last
        return {"kind": "values", "labels": [t["value"] for t in ordered], "counts": [t["count"] for t in ordered]}
    if hist:
        edges = [h["breakpoint"] for h in hist]
        starts = [hist[0]["breakpoint"] - (edges[1] - edges[0] if len(edges) > 1 else 0)] + edges[:-1]
        labels = [_physical_label(dtype, s) for s in starts]
        return {"kind": "histogram", "labels": labels, "counts": [h["count"] for h in hist]}
    if top:
        return {"kind": "bar", "labels": [str(t["value"]) for t in top], "counts": [t["count"] for t in top]}
    return {"kind": "none", "labels": [], "counts": []}


def _physical_label(dtype: pl.DataType, value: float) -> Any:
    """Histogram edges of dates and datetimes are computed on their integer form: turn them back."""
    if dtype == pl.Date:
        return (date(1970, 1, 1) + timedelta(days=value)).isoformat()
    if isinstance(dtype, pl.Datetime):
        per_second = {"ms": 1e3, "us": 1e6, "ns": 1e9}[dtype.time_unit or "us"]
        return (datetime(1970, 1, 1) + timedelta(seconds=value / per_second)).isoformat(timespec="seconds")
    return _plain(value)


def _share(texts: list[str], pattern: re.Pattern[str]) -> float:
    return sum(1 for t in texts if pattern.match(t)) / len(texts)


def _looks_number(text: str) -> bool:
    try:
        float(text.replace(",", ""))
        return True
    except ValueError:
        return False


def _samples(values: list) -> list:
    """Up to five different values; lists and structs (Parquet, JSON) are told apart by their JSON."""
    seen: dict[str, Any] = {}
    for value in values:
        plain = _plain(value)
        seen.setdefault(json.dumps(plain, default=str, sort_keys=True), plain)
        if len(seen) == 5:
            break
    return list(seen.values())


def _plain(value: Any) -> Any:
    """A JSON-friendly value: dates as ISO text, NaN and infinities as None."""
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else round(value, 6)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, list | dict):
        return str(value)
    return value
