"""The builder's small picture of a pipeline: its steps in order with the rows after each, errors marked."""

from __future__ import annotations

import plotly.graph_objects as go

from etl_core.builder import DraftCheck

OK, BROKEN, SKIPPED = "#4c78a8", "#d62728", "#b0b0b0"


def flow_figure(checked: DraftCheck, counts: dict[str, int | None]) -> go.Figure:
    """A funnel of rows after each step; a broken step is red and says so, a disabled one grey."""
    labels, rows, colours, texts = [], [], [], []
    for check in checked.steps:
        labels.append(f"{check.position}. {check.summary[:48]}")
        count = counts.get(check.id)
        rows.append(count or 0)
        if check.error:
            colours.append(BROKEN)
            texts.append("error")
        elif check.disabled:
            colours.append(SKIPPED)
            texts.append(f"skipped · {count:,}" if count is not None else "skipped")
        else:
            colours.append(OK)
            texts.append(f"{count:,} rows" if count is not None else "?")
    figure = go.Figure(go.Funnel(y=labels, x=rows, text=texts, textinfo="text", marker={"color": colours},
                                 connector={"line": {"color": "#dddddd"}}, hovertemplate="%{y}: %{text}<extra></extra>"))
    figure.update_layout(height=max(160, 34 * len(labels) + 40), margin={"l": 10, "r": 10, "t": 10, "b": 10},
                         yaxis={"automargin": True})
    return figure
