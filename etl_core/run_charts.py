"""Plotly figures of runs: a run's step timeline, runs per day by status, duration over time per pipeline."""

from __future__ import annotations

import plotly.express as px
import plotly.graph_objects as go
import polars as pl

from etl_core.models import PipelineRun

STATUS_COLOURS = {"succeeded": "#2e7d32", "failed": "#c62828", "running": "#1565c0", "queued": "#90caf9",
                  "cancelled": "#757575", "interrupted": "#ef6c00", "missed": "#8e24aa", "skipped": "#bdbdbd"}


def step_timeline(run: PipelineRun) -> go.Figure | None:
    """One bar per step, laid end to end by its duration and labelled with the rows after it.

    A run fused into one plan (the default) has no time per step: its bars are the rows after each step.
    """
    if not run.steps:
        return None
    timed = all(s.get("duration_s") is not None for s in run.steps)
    frame = pl.DataFrame({"step": [f"{s['step']} {s['type']}" for s in run.steps],
                          "seconds": [float(s.get("duration_s") or 0) for s in run.steps],
                          "rows": [s.get("rows") for s in run.steps]}, schema_overrides={"rows": pl.Int64})
    frame = frame.with_columns(start=pl.col("seconds").cum_sum() - pl.col("seconds"),
                               label=pl.col("rows").map_batches(_rows_labels, return_dtype=pl.String))
    if timed:
        bar = go.Bar(y=frame["step"].to_list(), x=frame["seconds"].to_list(), base=frame["start"].to_list(),
                     orientation="h", text=frame["label"].to_list(), textposition="auto",
                     hovertemplate="%{y}: %{x:.3f} s<extra></extra>")
        axis = "seconds from the start of the run"
    else:
        bar = go.Bar(y=frame["step"].to_list(), x=frame["rows"].to_list(), orientation="h",
                     hovertemplate="%{y}: %{x:,} rows<extra></extra>")
        axis = "rows after each step (run as one plan: no time per step)"
    figure = go.Figure(bar)
    figure.update_yaxes(autorange="reversed", title=None)
    figure.update_xaxes(title=axis)
    figure.update_layout(height=80 + 32 * len(run.steps), margin={"l": 10, "r": 10, "t": 10, "b": 10})
    return figure


def untimed_note(run: PipelineRun) -> str | None:
    """Why a run's steps have no time of their own, when they have none (a fused run: the default)."""
    if not run.steps or all(s.get("duration_s") is not None for s in run.steps):
        return None
    return ("This run ran its steps fused into one plan: Polars streamed the rows through all of them together "
            "in one pass, so no step has a time of its own, only the whole run. The bars are the rows after each "
            "step. To see where the time goes, use **Run again, timing each step**: each step then runs on its own "
            "and is timed, which is slower and holds each step's rows in memory.")


def _rows_labels(rows: pl.Series) -> pl.Series:
    return rows.cast(pl.String).fill_null("").str.replace(r"^(.+)$", "$1 rows")


def runs_frame(runs: list[PipelineRun]) -> pl.DataFrame:
    return pl.DataFrame({"pipeline": [r.pipeline_name for r in runs], "status": [r.status for r in runs],
                         "created": [r.created_at for r in runs], "started": [r.started_at for r in runs],
                         "duration_s": [r.duration_s for r in runs]},
                        schema={"pipeline": pl.String, "status": pl.String, "created": pl.Datetime("us", "UTC"),
                                "started": pl.Datetime("us", "UTC"), "duration_s": pl.Float64})


def runs_per_day(runs: list[PipelineRun]) -> go.Figure | None:
    """Stacked bars: how many runs each day, by status."""
    if not runs:
        return None
    per_day = (runs_frame(runs).with_columns(day=pl.col("created").dt.date())
               .group_by("day", "status").len("runs").sort("day"))
    figure = px.bar(per_day.to_pandas(), x="day", y="runs", color="status", color_discrete_map=STATUS_COLOURS)
    figure.update_layout(height=300, margin={"l": 10, "r": 10, "t": 10, "b": 10}, xaxis_title=None)
    return figure


def durations(runs: list[PipelineRun]) -> go.Figure | None:
    """Each run's duration over time, a line per pipeline."""
    timed = runs_frame(runs).drop_nulls(["started", "duration_s"]).sort("started")
    if timed.is_empty():
        return None
    figure = px.line(timed.to_pandas(), x="started", y="duration_s", color="pipeline", markers=True)
    figure.update_layout(height=300, margin={"l": 10, "r": 10, "t": 10, "b": 10}, xaxis_title=None,
                         yaxis_title="seconds")
    return figure
