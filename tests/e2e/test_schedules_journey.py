"""An analyst schedules the sample pipeline, sees when it runs, runs it now, follows it in run history, downloads it."""

from __future__ import annotations

import re

import polars as pl
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import choose, settle

pytestmark = pytest.mark.e2e


def test_schedule_run_now_follow_and_download(page, shot, tmp_path):
    page.goto("/")
    settle(page)  # the first run of app.py draws the navigation (until then the sidebar lists pages/ by file)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Schedules", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Schedules")).to_be_visible()
    choose(page, "Pipeline", "monthly_revenue")
    choose(page, "Repeat", "Weekdays at a time")
    upcoming = page.get_by_test_id("stMarkdown").filter(has_text=" at 06:00 UTC (in ").locator("li")
    # the weekday list, not the daily one shown before the rerun: waited for, not read at once (a loaded CI
    # machine read the daily list, Saturday in it, before the rerun drew the new one)
    expect(upcoming.filter(has_text=re.compile(r"^(Sat|Sun) "))).to_have_count(0, timeout=20_000)
    expect(upcoming).to_have_count(5)
    for item in upcoming.all_inner_texts():
        assert not item.startswith(("Sat", "Sun")), item
    page.get_by_role("button", name="Save schedule").click()
    expect(page.get_by_text("Saved the schedule of 'monthly_revenue': At 06:00, Monday through Friday (UTC)")).to_be_visible()
    shot("schedules")

    page.get_by_role("button", name="Run now").click()
    expect(page.get_by_text("Started 'monthly_revenue'. Follow it in Run history.")).to_be_visible()

    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Run history", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Run history")).to_be_visible()
    choose(page, "Pipeline", "monthly_revenue")
    choose(page, "Trigger", "manual")
    detail = page.get_by_role("heading", level=3).filter(has_text="monthly_revenue")
    expect(detail).to_contain_text("succeeded", timeout=60_000)  # live: the fragment refreshes while it runs
    expect(page.get_by_test_id("stMetricValue").nth(3)).to_have_text("384")  # rows out
    expect(page.get_by_test_id("stPlotlyChart").first.locator(".bars .point")).to_have_count(9)  # one bar per step
    detail.scroll_into_view_if_needed()
    shot("run-history")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download monthly_revenue.parquet").click()
    saved = tmp_path / "monthly_revenue.parquet"
    download.value.save_as(saved)
    frame = pl.read_parquet(saved)
    assert frame.height == 384 and frame.columns[:3] == ["month", "region", "category"]

    page.get_by_role("tab", name="At a glance").click()
    panel = page.get_by_role("tabpanel").filter(has_text="Upcoming runs")
    expect(panel.get_by_text("No scheduler is running")).to_have_count(0)  # the app's own scheduler beats
    upcoming_grid = panel.get_by_test_id("stDataFrame").nth(1).locator("table[role=grid]")
    expect(upcoming_grid).to_have_attribute("aria-rowcount", "4")  # three upcoming runs + the header
