"""The builder's draft: edits, moves, disable, undo and redo, the JSON view; no Streamlit."""

from __future__ import annotations

import json

import pytest

from etl_core.drafts import Draft
from etl_core.errors import SpecError
from etl_core.spec import parse_spec

SPEC = {"name": "sales", "description": "d", "parameters": [{"name": "min", "type": "number", "default": 1}],
        "steps": [{"type": "source", "source": "orders"},
                  {"type": "filter", "condition": "amount > :min"},
                  {"type": "sort", "by": [{"column": "amount", "descending": True}]},
                  {"type": "output", "format": "csv", "path": "sales.csv"}]}


def types(draft: Draft) -> list[str]:
    return [s.type for s in draft.state.steps]


@pytest.fixture
def draft() -> Draft:
    return Draft.from_spec(parse_spec(SPEC))


def test_a_saved_spec_opens_unchanged_and_round_trips(draft):
    assert not draft.unsaved and not draft.can_undo and draft.saved_as == "sales"
    assert draft.to_spec().as_data() == parse_spec(SPEC).as_data()


def test_a_new_step_goes_before_the_outputs_or_after_the_chosen_step(draft):
    added = draft.add_step("limit", data={"rows": 5})
    assert types(draft) == ["source", "filter", "sort", "limit", "output"]
    draft.add_step("dedupe", after=draft.state.steps[0].id)
    assert types(draft) == ["source", "dedupe", "filter", "sort", "limit", "output"]
    assert draft.state.steps[4].id == added and draft.unsaved


def test_a_step_added_after_the_final_output_goes_before_it(draft):
    """The builder adds after the selected step; with the output selected, new work still comes before it."""
    output = draft.state.steps[-1].id
    draft.add_step("limit", after=output, data={"rows": 5})
    assert types(draft) == ["source", "filter", "sort", "limit", "output"]
    draft.add_step("output", after=output, data={"format": "parquet", "path": "also.parquet"})
    assert types(draft) == ["source", "filter", "sort", "limit", "output", "output"]
    draft.add_step("dedupe", after=draft.state.steps[-1].id)  # before both trailing outputs
    assert types(draft) == ["source", "filter", "sort", "limit", "dedupe", "output", "output"]
    # an output in the middle is not the end: a step chosen to follow it does
    middle = draft.add_step("output", after=draft.state.steps[1].id, data={"format": "csv", "path": "raw.csv"})
    draft.add_step("drop_nulls", after=middle)
    assert types(draft)[:5] == ["source", "filter", "output", "drop_nulls", "sort"]


def test_an_unknown_step_type_is_refused(draft):
    with pytest.raises(SpecError, match="unknown step type 'pivott'"):
        draft.add_step("pivott")
    assert not draft.can_undo


def test_moves_stop_at_the_ends_and_keep_ids(draft):
    sort_id = draft.state.steps[2].id
    draft.move_step(sort_id, -1)
    assert types(draft) == ["source", "sort", "filter", "output"]
    draft.move_step(sort_id, -5)
    assert types(draft) == ["sort", "source", "filter", "output"]
    before = draft.version
    draft.move_step(sort_id, -1)  # already first: nothing changes, nothing to undo
    assert draft.version == before
    assert draft.state.steps[0].id == sort_id


def test_reorder_must_name_every_step_once(draft):
    ids = [s.id for s in draft.state.steps]
    draft.reorder([ids[0], ids[2], ids[1], ids[3]])
    assert types(draft) == ["source", "sort", "filter", "output"]
    with pytest.raises(ValueError, match="every step once"):
        draft.reorder(ids[:2])


def test_undo_and_redo_walk_the_history_and_a_new_edit_drops_the_redo(draft):
    draft.add_step("limit", data={"rows": 5})
    draft.remove_step(draft.state.steps[1].id)
    assert types(draft) == ["source", "sort", "limit", "output"]
    draft.undo()
    assert types(draft) == ["source", "filter", "sort", "limit", "output"]
    draft.undo()
    assert types(draft) == ["source", "filter", "sort", "output"] and not draft.unsaved
    draft.redo()
    assert types(draft) == ["source", "filter", "sort", "limit", "output"]
    draft.toggle_step(draft.state.steps[2].id)
    assert not draft.can_redo


def test_disable_keeps_the_step_and_enable_brings_it_back(draft):
    sort_id = draft.state.steps[2].id
    draft.toggle_step(sort_id)
    assert draft.state.steps[2].disabled
    assert draft.to_spec().steps[2].disabled is True
    draft.set_field(sort_id, "by", [{"column": "amount"}])  # editing a disabled step keeps it disabled
    assert draft.state.steps[2].disabled
    draft.toggle_step(sort_id)
    assert "disabled" not in draft.state.steps[2].data


def test_a_half_configured_step_is_kept_but_not_saved(draft):
    step = draft.add_step("select")
    assert draft.state.steps[3].data == {"type": "select"}
    with pytest.raises(SpecError, match=r"Step 4 \(select\): field 'columns'"):
        draft.to_spec()
    draft.set_field(step, "columns", ["amount"])
    assert draft.to_spec().steps[3].columns == ["amount"]
    draft.set_field(step, "columns", [])  # emptied: the field goes, the model's rule applies again
    assert "columns" not in draft.state.steps[3].data


def test_an_empty_pipeline_or_one_without_a_name_cannot_be_saved():
    draft = Draft.from_source("orders")
    with pytest.raises(SpecError, match="has no name"):
        draft.to_spec()
    draft.set_details(name="  my   flow ")
    assert draft.to_spec().name == "my flow"
    draft.remove_step(draft.state.steps[0].id)
    with pytest.raises(SpecError, match="has no steps"):
        draft.to_spec()


@pytest.mark.parametrize("text, message", [
    ("{not json", "not valid JSON"),
    ('[1, 2]', "a JSON object with a name and steps"),
    ('{"name": "x", "steps": [{"type": "filter", "condition": "a > 1"}]}', "first step must be a source"),
    ('{"name": "x", "steps": [{"type": "source", "source": "o"}, {"type": "fliter"}]}', "Did you mean 'filter'"),
])
def test_an_invalid_json_edit_is_refused_and_the_draft_kept(draft, text, message):
    before = draft.state
    with pytest.raises(SpecError, match=message):
        draft.replace_from_json(text)
    assert draft.state is before and not draft.can_undo


def test_a_json_edit_is_applied_as_one_undoable_change_keeping_step_ids(draft):
    ids = [s.id for s in draft.state.steps]
    data = draft.state.as_data()
    data["steps"][1]["condition"] = "amount > 100"
    draft.replace_from_json(json.dumps(data))
    assert draft.state.steps[1].data["condition"] == "amount > 100"
    assert [s.id for s in draft.state.steps][::2] == ids[::2]  # unchanged steps keep their ids
    draft.undo()
    assert draft.state.steps[1].data["condition"] == "amount > :min"


def test_saving_marks_the_draft_saved_under_its_name(draft):
    draft.set_details(name="sales v2")
    assert draft.unsaved
    draft.mark_saved("sales v2")
    assert not draft.unsaved and draft.saved_as == "sales v2"


def test_declared_output_types_are_left_to_be_derived_again():
    spec = parse_spec({**SPEC, "output_types": {"amount": "float"}})
    assert "output_types" not in Draft.from_spec(spec).state.as_data()
