"""Settings: keys for the HTTP API (made, shown once, revoked) and which pipelines the API may run."""

import streamlit as st

import ui
from etl_core import api_keys, pipelines
from etl_core.errors import SluiceError

st.title("Settings")
settings = ui.settings()
ui.show_flash()

st.header("API keys")
st.caption("Other programs run exposed pipelines and ask questions over the HTTP API (`python -m etl_core api`), "
           "sending a key as `Authorization: Bearer KEY`. Only a hash of each key is kept.")

shown = st.session_state.pop("new_key", None)
if shown:  # shown once, on the run right after it was made
    name, key, secret = shown
    st.success(f"Key '{name}' made. Copy it now: it is not shown again.")
    st.code(key, language=None)
    st.caption("Its webhook secret: webhooks of runs this key starts are signed with it "
               "(`X-Sluice-Signature: sha256=` HMAC-SHA256 of the body).")
    st.code(secret, language=None)

with st.form("new_key_form", clear_on_submit=True):
    wanted = st.text_input("Name of a new key", placeholder="nightly job", key="new_key_name")
    if st.form_submit_button("Create key", icon=":material/key:"):
        try:
            with ui.session() as session:
                made = api_keys.create_key(session, settings, wanted)
            st.session_state["new_key"] = (made.name, made.key, made.webhook_secret)
            st.rerun()
        except SluiceError as error:
            st.error(str(error))

with ui.session() as session:
    keys = api_keys.list_keys(session)
if not keys:
    st.info("No API keys yet. Name one above to make it.")
else:
    st.dataframe([{"name": k.name, "key starts": f"{k.prefix}…", "created": k.created_at, "last used": k.last_used_at,
                   "state": "revoked" if k.revoked_at else "active"} for k in keys], hide_index=True)
    active = [k.name for k in keys if k.revoked_at is None]
    if active:
        chosen = st.selectbox("Revoke a key", active, index=None, placeholder="Choose a key", key="revoke_choice")
        sure = st.checkbox("Yes: programs using it are refused from now on", key="revoke_sure", disabled=not chosen)
        if st.button("Revoke", disabled=not (chosen and sure), key="revoke"):
            with ui.session() as session:
                api_keys.revoke_key(session, chosen)
            ui.flash("success", f"Revoked '{chosen}'.")
            st.rerun()

st.header("Pipelines over the API")
with ui.session() as session:
    saved = pipelines.list_pipelines(session)
if not saved:
    st.info("No pipelines yet. Save one from the chat, or import one with `python -m etl_core import`.")
for pipeline in saved:
    on = st.toggle(pipeline.name, value=pipeline.exposed, key=f"expose_{pipeline.id}",
                   help=pipeline.description or None)
    if on != pipeline.exposed:
        with ui.session() as session:
            pipelines.expose_pipeline(session, pipeline.name, on)
        ui.flash("success", f"'{pipeline.name}' is {'now' if on else 'no longer'} reachable over the API.")
        st.rerun()
