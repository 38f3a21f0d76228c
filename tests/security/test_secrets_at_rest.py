"""Secrets at rest and on screen: an endpoint's token and a URL's secret query value are stored encrypted,
shown masked, and still work when the source is refreshed."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest
from cryptography.fernet import Fernet

from etl_core import sources
from etl_core.errors import InputError
from tests.security.test_requests_to_the_server import TOKEN, serve, trusting  # noqa: F401 (fixtures)

API_KEY = "k3y-that-must-not-leak"


def raw_database(settings) -> bytes:
    """Everything in the app's database file, as an attacker with a copy of it would read it."""
    with sqlite3.connect(settings.data_dir / "sluice.db") as connection:
        return "\n".join(str(row) for table in ("datasource",) for row in
                         connection.execute(f"select * from {table}")).encode()


def test_a_token_and_an_api_key_are_stored_encrypted_and_shown_masked(session, trusting, serve):  # noqa: F811
    server = serve()
    url = f"http://127.0.0.1:{server.server_port}/needs-token?api_key={API_KEY}"
    added = sources.add_endpoint(session, trusting, name="api", url=url, header_name="X-Api-Key",
                                 header_value=TOKEN).source
    stored = raw_database(trusting)
    assert TOKEN.encode() not in stored and API_KEY.encode() not in stored
    shown = sources.location(added)
    assert API_KEY not in shown and "api_key=***" in shown
    refreshed = sources.reread_source(session, trusting, added.id).source  # the stored secrets still open
    assert refreshed.row_count == 1


def test_a_wrong_key_is_a_message_not_a_leak(session, trusting, serve):  # noqa: F811
    server = serve()
    url = f"http://127.0.0.1:{server.server_port}/needs-token"
    keyed = replace(trusting, secret_key=Fernet.generate_key().decode())
    added = sources.add_endpoint(session, keyed, name="api", url=url, header_name="X-Api-Key", header_value=TOKEN).source
    other = replace(trusting, secret_key=Fernet.generate_key().decode())
    with pytest.raises(InputError, match="cannot be decrypted with this key"):
        sources.reread_source(session, other, added.id)


def test_the_key_file_is_for_its_owner_only(session, trusting, serve):  # noqa: F811
    server = serve()
    sources.add_endpoint(session, trusting, name="api", url=f"http://127.0.0.1:{server.server_port}/",
                         header_name="X-Api-Key", header_value=TOKEN)
    key = trusting.data_dir / "secret.key"
    assert key.exists() and key.stat().st_mode & 0o777 == 0o600
