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
