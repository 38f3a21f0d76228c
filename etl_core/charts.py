"""Plotly figures drawn from stored profiles (no data is re-read to draw them)."""

from __future__ import annotations

import re
from typing import Any

import plotly.graph_objects as go


def column_chart(column: dict[str, Any], height: int = 180) -> go.Figure | None:
    """A small histogram (numbers, dates) or top-values bar chart (everything else)."""
    chart = column.get("chart") or {}
    if chart.get("kind") in (None, "none") or not chart.get("counts"):
        return None
    if chart["kind"] == "histogram":
        trace = go.Bar(x=chart["labels"], y=chart["counts"], marker_line_width=0, name=column["name"])
        layout = {"bargap": 0.02}
    elif chart["kind"] == "values":  # a few distinct numbers: one bar each, in order
        trace = go.Bar(x=[str(v) for v in chart["labels"]], y=chart["counts"], name=column["name"])
        layout = {"xaxis": {"type": "category"}}
    else:  # text, codes with leading zeros too: categories, never a number axis
        trace = go.Bar(x=chart["counts"][::-1], y=[str(v) for v in chart["labels"][::-1]], orientation="h",
                       name=column["name"])
        layout = {"yaxis": {"type": "category"}}
    figure = go.Figure(trace)
    figure.update_layout(title={"text": f"{column['name']} ({column['semantic_type']})", "font": {"size": 13}},
                         height=height, margin={"l": 8, "r": 8, "t": 32, "b": 8}, showlegend=False, **layout)
    return figure


def profile_rows(profile: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per column for the profile table, each statistic written for its column's type (12,345.68,
    2024-03-05), blank where it does not apply."""
    return [{
        "column": c["name"], "type": type_name(c["dtype"]), "semantic type": c["semantic_type"],
        "nulls": c["nulls"], "null %": c["null_pct"], "distinct": c["distinct"],
        "min": _statistic(c["min"]), "max": _statistic(c["max"]), "mean": _statistic(c["mean"]),
        "median": _statistic(c["median"]), "std": _statistic(c["std"]),
        "top values": ", ".join(f"{_statistic(t['value']) or '(blank)'} ({t['count']:,})" for t in c["top_values"][:5]),
        "warnings": "; ".join(c["warnings"]),
    } for c in profile.get("columns", [])]


def profile_widths(rows: list[dict[str, Any]]) -> dict[str, int]:
    """Pixels for each column of the profile table to show its longest text whole, heading included: at most
    7.5 px a character in the grid's 14 px font (digits take 7) and the cell's padding, from Streamlit's 'small'
    width (75 px) to 600."""
    if not rows:
        return {}
    def longest(name: str) -> int:
        return max(len(name), *(len(v if isinstance(v, str) else _statistic(v)) for v in (r[name] for r in rows)))
    return {name: max(75, min(600, round(7.5 * longest(name)) + 24)) for name in rows[0]}


def type_name(dtype: str) -> str:
    """A stored type in a word: 'Datetime(time_unit='us', time_zone=None)' reads 'datetime', 'Float64' 'float64';
    a time zone is kept ('datetime UTC')."""
    zone = re.search(r"time_zone='([^']+)'", dtype)
    name = dtype.split("(", 1)[0].lower()
    return f"{name} {zone.group(1)}" if zone else name


def _statistic(value: Any) -> str:
    """A statistic as text: whole numbers with separators, others to two decimals (small ones to three
    figures), dates without a midnight time, nothing for what does not apply."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return f"{value:,.0f}"
        return f"{value:,.2f}" if abs(value) >= 1 else f"{value:.3g}"
    text = str(value)
    if len(text) >= 19 and text[4] == "-" and text[10] == "T":  # an ISO datetime
        return text[:10] if text[11:19] == "00:00:00" and not text[19:].strip("0.") else text[:19].replace("T", " ")
    return text
