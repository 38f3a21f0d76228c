"""The run history page through AppTest: runs newest first, filters, a run's detail and log, cancel, run again, at a glance."""

from __future__ import annotations

import datetime as dt
import json
import time

import pytest
from sqlmodel import Session, select

from etl_core import pipelines, schedules
from etl_core.config import Settings
from etl_core.db import open_database, session_scope
from etl_core.models import PipelineRun, SchedulerHeartbeat, utcnow
from tests.pipeline_helpers import store_as_is

BROKEN = {"name": "broken", "steps": [{"type": "source", "source": "orders"},
                                      {"type": "filter", "condition": "quantiy > 1"}]}


@pytest.fixture
def history(launch, monkeypatch):
    """The app with samples, a succeeded and a failed run; open() shows the history page again."""
    monkeypatch.setenv("SLUICE_SCHEDULER", "false")
    at = launch(True, "pages/runs.py")
    settings = Settings.load()
    engine = open_database(settings.database_url)
    with session_scope(engine) as session:
        store_as_is(session, BROKEN)  # a pipeline its source changed under
    pipelines.run_pipeline(engine, settings, pipelines.RunRequest("monthly_revenue", trigger="cli"))
    pipelines.run_pipeline(engine, settings, pipelines.RunRequest("broken", trigger="api"))
    yield engine, at.run
    engine.dispose()


def test_runs_newest_first_with_filters(history):
    engine, open_page = history
    at = open_page()
    assert not at.exception
    table = at.dataframe[0].value
    assert table["pipeline"].tolist() == ["broken", "monthly_revenue"]
    assert table["status"].tolist() == ["failed", "succeeded"] and table["trigger"].tolist() == ["api", "cli"]
    assert table.loc[1, "rows_in"] == 6000 and table.loc[1, "rows_out"] == 384
    at.selectbox(key="runs_status").set_value("succeeded").run()
    assert at.dataframe[0].value["pipeline"].tolist() == ["monthly_revenue"]
    at.selectbox(key="runs_status").set_value(None).run()
    # every trigger offered is one a run can have: the chat answers questions without recording a run
    assert at.selectbox(key="runs_trigger").options == ["All", "manual", "schedule", "api", "cli"]
    at.selectbox(key="runs_trigger").set_value("schedule").run()
    assert "No runs yet" in at.info[0].value


def test_a_failed_run_shows_its_error_step_and_log(history):
    engine, open_page = history
    at = open_page()
    assert at.selectbox(key="open_run").value == 2  # the newest is open
    assert at.error[0].value.startswith("Failed (step 2): Step 2 (filter): column 'quantiy' does not exist.")
    log = next(frame.value for frame in at.dataframe if "level" in frame.value.columns)
    assert log["level"].tolist() == ["info", "error", "error"]
    assert log["message"].tolist()[1] == ("step failed: step 2 filter: Step 2 (filter): column 'quantiy' does not exist. "
                                          "Did you mean 'quantity'?")


def test_a_run_shows_steps_outputs_and_runs_again(history):
    engine, open_page = history
    at = open_page()
    at.selectbox(key="open_run").set_value(1).run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Rows in"] == "6,000" and metrics["Rows out"] == "384" and metrics["Trigger"] == "cli"
    steps = next(frame.value for frame in at.dataframe if "summary" in frame.value.columns)
    assert steps["type"].tolist()[0] == "source" and steps["type"].tolist()[-1] == "output"
    timeline = next(chart for chart in at.get("plotly_chart") if chart.key == "timeline_1")
    bars = json.loads(timeline.proto.spec)["data"][0]
    assert bars["x"][0] == 6000 and bars["y"][-1] == "9 output"  # rows after each step (a fused run has no step times)
    (download,) = at.get("download_button")
    assert download.proto.label == "Download monthly_revenue.parquet"
    next(b for b in at.button if b.label == "Run again").click().run()
    assert at.success[0].value == "Started 'monthly_revenue' again."
    deadline = time.monotonic() + 60
    while [r.status for r in _runs(engine)][-1] != "succeeded":
        assert time.monotonic() < deadline
        time.sleep(0.1)
    assert [r.trigger for r in _runs(engine)] == ["cli", "api", "manual"]


def test_a_fused_run_says_why_its_steps_have_no_times_and_runs_again_timing_each(history):
    engine, open_page = history
    at = open_page()
    at.selectbox(key="open_run").set_value(1).run()
    assert [c.value for c in at.caption if c.value.startswith("This run ran its steps fused into one plan")]
    next(b for b in at.button if b.label == "Run again, timing each step").click().run()
    assert at.success[0].value == "Started 'monthly_revenue' again, timing each step."
    timed = _finished(engine, 3)
    assert all(s["duration_s"] is not None for s in timed.steps) and timed.trigger == "manual"
    at = open_page()  # the list now holds the new run
    at.selectbox(key="open_run").set_value(timed.id).run()
    timeline = json.loads(next(c for c in at.get("plotly_chart") if c.key == f"timeline_{timed.id}").proto.spec)
    assert timeline["layout"]["xaxis"]["title"]["text"] == "seconds from the start of the run"
    assert [s["duration_s"] for s in timed.steps] == timeline["data"][0]["x"]
    assert not [c.value for c in at.caption if c.value.startswith("This run ran its steps fused")]


def test_cancel_asks_a_running_run_to_stop(history):
    engine, open_page = history
    with session_scope(engine) as session:
        running = PipelineRun(pipeline_name="monthly_revenue", status="running", runner=pipelines.this_runner())
        session.add(running)
    at = open_page()
    assert at.selectbox(key="open_run").value == running.id
    next(b for b in at.button if b.label == "Cancel run").click().run()
    with Session(engine) as session:
        assert session.get(PipelineRun, running.id).cancel_requested


def test_at_a_glance_shows_schedules_and_a_stopped_scheduler(history):
    engine, open_page = history
    with session_scope(engine) as session:
        rule = schedules.cron_rule("0 6 * * 1-5", "Europe/Berlin")
        schedules.set_schedule(session, pipelines.get_pipeline(session, "monthly_revenue"), rule)
    at = open_page()
    assert at.warning[0].value.startswith("No scheduler is running: schedules fire only while the app is open")
    frames = [frame.value for frame in at.dataframe]
    upcoming = next(f for f in frames if "when" in f.columns)
    assert upcoming["pipeline"].tolist() == ["monthly_revenue"] * 3
    assert upcoming["rule"].tolist()[0] == "At 06:00, Monday through Friday (Europe/Berlin)"
    assert {chart.key for chart in at.get("plotly_chart")} == {"per_day", "durations"}  # the open run failed before any step


def test_at_a_glance_shows_a_silent_and_a_stopped_scheduler_and_what_retention_removed(history):
    engine, open_page = history
    now = utcnow()
    with session_scope(engine) as session:  # the poll is 5 s: no beat for 20 s reads as silent (killed, or asleep)
        session.add(SchedulerHeartbeat(runner="box:11:1", kind="app", started_at=now - dt.timedelta(hours=2),
                                       beat_at=now - dt.timedelta(minutes=2), state="running", schedules=1))
        session.add(SchedulerHeartbeat(runner="box:12:1", kind="worker", started_at=now - dt.timedelta(hours=3),
                                       beat_at=now - dt.timedelta(hours=1), state="stopped", schedules=1,
                                       retention="2026-12-02 06:00 UTC: nothing older than 30 days"))
    at = open_page()
    assert at.warning[0].value.startswith("No scheduler is running: schedules fire only while the app is open")
    table = next(frame.value for frame in at.dataframe if "last heartbeat" in frame.value.columns)
    assert table[["process", "kind", "state"]].values.tolist() == [["box:11:1", "app", "silent"],
                                                                   ["box:12:1", "worker", "stopped"]]
    assert table["last retention"].tolist()[1] == "2026-12-02 06:00 UTC: nothing older than 30 days"
    with session_scope(engine) as session:
        session.add(SchedulerHeartbeat(runner="box:13:1", kind="worker", state="running"))
    at = open_page()
    assert not [w for w in at.warning if w.value.startswith("No scheduler is running")]
    table = next(frame.value for frame in at.dataframe if "last heartbeat" in frame.value.columns)
    assert table["state"].tolist() == ["running", "silent", "stopped"]


def test_the_dates_filter_keeps_the_runs_started_on_those_days(history):
    engine, open_page = history
    with session_scope(engine) as session:
        older = session.get(PipelineRun, 1)
        older.created_at = utcnow() - dt.timedelta(days=3)
        session.add(older)
    today = utcnow().date()
    at = open_page()
    at.date_input(key="runs_dates").set_value((today - dt.timedelta(days=4), today - dt.timedelta(days=2))).run()
    assert at.dataframe[0].value["id"].tolist() == [1]
    at.date_input(key="runs_dates").set_value((today, today)).run()
    assert at.dataframe[0].value["id"].tolist() == [2]
    at.date_input(key="runs_dates").set_value((today - dt.timedelta(days=30), today - dt.timedelta(days=10))).run()
    assert "No runs yet" in at.info[0].value


def test_a_run_shows_the_parameters_it_ran_with(history):
    engine, open_page = history
    settings = Settings.load()
    pipelines.run_pipeline(engine, settings, pipelines.RunRequest("monthly_revenue", params={"since": "2024-06-01"}))
    at = open_page()
    assert at.selectbox(key="open_run").value == 3
    assert "**Parameters**" in [m.value for m in at.markdown]
    assert json.loads(at.json[0].proto.body) == {"since": "2024-06-01"}


def _finished(engine, count: int) -> PipelineRun:
    """The newest run, once there are ``count`` runs and it has finished."""
    deadline = time.monotonic() + 60
    while len(_runs(engine)) < count or _runs(engine)[-1].status in ("queued", "running"):
        assert time.monotonic() < deadline
        time.sleep(0.1)
    return _runs(engine)[-1]


def _runs(engine) -> list[PipelineRun]:
    with Session(engine) as session:
        return list(session.exec(select(PipelineRun).order_by(PipelineRun.id)))
