"""What a new user tripped on in the chat (issue 13), through the page: the attached file in play and named,
blanks, ties at a cut, every grouping value said, sums without float noise, periods by name, one way to a new
conversation, and Save as pipeline only where it works."""

from __future__ import annotations

import io
import json

import polars as pl
import pytest
import xlsxwriter
from streamlit.testing.v1 import AppTest

from etl_core import exports


def shop_csv() -> bytes:
    """48 order lines: a category left blank on some, two channels, amounts in cents, 12 postal codes kept
    as text (leading zeros), one line a week from 2024-10-07 (four quarters' worth of months)."""
    lines = ["category,channel,revenue,postal_code,day"]
    for i in range(48):
        category = ["Electronics", "", "Garden", "Toys"][i % 4]
        channel = ["Web", "Store"][i % 2]
        day = pl.date_range(pl.date(2024, 10, 7), pl.date(2025, 12, 31), "1w", eager=True)[i]
        revenue = 20.05 if not category else [0.1, 0.2, 10.05][i % 3]
        lines.append(f"{category},{channel},{revenue},{i % 12:05d},{day}")
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def shop(launch):
    """The app with the samples, and shop.csv attached in the chat."""
    at = launch(True)
    at.chat_input[0].upload("shop.csv", shop_csv(), "text/csv").run()
    assert not at.exception, at.exception
    return at


def say(at: AppTest, text: str) -> AppTest:
    at.chat_input[0].set_value(text).run()
    assert not at.exception, at.exception
    return at


def reply(at: AppTest) -> str:
    return at.chat_message[-1].markdown[0].value


def figure(at: AppTest) -> dict:
    return json.loads(at.get("plotly_chart")[-1].proto.spec)


def test_the_attached_file_is_the_table_in_play_and_the_answer_names_it(shop):
    assert shop.multiselect[0].value == ["shop"], "the samples leave play when a file is attached"
    # 'category' is a column of the sample products too: the attached table answers, and says so
    at = say(shop, "which category has the most revenue")
    assert reply(at).endswith("(From 'shop'.)")
    assert at.chat_message[-1].dataframe[0].value["category"].tolist() == ["(blank)"]
    at.multiselect[0].set_value(["shop", "orders"]).run()  # the samples can be picked back
    assert reply(say(at, "revenue by region")).endswith("(From 'orders'.)")


def test_blanks_read_blank_in_the_sentence_the_table_and_the_chart(shop):
    at = say(shop, "revenue by category")
    assert "(blank)" in reply(at) and "None" not in reply(at)
    assert "(blank)" in at.chat_message[-1].dataframe[0].value["category"].tolist()
    assert "(blank)" in figure(at)["data"][0]["x"]


def tills_csv() -> bytes:
    """12 till totals: a store number left blank on 3, a day left blank on 3 others."""
    lines = ["store_id,day,amount"]
    for i in range(12):
        store = "" if i % 4 == 1 else str(10 + i % 3)
        day = "" if i % 4 == 3 else f"2024-10-{1 + i % 3:02d}"
        lines.append(f"{store},{day},{10.5 + i}")
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def tills(launch):
    at = launch(True)
    at.chat_input[0].upload("tills.csv", tills_csv(), "text/csv").run()
    assert not at.exception, at.exception
    return at


def test_a_blank_number_group_reads_blank_in_the_table_as_in_the_sentence_and_the_chart(tills):
    at = say(tills, "amount by store_id")
    shown = at.chat_message[-1].dataframe[0].value
    assert shown["store_id"].tolist() == ["11", "12", "(blank)", "10"], "not NaN or None"
    assert figure(at)["data"][0]["x"] == ["11", "12", "(blank)", "10"]
    from etl_core import conversations
    from etl_core.config import Settings
    from etl_core.db import open_database, session_scope

    with session_scope(open_database(Settings.load(secrets={}).database_url)) as session:
        answer = conversations.messages(session, at.session_state["conversation_id"])[-1]
        csv = exports.to_csv_bytes(conversations.table_from_payload(answer.payload)).decode()
    assert "(blank)" not in csv, "the download keeps the value as it is: empty"


def test_a_blank_day_is_charted_as_blank_beside_the_days(tills):
    at = say(tills, "amount per day")
    assert "the highest is (blank) with 52.50" in reply(at)
    assert at.chat_message[-1].dataframe[0].value["day"].tolist()[-1] == "(blank)"
    chart = figure(at)
    assert chart["data"][0]["x"] == ["2024-10-01", "2024-10-02", "2024-10-03", "(blank)"]
    assert chart["data"][0]["y"][-1] == 52.5


def test_every_grouping_value_is_named_and_codes_are_categories(shop):
    at = say(shop, "revenue by category and channel")
    first = at.chat_message[-1].dataframe[0].value.iloc[0]
    assert f"first is {first['category']} / {first['channel']} with" in reply(at)
    at = say(at, "top 3 postal_code by revenue")
    chart = figure(at)
    assert chart["layout"]["xaxis"]["type"] == "category" and chart["data"][0]["x"][0].startswith("0")


def test_a_top_cut_inside_a_tie_says_so(shop):
    at = say(shop, "top 5 postal_code by count")
    assert "12 postal_code values tie at 4 (number of rows); showing 5 of them." in reply(at)


def test_sums_of_amounts_keep_their_decimals_in_the_table_and_the_download(shop):
    at = say(shop, "total revenue by channel")
    shown = at.chat_message[-1].dataframe[0].value
    frame = pl.read_csv(shop_csv())
    noisy = frame.group_by("channel").agg(pl.col("revenue").sum())["revenue"].to_list()
    assert any(round(v, 2) != v for v in noisy), "the data gives float noise when summed"
    assert sorted(shown["total revenue"].tolist()) == sorted(round(v, 2) for v in noisy)
    from etl_core import conversations
    from etl_core.config import Settings
    from etl_core.db import open_database, session_scope

    with session_scope(open_database(Settings.load(secrets={}).database_url)) as session:
        answer = conversations.messages(session, at.session_state["conversation_id"])[-1]
        csv = exports.to_csv_bytes(conversations.table_from_payload(answer.payload)).decode()
    assert "82.8" in csv and "000000" not in csv


def test_months_and_quarters_are_named(shop):
    at = say(shop, "revenue per quarter")
    assert "the highest is 2025 Q" in reply(at)
    quarters = at.chat_message[-1].dataframe[0].value["quarter"].tolist()
    assert quarters[:2] == ["2024 Q4", "2025 Q1"]
    assert figure(at)["data"][0]["x"][:2] == ["2024 Q4", "2025 Q1"]
    at = say(at, "revenue per month")
    assert at.chat_message[-1].dataframe[0].value["month"].tolist()[:2] == ["Oct 2024", "Nov 2024"]


def test_an_attached_workbook_names_its_sheets_and_each_is_in_play(launch):
    buffer = io.BytesIO()
    with xlsxwriter.Workbook(buffer) as book:
        for name, rows in {"Sales": [["region", "amount"], ["North", 10], ["South", 20]],
                           "Costs": [["team", "cost"], ["Ops", 5]], "Empty": []}.items():
            sheet = book.add_worksheet(name)
            for r, row in enumerate(rows):
                sheet.write_row(r, 0, row)
    at = launch(True)
    at.chat_input[0].upload("book.xlsx", buffer.getvalue(), "application/octet-stream").run()
    assert not at.exception
    assert reply(at).startswith("book.xlsx has 3 sheets: Sales, Costs, Empty.")
    assert "Added 'book - Sales'." in reply(at) and "Added 'book - Costs'." in reply(at)
    assert at.multiselect[0].value == ["book - Sales", "book - Costs"]
    assert reply(say(at, "total amount")).endswith("(From 'book - Sales'.)")


def test_one_way_to_a_new_conversation_and_titles_told_apart_by_date(launch):
    at = launch(True)
    opened = [b.label for b in at.sidebar.button if b.key and b.key.startswith("open_")]
    assert opened == [], "the untouched new conversation is not listed as a second 'new conversation' button"
    say(at, "total revenue")
    at.sidebar.button(key="new").click().run()
    say(at, "total revenue")
    labels = [b.label for b in at.sidebar.button if b.key and b.key.startswith("open_")]
    assert len(labels) == 2 and all(label.startswith("Total revenue · ") for label in labels)
    assert [b.label for b in at.sidebar.button if "new conversation" in b.label.lower()] == ["Start a new conversation"]


def test_save_as_pipeline_is_offered_only_on_answers_that_can_be_saved(shop):
    at = say(shop, "describe shop")
    assert not [t for t in at.text_input if t.key and t.key.startswith("pipeline_name_")]
    at = say(at, "revenue by channel")
    assert [t.value for t in at.text_input if t.key and t.key.startswith("pipeline_name_")] == ["revenue_by_channel"]
