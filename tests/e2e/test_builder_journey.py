"""A new user builds a pipeline from the sample orders, drags a step, breaks and fixes one, saves, runs, downloads."""

from __future__ import annotations

import re

import polars as pl
import pytest
from playwright.sync_api import expect

from tests.conftest import SAMPLES
from tests.e2e.conftest import choose, settle

pytestmark = pytest.mark.e2e

ORDERS = pl.read_csv(SAMPLES / "orders.csv", try_parse_dates=True)
BIG = ORDERS.filter(pl.col("quantity") * pl.col("unit_price") > 500)


def type_into(page, label: str, text: str, role: str = "textbox") -> None:
    settle(page)
    box = page.get_by_role(role, name=label, exact=True)
    box.fill(text)
    box.press("Enter")


def add_step(page, step_type: str, steps: int) -> None:
    """Add a step from the palette; wait for the step list (an iframe that reports once drawn) to show it. A click
    that lands while the page reruns (the list reporting itself) can be lost: then the step is not there, and it is
    clicked again, as a person would; never twice once it is there."""
    heading = page.get_by_role("heading", level=3, name=re.compile(rf"^Step \d+: {step_type.replace('_', ' ')}$"))
    for _ in range(3):
        settle(page)
        if step_button(page, steps).count():
            break
        palette = page.get_by_test_id("stExpander").filter(has_text="Add a step")
        button = page.locator(f".st-key-add_{step_type}").get_by_role("button").first
        if not button.is_visible():
            palette.locator("summary").click()
        button.click()
        try:
            expect(heading).to_be_visible(timeout=8_000)
            break
        except AssertionError:
            continue
    expect(heading).to_be_visible()
    expect(sortable_items(page)).to_have_count(steps)
    settle(page)


def alert(page, text: str):
    return page.get_by_test_id("stAlert").filter(has_text=text).first


def step_button(page, position: int):
    """The step's row in the list (its label starts with its position)."""
    return page.get_by_role("button", name=re.compile(rf"^{position}\. "))


def sortable_items(page):
    frame = page.frame_locator('iframe[title="streamlit_sortables.sortable_items"]')
    return frame.locator(".sortable-item:not(.dragging)")


def test_build_drag_break_fix_save_run_and_download(page, shot, tmp_path):
    page.goto("/data_sources")
    expect(page.get_by_role("heading", level=1, name="Data sources")).to_be_visible()
    choose(page, "Open a source", "orders")
    page.get_by_role("button", name="Start a pipeline from this source").click()
    expect(page.get_by_role("heading", level=1, name="Pipeline builder")).to_be_visible()
    expect(step_button(page, 1)).to_contain_text(f"1. source orders · {ORDERS.height:,} rows")
    type_into(page, "Name", "big orders by month")

    # five more steps: derive, filter on what was derived, a calendar part, a limit, a CSV output
    # each edit is awaited through what it changes on the page, so the next one goes to the new page
    add_step(page, "derive", 2)
    type_into(page, "Column", "gross")
    expect(alert(page, "Step 2 (derive): 'expression' is not set yet.")).to_be_visible()
    type_into(page, "Expression", "quantity * unit_price")
    expect(step_button(page, 2)).to_contain_text("2. derive gross = quantity * unit_price")
    add_step(page, "filter", 3)
    type_into(page, "Condition", "gross > 500")
    expect(step_button(page, 3)).to_contain_text(f"· {BIG.height:,} rows")
    add_step(page, "date_part", 4)
    choose(page, "Column", "order_date")
    expect(alert(page, "Step 4 (date_part): 'part' is not set yet.")).to_be_visible()
    choose(page, "Part", "month_start")
    expect(step_button(page, 4)).to_contain_text("4. month_start of order_date")
    type_into(page, "Output", "month")
    expect(page.get_by_text("What changed: added month")).to_be_visible()
    add_step(page, "limit", 5)
    type_into(page, "Rows", "100", role="spinbutton")
    expect(step_button(page, 5)).to_contain_text("5. limit · 100 rows")
    add_step(page, "output", 6)
    type_into(page, "Path", "big_orders.csv")
    expect(step_button(page, 6)).to_contain_text("6. output parquet big_orders.csv")
    choose(page, "Format", "csv")
    expect(step_button(page, 6)).to_contain_text("6. output csv big_orders.csv")
    settle(page)
    expect(page.get_by_text("every step checks out").first).to_be_visible()
    expect(sortable_items(page)).to_have_count(6)
    shot("builder-1-six-steps")

    # drag the filter above the derive step: it now names a column that does not exist yet
    step_button(page, 3).click()
    settle(page)
    items = sortable_items(page)
    items.filter(has_text="filter gross > 500").drag_to(items.filter(has_text="derive gross"), steps=10)
    expect(step_button(page, 2)).to_contain_text("2. ⚠ filter gross > 500")
    expect(alert(page, "Step 2 (filter): column 'gross' does not exist")).to_be_visible()
    expect(page.get_by_text("Unsaved changes").first).to_be_visible()
    shot("builder-2-dragged-broken")

    # undo the move: checked again, and the rows come back to the filter's count
    settle(page)
    page.get_by_role("button", name="Undo").click()
    expect(step_button(page, 3)).to_contain_text(f"3. filter gross > 500 · {BIG.height:,} rows")
    expect(page.get_by_text("every step checks out").first).to_be_visible()

    # a typo in the expression is shown at the derive step, with the column it probably meant
    step_button(page, 2).click()
    type_into(page, "Expression", "quantity * unit_prise")
    expect(alert(page, "Step 2 (derive): column 'unit_prise' does not exist")).to_contain_text("Did you mean 'unit_price'?")
    expect(step_button(page, 2)).to_contain_text("2. ⚠ derive")
    shot("builder-3-typo-at-its-step")
    type_into(page, "Expression", "quantity * unit_price")
    expect(page.get_by_text("every step checks out").first).to_be_visible()
    expect(page.get_by_test_id("stMetricValue").first).to_have_text(f"{ORDERS.height:,}")

    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved 'big orders by month'.")).to_be_visible()
    expect(page.get_by_text("✓ Saved").first).to_be_visible()

    # run it: the status box follows the steps, then the result offers the CSV
    settle(page)
    page.get_by_role("tab", name="Run").click()
    page.get_by_role("button", name="Run now").click()
    status = page.get_by_test_id("stExpander").filter(has_text="big orders by month: succeeded")
    expect(status).to_be_visible()
    status.locator("summary").click()  # folded once the run succeeded: the step lines are inside
    expect(status.get_by_text(re.compile(rf"✓ Step 3 \(filter\): {BIG.height:,} rows in [\d.]+ s"))).to_be_visible()
    expect(status.get_by_text(re.compile(r"✓ Step 5 \(limit\): 100 rows in [\d.]+ s"))).to_be_visible()
    expect(page.get_by_text(re.compile(rf"Run \d+ succeeded: {ORDERS.height:,} rows in, 100 rows out"))).to_be_visible()
    shot("builder-4-run")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download big_orders.csv (100 rows)").click()
    saved = tmp_path / "big_orders.csv"
    download.value.save_as(saved)
    written = pl.read_csv(saved)
    assert written.height == 100 and "gross" in written.columns and "month" in written.columns
    assert (written["gross"] > 500).all()

