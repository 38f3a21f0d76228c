"""The database: safe SQLite settings, URL forms, migrations, writes from several threads."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import inspect, text

from etl_core import sources
from etl_core.db import make_engine, migrate, migration_heads, normalise_url, open_database, session_scope
from etl_core.errors import ConnectionFailedError


def test_sqlite_pragmas(engine):
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 30000
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL: no fsync per commit in WAL


@pytest.mark.parametrize(("given", "expected"), [
    ("postgres://u:p@h/db", "postgresql+psycopg://u:p@h/db"),
    ("postgresql://u@h:5433/db", "postgresql+psycopg://u@h:5433/db"),
    ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
    ("sqlite:///x.db", "sqlite:///x.db"),
])
def test_url_forms(given, expected):
    assert normalise_url(given) == expected


def test_migrations_create_tables_and_are_idempotent(settings):
    engine = open_database(settings.database_url)
    migrate(engine)  # a second start changes nothing
    tables = set(inspect(engine).get_table_names())
    assert {"datasource", "pipeline", "pipelinerun", "runlog", "alembic_version"} <= tables
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from etl_core.db import MIGRATIONS_DIR

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.connect() as connection:
        current = connection.execute(text("select version_num from alembic_version")).scalar()
    assert current == ScriptDirectory.from_config(config).get_current_head()
    # a start that finds the database at the head skips Alembic: the head it reads must be Alembic's
    assert migration_heads() == set(ScriptDirectory.from_config(config).get_heads())


def test_an_older_database_is_still_upgraded(settings):
    from alembic import command
    from alembic.config import Config

    from etl_core.db import MIGRATIONS_DIR

    engine = open_database(settings.database_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0006")
    assert "sheet" not in {c["name"] for c in inspect(engine).get_columns("datasource")}
    migrate(engine)
    with engine.connect() as connection:
        assert connection.execute(text("select version_num from alembic_version")).scalar() in migration_heads()
    assert "sheet" in {c["name"] for c in inspect(engine).get_columns("datasource")}


def test_migrations_on_postgres(postgres_url):
    engine = open_database(postgres_url)
    assert "datasource" in inspect(engine).get_table_names()
    engine.dispose()


def test_unreachable_database_is_a_clear_error():
    with pytest.raises(ConnectionFailedError, match="Could not open the Sluice database.*DATABASE_URL"):
        migrate(make_engine("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2"))


def test_writes_from_several_threads(settings, engine):
    errors: list[Exception] = []

    def worker(n: int) -> None:
        try:
            for i in range(3):
                with session_scope(engine) as session:
                    sources.add_file(session, settings, file_name=f"t{n}_{i}.csv", data=f"a,b\n{n},{i}\n".encode())
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with session_scope(engine) as session:
        assert len(sources.list_sources(session)) == 12
