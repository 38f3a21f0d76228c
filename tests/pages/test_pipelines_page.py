"""The pipelines list through AppTest: listed with runs, import, duplicate, rename, export, delete, open."""

from __future__ import annotations

import json

import pytest

from tests.conftest import SAMPLES

SAMPLE = (SAMPLES / "pipelines" / "monthly_revenue.json").read_bytes()


@pytest.fixture
def at(launch):
    return launch(True, "pages/pipelines.py")


def button(at, label: str):
    return next(b for b in at.button if b.label == label)


def listed(at) -> dict:
    return at.dataframe[0].value.set_index("name").to_dict("index")


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
