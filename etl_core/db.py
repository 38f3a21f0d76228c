"""The database: engine, sessions and migrations (SQLite by default, PostgreSQL by URL)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, create_engine

from etl_core.errors import ConnectionFailedError

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def normalise_url(url: str) -> str:
    """Accept the URL forms hosts hand out (``postgres://``) and pick the psycopg driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def make_engine(url: str) -> Engine:
    """An engine safe to use from several threads (page scripts and the scheduler)."""
    url = normalise_url(url)
    if url.startswith("sqlite"):
        path = make_url(url).database
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets readers and one writer work at once; busy_timeout waits instead of failing; with WAL,
    # synchronous=NORMAL stays consistent after a crash and commits without waiting for the disk (only a
    # power cut can lose the last commits): a run's record then costs milliseconds (bench/bench_run_record.py)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def migrate(engine: Engine) -> None:
    """Create or upgrade the tables to the newest schema (Alembic, on a start that finds them older)."""
    if _at_head(engine):
        return  # importing Alembic alone takes longer than most commands
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except Exception as exc:
        if exc.__class__.__module__.startswith(("sqlalchemy", "psycopg", "sqlite3")):
            reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
            raise ConnectionFailedError(
                f"Could not open the Sluice database ({engine.url.render_as_string()}): {reason}.",
                hint="Check DATABASE_URL, or unset it to use the SQLite file in the data directory.",
            ) from exc
        raise


def _at_head(engine: Engine) -> bool:
    try:
        with engine.connect() as connection:
            current = {row[0] for row in connection.exec_driver_sql("SELECT version_num FROM alembic_version")}
    except DBAPIError:
        return False  # no tables yet, or no database: migrate says which
    return current == migration_heads()


def migration_heads() -> set[str]:
    """The newest revisions, read from the migration files as Alembic reads them (without importing it)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        revisions.update(re.findall(r"^revision\b[^=\n]*=\s*['\"]([^'\"]+)['\"]", text, re.MULTILINE))
        for value in re.findall(r"^down_revision\b[^=\n]*=(.*)$", text, re.MULTILINE):
            parents.update(re.findall(r"['\"]([^'\"]+)['\"]", value))
    return revisions - parents


def open_database(url: str) -> Engine:
    """An engine on an up-to-date schema: what the app, the CLI and the worker start with."""
    engine = make_engine(url)
    migrate(engine)
    return engine


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One short unit of work: commit on success, roll back on any error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
