"""Sources read afresh from elsewhere: a SQL query over a database URL, a JSON HTTP endpoint.

httpx (through loaders.fetch), sqlglot and SQLAlchemy are imported when first used: reading
a file, the common case, should not pay for them (the command line starts 0.5 s sooner).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from etl_core.errors import ConnectionFailedError, EmptyFileError, InputError
from etl_core.loaders.json_reader import read_json_bytes
from etl_core.loaders.options import ReadOptions

if TYPE_CHECKING:
    from sqlalchemy import Connection


def read_query(url: str, query: str, timeout_s: float = 30, *,
               check_connection: Callable[[Connection], None] | None = None) -> pl.DataFrame:
    """Run one SELECT and return its rows; anything but a read is refused before connecting, and the
    connection itself is read-only (SQLite mode=ro, a PostgreSQL read-only session), so a write that slips
    past the check ('WITH d AS (DELETE ...)', nextval) still changes nothing. ``check_connection`` may
    refuse the open connection (by raising) before the query runs."""
    import sqlite3

    from sqlalchemy import create_engine
    from sqlalchemy import exc as sa_exc
    from sqlalchemy.engine import make_url

    from etl_core.database_access import masked
    from etl_core.db import normalise_url

    check_read_only(query)
    try:
        parsed = make_url(normalise_url(url))
        parsed.port  # noqa: B018 (a port that is not a number fails here)
    except (sa_exc.ArgumentError, ValueError) as exc:
        raise ConnectionFailedError(f"'{masked(url)}' is not a database URL.",
                                    hint="Write it like postgresql://user@host/db or sqlite:///path/to/file.db.") from exc
    backend = parsed.get_backend_name()
    options: dict = {}
    if backend == "sqlite":
        # a relative path would be read from the working directory (which holds data/sluice.db):
        # callers pass the absolute path database_access.query_url checked
        if parsed.database in (None, "", ":memory:") or not Path(parsed.database).is_absolute() \
                or not Path(parsed.database).is_file():
            raise ConnectionFailedError("There is no SQLite database file at that path.",
                                        hint="Check the path in the URL.")
        path = Path(parsed.database).resolve()
        options = {"creator": lambda: sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=timeout_s)}
        parsed = make_url("sqlite://")
    elif backend == "postgresql":
        options = {"connect_args": {"connect_timeout": int(timeout_s), "options": (
            f"-c default_transaction_read_only=on -c statement_timeout={int(timeout_s * 1000)}")}}
    engine = None
    try:
        engine = create_engine(parsed, **options)
        with engine.connect() as connection:
            if check_connection is not None:
                check_connection(connection)
            frame = pl.read_database(query, connection, infer_schema_length=None)
    except (sa_exc.SQLAlchemyError, ModuleNotFoundError) as exc:
        reason = masked(str(getattr(exc, "orig", None) or exc).splitlines()[0])
        raise ConnectionFailedError(f"The database query failed: {reason}",
                                    hint="Check the URL, the credentials and the query.") from exc
    finally:
        if engine is not None:
            engine.dispose()  # a source is read now and then: keep no connection open to its server
    if frame.height == 0:
        raise EmptyFileError("The query returned no rows.", hint="Check its WHERE clause.")
    return frame


def check_read_only(query: str) -> None:
    import sqlglot
    import sqlglot.errors

    read_only = (sqlglot.exp.Select, sqlglot.exp.Union, sqlglot.exp.Intersect, sqlglot.exp.Except)
    try:
        statements = [s for s in sqlglot.parse(query) if s is not None]
    except (sqlglot.errors.ParseError, sqlglot.errors.TokenError) as exc:
        raise InputError(f"The query could not be parsed: {str(exc).splitlines()[0]}",
                         hint="Check for an unclosed quote or bracket.") from exc
    except RecursionError as exc:
        raise InputError("The query is nested too deeply to read.", hint="Write it with fewer brackets.") from exc
    writes = (sqlglot.exp.Insert, sqlglot.exp.Update, sqlglot.exp.Delete, sqlglot.exp.Merge, sqlglot.exp.Into,
              sqlglot.exp.Create, sqlglot.exp.Drop, sqlglot.exp.Command)
    recursive = any(w.args.get("recursive") for w in statements[0].find_all(sqlglot.exp.With)) if statements else False
    if recursive:  # a recursive CTE can grow without end (one grew past 5.8 GB)
        raise InputError("A recursive query (WITH RECURSIVE) cannot be a data source.",
                         hint="Compute the rows in the database, or select them from a table.")
    if len(statements) != 1 or not isinstance(statements[0], read_only) or statements[0].find(*writes):
        raise InputError("Only a single SELECT query can be a data source.",
                         hint="Remove other statements (INSERT, UPDATE, DROP, SELECT INTO, ...) from the query.")


def read_endpoint(url: str, header_name: str | None = None, header_value: str | None = None,
                  records_path: str | None = None, timeout_s: float = 10, *, allowed_hosts: tuple[str, ...] = (),
                  max_bytes: int = 100 * 1024 * 1024, total_timeout_s: float = 60) -> tuple[pl.DataFrame, list[str]]:
    """GET a JSON endpoint on a public address (or an allowed host) and read its records like a JSON file."""
    from etl_core.database_access import masked
    from etl_core.loaders.fetch import fetch

    shown = masked(url)
    if not url.startswith(("http://", "https://")):
        raise ConnectionFailedError(f"'{shown}' is not an http:// or https:// address.")
    answer = fetch(url, (header_name, header_value or "") if header_name else None, allowed_hosts=allowed_hosts,
                   timeout_s=timeout_s, total_timeout_s=total_timeout_s, max_bytes=max_bytes)
    if answer.status_code >= 400:
        auth = answer.status_code in (401, 403)
        raise ConnectionFailedError(f"{shown} answered {answer.status_code} {answer.reason}.",
                                    hint="Check the token header." if auth else "Check the address.")
    if "html" in answer.content_type or answer.body.lstrip()[:1] == b"<":
        raise ConnectionFailedError(f"{shown} returned a web page (HTML), not JSON.",
                                    hint="Use the API's address rather than a page's; a login page means the token is missing.")
    frame, _, notes = read_json_bytes(answer.body, ReadOptions(records_path=records_path), shown)
    return frame, notes
