"""Database-query sources pointed at the app's own database, at files outside the allowed folders, or made
to return without end: each refused with a clear message, and the app's stored data unchanged."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

from etl_core import sources
from etl_core.errors import ConnectionFailedError, FileTooLargeError, InputError


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


def test_the_apps_own_postgresql_database_is_no_table_output_even_when_listed(app_on_postgres):
    """An owner who lists DATABASE_URL among the output databases must not let a pipeline replace 'datasource'."""
    from etl_core import pipelines
    from etl_core.db import open_database
    from etl_core.spec import parse_spec

    settings, session, server = app_on_postgres
    listed = replace(settings, output_databases=(settings.database_url,))
    spec = parse_spec({"name": "p", "steps": [{"type": "source", "source": "t"}, {
        "type": "output", "format": "table", "url": settings.database_url, "table": "datasource"}]})
    pipelines.save_pipeline(session, listed, spec)
    session.commit()
    before = postgres_sources(settings)
    engine = open_database(settings.database_url)
    run = pipelines.run_pipeline(engine, listed, pipelines.RunRequest("p"))
    engine.dispose()
    assert run.status == "failed" and "The app's own database cannot be written" in run.error
    assert postgres_sources(settings) == before


def test_another_database_on_the_apps_postgresql_server_is_still_a_source(app_on_postgres):
    settings, session, server = app_on_postgres
    added = sources.add_query(session, settings, name="n", url=f"{server}/analyst_db", query="select 1 as x").source
    assert sources.scan_source(settings, added).collect()["x"].to_list() == [1]


def test_the_apps_own_postgresql_database_is_known_once_connected(app_on_postgres, monkeypatch):
    """A name the URL check cannot tell apart (another address of the server, a DNS alias) still reaches
    the app's database: the open connection is asked which server and database it is."""
    from etl_core import database_access

    settings, session, server = app_on_postgres
    monkeypatch.setattr(database_access, "_refuse_app_postgres", lambda *args: None)  # as if fooled
    before = postgres_sources(settings)
    with pytest.raises(ConnectionFailedError, match="The app's own database cannot be read"):
        sources.add_query(session, settings, name="leak", url=f"{server}/sluice_app", query="select name from datasource")
    assert postgres_sources(settings) == before


# ---- bounded: rows, size, time, memory ------------------------------------------------------

def shop(settings, rows: int) -> str:
    """A SQLite file of ``rows`` numbers in <data dir>/databases; its query-source URL."""
    path = settings.data_dir / "databases" / "shop.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as connection:
        connection.execute("create table if not exists t (x integer)")
        connection.execute("delete from t")
        connection.executemany("insert into t values (?)", [(i,) for i in range(rows)])
    return "sqlite:///shop.db"


def test_a_sqlite_query_that_reads_itself_is_refused_without_the_keyword(session, settings):
    """SQLite recurses on a CTE that reads itself, RECURSIVE or not (one ran until a raw MemoryError)."""
    query = "WITH n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT x FROM n"
    with pytest.raises(InputError, match="recursive"):
        sources.add_query(session, settings, name="q", url=shop(settings, 1), query=query)
    assert sources.list_sources(session) == []


def test_a_sqlite_query_stops_past_the_row_limit(session, settings):
    """A self-join of 1,500 rows makes 2.25 million; the default limit stops it at 1,000,000."""
    before = stored_sources(settings)
    with pytest.raises(FileTooLargeError, match=r"more than 1,000,000 rows.*SLUICE_QUERY_MAX_ROWS"):
        sources.add_query(session, settings, name="q", url=shop(settings, 1_500), query="SELECT a.x FROM t a, t b")
    assert stored_sources(settings) == before


def test_a_sqlite_query_stops_past_the_size_limit(session, settings):
    """Few rows of long values: the frame's size is counted as it is read."""
    small = replace(settings, query_max_mb=1)
    with pytest.raises(FileTooLargeError, match=r"more than 1 MB.*SLUICE_QUERY_MAX_MB"):
        sources.add_query(session, small, name="q", url=shop(settings, 100),
                          query="SELECT a.x, printf('%.1000c', 'x') AS padding FROM t a, t b")
    with pytest.raises(FileTooLargeError, match=r"more than 1 MB"):  # one value larger than the whole limit
        sources.add_query(session, small, name="q", url=shop(settings, 1), query="SELECT zeroblob(2000000) AS b")
    assert sources.list_sources(session) == []


def test_a_sqlite_query_stops_at_the_time_limit(session, settings):
    """SQLite has no statement timeout: a billion-row join counted ran for as long as it took."""
    import time

    hurried = replace(settings, http_timeout_s=0.5)  # a query gets three times as long: 1.5 s
    started = time.monotonic()
    with pytest.raises(ConnectionFailedError, match=r"did not finish within 1.5 s.*SLUICE_HTTP_TIMEOUT"):
        sources.add_query(session, hurried, name="q", url=shop(settings, 1_000),
                          query="SELECT count(*) AS n FROM t a, t b, t c")
    assert time.monotonic() - started < 10
    assert sources.list_sources(session) == []


def test_a_refresh_is_bounded_like_an_add(session, settings):
    """A source that grew past the limit since it was added: the refresh is refused, the stored copy kept."""
    url = shop(settings, 10)
    added = sources.add_query(session, settings, name="q", url=url, query="SELECT a.x FROM t a, t b").source
    before = stored_sources(settings)
    shop(settings, 1_500)
    with pytest.raises(FileTooLargeError, match="more than 1,000,000 rows"):
        sources.reread_source(session, settings, added.id)
    assert stored_sources(settings) == before
    assert sources.scan_source(settings, sources.get_source(session, added.id)).collect().height == 100


def test_a_postgresql_query_stops_past_the_row_limit(session, settings, postgres_url):
    with pytest.raises(FileTooLargeError, match="more than 1,000,000 rows"):
        sources.add_query(session, settings, name="q", url=postgres_url,
                          query="SELECT g FROM generate_series(1, 3000000) g")
    assert sources.list_sources(session) == []


def test_a_postgresql_query_stops_at_the_time_limit(session, settings, postgres_url):
    hurried = replace(settings, http_timeout_s=0.5)
    with pytest.raises(ConnectionFailedError, match=r"did not finish within 1.5 s"):
        sources.add_query(session, hurried, name="q", url=postgres_url, query="SELECT pg_sleep(5) AS slept")


def test_an_empty_json_object_from_postgresql_is_a_message(session, settings, postgres_url):
    """psycopg hands '{}' over as an empty dict, which Polars cannot type (InvalidOperationError)."""
    with pytest.raises(InputError, match=r"column 'j'.*::text"):
        sources.add_query(session, settings, name="q", url=postgres_url, query="SELECT '{}'::jsonb AS j")
    assert sources.list_sources(session) == []


UNDER_A_CEILING = '''
import resource, sys, time
from pathlib import Path
from dataclasses import replace
from etl_core.config import Settings
from etl_core.db import open_database
from sqlmodel import Session
from etl_core import sources
from etl_core.errors import SluiceError

data = Path(sys.argv[1])
settings = Settings(data_dir=data, database_url=f"sqlite:///{data / 'sluice.db'}", load_samples=False)
if sys.argv[4] == "unbounded" and hasattr(settings, "query_max_rows"):  # no row or size limit: only memory stops it
    settings = replace(settings, query_max_rows=10**12, query_max_mb=10**9)
engine = open_database(settings.database_url)
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))  # 1 GB of address space from here on
started = time.monotonic()
with Session(engine) as session:
    try:
        sources.add_query(session, settings, name="q", url=sys.argv[2], query=sys.argv[3])
        print("added")
    except SluiceError as error:
        print("refused:", error)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"peak {peak:.0f} MB, {time.monotonic() - started:.1f} s", file=sys.stderr)
'''


def under_a_ceiling(settings, url: str, query: str, limits: str = "default") -> str:
    import subprocess
    import sys

    from tests.conftest import ROOT

    done = subprocess.run([sys.executable, "-c", UNDER_A_CEILING, str(settings.data_dir), url, query, limits],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


def test_fifty_million_postgresql_rows_are_refused_under_a_1_gb_ceiling(settings, postgres_url):
    """generate_series(1, 50000000) ran out of memory ('out of memory for query result') after 18.6 s."""
    said = under_a_ceiling(settings, postgres_url, "SELECT g FROM generate_series(1, 50000000) g")
    assert said.startswith("refused:") and "more than 1,000,000 rows" in said, said


def test_running_out_of_memory_is_a_message(settings):
    """With no row or size limit, a value larger than the memory left raised a bare MemoryError."""
    said = under_a_ceiling(settings, shop(settings, 1), "SELECT printf('%.*c', 700000000, 'x') AS big", "unbounded")
    assert said.startswith("refused:") and "memory" in said, said
