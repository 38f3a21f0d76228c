"""The chat page through AppTest: questions, follow-ups, attachments, chips, conversations, save as pipeline."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

LEAGUE = b"Team,Points,Played On\nRed,3,2024-01-05\nBlue,5,2024-01-06\nRed,4,2024-02-01\n"


@pytest.fixture
def app(launch):
    return lambda samples=True: launch(samples)


def say(at: AppTest, text: str) -> AppTest:
    at.chat_input[0].set_value(text).run()
    assert not at.exception, at.exception
    return at


def last_reply(at: AppTest):
    return at.chat_message[-1]


def test_the_chat_opens_first_with_the_samples_in_play(app):
    at = app()
    assert at.title[0].value == "Chat"
    assert at.multiselect[0].value == ["orders", "customers", "products"] or \
        sorted(at.multiselect[0].value) == ["customers", "orders", "products"]
    assert [b.label for b in at.button if b.key and b.key.startswith("chip_")], "suggestion chips from the data"


def test_a_question_gets_text_table_chart_and_plan(app):
    at = say(app(), "revenue by region")
    reply = last_reply(at)
    assert reply.name == "assistant" and reply.markdown[0].value.startswith("Total revenue by region")
    assert list(reply.dataframe[0].value.columns) == ["region", "total revenue"]
    figure = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert figure["data"][0]["type"] == "bar"
    assert "GROUP BY" in reply.code[0].value
    assert [b.label for b in at.get("download_button")] == ["CSV", "Excel"]
    follow = say(at, "and by month?")
    assert follow.chat_message[-1].markdown[0].value.startswith("Total revenue by month")
    assert len(follow.chat_message) == 4


def test_an_attached_file_is_summarised_and_put_in_play(app):
    at = app(samples=False)
    at.chat_input[0].upload("league.csv", LEAGUE, "text/csv").set_value("total points by team").run()
    assert not at.exception
    texts = [m.markdown[0].value for m in at.chat_message]
    assert texts[0] == "Attached league.csv" and texts[1].startswith("Added 'league'. It has 3 rows and 3 columns")
    assert texts[-1] == "Total Points by Team: 2 rows; first is Red with 7. (From 'league'.)"
    assert at.multiselect[0].value == ["league"]


def test_a_bad_attachment_is_explained(app):
    at = app(samples=False)
    at.chat_input[0].upload("blank.csv", b"", "text/csv").run()
    assert "I could not read blank.csv" in last_reply(at).markdown[0].value
    assert at.multiselect[0].value == []


def test_a_chip_asks_its_question(app):
    at = app()
    chip = next(b for b in at.button if b.key and b.key.startswith("chip_"))
    chip.click().run()
    assert at.chat_message[0].markdown[0].value == chip.label
    assert at.chat_message[1].name == "assistant"


def test_conversations_are_kept_renamed_and_deleted(app):
    at = say(app(), "how many orders")
    first_title = "How many orders"
    assert at.sidebar.button(key=f"open_{1}").label.startswith(f"{first_title} · ")  # and the date it was used
    at.sidebar.button[0].click().run()  # new conversation
    assert len(at.chat_message) == 0
    say(at, "total quantity")
    at.sidebar.button(key="open_1").click().run()  # back to the first: its answer is still there
    assert at.chat_message[1].markdown[0].value.startswith("There are 6,000 rows in orders")
    at.sidebar.text_input(key="title_1").set_value("Order count").run()
    at.sidebar.button(key="rename").click().run()
    assert at.sidebar.button(key="open_1").label.startswith("Order count · ")
    at.sidebar.checkbox(key="confirm_delete_1").check().run()
    at.sidebar.button(key="delete").click().run()
    assert "Deleted 'Order count'." in [s.value for s in at.success]
    assert [b.label.split(" · ")[0] for b in at.sidebar.button if b.key and b.key.startswith("open_")] == ["Total quantity"]


def test_save_as_pipeline_confirms_by_name_and_refuses_a_taken_name(app):
    at = say(app(), "revenue by channel")
    message_key = next(t.key for t in at.text_input if t.key and t.key.startswith("pipeline_name_"))
    assert at.text_input(key=message_key).value == "revenue_by_channel"
    save = message_key.replace("pipeline_name_", "save_")
    at.button(key=save).click().run()
    assert "Saved as pipeline 'revenue_by_channel'." in at.success[0].value
    assert at.toast[0].value.startswith("Saved as pipeline 'revenue_by_channel'.")
    # the name is now taken: said beside the name, Save held back (no error at the top of the page)
    assert "A pipeline called 'revenue_by_channel' already exists" in " ".join(c.value for c in at.caption)
    assert at.button(key=save).disabled
    at.text_input(key=message_key).set_value("channel revenue").run()
    at.button(key=save).click().run()
    assert "Saved as pipeline 'channel revenue'." in at.success[0].value
    assert not at.error


def test_unanswerable_questions_get_help_not_a_guess(app):
    at = say(app(), "flux capacitor readings")
    reply = last_reply(at).markdown[0].value
    assert reply.startswith("I can't answer that") and "For example" in reply
    assert not last_reply(at).dataframe


def test_the_tables_in_play_are_said_above_the_input_and_can_be_changed(app):
    at = app()
    assert "**orders** (6,000 rows)" in at.caption[-1].value
    at.multiselect[0].set_value(["products"]).run()
    assert at.caption[-1].value == "Asking about: **products** (40 rows)"
    say(at, "average list price by category")
    assert last_reply(at).markdown[0].value.startswith("Average list_price by category")
