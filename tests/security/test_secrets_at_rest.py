"""Secrets at rest and on screen: an endpoint's token and a URL's secret query value are stored encrypted,
shown masked, and still work when the source is refreshed."""

from __future__ import annotations

import json
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


PASSWORD = "s3cretPW-not-to-leak"


def with_password(server_url: str) -> str:
    """The test server's URL with a password in it (the server trusts loopback, so any password works)."""
    scheme, rest = server_url.split("://", 1)
    user, place = rest.split("@", 1)
    return f"{scheme}://{user}:{PASSWORD}@{place}"


def test_a_database_urls_password_is_stored_encrypted(session, settings, postgres_url):
    added = sources.add_query(session, settings, name="q", url=with_password(postgres_url), query="select 1 as x").source
    assert PASSWORD.encode() not in raw_database(settings)
    assert PASSWORD not in sources.location(added) and ":***@" in sources.location(added)
    assert sources.reread_source(session, settings, added.id).source.row_count == 1  # the stored URL still opens


def test_a_password_in_a_table_outputs_url_is_refused(session, settings):
    """It was stored in the pipeline's spec in plain text, and exported with it."""
    from etl_core import pipeline_library, pipelines
    from etl_core.errors import SpecError

    spec = {"name": "p", "steps": [{"type": "source", "source": "t"},
                                   {"type": "output", "format": "table", "table": "sales",
                                    "url": f"postgresql://bi:{PASSWORD}@db.internal:5432/warehouse"}]}
    with pytest.raises(SpecError, match=r"Step 2 \(output\): the url 'postgresql://bi:\*\*\*@db.internal:5432/warehouse' "
                                        r"holds a password.*'postgresql://bi@db.internal:5432/warehouse'"
                                        r".*SLUICE_OUTPUT_DATABASES") as error:
        pipeline_library.import_spec(session, settings, json.dumps(spec))
    assert PASSWORD not in str(error.value)
    assert pipelines.list_pipelines(session) == []


def test_secrets_stored_before_encryption_are_sealed_on_start(settings, postgres_url):
    """A source's URL and token and a table output's password, stored in plain text by an older Sluice: the
    next start seals them, and everything still works."""
    from sqlmodel import Session

    from etl_core import pipelines
    from etl_core.db import open_database
    from etl_core.models import DataSource, Pipeline
    from etl_core.startup import open_data_directory

    engine = open_database(settings.database_url)
    output_url = f"postgresql://bi:{PASSWORD}@db.internal:5432/warehouse"
    with Session(engine) as session:  # the rows as an older version wrote them
        session.add(DataSource(name="q", kind="query", format="query",
                               connection={"url": with_password(postgres_url), "query": "select 1 as x"}))
        session.add(DataSource(name="api", kind="api", format="api",
                               connection={"url": "https://api.example.com/v1", "header_name": "X-Api-Key",
                                           "header_value": TOKEN, "records_path": None}))
        session.add(Pipeline(name="p", spec={"name": "p", "steps": [
            {"type": "source", "source": "q"},
            {"type": "output", "format": "table", "table": "sales", "url": output_url}]}))
        session.commit()
    engine.dispose()
    assert PASSWORD.encode() in raw_database(settings)  # the attack's starting point

    engine = open_data_directory(settings)
    stored = raw_database(settings) + "\n".join(
        str(row) for row in sqlite3.connect(settings.data_dir / "sluice.db").execute("select * from pipeline")).encode()
    assert PASSWORD.encode() not in stored and TOKEN.encode() not in stored
    with Session(engine, expire_on_commit=False) as session:
        query, api = sources.get_source(session, "q"), sources.get_source(session, "api")
        assert ":***@" in sources.location(query) and sources.location(api) == "https://api.example.com/v1"
        assert sources.reread_source(session, settings, query.id).source.row_count == 1
        steps = pipelines.spec_of(pipelines.get_pipeline(session, "p")).steps
        assert steps[1].url == "postgresql://bi@db.internal:5432/warehouse"
    sealed = raw_database(settings)
    open_data_directory(settings).dispose()  # a second start changes nothing
    assert raw_database(settings) == sealed
    engine.dispose()
