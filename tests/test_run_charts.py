"""A run's step timeline: the time of each step when it was timed, the rows after each step when it ran fused."""

from __future__ import annotations

import pytest

from etl_core import pipelines, run_charts
from etl_core.models import PipelineRun
from etl_core.spec import parse_spec
from tests.schedules.conftest import QUICK, add_sales


def step(position: int, kind: str, rows: int | None, seconds: float | None) -> dict:
    return {"step": position, "type": kind, "summary": kind, "rows": rows, "duration_s": seconds}


def test_a_timed_run_lays_its_steps_end_to_end_by_their_durations():
    run = PipelineRun(pipeline_name="p", steps=[step(1, "source", 1000, 0.5), step(2, "filter", 10, 0.25),
                                                step(3, "output", None, 1.0)])
    (bar,) = run_charts.step_timeline(run).data
    assert list(bar.y) == ["1 source", "2 filter", "3 output"]
    assert list(bar.x) == [0.5, 0.25, 1.0] and list(bar.base) == [0.0, 0.5, 0.75]  # each starts where the last ended
    assert list(bar.text) == ["1000 rows", "10 rows", ""]
    assert run_charts.step_timeline(run).layout.xaxis.title.text == "seconds from the start of the run"
    assert run_charts.untimed_note(run) is None


def test_a_fused_run_shows_rows_and_says_why_its_steps_have_no_times():
    run = PipelineRun(pipeline_name="p", steps=[step(1, "source", 1000, None), step(2, "filter", 10, None)])
    figure = run_charts.step_timeline(run)
    assert list(figure.data[0].x) == [1000, 10] and figure.data[0].base is None
    assert figure.layout.xaxis.title.text == "rows after each step (run as one plan: no time per step)"
    assert run_charts.untimed_note(run).startswith("This run ran its steps fused into one plan: Polars streamed")
    assert "**Run again, timing each step**" in run_charts.untimed_note(run)


@pytest.mark.parametrize("stepwise", [False, True])
def test_a_recorded_run_is_timed_per_step_only_when_asked(engine, settings, stepwise):
    add_sales(engine, settings)
    run = pipelines.run_pipeline(engine, settings, pipelines.RunRequest(parse_spec(QUICK), stepwise=stepwise))
    seconds = [s["duration_s"] for s in run.steps]
    (bar,) = run_charts.step_timeline(run).data
    if stepwise:
        assert all(s > 0 for s in seconds) and list(bar.x) == seconds
    else:
        assert seconds == [None, None, None] and list(bar.x) == [3, 2, 2]
