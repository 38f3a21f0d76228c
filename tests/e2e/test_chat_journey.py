"""The chat in a real browser: attach a CSV, ask, follow up, see chart and plan, save as pipeline, switch back."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import settle

SALES = """Sold On,Shop,Units,Amount ($)
2024-01-03,Leeds,3,30.5
2024-01-17,York,1,12.0
2024-02-02,Leeds,2,20.0
2024-02-20,Bath,5,75.25
2024-03-08,York,4,40.0
2024-03-21,Leeds,1,10.0
"""


def ask(page, text: str, replies: int) -> None:
    settle(page)
    page.get_by_test_id("stChatInputTextArea").fill(text)
    page.get_by_test_id("stChatInputSubmitButton").click()
    expect(page.get_by_test_id("stChatMessage")).to_have_count(replies)


def attach(page, path) -> None:
    """Choose a file in the chat input. A rerun still in flight (from the click before) can replace the
    input and drop the choice, so wait for the run to end, and choose again until the file's chip shows."""
    chat_input = page.get_by_test_id("stChatInput")
    for _ in range(3):
        settle(page)
        chat_input.locator("input[type=file]").set_input_files(path)
        try:
            expect(chat_input).to_contain_text(path.name, timeout=5_000)
            return
        except AssertionError:
            continue
    expect(chat_input).to_contain_text(path.name)


def test_attach_ask_follow_up_save_and_switch(page, shot, tmp_path):
    csv_file = tmp_path / "shop_sales.csv"
    csv_file.write_text(SALES)
    page.goto("/")
    expect(page.get_by_role("heading", level=1, name="Chat")).to_be_visible()
    page.get_by_role("button", name="Start a new conversation").click()
    expect(page.get_by_test_id("stChatMessage")).to_have_count(0)

    attach(page, csv_file)
    ask(page, "total amount by shop", 4)  # attachment + its summary, the question + its answer
    messages = page.get_by_test_id("stChatMessage")
    expect(messages.nth(1)).to_contain_text("Added 'shop_sales'. It has 6 rows and 4 columns")
    answer = messages.nth(3)
    expect(answer).to_contain_text("Total Amount ($) by Shop")
    expect(answer).to_contain_text("first is Bath with 75.25")
    expect(answer.get_by_test_id("stPlotlyChart")).to_be_visible()
    answer.get_by_test_id("stExpander").filter(has_text="How this was computed").locator("summary").click()
    expect(answer).to_contain_text("Group by Shop")
    expect(answer.get_by_test_id("stCode")).to_contain_text('SUM("Amount ($)")')

    ask(page, "and by month?", 6)  # a follow-up: the same measure, now per month too
    expect(messages.nth(5)).to_contain_text("Total Amount ($) by month, Shop")
    ask(page, "top 1 shop by units", 8)
    last = messages.nth(7)
    expect(last).to_contain_text("Total Units by Shop")
    expect(last).to_contain_text("Leeds has the highest total Units: 6")
    shot("chat-answer")

    last.get_by_role("button", name="Save as pipeline").click()
    name = page.get_by_role("textbox", name="Pipeline name").last
    name.fill("best shop by units")
    page.get_by_test_id("stPopoverBody").get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("Saved as pipeline 'best shop by units'")

    # another conversation, then back: the earlier answers are still there
    page.get_by_test_id("stSidebar").get_by_role("button", name="Start a new conversation").click()
    expect(page.get_by_test_id("stChatMessage")).to_have_count(0)
    page.get_by_test_id("stSidebar").get_by_role("button", name="About shop_sales").click()
    expect(page.get_by_test_id("stChatMessage")).to_have_count(8)
    expect(page.get_by_test_id("stChatMessage").nth(3)).to_contain_text("first is Bath with 75.25")
    expect(page.get_by_test_id("stChatMessage").nth(7).get_by_test_id("stPlotlyChart")).to_be_visible()
    shot("chat-back-to-conversation")

    # a word the chat cannot place: no number, the question back with the reading it can do; choosing answers
    ask(page, "total amount by shop at the flagship branches", 10)
    back = messages.nth(9)
    expect(back).to_contain_text("I could not place 'flagship', 'branches'")
    expect(back.get_by_test_id("stPlotlyChart")).to_have_count(0)
    settle(page)
    back.get_by_role("button", name="1. total Amount ($) by Shop, leaving out").click()
    expect(messages).to_have_count(12)
    chosen = messages.nth(11)
    expect(chosen).to_contain_text("first is Bath with 75.25")

    # the reading as chips: read 'amount' as Units instead, and the answer is computed again
    settle(page)
    chosen.get_by_role("button", name="amount → total Amount ($)").click()
    page.get_by_test_id("stPopoverBody").get_by_role("button", name="Units", exact=True).click()
    expect(messages).to_have_count(14)
    expect(messages.nth(12)).to_contain_text("Read 'amount' as Units")
    expect(messages.nth(13)).to_contain_text("Total Units by Shop: 3 rows; first is Leeds with 6")
    shot("chat-question-back-and-chip")
