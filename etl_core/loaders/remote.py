"""Sources read afresh from elsewhere: a SQL query over a database URL, a JSON HTTP endpoint.

httpx, sqlglot and SQLAlchemy are imported when first used: reading a file, the common
case, should not pay for them (the command line starts 0.5 s sooner).
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from etl_core.errors import ConnectionFailedError, EmptyFileError, InputError
from etl_core.loaders.json_reader import read_json_bytes
from etl_core.loaders.options import ReadOptions


def read_query(url: str, query: str, timeout_s: float = 30) -> pl.DataFrame:
    """Run one SELECT and return its rows; anything but a read is refused before connecting."""
    from sqlalchemy import create_engine
    from sqlalchemy import exc as sa_exc
    from sqlalchemy.engine import make_url

    check_read_only(query)
    try:
        parsed = make_url(url)
    except sa_exc.ArgumentError as exc:
        raise ConnectionFailedError(f"'{url}' is not a database URL.",
                                    hint="Write it like postgresql://user@host/db or sqlite:///path/to/file.db.") from exc
    on_disk = parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:")
    if on_disk and not Path(parsed.database).is_file():  # SQLite would quietly create an empty file
        raise ConnectionFailedError(f"There is no SQLite database file at '{parsed.database}'.",
                                    hint="Check the path in the URL.")
    try:
        engine = create_engine(parsed, **({"connect_args": {"connect_timeout": int(timeout_s)}}
                                          if parsed.get_backend_name() == "postgresql" else {}))
        with engine.connect() as connection:
            frame = pl.read_database(query, connection, infer_schema_length=None)
    except (sa_exc.SQLAlchemyError, ModuleNotFoundError) as exc:
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        raise ConnectionFailedError(f"The database query failed: {reason}",
                                    hint="Check the URL, the credentials and the query.") from exc
    if frame.height == 0:
        raise EmptyFileError("The query returned no rows.", hint="Check its WHERE clause.")
    return frame


def check_read_only(query: str) -> None:
    import sqlglot
    import sqlglot.errors

    read_only = (sqlglot.exp.Select, sqlglot.exp.Union, sqlglot.exp.Intersect, sqlglot.exp.Except)
    try:
        statements = [s for s in sqlglot.parse(query) if s is not None]
    except sqlglot.errors.ParseError as exc:
        raise InputError(f"The query could not be parsed: {str(exc).splitlines()[0]}") from exc
    if len(statements) != 1 or not isinstance(statements[0], read_only):
        raise InputError("Only a single SELECT query can be a data source.",
                         hint="Remove other statements (INSERT, UPDATE, DROP, ...) from the query.")


def read_endpoint(url: str, header_name: str | None = None, header_value: str | None = None,
                  records_path: str | None = None, timeout_s: float = 10) -> tuple[pl.DataFrame, list[str]]:
    """GET a JSON endpoint and read its records like a JSON file."""
    import httpx

    if not url.startswith(("http://", "https://")):
        raise ConnectionFailedError(f"'{url}' is not an http:// or https:// address.")
    headers = {header_name: header_value or ""} if header_name else {}
    try:
        response = httpx.get(url, headers=headers, timeout=timeout_s, follow_redirects=True)
    except httpx.TimeoutException as exc:
        raise ConnectionFailedError(f"{url} did not answer within {timeout_s:g} s.",
                                    hint="Try again later, or check the address.") from exc
    except httpx.HTTPError as exc:
        raise ConnectionFailedError(f"Could not reach {url}: {exc}.", hint="Check the address.") from exc
    if response.status_code >= 400:
        auth = response.status_code in (401, 403)
        raise ConnectionFailedError(f"{url} answered {response.status_code} {response.reason_phrase}.",
                                    hint="Check the token header." if auth else "Check the address.")
    body = response.content
    content_type = response.headers.get("content-type", "")
    if "html" in content_type or body.lstrip()[:1] == b"<":
        raise ConnectionFailedError(f"{url} returned a web page (HTML), not JSON.",
                                    hint="Use the API's address rather than a page's; a login page means the token is missing.")
    frame, _, notes = read_json_bytes(body, ReadOptions(records_path=records_path), url)
    return frame, notes
