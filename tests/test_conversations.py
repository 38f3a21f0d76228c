"""Conversations through the real SQLite database: questions, follow-ups, attachments, save as pipeline."""

from __future__ import annotations

import os
import subprocess
import sys

import pandas as pd
import polars as pl
import pytest
from polars.testing import assert_frame_equal
from sqlmodel import Session, select

from etl_core import conversations, pipelines, sources
from etl_core.errors import ConflictError, InputError, NotFoundError
from etl_core.models import DataSource, Message
from tests.conftest import ROOT, SAMPLES


@pytest.fixture
def samples(session, settings):
    sources.load_samples(session, settings)
    return conversations.new_conversation(session, sources_in_play=["orders", "customers", "products"])


def test_a_question_and_a_follow_up_are_kept(session, settings, engine, samples):
    answer = conversations.ask(session, settings, samples.id, "revenue by region")
    orders = pd.read_csv(SAMPLES / "orders.csv")
    by_region = orders.groupby("region")["revenue"].sum().sort_values(ascending=False)
    assert answer.payload["value"] == pytest.approx(list(by_region)), "a grouped answer's value is its figures"
    assert [row["region"] for row in answer.payload["table"]["rows"]] == list(by_region.index)
    assert answer.payload["plan_words"][0] == "From orders" and "Group by region" in answer.payload["plan_words"]
    assert answer.payload["figure"]["data"][0]["type"] == "bar"
    follow = conversations.ask(session, settings, samples.id, "only for Online")
    online = orders[orders["channel"] == "Online"]
    assert follow.payload["value"] == pytest.approx(list(online.groupby("region")["revenue"].sum().sort_values(ascending=False)))
    assert conversations.get_conversation(session, samples.id).title == "Revenue by region"
    with Session(engine) as fresh:  # a new session (a restart) finds the same answers
        stored = conversations.messages(fresh, samples.id)
        assert [m.role for m in stored] == ["user", "assistant", "user", "assistant"]
        table = conversations.table_from_payload(stored[1].payload)
        assert table.columns == ["region", "total revenue"] and table.height == orders["region"].nunique()
        assert conversations.figure_from_payload(stored[3].payload) is not None


def test_a_question_with_no_tables_in_play_says_what_to_do(session, settings):
    conversation = conversations.new_conversation(session)
    reply = conversations.ask(session, settings, conversation.id, "total revenue")
    assert reply.payload["value"] is None and "attach a file" in reply.text


def test_an_attached_file_becomes_a_source_and_is_summarised(session, settings, samples):
    conversation = conversations.new_conversation(session)
    data = "Team,Points,Played On\nRed,3,2024-01-05\nBlue,5,2024-01-06\nRed,4,2024-02-01\n"
    reply = conversations.attach(session, settings, conversation.id, file_name="league.csv", data=data.encode())
    assert "Added 'league'" in reply.text and "3 rows and 3 columns" in reply.text
    assert reply.payload["suggestions"], "questions that fit the file's columns are suggested"
    chips = conversations.suggested_questions(session, settings, conversations.get_conversation(session, conversation.id))
    assert chips == reply.payload["suggestions"][:4], "the attachment's questions come first as chips"
    assert conversations.get_conversation(session, conversation.id).sources == ["league"]
    answer = conversations.ask(session, settings, conversation.id, "total points by team")
    assert answer.payload["value"] == [7, 5], "the figures, in the table's order"
    assert [row["Team"] for row in answer.payload["table"]["rows"]] == ["Red", "Blue"]


def test_a_large_attachment_says_which_statistics_are_still_being_counted(session, settings, engine):
    import dataclasses

    from etl_core import profile_fill, sources

    large = dataclasses.replace(settings, background_profile_rows=2)
    conversation = conversations.new_conversation(session)
    data = b"Team,Points\nRed,3\nBlue,5\nRed,4\n"
    reply = conversations.attach(session, large, conversation.id, file_name="league.csv", data=data)
    assert ("Its distinct counts, medians, top values, duplicate rows are still being counted; "
            "Data sources shows them when they are done.") in reply.text
    answer = conversations.ask(session, large, conversation.id, "total points by team")
    assert answer.payload["value"] == [7, 5], "answers do not wait for the profile"
    profile_fill.fill_in_background(engine, large, sources.list_sources(session))
    assert profile_fill.wait(60)
    session.expire_all()
    assert "still being counted" not in conversations.summarise_source(sources.get_source(session, "league"))


@pytest.mark.parametrize("file_name, data", [("empty.csv", b""), ("binary.csv", bytes(range(256)) * 4),
                                             ("notes.docx", b"PK\x03\x04 not a table")])
def test_a_bad_attachment_gets_a_reply_and_changes_nothing(session, settings, samples, file_name, data):
    before = session.exec(select(DataSource)).all()
    reply = conversations.attach(session, settings, samples.id, file_name=file_name, data=data)
    assert reply.text.startswith(f"I could not read {file_name}:") and reply.payload["kind"] == "error"
    assert len(session.exec(select(DataSource)).all()) == len(before)
    assert conversations.get_conversation(session, samples.id).sources == ["orders", "customers", "products"]


def test_rename_delete_and_list(session, settings, samples):
    other = conversations.new_conversation(session)
    conversations.ask(session, settings, samples.id, "how many orders")
    assert [c.id for c in conversations.list_conversations(session)][0] == samples.id, "most recent first"
    conversations.rename_conversation(session, samples.id, "  Order counts ")
    assert conversations.get_conversation(session, samples.id).title == "Order counts"
    with pytest.raises(InputError, match="needs a title"):
        conversations.rename_conversation(session, samples.id, "   ")
    conversations.delete_conversation(session, samples.id)
    assert [c.id for c in conversations.list_conversations(session)] == [other.id]
    assert session.exec(select(Message).where(Message.conversation_id == samples.id)).all() == []
    assert sources.get_source(session, "orders"), "data sources outlive the conversation"
    with pytest.raises(NotFoundError):
        conversations.get_conversation(session, samples.id)


def test_only_existing_sources_can_be_in_play(session, samples):
    with pytest.raises(NotFoundError, match="no data source 'nope'"):
        conversations.set_sources(session, samples.id, ["orders", "nope"])
    assert conversations.set_sources(session, samples.id, ["products"]).sources == ["products"]


def test_titles_are_cut_at_a_word():
    assert conversations.title_from("what is the total revenue by region for every single channel in the whole of 2024?") \
        == "What is the total revenue by region for every single channel…"
    assert conversations.title_from("  top 5 products? ") == "Top 5 products"


@pytest.mark.parametrize(("key", "bucket", "values", "shown"), [
    ("store_id", None, [11, None], ["11", "(blank)"]),
    ("member", None, [True, None], ["true", "(blank)"]),
    ("day", "day", ["2024-10-01", None], ["2024-10-01", "(blank)"]),
    ("category", None, [None, None], ["(blank)", "(blank)"]),  # all blank: read back as Null
])
def test_a_blank_group_is_shown_as_blank_whatever_its_type(key, bucket, values, shown):
    table = pl.DataFrame({key: values, "mean amount": [1.5, None]})
    payload = {"plan": {"group_by": [] if bucket else [key], "bucket": bucket},
               "table": conversations.table_payload(table)}
    page = conversations.shown_table(payload)
    assert page[key].to_list() == shown
    assert page["mean amount"].to_list() == [1.5, None], "a measure with no value is not a group"
    assert conversations.table_from_payload(payload)[key].to_list() == values, "downloads keep the values"


QUESTIONS_TO_SAVE = [
    "revenue by region",
    "top 3 customers by revenue",
    "revenue per month in 2024",
    "average unit price by category",
    "total quantity by channel for completed orders",
    "revenue 2023 vs 2024 by region",
    "which product has the lowest revenue",
    "list the channels",
    "revenue over time",
    "percentage of revenue by region",  # a share: a window step over the groups
    "revenue growth by year",  # a change against the previous period
    "which weekday has the most orders",  # a calendar part
    "average order value by channel",  # a ratio of two aggregates
]


@pytest.mark.parametrize("question", QUESTIONS_TO_SAVE)
def test_saved_pipelines_give_the_answers_table(session, settings, engine, samples, question):
    answer = conversations.ask(session, settings, samples.id, question)
    assert answer.payload["value"] is not None, answer.text
    pipeline = conversations.save_as_pipeline(session, settings, answer.id)
    run = pipelines.run_pipeline(engine, settings, pipelines.RunRequest(pipeline.name, trigger="chat"))
    assert run.status == "succeeded", run.error
    produced = pl.read_parquet(settings.data_dir / "outputs" / f"{pipeline.name}.parquet")
    expected = conversations.table_from_payload(answer.payload)
    assert_frame_equal(produced, expected, check_dtypes=False)


def test_saving_refuses_what_a_pipeline_cannot_reproduce(session, settings, samples):
    yes_no = conversations.ask(session, settings, samples.id, "is there any order over 2000")
    with pytest.raises(InputError, match="Only answers with a table"):
        conversations.save_as_pipeline(session, settings, yes_no.id)
    kept = conversations.ask(session, settings, samples.id, "revenue by channel")
    conversations.save_as_pipeline(session, settings, kept.id, "by channel")
    with pytest.raises(ConflictError, match="already exists"):
        conversations.save_as_pipeline(session, settings, kept.id, "by channel")
    assert [p.name for p in pipelines.list_pipelines(session)] == ["by channel"]


def test_a_saved_pipeline_is_listed_and_run_by_the_command_line(session, settings, samples):
    answer = conversations.ask(session, settings, samples.id, "revenue by region")
    conversations.save_as_pipeline(session, settings, answer.id, "chat_revenue_by_region")
    env = {**os.environ, "SLUICE_DATA_DIR": str(settings.data_dir), "DATABASE_URL": settings.database_url,
           "SLUICE_LOAD_SAMPLES": "false"}
    listed = subprocess.run([sys.executable, "-m", "etl_core", "list"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert "chat_revenue_by_region" in listed.stdout, listed.stderr
    ran = subprocess.run([sys.executable, "-m", "etl_core", "run", "chat_revenue_by_region"], cwd=ROOT, env=env,
                         capture_output=True, text=True)
    assert ran.returncode == 0, ran.stderr
    produced = pl.read_parquet(settings.data_dir / "outputs" / "chat_revenue_by_region.parquet")
    assert produced["region"].to_list() == [row["region"] for row in answer.payload["table"]["rows"]]


def test_a_word_not_placed_gets_a_question_back_and_a_choice_answers(session, settings, samples):
    orders = pd.read_csv(SAMPLES / "orders.csv")
    back = conversations.ask(session, settings, samples.id, "total revenue by region for the flagship stores")
    assert back.payload["value"] is None, "no number while a word is unplaced"
    assert "'flagship'" in back.text and back.payload["alternatives"], back.text
    chosen = conversations.choose(session, settings, back.id, 0)
    stores = orders[orders["channel"] == "Store"].groupby("region")["revenue"].sum().sort_values(ascending=False)
    assert chosen.payload["value"] == pytest.approx(list(stores))
    with pytest.raises(InputError, match="no such choice"):
        conversations.choose(session, settings, back.id, 7)


def test_a_reply_takes_a_reading_offered_back(session, settings, samples):
    back = conversations.ask(session, settings, samples.id, "revenue from big customers")
    assert back.payload["value"] is None and len(back.payload["alternatives"]) == 1
    reply = conversations.ask(session, settings, samples.id, "the first one")
    assert reply.payload["value"] == pytest.approx(pd.read_csv(SAMPLES / "orders.csv")["revenue"].sum())


def test_changing_a_chip_recomputes_the_answer(session, settings, samples):
    orders = pd.read_csv(SAMPLES / "orders.csv")
    answer = conversations.ask(session, settings, samples.id, "total revenue by region")
    chips = answer.payload["reading"]
    index = next(i for i, c in enumerate(chips) if c["phrase"] == "revenue")
    option = next(i for i, o in enumerate(chips[index]["options"]) if o["label"] == "quantity")
    changed = conversations.revise(session, settings, answer.id, index, option)
    by_quantity = orders.groupby("region")["quantity"].sum().sort_values(ascending=False)
    assert changed.payload["value"] == list(by_quantity)
    assert [m.text for m in conversations.messages(session, samples.id)][-2] == "Read 'revenue' as quantity"
    average = next(i for i, o in enumerate(chips[index]["options"]) if o["label"] == "average instead")
    mean = conversations.revise(session, settings, answer.id, index, average)
    assert mean.payload["value"] == pytest.approx(list(orders.groupby("region")["revenue"].mean()
                                                       .sort_values(ascending=False)))
