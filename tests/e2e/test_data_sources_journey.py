"""A new user's first minutes: samples there, upload CSV and Excel, profile, delimiter, delete."""

from __future__ import annotations

import pytest
import xlsxwriter
from playwright.sync_api import expect

from tests.e2e.conftest import choose, settle

pytestmark = pytest.mark.e2e


def tab(page, name: str) -> None:
    settle(page)
    page.get_by_role("tab", name=name).click()


def open_source(page, name: str) -> None:
    choose(page, "Open a source", name)
    expect(page.get_by_role("heading", level=2, name=name)).to_be_visible()


def read_whole(page, grid, row: int, column: int) -> str:
    """A cell's text, checked to be shown whole as a person would check it: select the cell (click its row, arrow
    right), press Enter for the grid's view of the whole text. That view opens at the cell's width (its min-width)
    and grows only for text the cell cuts."""
    view = page.locator("[id^=gdg-overlay-]")
    for _ in range(5):  # a rerun that redraws the grid between the click and Enter loses the selection: again
        canvas = grid.get_by_test_id("data-grid-canvas")
        canvas.wait_for(state="visible", timeout=60_000)  # a busy machine redraws the grid slowly (a CI run failed at 20 s)
        box = canvas.bounding_box()
        page.mouse.click(box["x"] + 20, box["y"] + 35 * (row + 1) + 17)  # rows (and the heading) are 35 px high
        for _ in range(column):
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Enter")
        try:
            expect(view).to_be_visible(timeout=4_000)
            break
        except AssertionError:
            page.keyboard.press("Escape")
    expect(view).to_be_visible()
    text = view.locator("textarea").input_value()
    needed, cell = view.evaluate("e => [e.getBoundingClientRect().width, parseFloat(getComputedStyle(e).minWidth)]")
    page.keyboard.press("Escape")
    expect(view).to_have_count(0)
    assert needed <= cell, f"{text!r} is cut: it needs {needed:.0f} px, its cell has {cell:.0f}"
    return text


def test_upload_profile_delimiter_and_delete(page, shot, tmp_path):
    csv_file = tmp_path / "cities.csv"
    csv_file.write_text("city;sales;day\nLeeds;1134500.5;2024-03-05 10:00:15\nYork;1135500.25;2024-03-06 11:30:00\n"
                        "Bath;1136501.5;2024-03-07 09:05:00\n")
    xlsx_file = tmp_path / "budget.xlsx"
    with xlsxwriter.Workbook(xlsx_file) as book:
        sheet = book.add_worksheet("Plan")
        sheet.write_row(0, 0, ["team", "budget"])
        for r, row in enumerate([["Ops", 1200], ["Sales", 3400], ["Data", 900], ["HR", 450]], start=1):
            sheet.write_row(r, 0, row)

    page.goto("/data_sources")
    expect(page.get_by_role("heading", level=1, name="Data sources")).to_be_visible()
    # the samples were loaded on the first start (another journey may have added a newer source)
    open_source(page, "orders")
    listing = page.get_by_test_id("stDataFrame").first.locator("table[role=grid]")
    listed_before = int(listing.get_attribute("aria-rowcount"))

    page.get_by_test_id("stExpander").filter(has_text="Add data").locator("summary").click()
    page.get_by_test_id("stExpanderDetails").get_by_test_id("stFileUploaderDropzoneInput").set_input_files([csv_file, xlsx_file])
    expect(page.get_by_text("Added 'cities': 3 rows, 3 columns.")).to_be_visible()
    expect(page.get_by_text("Added 'budget': 4 rows, 2 columns.")).to_be_visible()

    # the Excel file: its profile, table and charts
    open_source(page, "budget")
    tab(page, "Profile")
    panel = page.get_by_role("tabpanel").filter(has_text="Duplicate rows")
    expect(panel.get_by_test_id("stMetricValue").first).to_have_text("4")
    profile_grid = panel.get_by_test_id("stDataFrame").locator("table[role=grid]")
    expect(profile_grid).to_have_attribute("aria-rowcount", "3")  # 2 columns + header
    charts = panel.get_by_test_id("stPlotlyChart")
    expect(charts).to_have_count(1)  # 'team' is all different (an identifier): nothing to chart
    expect(charts.first.locator(".gtitle")).to_have_text("budget (integer)")
    expect(charts.first.locator(".bars .point")).to_have_count(4)  # 4 distinct budgets, one bar each
    shot("data-sources-profile")

    # the semicolon file: read it wrongly, then rightly
    open_source(page, "cities")
    tab(page, "Reader options")
    choose(page, "Delimiter", "pipe ('|')")
    page.get_by_role("button", name="Re-read with these options").click()
    expect(page.get_by_text("'cities' re-read with the new options.")).to_be_visible()
    tab(page, "Preview")
    preview = page.get_by_test_id("stDataFrame").nth(1)
    expect(preview.locator("th[role=columnheader]")).to_have_text(["city;sales;day"])
    tab(page, "Reader options")
    choose(page, "Delimiter", "semicolon (';')")
    page.get_by_role("button", name="Re-read with these options").click()
    expect(page.get_by_text("'cities' re-read with the new options.")).to_be_visible()
    tab(page, "Preview")
    expect(preview.locator("th[role=columnheader]")).to_have_text(["city", "sales", "day"])
    expect(preview.get_by_test_id("glide-cell-1-0")).to_have_text("1134500.5")
    shot("data-sources-delimiter")

    # its profile: a datetime min and a 7-digit mean are shown whole, not cut on the left (issue 13)
    tab(page, "Profile")
    panel = page.get_by_role("tabpanel").filter(has_text="Duplicate rows")
    profile_grid = panel.get_by_test_id("stDataFrame")
    expect(profile_grid.locator("table[role=grid]")).to_have_attribute("aria-rowcount", "4")  # 3 columns + header
    assert read_whole(page, profile_grid, 2, 1) == "datetime"  # day's type, not "Datetime(time_unit='us', ..."
    assert read_whole(page, profile_grid, 2, 6) == "2024-03-05 10:00:15"  # day's min
    assert read_whole(page, profile_grid, 1, 8) == "1,135,500.75"  # sales' mean
    shot("data-sources-profile-whole")

    # delete it, asked first
    tab(page, "Manage")
    page.get_by_role("button", name="Delete this source").click()
    expect(page.get_by_text("Delete 'cities' and its stored files?")).to_be_visible()
    page.get_by_role("button", name="Yes, delete it").click()
    expect(page.get_by_text("Deleted 'cities'.")).to_be_visible()
    listing = page.get_by_test_id("stDataFrame").first.locator("table[role=grid]")
    expect(listing).to_have_attribute("aria-rowcount", str(listed_before + 1))  # budget stays, cities gone
    shot("data-sources-after-delete")


def test_a_bad_file_is_explained_in_the_browser(page, tmp_path):
    bad = tmp_path / "report.xlsx"
    bad.write_text("<html><body><table><tr><td>1</td></tr></table></body></html>")
    page.goto("/data_sources")
    page.get_by_test_id("stExpander").filter(has_text="Add data").locator("summary").click()
    page.get_by_test_id("stExpanderDetails").get_by_test_id("stFileUploaderDropzoneInput").set_input_files(bad)
    expect(page.get_by_text("is a web page (HTML) saved with an Excel name")).to_be_visible()
