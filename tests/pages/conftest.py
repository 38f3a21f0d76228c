"""The app through AppTest, on a fresh data directory per test."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT


@pytest.fixture
def launch(tmp_path, monkeypatch):
    """launch(samples, page=None) -> the app after its first run, on `page` when given."""
    def start(samples: bool, page: str | None = None) -> AppTest:
        monkeypatch.setenv("SLUICE_DATA_DIR", str(tmp_path / "data"))
        monkeypatch.delenv("DATABASE_URL", raising=False)
        monkeypatch.delenv("SLUICE_LLM_BASE_URL", raising=False)
        monkeypatch.setenv("SLUICE_LOAD_SAMPLES", "true" if samples else "false")
        st.cache_resource.clear()  # settings and engine are per process: start clean
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
        return at.switch_page(page).run() if page else at
    yield start
    st.cache_resource.clear()
