"""The pipelines list through AppTest: listed with runs, import, duplicate, rename, export, delete, open."""

from __future__ import annotations

import json
from contextlib import contextmanager

import polars as pl
import pytest

from etl_core import sources
from etl_core.config import Settings
from etl_core.db import open_database, session_scope
from tests.conftest import SAMPLES
from tests.pipeline_helpers import store_as_is

SAMPLE = (SAMPLES / "pipelines" / "monthly_revenue.json").read_bytes()


@pytest.fixture
def at(launch):
    return launch(True, "pages/pipelines.py")


def button(at, label: str):
    return next(b for b in at.button if b.label == label)


def listed(at) -> dict:
    return at.dataframe[0].value.set_index("name").to_dict("index")


@contextmanager
def database():
    """A session on the database the app under test uses."""
    engine = open_database(Settings.load().database_url)
    with session_scope(engine) as session:
        yield session
    engine.dispose()


def test_the_sample_pipeline_is_listed_with_its_steps_and_sources(at):
    assert not at.exception
    row = listed(at)["monthly_revenue"]
    assert (row["steps"], row["sources"], row["status"], row["schedule"]) == (
        9, "customers, orders, products", "never run", "—")
    exported = at.get("download_button")[0]
    assert exported.proto.label == "Export JSON"


BAD_FILES = [
    (b"not json at all", "the pipeline is not valid JSON"),
    (b'{"name": "x"}', "steps: Field required"),
    (b"\xff\xfe\x00", "The file is not a text file."),
    (SAMPLE, "A pipeline called 'monthly_revenue' already exists."),
]


def test_a_bad_spec_file_is_refused_with_its_reason(at):
    for content, message in BAD_FILES:
        at.file_uploader[0].set_value(("spec.json", content, "application/json")).run()
        assert any(message in e.value for e in at.error), [e.value for e in at.error]
        assert list(listed(at)) == ["monthly_revenue"]


def test_import_duplicate_rename_and_delete(at):
    spec = json.loads(SAMPLE)
    spec["name"] = "imported"
    at.file_uploader[0].set_value(("imported.json", json.dumps(spec).encode(), "application/json")).run()
    assert set(listed(at)) == {"imported", "monthly_revenue"}
    at.selectbox(key="pipeline_chosen").set_value("monthly_revenue").run()
    button(at, "Duplicate").click().run()
    assert "monthly_revenue copy" in listed(at)
    at.selectbox(key="pipeline_chosen").set_value("monthly_revenue copy").run()
    at.text_input(key="rename_monthly_revenue copy").set_value("imported").run()
    button(at, "Rename").click().run()
    assert any("A pipeline called 'imported' already exists." in e.value for e in at.error)
    at.text_input(key="rename_monthly_revenue copy").set_value("revenue copy").run()
    button(at, "Rename").click().run()
    assert set(listed(at)) == {"imported", "monthly_revenue", "revenue copy"}
    assert at.selectbox(key="pipeline_chosen").value == "revenue copy"
    button(at, "Delete this pipeline").click().run()
    assert "Delete 'revenue copy'?" in at.warning[0].value
    button(at, "Cancel").click().run()
    assert "revenue copy" in listed(at)
    button(at, "Delete this pipeline").click().run()
    button(at, "Yes, delete it").click().run()
    assert set(listed(at)) == {"imported", "monthly_revenue"}


def test_open_in_the_builder(at):
    button(at, "Open in the builder").click().run()
    at.switch_page("pages/builder.py").run()
    assert at.title[0].value == "Pipeline builder" and not at.exception
    assert at.text_input(key=f"name_{at.session_state['draft'].epoch}").value == "monthly_revenue"
    assert "✓ Saved" in at.markdown[0].value


def test_a_stored_spec_that_no_longer_parses_is_flagged_and_every_action_still_works(at):
    gone = {"name": "aaa old", "steps": [{"type": "source", "source": "orders"}, {"type": "gone_step", "n": 1}]}
    with database() as session:
        store_as_is(session, gone)  # a step type an older Sluice had
    at.run()
    assert not at.exception
    assert listed(at)["aaa old"]["problem"].startswith("Step 2 (gone_step): unknown step type 'gone_step'.")
    at.selectbox(key="pipeline_chosen").set_value("aaa old").run()
    assert at.error[0].value.startswith("'aaa old' does not validate: Step 2 (gone_step): unknown step type")
    assert at.get("download_button")[0].proto.label == "Export JSON"  # as stored, to fix by hand
    at.text_input(key="rename_aaa old").set_value("old one").run()
    button(at, "Rename").click().run()
    assert not at.exception and "old one" in listed(at) and at.selectbox(key="pipeline_chosen").value == "old one"
    button(at, "Open in the builder").click().run()
    at.switch_page("pages/builder.py").run()
    assert not at.exception
    assert [s.type for s in at.session_state["draft"].state.steps] == ["source", "gone_step"]
    assert any(e.value.startswith("Step 2: unknown step type 'gone_step'") for e in at.error)
    at.switch_page("pages/pipelines.py").run()
    at.selectbox(key="pipeline_chosen").set_value("old one").run()
    button(at, "Delete this pipeline").click().run()
    button(at, "Yes, delete it").click().run()
    assert list(listed(at)) == ["monthly_revenue"]


def test_a_pipeline_whose_source_lost_a_column_is_flagged_and_opens_marked(at):
    orders = pl.read_csv(SAMPLES / "orders.csv").drop("discount")
    with database() as session:  # next month's export, without the column the pipeline's derive uses
        source = sources.get_source(session, "orders")
        sources.replace_file(session, Settings.load(), source.id, file_name="orders.csv",
                             data=orders.write_csv().encode())
    at.run()
    assert not at.exception
    problem = "Step 5 (derive): column 'discount' does not exist."
    assert listed(at)["monthly_revenue"]["problem"].startswith(problem)
    assert at.error[0].value.startswith(f"'monthly_revenue' does not validate: {problem}")
    assert at.get("download_button")[0].proto.label == "Export JSON"
    button(at, "Duplicate").click().run()  # a copy would be saved broken: refused with the reason
    assert any(e.value.startswith(problem) for e in at.error) and list(listed(at)) == ["monthly_revenue"]
    button(at, "Open in the builder").click().run()
    at.switch_page("pages/builder.py").run()
    assert not at.exception and "2 problems" in at.markdown[0].value  # the derive, and the sum of what it made
    assert at.button(key=f"select_{at.session_state['draft'].state.steps[4].id}").label.startswith("5. ⚠ derive")
