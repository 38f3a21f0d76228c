"""A new user's journey (issue 13): a two-sheet workbook becomes two sources, each listed and profiled; a file
attached in the chat is the table an answer uses and names, though the samples have the same columns."""

from __future__ import annotations

import pytest
import xlsxwriter
from playwright.sync_api import expect

from tests.e2e.conftest import settle
from tests.e2e.test_chat_journey import ask, attach
from tests.e2e.test_data_sources_journey import open_source, tab

pytestmark = pytest.mark.e2e


def test_both_sheets_of_a_workbook_are_added_listed_and_profiled(page, shot, tmp_path):
    book_file = tmp_path / "plan.xlsx"
    with xlsxwriter.Workbook(book_file) as book:
        for name, rows in {"Budget": [["team", "budget"], ["Ops", 1200.5], ["Sales", 3400.25], ["Data", 900.0]],
                           "Staff": [["team", "people", "since"], ["Ops", 4, "2021-03-01"], ["Sales", 7, "2019-06-15"]]
                           }.items():
            sheet = book.add_worksheet(name)
            for r, row in enumerate(rows):
                sheet.write_row(r, 0, row)

    page.goto("/data_sources")
    expect(page.get_by_role("heading", level=1, name="Data sources")).to_be_visible()
    open_source(page, "orders")
    listed_before = int(page.get_by_test_id("stDataFrame").first.locator("table[role=grid]").get_attribute("aria-rowcount"))
    page.get_by_test_id("stExpander").filter(has_text="Add data").locator("summary").click()
    page.get_by_test_id("stExpanderDetails").get_by_test_id("stFileUploaderDropzoneInput").set_input_files(book_file)

    # the sheets are listed at upload, all picked; each becomes its own source
    picker = page.get_by_test_id("stForm").filter(has_text="plan.xlsx has 2 sheets")
    expect(picker).to_be_visible()
    expect(picker.get_by_test_id("stMultiSelect")).to_contain_text("Budget")
    expect(picker.get_by_test_id("stMultiSelect")).to_contain_text("Staff")
    shot("workbook-sheets-picker")
    picker.get_by_role("button", name="Add sheets").click()
    expect(page.get_by_text("Added 'plan - Budget': 3 rows, 2 columns.")).to_be_visible()
    expect(page.get_by_text("Added 'plan - Staff': 2 rows, 3 columns.")).to_be_visible()
    listing = page.get_by_test_id("stDataFrame").first.locator("table[role=grid]")
    expect(listing).to_have_attribute("aria-rowcount", str(listed_before + 2))

    for name, rows, columns in (("plan - Budget", "3", 2), ("plan - Staff", "2", 3)):
        open_source(page, name)
        tab(page, "Profile")
        panel = page.get_by_role("tabpanel").filter(has_text="Duplicate rows")
        expect(panel.get_by_test_id("stMetricValue").first).to_have_text(rows)
        expect(panel.get_by_test_id("stDataFrame").locator("table[role=grid]")).to_have_attribute(
            "aria-rowcount", str(columns + 1))
    tab(page, "Reader options")
    expect(page.get_by_text("Sheet Staff of plan.xlsx")).to_be_visible()  # said, not a switch that replaces
    shot("workbook-sheet-profiled")


def test_an_attached_file_answers_and_is_named_beside_the_samples(page, shot, tmp_path):
    branches = tmp_path / "branches.csv"
    # 'region' and 'revenue' are columns of the sample orders too
    branches.write_text("region,revenue\nAlpha,120.50\nBeta,80.25\nAlpha,10.00\nGamma,99.99\n")
    page.goto("/")
    expect(page.get_by_role("heading", level=1, name="Chat")).to_be_visible()
    # the conversation it opens on may be a long one from another journey: let it draw, however slow the machine
    new = page.get_by_test_id("stSidebar").get_by_role("button", name="Start a new conversation")
    expect(new).to_be_visible(timeout=90_000)
    settle(page)
    new.click()
    expect(page.get_by_test_id("stChatMessage")).to_have_count(0)
    attach(page, branches)
    ask(page, "which region has the most revenue", 4)
    messages = page.get_by_test_id("stChatMessage")
    expect(messages.nth(1)).to_contain_text("Added 'branches'")
    answer = messages.nth(3)
    expect(answer).to_contain_text("Alpha has the highest total revenue: 130.50")
    expect(answer).to_contain_text("(From 'branches'.)")
    expect(answer.get_by_test_id("stPlotlyChart")).to_be_visible()
    expect(answer.get_by_test_id("stDataFrame").locator("table[role=grid]")).to_have_attribute("aria-rowcount", "2")
    expect(page.get_by_text("Asking about: branches (4 rows)")).to_be_visible()
    shot("chat-attached-table-in-play")
