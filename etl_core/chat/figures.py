"""The chart for an answer, chosen by the shape of the result (or as asked)."""

from __future__ import annotations

import plotly.graph_objects as go

from etl_core.chat.answer import BLANK, Result, period
from etl_core.chat.plan import QueryPlan

LAYOUT = {"height": 380, "margin": {"l": 40, "r": 20, "t": 50, "b": 40}}


def figure_for(plan: QueryPlan, result: Result) -> go.Figure | None:
    if result.values is not None and plan.chart in ("auto", "histogram"):
        return _histogram(result.values)
    compiled = result.compiled
    table = result.figures if result.figures is not None else result.table  # durations as seconds, not as text
    if table is None or table.height == 0 or compiled is None or not compiled.keys or plan.chart == "table":
        return None
    measures = [m for m in compiled.measures if m in table.columns]
    if not measures:
        return None
    measure = "share %" if plan.share and "share %" in table.columns else measures[plan.answer_measure() or 0] \
        if (plan.answer_measure() or 0) < len(measures) else measures[0]
    keys = compiled.keys
    x = keys[0]
    temporal = table.schema[x].is_temporal()
    kind = plan.chart if plan.chart != "auto" else ("line" if temporal else "pie" if plan.share else "bar")
    title = f"{measure[:1].upper()}{measure[1:]} by {', '.join(keys)}"
    labels = [" / ".join(_shown(row[k], plan.bucket if k == plan.bucket else None) for k in keys)
              for row in table.iter_rows(named=True)]
    named_periods = temporal and x == plan.bucket and plan.bucket in ("month", "quarter")
    # a blank date has no place on a date axis (plotly drops it): then the dates are categories, '(blank)' one of them
    on_date_axis = temporal and not named_periods and not table[x].null_count()
    if kind == "scatter" or (plan.chart == "auto" and len(measures) >= 2 and not temporal and not any(
            m.combine for m in plan.measures)):
        first, second = measures[:2]  # two measures: one against the other, a point per group
        figure = go.Figure(go.Scatter(x=table[first].to_list(), y=table[second].to_list(), mode="markers+text",
                                      text=labels, textposition="top center"))
        figure.update_layout(title={"text": f"{second} against {first} by {x}"}, xaxis_title=first, yaxis_title=second,
                             **LAYOUT)
        return figure
    if kind == "pie":
        figure = go.Figure(go.Pie(labels=labels, values=table[measure].to_list(), sort=False))
    elif len(keys) > 1:  # a series per value of the second key
        figure = go.Figure()
        for value, part in table.group_by(keys[1], maintain_order=True):
            trace = go.Scatter if kind == "line" else go.Bar
            shown = part[x].to_list() if on_date_axis else \
                [_shown(v, plan.bucket if x == plan.bucket else None) for v in part[x]]
            figure.add_trace(trace(x=shown, y=part[measure].to_list(), name=_shown(value[0])))
        if not on_date_axis:  # the table's order, not the order the series first meet a value
            figure.update_xaxes(categoryorder="array", categoryarray=list(dict.fromkeys(
                _shown(v, plan.bucket if x == plan.bucket else None) for v in table[x])))
    elif kind == "line":
        shown = table[x].to_list() if on_date_axis else labels
        figure = go.Figure(go.Scatter(x=shown, y=table[measure].to_list(), mode="lines+markers"))
    else:
        written = result.table[measure].to_list() if result.figures is not None and measure in result.table.columns \
            else None  # a duration's bars say it as the table writes it ('6:57'), over seconds
        figure = go.Figure(go.Bar(x=labels, y=table[measure].to_list(), text=written))
        if written is not None:
            measure = f"{measure} (seconds)"
    if not on_date_axis:  # text (codes such as 00501 too) and named periods are categories, never a number axis
        figure.update_xaxes(type="category")
    figure.update_layout(title={"text": title}, xaxis_title=x, yaxis_title=measure, **LAYOUT)
    return figure


def _shown(value, unit: str | None = None) -> str:
    """A grouping value as the chart names it: '(blank)' for no value, 'Oct 2024' for a month."""
    if value is None:
        return BLANK
    return period(value, unit) if unit else str(value)


def _histogram(values) -> go.Figure:
    figure = go.Figure(go.Histogram(x=values.to_list(), nbinsx=30))
    figure.update_layout(title={"text": f"Distribution of {values.name}"}, xaxis_title=values.name,
                         yaxis_title="rows", **LAYOUT)
    return figure
