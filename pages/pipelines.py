"""Pipelines: every saved pipeline with its last run; create, import, open, duplicate, rename, export, delete."""

from __future__ import annotations

import streamlit as st

import ui
from etl_core import pipeline_library, pipelines, sources
from etl_core.errors import SluiceError

st.title("Pipelines")
settings = ui.settings()


def open_in_builder(name: str | None = None, source: str | None = None) -> None:
    st.session_state["builder_open" if name else "builder_source"] = name or source
    st.switch_page("pages/builder.py")


def act(action, success: str) -> None:
    """Run a change in a session; show its error instead of a traceback."""
    try:
        with ui.session() as session:
            action(session)
        ui.flash("success", success)
    except SluiceError as error:
        ui.flash("error", str(error))
    st.rerun()


with ui.session() as session:
    source_names = [s.name for s in sources.list_sources(session)]
    rows = pipeline_library.summaries(session, settings)

new_col, import_col = st.columns(2)
with new_col.popover("New pipeline", icon=":material/add:", width="stretch"):
    start = st.selectbox("From data source", source_names, index=None, placeholder="Choose a data source")
    if st.button("Start in the builder", type="primary", disabled=start is None):
        open_in_builder(source=start)
    st.caption("Answers saved from the chat are listed here too.")
with import_col.popover("Import a spec file", icon=":material/upload:", width="stretch"):
    upload = st.file_uploader("Pipeline JSON", type=["json"], key=f"import_{st.session_state.get('import_round', 0)}")
    if upload is not None:
        st.session_state["import_round"] = st.session_state.get("import_round", 0) + 1
        act(lambda s: pipeline_library.import_spec(s, settings, upload.getvalue()), f"Imported {upload.name}.")

ui.show_flash()
if not rows:
    st.info("No pipelines yet. Start one from a data source, import a spec file, or save an answer from the chat.")
    st.stop()

st.dataframe(
    [{"name": r.name, "description": r.description, "steps": r.steps, "sources": ", ".join(r.sources),
      "last run": r.last_run, "status": r.last_status or "never run", "rows out": r.last_rows,
      "schedule": r.schedule or "—", "problem": r.problem} for r in rows],
    hide_index=True, width="stretch",
    column_config={"last run": st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm")},
)

names = [r.name for r in rows]
if st.session_state.get("next_pipeline") in names:  # chosen by an action on the previous run (a rename)
    st.session_state["pipeline_chosen"] = st.session_state.pop("next_pipeline")
if st.session_state.get("pipeline_chosen") not in names:
    st.session_state["pipeline_chosen"] = names[0]
chosen = st.selectbox("Pipeline", names, key="pipeline_chosen")
if problem := next(r.problem for r in rows if r.name == chosen):
    st.error(f"'{chosen}' does not validate: {problem}", icon=":material/error:")
    st.caption("Open it in the builder to fix it; until then its runs (scheduled ones too) fail with this message.")

c1, c2, c3 = st.columns(3)
if c1.button("Open in the builder", icon=":material/account_tree:", type="primary", width="stretch"):
    open_in_builder(name=chosen)
with ui.session() as session:
    exported = pipeline_library.export_text(session, chosen)
c2.download_button("Export JSON", exported, file_name=f"{chosen}.json", mime="application/json",
                   icon=":material/download:", width="stretch")
if c3.button("Duplicate", icon=":material/content_copy:", width="stretch"):
    act(lambda s: pipeline_library.duplicate_pipeline(s, settings, chosen), f"Duplicated '{chosen}'.")

with st.expander("Rename or delete"):
    new_name = st.text_input("New name", chosen, key=f"rename_{chosen}")
    if st.button("Rename", disabled=new_name.strip() == chosen):
        def rename(session) -> None:
            st.session_state["next_pipeline"] = pipeline_library.rename_pipeline(session, chosen, new_name).name
        act(rename, f"Renamed to '{' '.join(new_name.split())}'.")
    if st.session_state.get("confirm_delete_pipeline") != chosen:
        if st.button("Delete this pipeline", icon=":material/delete:"):
            st.session_state["confirm_delete_pipeline"] = chosen
            st.rerun()
    else:
        st.warning(f"Delete '{chosen}'? Its past runs stay in the history.")
        y, n = st.columns(2)
        if y.button("Yes, delete it", type="primary"):
            st.session_state.pop("confirm_delete_pipeline", None)
            act(lambda s: pipelines.delete_pipeline(s, chosen), f"Deleted '{chosen}'.")
        if n.button("Cancel"):
            st.session_state.pop("confirm_delete_pipeline", None)
            st.rerun()
