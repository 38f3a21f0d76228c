"""Sluice: the entry point. Page config, navigation, the database opened and the scheduler started once."""

import streamlit as st

import ui
from etl_core.errors import SluiceError

st.set_page_config(page_title="Sluice", page_icon=":material/water:", layout="wide")

try:
    ui.engine()  # and the scheduler, once per process
except SluiceError as error:
    st.error(str(error))
    st.stop()

navigation = st.navigation([
    st.Page("pages/chat.py", title="Chat", icon=":material/chat:", default=True),
    st.Page("pages/data_sources.py", title="Data sources", icon=":material/table:"),
    st.Page("pages/pipelines.py", title="Pipelines", icon=":material/account_tree:"),
    st.Page("pages/builder.py", title="Builder", icon=":material/construction:"),
    st.Page("pages/schedules.py", title="Schedules", icon=":material/schedule:"),
    st.Page("pages/runs.py", title="Run history", icon=":material/history:"),
    st.Page("pages/settings.py", title="Settings", icon=":material/settings:"),
])
navigation.run()
