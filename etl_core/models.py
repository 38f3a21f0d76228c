"""The tables. Kept few: see ../shared/DESIGN.md."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, UniqueConstraint, false, text
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


class DataSource(SQLModel, table=True):
    """A file, database query or JSON endpoint, with its Parquet copy and profile."""

    # one source per upload (content and name) and sheet: two adds at once cannot both keep it
    __table_args__ = (Index("ux_datasource_upload", "content_hash", "file_name", "sheet", unique=True),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, unique=True, max_length=200)
    kind: str = Field(max_length=20)  # file | query | api
    format: str = Field(max_length=20)  # csv, tsv, excel, json, parquet, query, api
    file_name: str | None = Field(default=None, max_length=500)  # as uploaded; never a path
    size_bytes: int | None = None
    content_hash: str | None = Field(default=None, max_length=64)
    sheet: str = Field(default="", max_length=200, sa_column_kwargs={"server_default": ""})  # a workbook's sheet; "" otherwise
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


class Pipeline(SQLModel, table=True):
    """A saved pipeline: its spec (steps, parameters, output types) as JSON."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, unique=True, max_length=200)
    description: str = ""
    spec: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    schedule: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    # reachable over the HTTP API only when its owner says so (python -m etl_core expose NAME)
    exposed: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class PipelineRun(SQLModel, table=True):
    """One run, whatever started it, and whatever happened."""

    # at most one running run per pipeline: of two claims at once the database lets one through
    __table_args__ = (Index("ux_pipelinerun_running", "pipeline_name", unique=True,
                            sqlite_where=text("status = 'running'"), postgresql_where=text("status = 'running'")),)

    id: int | None = Field(default=None, primary_key=True)
    pipeline_id: int | None = Field(default=None, foreign_key="pipeline.id", index=True, ondelete="SET NULL")
    pipeline_name: str = Field(max_length=200, index=True)
    # queued running succeeded failed cancelled interrupted (its process was killed or crashed);
    # a schedule's firing that did not run is missed (no scheduler was up in time) or skipped (still running)
    status: str = Field(default="queued", max_length=20)
    trigger: str = Field(default="manual", max_length=20)  # manual schedule api cli
    params: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    sources_used: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    steps: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    outputs: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    warnings: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    rows_in: int | None = None
    rows_out: int | None = None
    error: str | None = None
    failed_step: int | None = None
    # host:pid:start (the process's start time), to tell a crashed run from a live one
    runner: str = Field(default="", max_length=200)
    created_at: datetime = Field(default_factory=utcnow)
    started_at: datetime | None = None
    finished_at: datetime | None = None
    duration_s: float | None = None
    scheduled_for: datetime | None = Field(default=None, index=True)  # the firing a scheduled run belongs to
    cancel_requested: bool = False  # set from the run history page; the process running it stops


class RunLog(SQLModel, table=True):
    """One line per event worth keeping (never a progress tick)."""

    id: int | None = Field(default=None, primary_key=True)
    run_id: int = Field(foreign_key="pipelinerun.id", index=True, ondelete="CASCADE")
    at: datetime = Field(default_factory=utcnow)
    kind: str = Field(max_length=20)
    step: int | None = None
    step_type: str | None = Field(default=None, max_length=20)
    rows: int | None = None
    duration_s: float | None = None
    message: str = ""


class Conversation(SQLModel, table=True):
    """A chat: its title (from the first question) and the data sources in play."""

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(default="New conversation", max_length=200)
    owner: str = Field(default="local", max_length=200, index=True)
    # names of the data sources in play: attached in the conversation or picked by the analyst
    sources: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow, index=True)


class Message(SQLModel, table=True):
    """One turn. An answer's payload keeps the plan, value, a table preview and the chart spec."""

    id: int | None = Field(default=None, primary_key=True)
    conversation_id: int = Field(foreign_key="conversation.id", index=True, ondelete="CASCADE")
    role: str = Field(max_length=20)  # user | assistant
    text: str = ""
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)


class ApiKey(SQLModel, table=True):
    """A key for the HTTP API: only its hash is kept; its webhook signing secret is stored sealed."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, unique=True, max_length=100)
    key_hash: str = Field(index=True, unique=True, max_length=64)  # SHA-256 of the key, hex
    prefix: str = Field(max_length=16)  # the key's first characters, to tell keys apart in a list
    webhook_secret: str  # sealed with secrets_store: signs the webhooks of runs started with this key
    created_at: datetime = Field(default_factory=utcnow)
    last_used_at: datetime | None = None
    revoked_at: datetime | None = None


class ScheduledFiring(SQLModel, table=True):
    """One firing of a schedule, claimed by the process that handles it: the unique pair makes it run once."""

    __table_args__ = (UniqueConstraint("pipeline_name", "scheduled_for", name="ux_firing_once"),)

    id: int | None = Field(default=None, primary_key=True)
    pipeline_name: str = Field(max_length=200)
    scheduled_for: datetime  # UTC, to the second
    claimed_by: str = Field(default="", max_length=200)  # host:pid:start of the claiming process
    claimed_at: datetime = Field(default_factory=utcnow)
    # running succeeded failed cancelled interrupted missed skipped
    outcome: str = Field(default="running", max_length=20)
    finished_at: datetime | None = None


class SchedulerHeartbeat(SQLModel, table=True):
    """A scheduler's last sign of life, so a stopped one shows at once."""

    id: int | None = Field(default=None, primary_key=True)
    runner: str = Field(max_length=200, unique=True)  # host:pid:start
    kind: str = Field(default="app", max_length=20)  # app | worker
    started_at: datetime = Field(default_factory=utcnow)
    beat_at: datetime = Field(default_factory=utcnow)
    schedules: int = 0  # enabled schedules it holds
    state: str = Field(default="running", max_length=20)  # running | stopped
    retention: str | None = Field(default=None, max_length=500)  # its last retention pass: when, and what went
