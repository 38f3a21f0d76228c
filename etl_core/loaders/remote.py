"""Sources read afresh from elsewhere: a SQL query over a database URL, a JSON HTTP endpoint.

httpx (through loaders.fetch), sqlglot and SQLAlchemy are imported when first used: reading
a file, the common case, should not pay for them (the command line starts 0.5 s sooner).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from etl_core.errors import ConnectionFailedError, EmptyFileError, FileTooLargeError, InputError, SluiceError
from etl_core.loaders.json_reader import read_json_bytes
from etl_core.loaders.options import DEFAULT_LIMITS, ReadLimits, ReadOptions

if TYPE_CHECKING:
    from sqlalchemy import Connection


BATCH_ROWS = 10_000  # rows fetched, typed and counted at a time


@dataclass(frozen=True)
class _Limits:
    rows: int
    bytes: int
    seconds: float  # from connecting to the last row


def read_query(url: str, query: str, timeout_s: float = 30, *, max_rows: int = 1_000_000,
               max_bytes: int = 256 * 1024 * 1024,
               check_connection: Callable[[Connection], None] | None = None) -> pl.DataFrame:
    """Run one SELECT and return its rows; anything but a read is refused before connecting, and the
    connection itself is read-only (SQLite mode=ro, a PostgreSQL read-only session), so a write that slips
    past the check ('WITH d AS (DELETE ...)', nextval) still changes nothing. The rows are fetched in
    batches and counted as they come, so a query past its limits stops there (a typed message), whatever
    the database. ``check_connection`` may refuse the open connection (by raising) before the query runs."""
    import sqlite3

    from sqlalchemy import create_engine
    from sqlalchemy import exc as sa_exc
    from sqlalchemy.engine import make_url

    from etl_core.database_access import masked
    from etl_core.db import normalise_url

    check_read_only(query)
    limits = _Limits(max_rows, max_bytes, timeout_s)
    try:
        parsed = make_url(normalise_url(url))
        parsed.port  # noqa: B018 (a port that is not a number fails here)
    except (sa_exc.ArgumentError, ValueError) as exc:
        raise ConnectionFailedError(f"'{masked(url)}' is not a database URL.",
                                    hint="Write it like postgresql://user@host/db or sqlite:///path/to/file.db.") from exc
    backend = parsed.get_backend_name()
    deadline = time.monotonic() + limits.seconds
    options: dict = {}
    if backend == "sqlite":
        # a relative path would be read from the working directory (which holds data/sluice.db):
        # callers pass the absolute path database_access.query_url checked
        if parsed.database in (None, "", ":memory:") or not Path(parsed.database).is_absolute() \
                or not Path(parsed.database).is_file():
            raise ConnectionFailedError("There is no SQLite database file at that path.",
                                        hint="Check the path in the URL.")
        path = Path(parsed.database).resolve()

        def connect() -> sqlite3.Connection:
            connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=limits.seconds)
            # SQLite has no statement timeout: the progress handler interrupts the query at the deadline,
            # and no single value may be larger than the whole frame may be
            connection.set_progress_handler(lambda: time.monotonic() > deadline, 10_000)
            connection.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, max(1, min(limits.bytes, 1_000_000_000)))
            return connection

        options = {"creator": connect}
        parsed = make_url("sqlite://")
    elif backend == "postgresql":
        options = {"connect_args": {"connect_timeout": max(1, int(limits.seconds)), "options": (
            f"-c default_transaction_read_only=on -c statement_timeout={max(1, int(limits.seconds * 1000))}")}}
    engine = None
    try:
        engine = create_engine(parsed, **options)
        with engine.connect() as connection:
            if check_connection is not None:
                check_connection(connection)
            try:
                frame = _fetch(connection.connection.driver_connection, backend, query, limits, deadline)
            except connection.dialect.loaded_dbapi.Error as exc:
                raise _failed(exc, limits, deadline) from exc
    except (sa_exc.SQLAlchemyError, ModuleNotFoundError) as exc:
        raise _failed(getattr(exc, "orig", None) or exc, limits, deadline) from exc
    finally:
        if engine is not None:
            engine.dispose()  # a source is read now and then: keep no connection open to its server
    if frame.height == 0:
        raise EmptyFileError("The query returned no rows.", hint="Check its WHERE clause.")
    return frame


def _fetch(raw, backend: str, query: str, limits: _Limits, deadline: float) -> pl.DataFrame:
    cursor = raw.cursor()
    frames: list[pl.DataFrame] = []
    rows = size = 0
    try:
        with closing(_rows(cursor, backend, query)) as stream:
            while batch := list(islice(stream, BATCH_ROWS)):
                rows += len(batch)
                if rows > limits.rows:
                    raise FileTooLargeError(f"The query returned more than {limits.rows:,} rows; Sluice stopped reading.",
                                            hint="Filter or aggregate it in the database (WHERE, GROUP BY), or ask "
                                                 "the owner to raise SLUICE_QUERY_MAX_ROWS.")
                if time.monotonic() > deadline:
                    raise _too_slow(limits)
                frames.append(_batch_frame(batch, [d[0] for d in cursor.description]))
                size += frames[-1].estimated_size()
                if size > limits.bytes:
                    raise _too_large(limits)
        columns = [d[0] for d in cursor.description or ()]
    except MemoryError as exc:
        frames.clear()
        raise FileTooLargeError("The query's rows did not fit in the memory this server has free; Sluice stopped "
                                "reading.", hint="Select fewer rows or shorter columns.") from exc
    finally:
        cursor.close()
    if not frames:
        return pl.DataFrame(schema=columns)
    try:
        frame = pl.concat(frames, how="vertical_relaxed")
    except pl.exceptions.PolarsError as exc:
        raise InputError(f"The query's rows could not be put together: {str(exc).splitlines()[0]}",
                         hint="Cast a column whose values differ in type, e.g. CAST(x AS TEXT).") from exc
    for name, dtype in frame.schema.items():
        if _empty_object(dtype):  # psycopg hands '{}' over as an empty dict: a struct with no fields
            raise InputError(f"The column '{name}' holds only empty JSON objects ({{}}), which cannot be stored.",
                             hint=f"Cast it to text in the query ({name}::text), or leave it out.")
    return frame


def _rows(cursor, backend: str, query: str) -> Iterator[tuple]:
    if backend == "postgresql":  # rows as the server sends them, never the whole result in client memory first
        yield from cursor.stream(query, size=BATCH_ROWS)
        return
    cursor.execute(query)
    while batch := cursor.fetchmany(BATCH_ROWS):
        yield from batch


def _batch_frame(batch: list[tuple], columns: list[str]) -> pl.DataFrame:
    twice = sorted({c for c in columns if columns.count(c) > 1})
    if twice:
        raise InputError(f"The query returns the column '{twice[0]}' more than once.",
                         hint="Give each column its own name (... AS name).")
    try:
        return pl.DataFrame(batch, schema=columns, orient="row", infer_schema_length=None)
    except pl.exceptions.PolarsError as exc:
        raise InputError(f"The query's rows could not be read as a table: {str(exc).splitlines()[0]}",
                         hint="Cast a column whose values differ in type, e.g. CAST(x AS TEXT).") from exc


def _empty_object(dtype: pl.DataType) -> bool:
    if isinstance(dtype, pl.Struct):
        return not dtype.fields or any(_empty_object(f.dtype) for f in dtype.fields)
    if isinstance(dtype, pl.List | pl.Array):
        return _empty_object(dtype.inner)
    return False


def _failed(error: BaseException, limits: _Limits, deadline: float) -> SluiceError:
    from etl_core.database_access import masked

    reason = masked(str(error).splitlines()[0] if str(error) else type(error).__name__)
    if time.monotonic() >= deadline or "statement timeout" in reason:
        return _too_slow(limits)
    if "too big" in reason:  # SQLite's length limit: one value larger than the frame may be
        return _too_large(limits)
    return ConnectionFailedError(f"The database query failed: {reason}",
                                 hint="Check the URL, the credentials and the query.")


def _too_slow(limits: _Limits) -> ConnectionFailedError:
    return ConnectionFailedError(f"The query did not finish within {limits.seconds:g} s; it was stopped.",
                                 hint="Filter or aggregate it in the database, or ask the owner to raise "
                                      "SLUICE_HTTP_TIMEOUT (a query gets three times as long).")


def _too_large(limits: _Limits) -> FileTooLargeError:
    return FileTooLargeError(f"The query's rows came to more than {limits.bytes / 1024 / 1024:g} MB; "
                             "Sluice stopped reading.",
                             hint="Select fewer or shorter columns, or ask the owner to raise SLUICE_QUERY_MAX_MB.")


def check_read_only(query: str) -> None:
    import sqlglot
    import sqlglot.errors

    from etl_core.expressions import is_recursive

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
    if statements and is_recursive(statements[0]):  # a recursive CTE can grow without end (one grew past 5.8 GB)
        raise InputError("A recursive query (WITH RECURSIVE, or a CTE that reads itself) cannot be a data source.",
                         hint="Compute the rows in the database, or select them from a table.")
    if len(statements) != 1 or not isinstance(statements[0], read_only) or statements[0].find(*writes):
        raise InputError("Only a single SELECT query can be a data source.",
                         hint="Remove other statements (INSERT, UPDATE, DROP, SELECT INTO, ...) from the query.")


def read_endpoint(url: str, header_name: str | None = None, header_value: str | None = None,
                  records_path: str | None = None, timeout_s: float = 10, *, allowed_hosts: tuple[str, ...] = (),
                  max_bytes: int = 25 * 1024 * 1024, total_timeout_s: float = 60,
                  limits: ReadLimits = DEFAULT_LIMITS) -> tuple[pl.DataFrame, list[str]]:
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
    frame, _, notes = read_json_bytes(answer.body, ReadOptions(records_path=records_path), shown, limits)
    return frame, notes
