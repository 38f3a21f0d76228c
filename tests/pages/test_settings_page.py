"""The settings page through AppTest: make a key (shown once), revoke it, expose pipelines or not."""

from __future__ import annotations

import pytest

from etl_core import api_keys, pipelines
from etl_core.config import Settings
from etl_core.db import open_database, session_scope


@pytest.fixture
def app(launch):
    return lambda samples=True: launch(samples, "pages/settings.py")


@pytest.fixture
def database(tmp_path):
    """The database the page writes to, opened beside it."""
    return lambda: open_database(f"sqlite:///{tmp_path / 'data' / 'sluice.db'}")


def make_key(at, name: str):
    at.text_input(key="new_key_name").input(name)
    return at.button[0].click().run()


def test_a_key_is_made_shown_once_and_works(app, database):
    at = app()
    assert not at.exception
    assert "No API keys yet" in at.info[0].value
    at = make_key(at, "nightly job")
    key, secret = (code.value for code in at.code)
    assert at.success[0].value == "Key 'nightly job' made. Copy it now: it is not shown again."
    with session_scope(database()) as session:
        found = api_keys.find_key(session, key)
        assert found.name == "nightly job" and api_keys.webhook_secret(Settings.load(), found) == secret
    listed = at.dataframe[0].value
    assert listed["name"].tolist() == ["nightly job"] and listed["state"].tolist() == ["active"]
    assert key not in listed.to_string()
    at.run()
    assert not at.code  # gone on the next run: never shown again


def test_a_taken_name_is_an_error_and_nothing_changes(app):
    at = make_key(make_key(app(), "ci"), "ci")
    assert at.error[0].value.startswith("A key called 'ci' already exists.")
    assert at.dataframe[0].value["name"].tolist() == ["ci"]


def test_revoke_asks_first_then_refuses_the_key(app, database):
    at = make_key(app(), "laptop")
    key = at.code[0].value
    at.selectbox(key="revoke_choice").select("laptop").run()
    assert at.button(key="revoke").disabled
    at.checkbox(key="revoke_sure").check().run()
    at.button(key="revoke").click().run()
    assert at.success[0].value == "Revoked 'laptop'."
    assert at.dataframe[0].value["state"].tolist() == ["revoked"]
    with session_scope(database()) as session:
        assert api_keys.find_key(session, key).revoked_at is not None


def test_pipelines_are_exposed_or_not_with_a_switch(app, database):
    at = app()
    sample = at.toggle[0]
    assert sample.label == "monthly_revenue" and sample.value is True  # the sample ships exposed
    sample.set_value(False).run()
    assert at.success[0].value == "'monthly_revenue' is no longer reachable over the API."
    with session_scope(database()) as session:
        assert pipelines.get_pipeline(session, "monthly_revenue").exposed is False
    assert at.toggle[0].value is False
