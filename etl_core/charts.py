"""Plotly figures drawn from stored profiles (no data is re-read to draw them)."""

from __future__ import annotations

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
    else:
        trace = go.Bar(x=chart["counts"][::-1], y=chart["labels"][::-1], orientation="h", name=column["name"])
        layout = {}
    figure = go.Figure(trace)
    figure.update_layout(title={"text": f"{column['name']} ({column['semantic_type']})", "font": {"size": 13}},
                         height=height, margin={"l": 8, "r": 8, "t": 32, "b": 8}, showlegend=False, **layout)
    return figure


def profile_rows(profile: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per column for the profile table."""
    return [{
        "column": c["name"], "type": c["dtype"], "semantic type": c["semantic_type"],
        "nulls": c["nulls"], "null %": c["null_pct"], "distinct": c["distinct"],
        "min": _text(c["min"]), "max": _text(c["max"]), "mean": c["mean"], "median": c["median"], "std": c["std"],
        "top values": ", ".join(f"{t['value']} ({t['count']})" for t in c["top_values"][:5]),
        "warnings": "; ".join(c["warnings"]),
    } for c in profile.get("columns", [])]


def _text(value: Any) -> str | None:
    return None if value is None else str(value)
