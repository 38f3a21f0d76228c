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


class HeldProgress:
    """Lets the server's messages through to the page until the one that ticks off step 3 of a run, then holds the
    rest back until released: the page stays as it was mid-run for as long as the test looks (a run of 6,000 rows
    takes a tenth of a second), then catches up in order. Only the messages are delayed; the app runs as it would."""

    PROGRESS = re.compile("✓ Step 3 \\(".encode())  # a new line in the status box: never merged with later ones

    def __init__(self, page) -> None:
        self.armed = self.holding = False
        self.held: list = []
        page.route_web_socket(re.compile(r"/_stcore/stream$"), self._route)

    def _route(self, ws) -> None:
        server = ws.connect_to_server()
        ws.on_message(server.send)

        def from_server(message) -> None:
            if self.holding:
                self.held.append(message)
                return
            ws.send(message)
            data = message if isinstance(message, bytes) else message.encode()
            self.holding = self.armed and bool(self.PROGRESS.search(data))
        server.on_message(from_server)
        self.ws = ws

    def release(self) -> None:
        self.armed = self.holding = False
        for message in self.held:
            self.ws.send(message)
        self.held.clear()


def click_when_settled(page, name: str) -> None:
    """Click a button once the page has finished its run, so the click is not lost to a rerun."""
    settle(page)
    page.get_by_role("button", name=name).click()


def expect_output(page, *, rows: int, rows_in: int, columns: int, has_gross: bool) -> None:
    """The selected step's output: its rows, its columns, and its preview's column types."""
    expect(page.get_by_test_id("stMetricValue")).to_have_text([f"{rows:,}", str(columns), "0"])
    expect(page.get_by_text(f"What changed: {rows:,} of {rows_in:,} rows kept.")).to_be_visible()
    settle(page)  # the previous run's caption is gone
    types = page.get_by_text(re.compile(r"^First 50 rows\. Types: order_id \(string\)"))
    (expect(types).to_contain_text if has_gross else expect(types).not_to_contain_text)("gross (float)")


def alert(page, text: str):
    return page.get_by_test_id("stAlert").filter(has_text=text).first


def step_button(page, position: int):
    """The step's row in the list (its label starts with its position)."""
    return page.get_by_role("button", name=re.compile(rf"^{position}\. "))


def sortable_items(page):
    frame = page.frame_locator('iframe[title="streamlit_sortables.sortable_items"]')
    return frame.locator(".sortable-item:not(.dragging)")


def test_build_drag_break_fix_save_run_and_download(page, shot, tmp_path):
    run_view = HeldProgress(page)

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
    settle(page)
    shot("builder-1-six-steps")

    # the filter's output before the move: the big orders, with the column derived before it
    step_button(page, 3).click()
    expect(page.get_by_role("heading", level=3, name="Step 3: filter")).to_be_visible()
    expect_output(page, rows=BIG.height, rows_in=ORDERS.height, columns=len(ORDERS.columns) + 1, has_gross=True)
    settle(page)

    # drag the filter above the derive step: it now names a column that does not exist yet, so it is marked,
    # and its output is what reaches it (every order, no gross column)
    items = sortable_items(page)
    items.filter(has_text="filter gross > 500").drag_to(items.filter(has_text="derive gross"), steps=10)
    expect(step_button(page, 2)).to_contain_text("2. ⚠ filter gross > 500")
    expect(alert(page, "Step 2 (filter): column 'gross' does not exist")).to_be_visible()
    expect(page.get_by_role("heading", level=3, name="Step 2: filter")).to_be_visible()
    expect_output(page, rows=ORDERS.height, rows_in=ORDERS.height, columns=len(ORDERS.columns), has_gross=False)
    expect(page.get_by_text("Unsaved changes").first).to_be_visible()
    settle(page)
    shot("builder-2-dragged-broken")

    # undo the move: checked again, and the rows come back to the filter's count
    page.get_by_role("button", name="Undo").click()
    expect(step_button(page, 3)).to_contain_text(f"3. filter gross > 500 · {BIG.height:,} rows")
    expect(page.get_by_text("every step checks out").first).to_be_visible()
    expect_output(page, rows=BIG.height, rows_in=ORDERS.height, columns=len(ORDERS.columns) + 1, has_gross=True)

    # a typo in the expression is shown at the derive step, with the column it probably meant; Save refuses it
    settle(page)
    step_button(page, 2).click()
    type_into(page, "Expression", "quantity * unit_prise")
    expect(alert(page, "Step 2 (derive): column 'unit_prise' does not exist")).to_contain_text("Did you mean 'unit_price'?")
    expect(step_button(page, 2)).to_contain_text("2. ⚠ derive")
    click_when_settled(page, "Save")
    expect(alert(page, "Not saved: Step 2 (derive): column 'unit_prise' does not exist")).to_be_visible()
    expect(page.get_by_text("Unsaved changes").first).to_be_visible()
    settle(page)
    shot("builder-3-typo-at-its-step")

    type_into(page, "Expression", "quantity * unit_price")
    expect(page.get_by_text("every step checks out").first).to_be_visible()
    expect(alert(page, "Not saved")).to_have_count(0)
    expect(page.get_by_test_id("stMetricValue").first).to_have_text(f"{ORDERS.height:,}")
    settle(page)
    shot("builder-4-fixed")

    click_when_settled(page, "Save")
    expect(page.get_by_text("Saved 'big orders by month'.")).to_be_visible()
    expect(page.get_by_text("✓ Saved").first).to_be_visible()
    settle(page)
    shot("builder-5-saved")

    # run it: the status box follows the steps while the run goes, then the result offers the CSV
    page.get_by_role("tab", name="Run").click()
    expect(page.get_by_role("button", name="Run now")).to_be_visible()
    settle(page)
    run_view.armed = True
    click_when_settled(page, "Run now")
    # the page mid-run (held there): three steps ticked off, the status box running, no outcome yet
    running = page.get_by_test_id("stExpander").filter(has_text=re.compile(r"Running big orders|Step \d of 6: "))
    expect(running.get_by_text(re.compile(r"✓ Step \d \("))).to_have_count(3, timeout=30_000)
    expect(running.get_by_text(re.compile(rf"✓ Step 3 \(filter\): {BIG.height:,} rows in [\d.]+ s"))).to_be_visible()
    assert run_view.holding, "the page was not held mid-run"
    expect(page.get_by_text("big orders by month: succeeded")).to_have_count(0)
    running.scroll_into_view_if_needed()
    shot("builder-6-running")
    run_view.release()
    status = page.get_by_test_id("stExpander").filter(has_text="big orders by month: succeeded")
    expect(status).to_be_visible()
    expect(status.get_by_text(re.compile(r"✓ Step \d \("))).to_have_count(6)  # one line per step as it finished
    status.locator("summary").click()  # folded once the run succeeded: the step lines are inside
    expect(status.get_by_text(re.compile(rf"✓ Step 3 \(filter\): {BIG.height:,} rows in [\d.]+ s"))).to_be_visible()
    expect(status.get_by_text(re.compile(r"✓ Step 5 \(limit\): 100 rows in [\d.]+ s"))).to_be_visible()
    expect(page.get_by_text(re.compile(rf"Run \d+ succeeded: {ORDERS.height:,} rows in, 100 rows out"))).to_be_visible()
    download_button = page.get_by_role("button", name="Download big_orders.csv (100 rows)")
    expect(download_button).to_be_visible()
    settle(page)
    download_button.scroll_into_view_if_needed()
    shot("builder-7-result-and-download")
    with page.expect_download() as download:
        download_button.click()
    saved = tmp_path / "big_orders.csv"
    download.value.save_as(saved)
    written = pl.read_csv(saved, try_parse_dates=True)
    assert written.columns == [*ORDERS.columns, "gross", "month"] and written.height == 100
    assert written["order_id"].is_unique().all() and set(written["order_id"]) <= set(BIG["order_id"])
    assert (written["gross"] > 500).all()
    assert ((written["gross"] - written["quantity"] * written["unit_price"]).abs() < 1e-6).all()
    assert (written["month"] == written["order_date"].dt.truncate("1mo")).all()
