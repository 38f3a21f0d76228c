"""Streamlit glue shared by the pages: settings, the database, the scheduler, flash messages, progress."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import streamlit as st
from sqlalchemy import Engine
from sqlmodel import Session

from etl_core import db, run_process
from etl_core import scheduler as schedules_runner
from etl_core.config import Settings, load_settings
from etl_core.logs import set_up_logging
from etl_core.startup import open_data_directory


@st.cache_resource
def settings() -> Settings:
    """As every entry point reads them (the command line, the worker and the API open the same database)."""
    return load_settings()


@st.cache_resource(on_release=schedules_runner.stop_for)
def engine() -> Engine:
    """Once per process: open (and migrate) the database, load the samples on a first start, start the server
    that runs pipelines in their own processes (in the background: the page does not wait), and the scheduler.

    The scheduler starts here rather than in app.py: a page opened by its URL before any session has run
    app.py runs alone. Logging is set up first: Streamlit leaves Sluice's INFO lines (the scheduler, retention)
    with nowhere to go.
    """
    set_up_logging()
    threading.Thread(target=run_process.warm_up, name="sluice-warm-up", daemon=True).start()
    database = open_data_directory(settings())
    if settings().scheduler:
        schedules_runner.start_once(database, settings())
    return database


@contextmanager
def session() -> Iterator[Session]:
    with db.session_scope(engine()) as s:
        yield s


def flash(kind: str, text: str) -> None:
    """A message kept across the rerun that follows an action."""
    st.session_state.setdefault("flash", []).append((kind, text))


def show_flash() -> None:
    for kind, text in st.session_state.pop("flash", []):
        getattr(st, kind)(text)


def human_size(size: int | None) -> str | None:
    if size is None:
        return None
    if size < 1024:
        return f"{size:,} bytes"
    return f"{size / 1024:,.1f} KB" if size < 1024**2 else f"{size / 1024**2:,.1f} MB"


class StatusProgress:
    """Hands etl_core's progress messages to an st.status box."""

    def __init__(self, box: Any) -> None:
        self.box = box

    def __call__(self, message: str) -> None:
        self.box.update(label=f"{message}…")
        self.box.write(message)
