"""The schedules page through AppTest: presets, the next five runs before saving, clear refusals, save, run now."""

from __future__ import annotations

import time

import pytest
from sqlmodel import Session, select

from etl_core import pipelines, schedules
from etl_core.db import open_database
from etl_core.models import PipelineRun


@pytest.fixture
def app(launch, monkeypatch):
    monkeypatch.setenv("SLUICE_SCHEDULER", "false")  # the page edits schedules; the scheduler is tested on its own
    return launch(True, "pages/schedules.py")


def database(at):
    from etl_core.config import Settings

    return open_database(Settings.load().database_url)


def test_a_preset_shows_its_next_five_runs_and_saves(app):
    at = app
    assert not at.exception and at.caption[0].value == "Not scheduled yet."
    at.selectbox(key="repeat_monthly_revenue").set_value("weekdays").run()
    at.selectbox(key="tz_monthly_revenue").set_value("Europe/Berlin").run()
    upcoming = at.markdown[0].value.splitlines()
    assert len(upcoming) == 5 and all(" at 06:00 CE" in line for line in upcoming)
    assert not any(line.startswith(("- Sat", "- Sun")) for line in upcoming)
    at.button[0].click().run()  # Save schedule
    assert at.success[0].value == ("Saved the schedule of 'monthly_revenue': At 06:00, Monday through Friday "
                                   "(Europe/Berlin)")
    engine = database(at)
    with Session(engine) as session:
        rule = schedules.rule_of(pipelines.get_pipeline(session, "monthly_revenue"))
    assert (rule.cron, rule.timezone, rule.enabled) == ("0 6 * * 1-5", "Europe/Berlin", True)
    table = at.dataframe[0].value
    assert table.loc[0, "pipeline"] == "monthly_revenue" and table.loc[0, "next run"].endswith(")")
    engine.dispose()


def test_a_bad_cron_expression_is_refused_before_saving(app):
    at = app
    at.selectbox(key="repeat_monthly_revenue").set_value("cron").run()
    at.text_input[0].set_value("0 6 * * 1-5 *").run()
    assert at.error[0].value.startswith("'0 6 * * 1-5 *' is not a valid cron expression: it has 6 fields, not 5.")
    assert at.button[0].disabled  # nothing to save
    at.text_input[0].set_value("0 0 30 2 *").run()
    assert "never fires: no date matches it" in at.error[0].value
    at.selectbox(key="repeat_monthly_revenue").set_value("interval").run()
    at.text_input[0].set_value("every hour").run()
    assert at.error[0].value == "'every hour' is not an interval. Write a whole number and s, m, h or d: 30s, 5m, 1h, 1d."


def test_a_webhook_inside_the_network_is_refused(app):
    at = app
    webhook = next(t for t in at.text_input if t.label.startswith("Webhook on failure"))
    webhook.set_value("http://10.0.0.5/hook").run()
    at.button[0].click().run()
    assert "leads to 10.0.0.5, a private address: Sluice does not fetch from inside its own network" in at.error[0].value
    assert at.caption[0].value == "Not scheduled yet."


def test_run_now_starts_a_run_recorded_in_history(app):
    at = app
    at.button[1].click().run()  # Run now
    assert at.success[0].value == "Started 'monthly_revenue'. Follow it in Run history."
    engine = database(at)
    deadline = time.monotonic() + 60
    while True:
        with Session(engine) as session:
            run = session.exec(select(PipelineRun)).first()
        if run and run.status == "succeeded":
            break
        assert time.monotonic() < deadline, run
        time.sleep(0.1)
    assert (run.trigger, run.rows_out) == ("manual", 384)
    engine.dispose()
