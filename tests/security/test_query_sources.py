"""Database-query sources pointed at the app's own database, at files outside the allowed folders, or made
to return without end: each refused with a clear message, and the app's stored data unchanged."""

from __future__ import annotations

import sqlite3

import pytest

from etl_core import sources
from etl_core.errors import ConnectionFailedError


def stored_sources(settings) -> list[tuple]:
    with sqlite3.connect(settings.data_dir / "sluice.db") as connection:
        return connection.execute("select id, name, kind, connection from datasource order by id").fetchall()


def test_a_relative_sqlite_url_does_not_reach_the_apps_own_database(session, settings, tmp_path, monkeypatch):
    """Run from the folder that holds data/ (the default layout): 'sqlite:///data/sluice.db' named the app's
    database relative to the working directory, past a check made against the databases folder."""
    monkeypatch.chdir(tmp_path)
    sources.add_file(session, settings, file_name="t.csv", data=b"a\n1\n")
    before = stored_sources(settings)
    for url in ("sqlite:///data/sluice.db", "sqlite:///./data/sluice.db", "sqlite:///../sluice.db"):
        with pytest.raises(ConnectionFailedError, match="no SQLite database file|app's own database"):
            sources.add_query(session, settings, name="leak", url=url, query="select name, kind from datasource")
    assert stored_sources(settings) == before, "nothing added, nothing changed"


def test_a_relative_sqlite_url_does_not_reveal_which_files_exist(session, settings, tmp_path, monkeypatch):
    """'sqlite:///pyproject.toml' was accepted from the project folder while a missing name was refused:
    the answer told whether the file existed."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "exists.toml").write_text("[project]\nname = 'x'\n")
    messages = []
    for name in ("exists.toml", "missing.toml"):
        with pytest.raises(ConnectionFailedError) as error:
            sources.add_query(session, settings, name="q", url=f"sqlite:///{name}", query="select 1")
        messages.append(str(error.value))
    assert messages[0] == messages[1], "the same words whether or not the file exists"
    assert sources.list_sources(session) == []
    assert not (tmp_path / "missing.toml").exists()


def test_a_relative_sqlite_url_reads_the_databases_folder(session, settings, tmp_path, monkeypatch):
    """What a relative URL is for: a file the analyst put in <data dir>/databases, whatever the working directory."""
    monkeypatch.chdir(tmp_path)
    (settings.data_dir / "databases").mkdir(parents=True)
    with sqlite3.connect(settings.data_dir / "databases" / "shop.db") as connection:
        connection.execute("create table t (x integer)")
        connection.execute("insert into t values (7)")
    added = sources.add_query(session, settings, name="shop", url="sqlite:///shop.db", query="select x from t").source
    assert sources.scan_source(settings, added).collect()["x"].to_list() == [7]


@pytest.fixture
def app_on_postgres(postgres_url, tmp_path):
    """The app's own database on the real PostgreSQL server the tests start, with one source in it."""
    from dataclasses import replace

    from sqlalchemy import create_engine, text
    from sqlmodel import Session

    from etl_core.config import Settings
    from etl_core.db import open_database

    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        for name in ("sluice_app", "analyst_db"):
            connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            connection.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    server = postgres_url.rsplit("/", 1)[0]
    settings = Settings(data_dir=tmp_path / "data", database_url=f"{server}/sluice_app", load_samples=False)
    engine = open_database(settings.database_url)
    with Session(engine, expire_on_commit=False) as session:
        sources.add_file(session, settings, file_name="t.csv", data=b"a\n1\n")
        yield replace(settings), session, server
    engine.dispose()


def postgres_sources(settings) -> list[tuple]:
    from sqlalchemy import create_engine, text

    from etl_core.db import normalise_url

    engine = create_engine(normalise_url(settings.database_url))
    with engine.connect() as connection:
        rows = connection.execute(text("select id, name, kind, connection::text from datasource order by id")).all()
    engine.dispose()
    return [tuple(row) for row in rows]


@pytest.mark.parametrize("spelling", [
    "{server}/sluice_app",                                        # DATABASE_URL itself
    "{scheme}://someone_else:pw@{host}:{port}/sluice_app",          # another user, same database
    "{scheme}://postgres@localhost:{port}/sluice_app",             # another name for the same host
    "{scheme}://postgres@[::ffff:127.0.0.1]:{port}/sluice_app",
    "{scheme}://postgres@{host}:{port}/analyst_db?dbname=sluice_app",  # libpq reads the query last
    "{scheme}://postgres@example.invalid:{port}/sluice_app?hostaddr={host}",
])
def test_the_apps_own_postgresql_database_is_not_a_query_source(app_on_postgres, spelling):
    settings, session, server = app_on_postgres
    scheme, rest = server.split("://", 1)
    host, port = rest.split("@", 1)[1].rsplit(":", 1)
    url = spelling.format(server=server, scheme=scheme, host=host, port=port)
    before = postgres_sources(settings)
    with pytest.raises(ConnectionFailedError, match="The app's own database cannot be read") as error:
        sources.add_query(session, settings, name="leak", url=url, query="select name, connection::text from datasource")
    assert "pw" not in str(error.value)
    assert postgres_sources(settings) == before, "nothing read into a source, nothing changed"


def test_another_database_on_the_apps_postgresql_server_is_still_a_source(app_on_postgres):
    settings, session, server = app_on_postgres
    added = sources.add_query(session, settings, name="n", url=f"{server}/analyst_db", query="select 1 as x").source
    assert sources.scan_source(settings, added).collect()["x"].to_list() == [1]


def test_the_apps_own_postgresql_database_is_known_once_connected(app_on_postgres, monkeypatch):
    """A name the URL check cannot tell apart (another address of the server, a DNS alias) still reaches
    the app's database: the open connection is asked which server and database it is."""
    from etl_core import database_access

    settings, session, server = app_on_postgres
    monkeypatch.setattr(database_access, "_refuse_app_postgres", lambda parsed, settings: None)  # as if fooled
    before = postgres_sources(settings)
    with pytest.raises(ConnectionFailedError, match="The app's own database cannot be read"):
        sources.add_query(session, settings, name="leak", url=f"{server}/sluice_app", query="select name from datasource")
    assert postgres_sources(settings) == before
