"""The builder page through AppTest on the samples: add, edit, reorder, disable, undo/redo, validate, save, run."""

from __future__ import annotations

import json

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from etl_core.steps import STEP_TYPES
from tests.conftest import SAMPLES

ORDERS = pl.read_csv(SAMPLES / "orders.csv", try_parse_dates=True)
COMPLETED = ORDERS.filter(pl.col("status") == "completed").height
# customers.json as Sluice reads it: the nested address flattened
CUSTOMERS = ["customer_id", "name", "email", "segment", "signup_date", "address.city", "address.region", "address.country"]


@pytest.fixture
def app(launch):
    """The builder on a new pipeline started from orders, through the data sources page's button."""
    def start() -> AppTest:
        at = launch(True, "pages/data_sources.py")
        button(at, "Start a pipeline from this source").click().run()
        assert at.title[0].value == "Pipeline builder"
        # AppTest's next run() would run the page it was told last: tell it the page st.switch_page chose
        return at.switch_page("pages/builder.py").run()
    return start


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def field(at: AppTest, kind: str, label: str):
    return next(w for w in getattr(at, kind) if w.label == label)


def draft(at: AppTest):
    return at.session_state["draft"]


def step_ids(at: AppTest) -> list[str]:
    return [s.id for s in draft(at).state.steps]


def step_types(at: AppTest) -> list[str]:
    return [s.type for s in draft(at).state.steps]


def errors(at: AppTest) -> list[str]:
    return [e.value for e in at.error]


def add(at: AppTest, step_type: str) -> AppTest:
    at.button(key=f"add_{step_type}").click().run()
    return at


def test_a_new_pipeline_starts_from_the_source_with_its_preview(app):
    at = app()
    assert not at.exception
    assert step_types(at) == ["source"] and draft(at).state.steps[0].data["source"] == "orders"
    assert field(at, "text_input", "Name").value == "orders pipeline"
    assert at.dataframe[0].value.shape == (50, len(ORDERS.columns))
    assert at.metric[0].value == f"{ORDERS.height:,}"
    assert "Unsaved changes" in at.markdown[0].value
    # the palette: every step type, grouped, with its one-line description
    assert {b.key.removeprefix("add_") for b in at.button if b.key and b.key.startswith("add_")} == set(STEP_TYPES) - {"source"}
    assert {"**Shape**", "**Clean**", "**Combine**", "**Summarise**", "**Check**", "**Output**"} <= {m.value for m in at.markdown}
    assert "Keep the rows where a SQL condition holds, e.g. status = 'completed' AND amount > 0." in [c.value for c in at.caption]


def test_edit_a_filter_see_its_error_fix_it_and_see_rows_kept(app):
    at = app()
    add(at, "filter")
    assert step_types(at) == ["source", "filter"]
    assert "Step 2 (filter): 'condition' is not set yet." in errors(at)
    field(at, "text_input", "Condition").set_value("stauts = 'completed'").run()
    assert any("column 'stauts' does not exist" in e and "Did you mean 'status'?" in e for e in errors(at))
    field(at, "text_input", "Condition").set_value("status = 'completed'").run()
    assert not errors(at) and not at.exception
    assert at.metric[0].value == f"{COMPLETED:,}"
    assert f"What changed: {COMPLETED:,} of {ORDERS.height:,} rows kept." in [c.value for c in at.caption]


def test_reorder_with_buttons_marks_the_step_the_move_breaks_and_undo_redo(app):
    at = app()
    add(at, "derive")
    field(at, "text_input", "Column").set_value("gross").run()
    field(at, "text_input", "Expression").set_value("quantity * unit_price").run()
    add(at, "select")
    field(at, "multiselect", "Columns").set_value(["order_id", "gross"]).run()
    assert not errors(at)
    derive_id = step_ids(at)[1]
    at.button(key=f"down_{derive_id}").click().run()  # select now comes before the column it keeps is made
    assert step_types(at) == ["source", "select", "derive"]
    assert any(e.startswith("Step 2 (select): column 'gross' does not exist") for e in errors(at))
    button(at, "Undo").click().run()
    assert step_types(at) == ["source", "derive", "select"] and not errors(at)
    button(at, "Redo").click().run()
    assert step_types(at) == ["source", "select", "derive"]
    at.button(key=f"up_{derive_id}").click().run()
    assert step_types(at) == ["source", "derive", "select"] and not errors(at)


def test_dragging_is_applied_through_the_sortable_value(app):
    at = app()
    add(at, "limit")
    field(at, "number_input", "Rows").set_value(10).run()
    add(at, "dedupe")
    # AppTest cannot drag in the component's iframe: hand the page the value the component sends after a drop
    key = f"order_{draft(at).version}"
    at.session_state[key] = [{"header": None, "items": ["1. source orders", "3. dedupe", "2. limit"]}]
    at.run()
    assert step_types(at) == ["source", "dedupe", "limit"]


def test_the_join_form_lists_the_other_sources_and_the_joined_sources_columns(app):
    at = app()
    add(at, "join")
    assert field(at, "selectbox", "Source").options == ["orders", "customers", "products"]
    assert field(at, "multiselect", "On").options == ORDERS.columns  # the columns reaching the join
    assert field(at, "multiselect", "Left on").options == ORDERS.columns
    assert field(at, "multiselect", "Right on").options == []  # until a source is chosen
    field(at, "selectbox", "Source").set_value("customers").run()
    assert field(at, "multiselect", "Right on").options == CUSTOMERS
    field(at, "multiselect", "On").set_value(["customer_id"]).run()
    assert not errors(at)
    assert any(c.value.startswith(f"What changed: added {', '.join(CUSTOMERS[1:])}; ") for c in at.caption)


def type_editor(at: AppTest, field_name: str):
    """The step form's table for a field (an st.data_editor, keyed by the draft's version and the step)."""
    key = f"field_{draft(at).version}_{at.session_state['selected_step']}_{field_name}"
    return key, next(d for d in at.dataframe if d.proto.id.endswith(key))


def test_the_cast_form_picks_a_column_and_one_of_the_types(app):
    at = app()
    add(at, "cast")
    key, editor = type_editor(at, "columns")
    config = json.loads(editor.proto.columns)
    assert config["column"]["type_config"]["options"] == ORDERS.columns
    assert config["value"]["label"] == "type"
    assert config["value"]["type_config"]["options"] == ["integer", "float", "string", "boolean", "date", "datetime"]
    # AppTest cannot type into the grid: hand the page the edit the grid sends when a row is added
    at.session_state[key] = {"edited_rows": {}, "added_rows": [{"column": "quantity", "value": "float"}],
                             "deleted_rows": []}
    at.run()
    assert draft(at).state.steps[1].data == {"type": "cast", "columns": {"quantity": "float"}} and not errors(at)
    assert any(c.value.startswith("What changed: retyped quantity (integer → float)") for c in at.caption)
    assert type_editor(at, "columns")[1].value.to_dict("records") == [{"column": "quantity", "value": "float"}]


def test_an_empty_pipeline_says_to_start_with_a_source_and_cannot_be_saved_or_run(app):
    at = app()
    at.button(key=f"delete_{step_ids(at)[0]}").click().run()
    assert not at.exception and step_types(at) == []
    assert [w.value for w in at.warning] == ["The pipeline has no steps yet. Start with a source."]
    assert "Add a source step to begin." in [i.value for i in at.info]
    button(at, "Save").click().run()
    assert "Not saved: the pipeline has no steps. Add a source step first." in errors(at)
    at.button(key="FormSubmitter:run_form-Run now").click().run()
    assert "Cannot run yet: the pipeline has no steps. Add a source step first." in errors(at)
    at.selectbox(key="palette_source").set_value("products").run()
    assert step_types(at) == ["source"] and draft(at).state.steps[0].data["source"] == "products"


def test_a_step_added_while_the_output_is_selected_goes_before_it(app):
    at = app()
    add(at, "output")
    assert at.session_state["selected_step"] == step_ids(at)[-1]
    add(at, "filter")
    assert step_types(at) == ["source", "filter", "output"]
    assert at.session_state["selected_step"] == step_ids(at)[1]  # the new step is the one shown


def test_a_step_type_registered_at_run_time_is_in_the_palette_with_its_form(app, monkeypatch):
    from tests.test_builder import Clip

    monkeypatch.setitem(STEP_TYPES, "clip", Clip)
    at = app()
    assert "**Other**" in [m.value for m in at.markdown]
    add(at, "clip")
    assert step_types(at) == ["source", "clip"]
    assert "Raise a column's values to at least a floor." in [c.value for c in at.caption]
    assert field(at, "selectbox", "Column").options == ORDERS.columns
    assert field(at, "selectbox", "Mode").options == ["floor", "zero"]
    field(at, "selectbox", "Column").set_value("discount").run()
    field(at, "number_input", "Low").set_value(0.1).run()
    assert not errors(at) and at.dataframe[0].value["discount"].min() == 0.1


def test_disable_delete_and_undo(app):
    at = app()
    add(at, "filter")
    field(at, "text_input", "Condition").set_value("status = 'completed'").run()
    filter_id = step_ids(at)[1]
    at.button(key=f"toggle_{filter_id}").click().run()
    assert draft(at).state.steps[1].disabled
    assert "This step is disabled: it is kept, and skipped when the pipeline runs." in [i.value for i in at.info]
    assert at.metric[0].value == f"{ORDERS.height:,}"
    at.button(key=f"delete_{filter_id}").click().run()
    assert step_types(at) == ["source"]
    button(at, "Undo").click().run()
    button(at, "Undo").click().run()
    assert step_types(at) == ["source", "filter"] and not draft(at).state.steps[1].disabled


def test_save_refuses_a_half_configured_step_then_saves_and_shows_saved(app):
    at = app()
    add(at, "select")
    button(at, "Save").click().run()
    assert any(e.startswith("Not saved: Step 2 (select): field 'columns'") for e in errors(at))
    field(at, "multiselect", "Columns").set_value(["order_id", "region"]).run()
    field(at, "text_input", "Name").set_value("regions").run()
    button(at, "Save").click().run()
    assert "Saved 'regions'." in [s.value for s in at.success]
    assert "✓ Saved" in at.markdown[0].value and button(at, "Save").disabled
    # a taken name is refused, and the pipeline that has it is left as it was
    field(at, "text_input", "Name").set_value("monthly_revenue").run()
    button(at, "Save").click().run()
    assert any("A pipeline called 'monthly_revenue' already exists." in e for e in errors(at))
    at.switch_page("pages/pipelines.py").run()
    listed = at.dataframe[0].value.set_index("name")
    assert (listed.loc["regions", "steps"], listed.loc["monthly_revenue", "steps"]) == (2, 9)


def stored_specs(tmp_path) -> dict[str, dict]:
    from etl_core.db import make_engine, session_scope
    from etl_core.pipelines import list_pipelines

    engine = make_engine(f"sqlite:///{tmp_path / 'data' / 'sluice.db'}")
    with session_scope(engine) as session:
        specs = {p.name: p.spec for p in list_pipelines(session)}
    engine.dispose()
    return specs


def test_save_refuses_a_step_that_does_not_check_out_and_keeps_the_draft(app, tmp_path):
    at = app()
    add(at, "filter")
    field(at, "text_input", "Condition").set_value("status = = 'x'").run()
    field(at, "text_input", "Name").set_value("broken one").run()
    assert "1 problem" in at.markdown[0].value
    button(at, "Save").click().run()
    # by Save, above the steps (the step's own message comes later on the page)
    assert at.error[0].value.startswith("Not saved: Step 2 (filter): 'status = = 'x'' is not a valid expression")
    assert at.error[0].value.endswith("Fix it and save again; your changes stay here until then.")
    assert not at.success and "Unsaved changes" in at.markdown[0].value
    assert "broken one" not in stored_specs(tmp_path)
    at.switch_page("pages/pipelines.py").run()
    at.switch_page("pages/builder.py").run()  # the draft stays in the session, unsaved
    assert step_types(at) == ["source", "filter"] and draft(at).state.steps[1].data["condition"] == "status = = 'x'"
    field(at, "text_input", "Condition").set_value("status = 'x'").run()
    assert not errors(at)  # the refusal is shown until the next edit
    button(at, "Save").click().run()
    assert "Saved 'broken one'." in [s.value for s in at.success]


def test_a_saved_pipeline_is_left_as_it_was_when_an_edit_breaks_it(app, tmp_path):
    at = app()
    before = stored_specs(tmp_path)["monthly_revenue"]
    at.session_state["builder_open"] = "monthly_revenue"
    at.run()
    at.session_state["selected_step"] = step_ids(at)[0]
    add(at, "join")  # after the source: joins customers on keys of different types
    field(at, "selectbox", "Source").set_value("customers").run()
    field(at, "multiselect", "Left on").set_value(["order_date"]).run()
    field(at, "multiselect", "Right on").set_value(["customer_id"]).run()
    assert "Step 2 (join): key 'order_date' is date here but 'customer_id' is string in 'customers'." in errors(at)[0]
    button(at, "Save").click().run()
    assert at.error[0].value.startswith("Not saved: Step 2 (join): key 'order_date' is date here")
    assert stored_specs(tmp_path)["monthly_revenue"] == before
    assert step_types(at)[:3] == ["source", "join", "join"] and "Unsaved changes" in at.markdown[0].value


def test_an_invalid_json_edit_is_refused_and_a_valid_one_applied(app):
    at = app()
    box = at.text_area(key=f"json_{draft(at).version}")
    box.set_value("{not json").run()
    button(at, "Apply JSON").click().run()
    assert any(e.startswith("Not applied: the pipeline is not valid JSON") for e in errors(at))
    assert step_types(at) == ["source"]
    spec = {"name": "from json", "steps": [{"type": "source", "source": "orders"}, {"type": "limit", "rows": 3}]}
    at.text_area(key=f"json_{draft(at).version}").set_value(json.dumps(spec)).run()
    button(at, "Apply JSON").click().run()
    assert step_types(at) == ["source", "limit"] and field(at, "text_input", "Name").value == "from json"


def test_run_now_shows_progress_results_and_a_download(app):
    at = app()
    add(at, "filter")
    field(at, "text_input", "Condition").set_value("status = 'completed'").run()
    add(at, "output")
    field(at, "text_input", "Path").set_value("completed.csv").run()
    field(at, "selectbox", "Format").set_value("csv").run()
    at.button(key="FormSubmitter:run_form-Run now").click().run()
    assert not at.exception
    assert at.status[0].label == "orders pipeline: succeeded"
    assert f"Run 1 succeeded: {ORDERS.height:,} rows in, {COMPLETED:,} rows out" in at.success[0].value
    steps = at.dataframe[-1].value
    assert steps["rows"].tolist() == [ORDERS.height, COMPLETED, COMPLETED]
    assert at.get("download_button")[0].proto.label == f"Download completed.csv ({COMPLETED:,} rows)"


def test_parameters_are_declared_used_and_asked_for_by_the_run_form(app):
    at = app()
    at.session_state["draft"].set_parameters([{"name": "least", "type": "integer", "default": 5}])
    at.run()
    add(at, "filter")
    field(at, "text_input", "Condition").set_value("quantity >= :least").run()
    assert not errors(at)
    assert at.metric[0].value == f"{ORDERS.filter(pl.col('quantity') >= 5).height:,}"
    assert field(at, "text_input", "least").value == "5"
    field(at, "text_input", "least").set_value("9")
    at.button(key="FormSubmitter:run_form-Run now").click().run()
    assert f"{ORDERS.filter(pl.col('quantity') >= 9).height:,} rows out" in at.success[0].value


def test_a_saved_pipeline_is_exposed_over_the_api_with_its_switch(app, tmp_path):
    from etl_core.db import make_engine, session_scope
    from etl_core.pipelines import get_pipeline

    at = app()
    assert not [t for t in at.toggle if t.label == "Exposed over the API"]  # nothing to expose before it is saved
    field(at, "text_input", "Name").set_value("orders_copy").run()
    button(at, "Save").click().run()
    switch = field(at, "toggle", "Exposed over the API")
    assert switch.value is False
    switch.set_value(True).run()
    assert "'orders_copy' is now reachable over the API." in [s.value for s in at.success]
    engine = make_engine(f"sqlite:///{tmp_path / 'data' / 'sluice.db'}")
    with session_scope(engine) as session:
        assert get_pipeline(session, "orders_copy").exposed
    field(at, "toggle", "Exposed over the API").set_value(False).run()
    with session_scope(engine) as session:
        assert not get_pipeline(session, "orders_copy").exposed
