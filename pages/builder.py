"""Pipeline builder: steps from a palette, reordered by dragging or buttons, each checked, previewed and edited."""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st
from sqlmodel import select
from streamlit_sortables import sort_items

import ui
from etl_core import builder, pipeline_library, pipelines, sources
from etl_core.drafts import Draft
from etl_core.errors import SluiceError
from etl_core.executor import Event
from etl_core.flow_chart import flow_figure
from etl_core.models import Pipeline, PipelineRun
from etl_core.step_forms import form_fields
from step_widgets import TABLE_KINDS, FieldContext, field_widget

st.title("Pipeline builder")
settings = ui.settings()
ui.show_flash()


# ---- which pipeline is on screen ----------------------------------------------------------------

def open_saved(name: str) -> None:
    with ui.session() as session:
        st.session_state["draft"] = pipeline_library.open_draft(session, name)
    for key in ("selected_step", "last_run", "save_refused"):
        st.session_state.pop(key, None)


def start_from(source: str, name: str = "") -> None:
    st.session_state["draft"] = Draft.from_source(source, name or f"{source} pipeline")
    for key in ("selected_step", "last_run", "save_refused"):
        st.session_state.pop(key, None)


try:
    if requested := st.session_state.pop("builder_open", None):  # from the pipelines list
        open_saved(requested)
    elif source_name := st.session_state.pop("builder_source", None):  # "Start a pipeline from this source"
        start_from(source_name)
    elif (linked := st.query_params.get("pipeline")) and getattr(st.session_state.get("draft"), "saved_as", None) != linked:
        open_saved(linked)
except SluiceError as error:
    st.error(str(error))

with ui.session() as session:
    source_names = [s.name for s in sources.list_sources(session)]
    saved_names = [p.name for p in pipelines.list_pipelines(session)]

draft: Draft | None = st.session_state.get("draft")
if draft is None:
    st.info("Start a pipeline from a data source, or open a saved one.")
    left, right = st.columns(2)
    with left, st.form("start_new"):
        chosen = st.selectbox("Data source", source_names, index=None, placeholder="Choose a data source")
        new_name = st.text_input("Pipeline name", placeholder="monthly_sales")
        if st.form_submit_button("Start", type="primary", disabled=not source_names) and chosen:
            start_from(chosen, new_name)
            st.rerun()
    with right, st.form("open_saved"):
        opened = st.selectbox("Saved pipeline", saved_names, index=None, placeholder="Choose a pipeline")
        if st.form_submit_button("Open", disabled=not saved_names) and opened:
            open_saved(opened)
            st.rerun()
    st.stop()

st.query_params.clear()  # the link did its work; the draft now decides what is shown
state = draft.state
version, epoch = draft.version, draft.epoch
if st.session_state.get("baselines", {}).get("epoch") != epoch:
    st.session_state["baselines"] = {"epoch": epoch, "values": {}}


def changed(key: str, value) -> bool:
    """Whether a widget now holds something else than the draft it was drawn from.

    Widgets are keyed by the draft's epoch (tables by its version, since they keep edits
    as changes to their input), so undo, redo and JSON edits draw them afresh.
    """
    values = st.session_state["baselines"]["values"]
    if key not in values:
        values[key] = value
        return False
    if values[key] == value:
        return False
    values[key] = value  # the draft takes it now: the same value is no change on the next run
    return True


def edit(action, *args, **kwargs) -> None:
    """Apply an edit to the draft and draw the page again from it."""
    action(*args, **kwargs)
    st.rerun()


# ---- the pipeline's name, save, undo and redo --------------------------------------------------------

with ui.session() as session:
    ctx, versions = builder.context_for(session, settings, state)
    checked = builder.check_draft(state, ctx, versions)

top = st.columns([2, 3])
name = top[0].text_input("Name", state.name, key=f"name_{epoch}")
description = top[1].text_input("Description", state.description, key=f"description_{epoch}")
if changed(f"name_{epoch}", name) | changed(f"description_{epoch}", description):
    edit(draft.set_details, name=name, description=description)
bar = st.columns([4, 1.2, 1.2, 1.2], vertical_alignment="center")
bar[1].button("Undo", icon=":material/undo:", disabled=not draft.can_undo, on_click=draft.undo, width="stretch")
bar[2].button("Redo", icon=":material/redo:", disabled=not draft.can_redo, on_click=draft.redo, width="stretch")
if bar[3].button("Save", icon=":material/save:", type="primary", disabled=not draft.unsaved, width="stretch"):
    try:
        with ui.session() as session:
            saved = pipeline_library.save_draft(session, settings, draft)
        draft.mark_saved(saved.name)
        ui.flash("success", f"Saved '{saved.name}'.")
    except SluiceError as error:  # shown by Save until the next edit; the draft stays as it is
        st.session_state["save_refused"] = (draft.version, f"Not saved: {error}")
    st.rerun()
status = ":orange[● Unsaved changes]" if draft.unsaved else ":green[✓ Saved]"
problems = len(checked.errors)
bar[0].markdown(f"{status} · {len(state.steps)} steps · "
                + (f":red[{problems} problem{'s' if problems > 1 else ''}]" if problems else ":green[every step checks out]"))
refused = st.session_state.get("save_refused")
if refused and refused[0] == version:
    st.error(refused[1], icon=":material/error:")
if draft.saved_as:  # a saved pipeline may be run by other programs over the HTTP API (also on the Settings page)
    with ui.session() as session:
        stored = session.exec(select(Pipeline).where(Pipeline.name == draft.saved_as)).first()
    exposed = bool(stored and stored.exposed)
    wanted = st.toggle("Exposed over the API", value=exposed, key=f"exposed_{draft.saved_as}",
                       help="Other programs with an API key may run it (`python -m etl_core api`); see Settings.")
    if wanted != exposed:
        with ui.session() as session:
            pipelines.expose_pipeline(session, draft.saved_as, wanted)
        ui.flash("success", f"'{draft.saved_as}' is {'now' if wanted else 'no longer'} reachable over the API.")
        st.rerun()
if checked.problem:
    st.warning(checked.problem)


# ---- steps, palette and the selected step ------------------------------------------------------------

ids = [s.id for s in state.steps]
if st.session_state.get("selected_step") not in ids:
    st.session_state["selected_step"] = ids[-1] if ids else None
selected = st.session_state["selected_step"]
try:
    counts, shown = builder.rows_and_preview(checked, selected)
    preview_error = None
except SluiceError as error:  # the selected step fails on the data itself: its preview says so
    counts, shown, preview_error = builder.row_counts(checked), None, str(error)


def label(check: builder.StepCheck) -> str:
    mark = "⚠ " if check.error else ("⏸ " if check.disabled else "")
    return f"{check.position}. {mark}{check.summary[:60]}"


steps_col, step_col = st.columns([2, 3], gap="large")
with steps_col:
    st.subheader("Steps")
    if state.steps:
        labels = [label(c) for c in checked.steps]
        st.caption("Drag to reorder, or use the arrows.")
        ordered = sort_items(labels, direction="vertical", key=f"order_{version}")
        if ordered != labels:
            edit(draft.reorder, [ids[labels.index(item)] for item in ordered])
    for check in checked.steps:
        row = st.columns([6, 1, 1, 1, 1], vertical_alignment="center")
        rows = counts.get(check.id)
        text = f"{label(check)}" + (f" · {rows:,} rows" if rows is not None and not check.error else "")
        row[0].button(text, key=f"select_{check.id}", type="primary" if check.id == selected else "tertiary",
                      on_click=st.session_state.__setitem__, args=("selected_step", check.id), width="stretch",
                      help=check.error)
        row[1].button("", icon=":material/arrow_upward:", key=f"up_{check.id}", help="Move up",
                      disabled=check.position == 1, on_click=draft.move_step, args=(check.id, -1))
        row[2].button("", icon=":material/arrow_downward:", key=f"down_{check.id}", help="Move down",
                      disabled=check.position == len(ids), on_click=draft.move_step, args=(check.id, 1))
        row[3].button("", icon=":material/play_arrow:" if check.disabled else ":material/pause:", key=f"toggle_{check.id}",
                      help="Enable" if check.disabled else "Disable (keep it, skip it)", on_click=draft.toggle_step,
                      args=(check.id,))
        row[4].button("", icon=":material/delete:", key=f"delete_{check.id}", help="Delete", on_click=draft.remove_step,
                      args=(check.id,))

    with st.expander("Add a step", icon=":material/add:"):
        if not state.steps:
            pick = st.selectbox("Source", source_names, index=None, key="palette_source")
            if pick:
                edit(draft.add_step, "source", data={"source": pick})
        for group, kinds in builder.palette().items():
            st.markdown(f"**{group.capitalize()}**")
            for kind, line in kinds:
                if st.button(kind.replace("_", " "), key=f"add_{kind}", help=builder.describe(kind), icon=":material/add:"):
                    st.session_state["selected_step"] = draft.add_step(kind, after=selected)
                    st.rerun()
                st.caption(line)

with step_col:
    if selected is None:
        st.info("Add a source step to begin.")
    else:
        check = checked.step(selected)
        data = state.steps[state.position(selected)].data
        st.subheader(f"Step {check.position}: {check.type.replace('_', ' ')}")
        st.caption(builder.describe(check.type))
        if check.error:
            st.error(check.error, icon=":material/error:")
        elif check.disabled:
            st.info("This step is disabled: it is kept, and skipped when the pipeline runs.")
        field_ctx = FieldContext(check=check, data=data, sources=source_names, params=checked.params,
                                 other_columns=lambda name: list(builder.source_columns(ctx, name)))
        for field in form_fields(check.type):
            # tables keep edits as changes to their input: a new key once the draft has taken them
            key = f"field_{version if field.kind in TABLE_KINDS else epoch}_{selected}_{field.name}"
            value = field_widget(field, data.get(field.name), field_ctx, key)
            if changed(key, value):
                edit(draft.set_field, selected, field.name, value)

        st.markdown("**Output of this step**")
        if preview_error:
            st.error(preview_error)
        elif check.frame is not None:
            rows_after = counts.get(check.id)
            before = checked.steps[check.position - 2].id if check.position > 1 else None
            what = builder.changes(check, counts.get(before) if before else None, rows_after)
            m1, m2, m3 = st.columns(3)
            m1.metric("Rows", f"{rows_after:,}" if rows_after is not None else "?")
            m2.metric("Columns", len(check.schema_out))
            m3.metric("Columns changed", len(what.added) + len(what.removed) + len(what.retyped))
            st.caption(f"What changed: {what.describe()}.")
            st.dataframe(shown, hide_index=True, width="stretch", height=260,
                         column_config={n: st.column_config.Column(help=f"type: {t}")
                                        for n, t in check.columns_out.items()})
            st.caption(f"First {min(len(shown), builder.PREVIEW_ROWS)} rows. Types: "
                       + ", ".join(f"{n} ({t})" for n, t in check.columns_out.items()))


# ---- the whole pipeline: its picture, parameters, run, JSON --------------------------------------------------

tab_flow, tab_params, tab_run, tab_json = st.tabs(["Flow", "Parameters", "Run", "Spec (JSON)"], key="builder_tab",
                                                  on_change="rerun")

with tab_flow:
    if state.steps:
        st.plotly_chart(flow_figure(checked, counts), width="stretch", config={"displayModeBar": False}, key="flow")
        st.caption("Rows after each step; red: a step with a problem, grey: a disabled step.")

with tab_params:
    st.caption("Values a run can change; expressions use them as :name, e.g. order_date >= :since.")
    shown_params = [{"name": p.get("name"), "type": p.get("type", "string"), "default": p.get("default"),
                     "description": p.get("description", "")} for p in state.parameters]
    param_key = f"params_{version}"
    edited = st.data_editor(pd.DataFrame(shown_params, columns=["name", "type", "default", "description"], dtype="object"),
                            key=param_key, num_rows="dynamic", hide_index=True, width="stretch", column_config={
                                "type": st.column_config.SelectboxColumn(
                                    options=["string", "integer", "number", "date", "boolean"], default="string")})
    values = [{k: (None if v is None or (isinstance(v, float) and pd.isna(v)) else v) for k, v in r.items()}
              for r in edited.to_dict("records")]
    if changed(param_key, values):
        edit(draft.set_parameters, values)

with tab_run:
    last_run = st.session_state.get("last_run")
    with st.form("run_form"):
        st.caption("Runs the pipeline as it is on screen" + (" (unsaved changes included)." if draft.unsaved else "."))
        overrides = {p["name"]: st.text_input(p["name"], "" if p.get("default") is None else str(p["default"]),
                                              help=p.get("description") or None, key=f"run_param_{p['name']}")
                     for p in state.parameters if p.get("name")}
        stepwise = st.checkbox("Time each step (slower on big data)", value=True)
        go = st.form_submit_button("Run now", icon=":material/play_arrow:", type="primary")
    if go:
        try:
            spec = draft.to_spec()
        except SluiceError as error:
            st.error(f"Cannot run yet: {error}")
            spec = None
        if spec is not None:
            with st.status(f"Running {spec.name}…", expanded=True) as box:
                def show(event: Event) -> None:
                    """The run's events, as they happen, in the status box."""
                    if event.kind == "step_started":
                        # expanded: an update leaves it unset, and the browser then folds the box and its lines
                        box.update(label=f"Step {event.step} of {len(spec.steps)}: {event.message}…", expanded=True)
                    elif event.kind == "step_finished":
                        took = f" in {event.duration_s:.2f} s" if event.duration_s is not None else ""
                        rows = f"{event.rows:,} rows" if event.rows is not None else "done"
                        box.write(f"✓ Step {event.step} ({event.step_type}): {rows}{took}")
                    elif event.kind in ("warning", "step_failed"):
                        box.write(f"{'⚠' if event.kind == 'warning' else '✗'} {event.message}")

                run = pipelines.run_pipeline(ui.engine(), settings, pipelines.RunRequest(
                    target=spec, params={k: v for k, v in overrides.items() if v != ""}, listeners=[show],
                    stepwise=stepwise))
                box.update(label=f"{spec.name}: {run.status}", state="complete" if run.status == "succeeded" else "error",
                           expanded=run.status != "succeeded")
            st.session_state["last_run"] = last_run = run.id
    if last_run:
        with ui.session() as session:
            run = session.get(PipelineRun, last_run)
        if run.status == "succeeded":
            st.success(f"Run {run.id} succeeded: {run.rows_in or 0:,} rows in, {run.rows_out or 0:,} rows out, "
                       f"{run.duration_s:.2f} s.")
        else:
            st.error(f"Run {run.id} {run.status}: {run.error}")
        for warning in run.warnings:
            st.warning(warning)
        st.dataframe([{"step": s["step"], "type": s["type"], "what": s["summary"], "rows": s["rows"],
                       "seconds": round(s["duration_s"], 3) if s["duration_s"] is not None else None} for s in run.steps],
                     hide_index=True, width="stretch")
        for index, output in enumerate(run.outputs):
            path = pipeline_library.output_file(settings, output)
            if path is not None:
                st.download_button(f"Download {path.name} ({output['rows'] or 0:,} rows)", path.read_bytes(),
                                   file_name=path.name, key=f"download_{run.id}_{index}", icon=":material/download:")
            elif output.get("table"):
                st.caption(f"Wrote table {output['table']} ({output['rows'] or 0:,} rows).")

with tab_json:
    st.caption("The pipeline as stored. Edit it and apply; a spec that is not a valid pipeline is refused and "
               "the last valid one kept.")
    text = st.text_area("Spec", json.dumps(state.as_data(), indent=2), height=360, key=f"json_{version}")
    if st.button("Apply JSON", key="apply_json"):
        try:
            draft.replace_from_json(text)
            ui.flash("success", "Applied the edited spec.")
            st.rerun()
        except SluiceError as error:
            st.error(f"Not applied: {error}")
    st.download_button("Export JSON", json.dumps(state.as_data(), indent=2), file_name=f"{state.name or 'pipeline'}.json",
                       mime="application/json", icon=":material/download:")
