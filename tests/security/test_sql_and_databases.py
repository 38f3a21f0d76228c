"""SQL written to escape, and database URLs pointed where they should not: each refused with a clear message,
through the public entry points, with nothing outside the data directory read or written."""

from __future__ import annotations

import sqlite3

import pytest

from etl_core import database_access, pipelines, sources
from etl_core.errors import ConnectionFailedError, ExpressionError, InputError
from etl_core.spec import parse_spec
from tests.pipeline_helpers import run, run_frame

SECRET = "do-not-leak-this-line"


@pytest.fixture
def outside(tmp_path):
    """A file outside any data directory, holding something an attacker wants."""
    path = tmp_path / "elsewhere" / "secrets.csv"
    path.parent.mkdir()
    path.write_text(f"key\n{SECRET}\n")
    return path


def test_a_mysql_comment_cannot_smuggle_a_file_read_into_the_sql_step(outside):
    query = f"SELECT cust FROM data WHERE 1 = 0 /*! UNION ALL SELECT * FROM read_csv('{outside}') */"
    frame = run_frame({"type": "sql", "query": query})
    assert frame.height == 0, "what ran is what was checked: the comment is not run"
    assert SECRET not in str(frame.to_dicts())


@pytest.mark.parametrize("query", [
    "SELECT * FROM read_csv('/etc/passwd')", "SELECT * FROM data, read_parquet('x.parquet')",
    "SELECT cust FROM data UNION ALL SELECT * FROM other_table",
])
def test_the_sql_step_reads_only_its_table(query):
    with pytest.raises(ExpressionError, match="may only read the table 'data'|not allowed"):
        run_frame({"type": "sql", "query": query})


@pytest.mark.parametrize("where", [
    "1 = 1) UNION ALL SELECT key FROM read_csv('{outside}'",
    "cust IN (SELECT key FROM read_csv('{outside}'))",
    "1 = 0 /*! OR key IN (SELECT * FROM read_csv('{outside}')) */",
])
def test_a_lookup_condition_cannot_read_a_file(outside, where):
    """The window step's lookup condition is SQL like a filter's: the same allow-list, in Polars and in the SQL shown."""
    step = {"type": "window", "function": "lookup", "column": "amount", "where": where.format(outside=outside),
            "output": "found"}
    try:
        frame = run_frame(step)
    except ExpressionError as error:
        assert "not a valid expression" in str(error) or "contains a query" in str(error)
        return
    assert frame["found"].null_count() == frame.height, "the comment is not run: '1 = 0' finds nothing"
    assert SECRET not in str(frame.to_dicts())


@pytest.mark.parametrize(("step", "message"), [
    ({"type": "filter", "condition": "status = 'done"}, "quote or bracket is not closed"),
    ({"type": "derive", "column": "x", "expression": "(" * 600 + "1" + ")" * 600}, "nested too deeply|longer than"),
    ({"type": "sql", "query": "SELECT 'unclosed FROM data"}, "could not be parsed"),
    ({"type": "sql", "query": "SELECT " + "(" * 3000 + "1" + ")" * 3000 + " FROM data"}, "nested too deeply"),
])
def test_broken_sql_is_a_message_not_a_traceback(step, message):
    with pytest.raises(ExpressionError, match=message):
        run_frame(step)


@pytest.mark.parametrize("query", [
    "SELECT * INTO stolen FROM orders", "WITH d AS (DELETE FROM orders RETURNING *) SELECT * FROM d",
    "select 'unclosed", "SELECT " + "(" * 3000 + "1" + ")" * 3000,
])
def test_a_query_source_that_writes_or_cannot_be_read_is_refused(session, settings, query):
    with pytest.raises(InputError):
        sources.add_query(session, settings, name="q", url="sqlite:///shop.db", query=query)
    assert sources.list_sources(session) == []


def test_the_apps_own_database_is_not_a_query_source(session, settings):
    with pytest.raises(ConnectionFailedError, match="app's own database|only in"):
        sources.add_query(session, settings, name="q", url=settings.database_url, query="select * from datasource")
    assert sources.list_sources(session) == []


def test_a_sqlite_path_outside_the_folders_reveals_nothing(session, settings, tmp_path):
    existing = tmp_path / "real.db"
    sqlite3.connect(existing).close()
    messages = []
    for path in (existing, tmp_path / "missing.db"):
        with pytest.raises(ConnectionFailedError) as error:
            sources.add_query(session, settings, name="q", url=f"sqlite:///{path}", query="select 1")
        messages.append(str(error.value))
    assert messages[0] == messages[1], "the same words whether or not the file exists"
    assert not (tmp_path / "missing.db").exists()


def test_a_query_source_is_read_only_by_construction(tmp_path, monkeypatch):
    """Even a write the check did not see changes nothing: the connection itself is read-only."""
    from etl_core.loaders import remote

    path = tmp_path / "shop.db"
    with sqlite3.connect(path) as connection:
        connection.execute("create table t (x integer)")
        connection.execute("insert into t values (1)")
    monkeypatch.setattr(remote, "check_read_only", lambda query: None)  # as if the parser had been fooled
    with pytest.raises(ConnectionFailedError, match="readonly"):
        remote.read_query(f"sqlite:///{path}", "insert into t values (2) returning x", timeout_s=2)
    with sqlite3.connect(path) as connection:
        assert connection.execute("select count(*) from t").fetchone()[0] == 1


@pytest.mark.parametrize("url", [
    "sqlite:///{data}/sluice.db", "sqlite:////tmp/sluice-elsewhere-{n}.db", "sqlite:///../../escape.db",
    "postgresql://someone@127.0.0.1:5432/other",
])
def test_a_table_output_writes_only_where_the_owner_allows(engine, session, settings, url, tmp_path):
    target = url.format(data=settings.data_dir, n=tmp_path.name)
    sources.add_file(session, settings, file_name="t.csv", data=b"a,b\n1,2\n")
    spec = parse_spec({"name": "p", "steps": [{"type": "source", "source": "t"},
                                             {"type": "output", "format": "table", "url": target, "table": "datasource"}]})
    pipelines.save_pipeline(session, settings, spec)
    run = pipelines.run_pipeline(engine, settings, pipelines.RunRequest("p"))
    assert run.status == "failed" and "Step 2 (output)" in run.error
    assert "pw" not in run.error, "a password in a URL is never shown"
    assert [s.name for s in sources.list_sources(session)] == ["t"], "the app's own tables are intact"
    assert not (tmp_path.parent / f"sluice-elsewhere-{tmp_path.name}.db").exists()
    assert not list(tmp_path.parent.glob("escape.db"))


def test_an_empty_file_is_not_turned_into_a_database(tmp_path):
    (tmp_path / "databases").mkdir()
    empty = tmp_path / "databases" / "notes.db"
    empty.write_bytes(b"")
    result = run({"type": "output", "format": "table", "url": "sqlite:///notes.db", "table": "x"}, tmp_path=tmp_path)
    assert result.status == "failed" and "not a SQLite database" in result.error
    assert empty.read_bytes() == b""


def test_a_configured_database_is_written_with_its_own_credentials(tmp_path):
    from etl_core.config import Settings

    settings = Settings(data_dir=tmp_path, database_url="sqlite://", output_databases=("postgresql://bi:s3cret@db:5432/sales",))
    assert database_access.output_url("postgresql://bi@db:5432/sales", settings) == settings.output_databases[0]
    with pytest.raises(Exception, match="SLUICE_OUTPUT_DATABASES"):
        database_access.output_url("postgresql://bi@db:5432/other", settings)


@pytest.mark.parametrize(("text", "shown"), [
    ("postgresql://user:hunter2@host/db", "postgresql://user:***@host/db"),
    ("https://api.example.com/v1?api_key=abc123&page=2", "https://api.example.com/v1?api_key=***&page=2"),
    ("could not reach https://x.io/?token=zzz", "could not reach https://x.io/?token=***"),
])
def test_secrets_in_urls_are_masked(text, shown):
    assert database_access.masked(text) == shown


def test_a_postgresql_query_source_runs_in_a_read_only_session(postgres_url, monkeypatch):
    from sqlalchemy import create_engine, text

    from etl_core.db import normalise_url
    from etl_core.loaders import remote

    engine = create_engine(normalise_url(postgres_url))
    with engine.begin() as connection:
        connection.execute(text("drop table if exists shop; create table shop (x integer); insert into shop values (1)"))
        connection.execute(text("drop sequence if exists counter; create sequence counter"))
    monkeypatch.setattr(remote, "check_read_only", lambda query: None)  # as if the parser had been fooled
    for query in ("WITH d AS (DELETE FROM shop RETURNING *) SELECT * FROM d", "SELECT nextval('counter')"):
        with pytest.raises(ConnectionFailedError, match="read-only"):
            remote.read_query(postgres_url, query, timeout_s=5)
    with engine.connect() as connection:
        assert connection.execute(text("select count(*) from shop")).scalar() == 1
    engine.dispose()


@pytest.mark.parametrize("path", ["a" * 250 + ".parquet", "a\x00b.parquet", "é" * 130 + ".csv"])
def test_an_output_name_a_file_system_cannot_hold_is_a_message(tmp_path, path):
    result = run({"type": "output", "format": "parquet", "path": path}, tmp_path=tmp_path)
    assert result.status == "failed" and "file name is too long or holds a character" in result.error
    assert not list(tmp_path.rglob("*.partial"))


def test_a_database_url_with_a_bad_port_is_a_message(session, settings):
    with pytest.raises(ConnectionFailedError, match="is not a database URL"):
        sources.add_query(session, settings, name="q", url="postgresql://u:pw@host:notaport/db", query="select 1")


def test_the_hosted_app_shows_no_stack_traces():
    import tomllib

    from tests.conftest import ROOT

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["showErrorDetails"] == "none"
