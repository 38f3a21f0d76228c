"""The chart for an answer, chosen by the shape of the result (or as asked)."""

from __future__ import annotations

import plotly.graph_objects as go

from etl_core.chat.execute import Result
from etl_core.chat.plan import QueryPlan


def figure_for(plan: QueryPlan, result: Result) -> go.Figure | None:
    if result.values is not None and plan.chart in ("auto", "histogram"):
        return _histogram(result.values)
    table = result.table
    if table is None or table.height == 0 or not result.measure_columns or plan.chart == "table":
        return None
    measure = "share %" if plan.share and "share %" in table.columns else result.measure_columns[0]
    keys = [c for c in table.columns if c not in result.measure_columns and c not in ("share %", "change %")]
    if not keys:
        return None
    x = keys[0]
    temporal = table.schema[x].is_temporal() or x == "period"
    kind = plan.chart if plan.chart != "auto" else ("line" if temporal else "pie" if plan.share else "bar")
    title = f"{measure[:1].upper()}{measure[1:]} by {', '.join(keys)}"
    if kind == "scatter" or (plan.chart == "auto" and len(result.measure_columns) >= 2 and not temporal):
        first, second = result.measure_columns[:2]  # two measures: one against the other, a point per group
        figure = go.Figure(go.Scatter(x=table[first].to_list(), y=table[second].to_list(), mode="markers+text",
                                      text=[str(v) for v in table[x]], textposition="top center"))
        figure.update_layout(title={"text": f"{second} against {first} by {x}"}, xaxis_title=first, yaxis_title=second,
                             height=380, margin={"l": 40, "r": 20, "t": 50, "b": 40})
        return figure
    if kind == "pie":
        figure = go.Figure(go.Pie(labels=[str(v) for v in table[x]], values=table[measure].to_list(), sort=False))
    elif len(keys) > 1:  # a series per value of the second key
        series = keys[1]
        figure = go.Figure()
        for value, part in table.group_by(series, maintain_order=True):
            trace = go.Scatter if kind == "line" else go.Bar
            figure.add_trace(trace(x=part[x].to_list(), y=part[measure].to_list(), name=str(value[0])))
    elif kind == "line":
        figure = go.Figure(go.Scatter(x=table[x].to_list(), y=table[measure].to_list(), mode="lines+markers"))
    else:
        ordered = table if temporal else table.sort(measure, descending=plan.sort_desc is not False, nulls_last=True)
        figure = go.Figure(go.Bar(x=[str(v) for v in ordered[x]], y=ordered[measure].to_list()))
    figure.update_layout(title={"text": title}, xaxis_title=x, yaxis_title=measure, height=380,
                         margin={"l": 40, "r": 20, "t": 50, "b": 40})
    return figure



def _histogram(values) -> go.Figure:
    figure = go.Figure(go.Histogram(x=values.to_list(), nbinsx=30))
    figure.update_layout(title={"text": f"Distribution of {values.name}"}, xaxis_title=values.name,
                         yaxis_title="rows", height=380, margin={"l": 40, "r": 20, "t": 50, "b": 40})
    return figure
