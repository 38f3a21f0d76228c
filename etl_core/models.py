"""The tables. Kept few: see ../shared/DESIGN.md."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


class DataSource(SQLModel, table=True):
    """A file, database query or JSON endpoint, with its Parquet copy and profile."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, unique=True, max_length=200)
    kind: str = Field(max_length=20)  # file | query | api
    format: str = Field(max_length=20)  # csv, tsv, excel, json, parquet, query, api
    file_name: str | None = Field(default=None, max_length=500)  # as uploaded; never a path
    size_bytes: int | None = None
    content_hash: str | None = Field(default=None, max_length=64)
    parquet_file: str | None = Field(default=None, max_length=200)  # relative to parquet_dir
    # reader options (delimiter, encoding, sheet, header row...) the analyst accepted
    options: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # database URL + query, or endpoint URL + header, for query and api sources
    connection: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    profile: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    row_count: int = 0
    column_count: int = 0
    # earlier versions of the file, newest first, kept until removed
    versions: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    status: str = Field(default="ready", max_length=20)
    error: str | None = None
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
