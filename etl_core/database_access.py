"""Which databases a query source may read and a table output may write.

A spec or a source names a database by URL; a URL alone never grants access. SQLite files
are read or written only inside the data directory's ``databases`` folder (or the folders
the owner lists in SLUICE_SQLITE_FOLDERS), never the app's own database, whether that is a
SQLite file or a PostgreSQL database (known by its server and name however the URL spells
them, and once connected by the server's identity). Table outputs to
another database need that database's URL in SLUICE_OUTPUT_DATABASES; the configured URL
(with its password) is the one used, so a spec need not carry the password.
"""

from __future__ import annotations

import getpass
import ipaddress
import os
import re
import socket
from pathlib import Path

from etl_core.config import Settings
from etl_core.db import normalise_url
from etl_core.errors import ConnectionFailedError, OutputError

SQLITE_HEADER = b"SQLite format 3\x00"
_SECRET_KEYS = r"(?:api[_-]?key|key|token|access[_-]?token|secret|password|passwd|pwd|sig|signature|auth)"


def masked(text: str) -> str:
    """A URL (or a message holding one) with its password and secret query values replaced by ***."""
    text = re.sub(r"(?<=://)([^:/@\s]*):([^@/\s]+)@", r"\1:***@", text)
    return re.sub(rf"(?i)([?&]{_SECRET_KEYS}=)[^&\s#]+", r"\1***", text)


def carries_secret(url: str) -> bool:
    """Whether a URL holds a password or a secret query value (what masked() hides)."""
    return masked(url) != url


def without_secrets(url: str) -> str:
    """The URL with its password and secret query values left out: what a spec may hold, the configured
    URL in SLUICE_OUTPUT_DATABASES supplying the password (the same database, user and all)."""
    url = re.sub(r"(?<=://)([^:/@\s]*):([^@/\s]+)@", r"\1@", url)
    url = re.sub(rf"(?i)[?&]{_SECRET_KEYS}=[^&\s#]*", "", url)
    return re.sub(r"^([^?#]*)&", r"\1?", url)  # the first query value left keeps its '?'


def query_url(url: str, settings: Settings) -> str:
    """The URL a query source may read, or ConnectionFailedError (which never says whether a file exists).

    A SQLite URL comes back with the absolute path that was checked: a relative one names a file in the
    databases folder, never one relative to the working directory (which holds data/sluice.db)."""
    parsed = _parse(url, ConnectionFailedError)
    if parsed.get_backend_name() == "postgresql":
        _refuse_app_postgres(parsed, settings, ConnectionFailedError, "read")
    if parsed.get_backend_name() != "sqlite":
        return url
    path = _sqlite_file(parsed.database, settings, ConnectionFailedError, "read")
    return f"sqlite:///{path}"


def refuse_app_database(connection, settings: Settings) -> None:
    """Refuse a query source's open PostgreSQL connection that reached the app's own database by a name
    query_url could not tell apart (another address of the same machine, a DNS alias): the server's
    start time and the database name say which database it is, whatever the URL said."""
    if connection.dialect.name != "postgresql" or _parse(settings.database_url, ConnectionFailedError) \
            .get_backend_name() != "postgresql":
        return
    from sqlalchemy import create_engine

    app = create_engine(normalise_url(settings.database_url))
    try:
        with app.connect() as mine:
            own = _server_identity(mine)
    finally:
        app.dispose()
    if _server_identity(connection) == own:
        raise _app_database_refused(ConnectionFailedError, "read")


def output_url(url: str, settings: Settings) -> str:
    """The URL a table output writes to: a SQLite file in an allowed folder, or a configured database."""
    parsed = _parse(url, OutputError)
    if parsed.get_backend_name() == "sqlite":
        path = _sqlite_file(parsed.database, settings, OutputError, "written")
        if path.exists() and path.stat().st_size and path.read_bytes()[:16] != SQLITE_HEADER:
            raise OutputError(f"'{path.name}' is not a SQLite database, so it is not written over.",
                              hint="Name a new .db file in the databases folder.")
        if path.exists() and not path.stat().st_size:
            raise OutputError(f"'{path.name}' is an empty file, not a SQLite database; it is not written over.")
        path.parent.mkdir(parents=True, exist_ok=True)  # inside an allowed folder
        return f"sqlite:///{path}"
    if parsed.get_backend_name() == "postgresql":
        _refuse_app_postgres(parsed, settings, OutputError, "written")  # even if the owner listed it
    wanted = _identity(parsed)
    for configured in settings.output_databases:
        if _identity(_parse(configured, OutputError)) == wanted:
            return configured
    raise OutputError(f"'{masked(url)}' is not a database this server writes to.",
                      hint="The owner lists the databases outputs may write to in SLUICE_OUTPUT_DATABASES.")


def allowed_sqlite_folders(settings: Settings) -> list[Path]:
    return [(settings.data_dir / "databases").resolve(), *(Path(f).resolve() for f in settings.sqlite_folders)]


def _parse(url: str, error: type[ConnectionFailedError] | type[OutputError]):
    from sqlalchemy import exc as sa_exc
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(normalise_url(url or ""))
        parsed.port  # noqa: B018 (a port that is not a number fails here, not later)
    except (sa_exc.ArgumentError, ValueError) as exc:
        raise error(f"'{masked(url)}' is not a database URL.",
                    hint="Write it like postgresql://user@host/db or sqlite:///name.db.") from exc
    return parsed


def _identity(parsed) -> tuple:
    return parsed.get_backend_name(), (parsed.host or "").lower(), parsed.port, parsed.database, parsed.username


def _sqlite_file(database: str | None, settings: Settings, error, verb: str) -> Path:
    folders = allowed_sqlite_folders(settings)
    where = ", ".join(str(f) for f in folders)
    if not database or database == ":memory:" or database.startswith("file:"):
        raise error("A SQLite URL must name a .db file.", hint=f"Put the file in {where}.")
    path = Path(database)
    path = (folders[0] / path if not path.is_absolute() else path).resolve()
    app = _app_database(settings)
    if app is not None and path == app:
        raise _app_database_refused(error, verb)
    if not any(folder == path.parent or folder in path.parents for folder in folders):
        # the same words whether or not the file exists: the answer reveals nothing about the server's files
        raise error(f"SQLite files can be {verb} only in {where}.",
                    hint="Copy the file there, or ask the owner to add its folder to SLUICE_SQLITE_FOLDERS.")
    return path


def _app_database(settings: Settings) -> Path | None:
    from sqlalchemy.engine import make_url

    parsed = make_url(normalise_url(settings.database_url))
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    return Path(parsed.database).resolve()


def _app_database_refused(error, verb: str):
    return error(f"The app's own database cannot be {verb} by a pipeline or a source.",
                 hint="Use a database of your own.")


def _refuse_app_postgres(parsed, settings: Settings, error, verb: str) -> None:
    app = _parse(settings.database_url, error)
    if app.get_backend_name() != "postgresql":
        return
    hosts, ports, name = _postgres_place(parsed)
    app_hosts, app_ports, app_name = _postgres_place(app)
    if name == app_name and ports & app_ports and hosts & app_hosts:
        raise _app_database_refused(error, verb)


def _postgres_place(parsed) -> tuple[set[str], set[int], str]:
    """Where a PostgreSQL URL connects as libpq reads it (the query's host, hostaddr, port and dbname win
    over the URL's, the PG* variables fill gaps): addresses ('local' for this machine), ports, database."""
    _, params = parsed.get_dialect()().create_connect_args(parsed)
    env = os.environ
    hosts = str(params.get("hostaddr") or params.get("host") or env.get("PGHOSTADDR") or env.get("PGHOST") or "")
    ports = {int(p) for p in str(params.get("port") or env.get("PGPORT") or 5432).split(",") if p.strip().isdigit()}
    user = params.get("user") or env.get("PGUSER") or getpass.getuser()
    name = str(params.get("dbname") or env.get("PGDATABASE") or user)
    return {a for host in hosts.split(",") for a in _addresses(host.strip())}, ports or {5432}, name


def _addresses(host: str) -> set[str]:
    if not host or host.startswith(("/", "@")):  # a Unix socket: this machine
        return {"local"}
    try:
        found = {info[4][0] for info in socket.getaddrinfo(host.strip("[]"), None)}
    except (OSError, UnicodeError):
        return {host.lower()}
    places = set(found)
    for address in found:
        ip = ipaddress.ip_address(address.split("%")[0])
        ip = getattr(ip, "ipv4_mapped", None) or ip
        places.add(str(ip))
        if ip.is_loopback or ip.is_unspecified:
            places.add("local")
    return places


def _server_identity(connection) -> tuple:
    from sqlalchemy import text

    return tuple(connection.execute(text("select current_database(), pg_postmaster_start_time()")).one())
