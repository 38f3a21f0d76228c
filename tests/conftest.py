"""Shared fixtures: a fresh data directory and SQLite database per test, file writers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from etl_core.config import Settings
from etl_core.db import open_database

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    data_dir = tmp_path / "data"
    return Settings(data_dir=data_dir, database_url=f"sqlite:///{data_dir / 'sluice.db'}", load_samples=False,
                    max_upload_mb=5, http_timeout_s=2)


@pytest.fixture
def engine(settings: Settings) -> Iterator[Engine]:
    database = open_database(settings.database_url)
    yield database
    database.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as s:
        yield s


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """write('name.csv', 'text' or b'bytes', encoding='utf-8') -> the file's path."""
    folder = tmp_path / "files"
    folder.mkdir(exist_ok=True)

    def _write(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = folder / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return path

    return _write


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    from tests.postgres import postgres_server

    with postgres_server() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgres"])
def any_settings(request, tmp_path: Path) -> Iterator[Settings]:
    """Settings on SQLite, then on the real PostgreSQL server (a fresh database each time)."""
    data_dir = tmp_path / "data"
    if request.param == "sqlite":
        yield Settings(data_dir=data_dir, database_url=f"sqlite:///{data_dir / 'sluice.db'}", load_samples=False)
        return
    from sqlalchemy import create_engine, text

    server = request.getfixturevalue("postgres_url")
    name = f"t_{abs(hash(request.node.nodeid)) % 10**9}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name}"))
        connection.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    yield Settings(data_dir=data_dir, database_url=server.rsplit("/", 1)[0] + f"/{name}", load_samples=False)
