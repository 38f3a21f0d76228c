"""Settings: environment variables, overridden by the keys of ``.streamlit/secrets.toml``.

Every entry point (the app, the command line, the worker, the HTTP API) reads them with ``load_settings``,
so each opens the same database and data directory.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from etl_core.loaders.options import ReadLimits

from etl_core.errors import UnreadableFileError

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SAMPLES_DIR = PROJECT_ROOT / "data" / "samples"
SAMPLE_PIPELINE = SAMPLES_DIR / "pipelines" / "monthly_revenue.json"
SAMPLES_MARKER = ".samples-loaded"  # in the data directory once the samples were loaded

_TRUE = {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    """Everything configurable; the README lists each with its default."""

    data_dir: Path
    database_url: str
    max_upload_mb: int = 200
    load_samples: bool = True
    http_timeout_s: float = 10.0
    http_total_timeout_s: float = 60.0  # a JSON endpoint's whole fetch: redirects, every read, the body
    http_max_mb: int = 25  # a JSON endpoint's answer, counted as it arrives (its read peaks near 16 times this)
    # files and answers: columns (CSV header, JSON keys, Parquet schema), JSON nesting, a workbook unpacked
    max_columns: int = 5_000
    json_max_depth: int = 64
    workbook_max_mb: int = 1_000
    workbook_max_ratio: int = 200
    # a database query source: rows and the frame's size, counted as the rows arrive (a read or a refresh)
    query_max_rows: int = 1_000_000
    query_max_mb: int = 256
    # hosts a JSON endpoint may reach although they resolve to a loopback or private address (an internal API)
    allowed_hosts: tuple[str, ...] = ()
    # the optional LLM planner: any OpenAI-compatible chat-completions server; off while llm_base_url is empty
    llm_base_url: str = ""
    llm_model: str = ""
    llm_api_key: str = ""
    llm_send_samples: bool = True  # a few values per column go with the schema; turn off for sensitive data
    llm_timeout_s: float = 30.0
    # databases: SQLite files only in data/databases and these folders; table outputs only to these URLs
    sqlite_folders: tuple[str, ...] = ()
    output_databases: tuple[str, ...] = ()
    run_time_limit_s: float = 1800.0  # a run whose spec sets no time limit stops after this
    run_memory_mb: int = 2048  # a run whose process holds more memory is stopped; 0: no ceiling
    secret_key: str = ""  # Fernet key for secrets at rest; empty: a key file in the data directory
    # the HTTP API: largest request body, runs at once per key (429 past it), webhook attempts and first backoff
    api_max_body_kb: int = 64
    api_runs_per_key: int = 2
    api_webhook_attempts: int = 4
    api_webhook_backoff_s: float = 1.0
    scheduler: bool = True  # the app runs schedules (a worker runs them whatever this says)
    scheduler_poll_s: float = 5.0  # how often a scheduler reads schedule changes and says it is alive
    retention_days: float = 30.0  # runs, logs and outputs older than this are removed; 0 keeps everything
    # sources with more rows show their quick profile at once; distinct counts, medians, top values and
    # duplicate rows follow in the background
    background_profile_rows: int = 200_000

    @property
    def uploads_dir(self) -> Path:
        return self.data_dir / "uploads"

    @property
    def parquet_dir(self) -> Path:
        return self.data_dir / "parquet"

    @property
    def max_upload_bytes(self) -> int:
        return self.max_upload_mb * 1024 * 1024

    @property
    def http_max_bytes(self) -> int:
        return self.http_max_mb * 1024 * 1024

    @property
    def read_limits(self) -> ReadLimits:
        from etl_core.loaders.options import ReadLimits

        return ReadLimits(self.max_columns, self.json_max_depth, self.workbook_max_mb * 1024 * 1024,
                          self.workbook_max_ratio)

    @property
    def query_max_bytes(self) -> int:
        return self.query_max_mb * 1024 * 1024

    @property
    def query_timeout_s(self) -> float:
        return self.http_timeout_s * 3  # a database query gets three times as long as an endpoint

    @classmethod
    def load(
        cls,
        environ: Mapping[str, str] | None = None,
        secrets: Mapping[str, Any] | None = None,
    ) -> Settings:
        """Build settings; a key in ``secrets`` wins over the environment."""
        env = dict(os.environ if environ is None else environ)
        merged = {**env, **{k: str(v) for k, v in (secrets or {}).items() if not isinstance(v, Mapping)}}
        data_dir = Path(merged.get("SLUICE_DATA_DIR") or PROJECT_ROOT / "data").resolve()
        default_url = f"sqlite:///{data_dir / 'sluice.db'}"
        return cls(
            data_dir=data_dir,
            database_url=merged.get("DATABASE_URL") or default_url,
            max_upload_mb=int(merged.get("SLUICE_MAX_UPLOAD_MB", 200)),
            load_samples=merged.get("SLUICE_LOAD_SAMPLES", "true").lower() in _TRUE,
            http_timeout_s=float(merged.get("SLUICE_HTTP_TIMEOUT", 10)),
            http_total_timeout_s=float(merged.get("SLUICE_HTTP_TOTAL_TIMEOUT", 60)),
            http_max_mb=int(merged.get("SLUICE_HTTP_MAX_MB", 25)),
            max_columns=int(merged.get("SLUICE_MAX_COLUMNS", 5_000)),
            json_max_depth=int(merged.get("SLUICE_JSON_MAX_DEPTH", 64)),
            workbook_max_mb=int(merged.get("SLUICE_WORKBOOK_MAX_MB", 1_000)),
            workbook_max_ratio=int(merged.get("SLUICE_WORKBOOK_MAX_RATIO", 200)),
            query_max_rows=int(merged.get("SLUICE_QUERY_MAX_ROWS", 1_000_000)),
            query_max_mb=int(merged.get("SLUICE_QUERY_MAX_MB", 256)),
            allowed_hosts=tuple(host.strip() for host in merged.get("SLUICE_ALLOWED_HOSTS", "").split(",") if host.strip()),
            llm_base_url=merged.get("SLUICE_LLM_BASE_URL", "").strip(),
            llm_model=merged.get("SLUICE_LLM_MODEL", "").strip(),
            llm_api_key=merged.get("SLUICE_LLM_API_KEY") or merged.get("OPENAI_API_KEY", ""),
            llm_send_samples=merged.get("SLUICE_LLM_SEND_SAMPLES", "true").lower() in _TRUE,
            llm_timeout_s=float(merged.get("SLUICE_LLM_TIMEOUT", 30)),
            sqlite_folders=tuple(f for f in merged.get("SLUICE_SQLITE_FOLDERS", "").split(os.pathsep) if f.strip()),
            run_time_limit_s=float(merged.get("SLUICE_RUN_TIME_LIMIT", 1800)),
            run_memory_mb=int(merged.get("SLUICE_RUN_MEMORY_MB", 2048)),
            secret_key=merged.get("SLUICE_SECRET_KEY", "").strip(),
            scheduler=merged.get("SLUICE_SCHEDULER", "true").lower() in _TRUE,
            scheduler_poll_s=float(merged.get("SLUICE_SCHEDULER_POLL", 5)),
            retention_days=float(merged.get("SLUICE_RETENTION_DAYS", 30)),
            background_profile_rows=int(merged.get("SLUICE_BACKGROUND_PROFILE_ROWS", 200_000)),
            output_databases=tuple(u.strip() for u in merged.get("SLUICE_OUTPUT_DATABASES", "").split(",") if u.strip()),
            api_max_body_kb=int(merged.get("SLUICE_API_MAX_BODY_KB", 64)),
            api_runs_per_key=int(merged.get("SLUICE_API_RUNS_PER_KEY", 2)),
            api_webhook_attempts=int(merged.get("SLUICE_API_WEBHOOK_ATTEMPTS", 4)),
            api_webhook_backoff_s=float(merged.get("SLUICE_API_WEBHOOK_BACKOFF", 1.0)),
        )


def secrets_files() -> list[Path]:
    """The secrets.toml files Streamlit reads for ``streamlit run app.py``, later ones winning: the user's, the
    current folder's, then the project's (app.py's folder)."""
    found = [Path.home() / ".streamlit" / "secrets.toml", Path.cwd() / ".streamlit" / "secrets.toml",
             PROJECT_ROOT / ".streamlit" / "secrets.toml"]
    return list(dict.fromkeys(path.resolve() for path in found))


def load_settings(environ: Mapping[str, str] | None = None, files: Sequence[Path] | None = None) -> Settings:
    """The settings of every entry point: the environment, with the keys of the secrets.toml files over it."""
    secrets: dict[str, Any] = {}
    for path in secrets_files() if files is None else files:
        try:
            secrets |= tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            continue
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            raise UnreadableFileError(f"The settings file {path} cannot be read: {error}.",
                                      hint="Fix it, or remove it to use environment variables only.") from error
    return Settings.load(environ, secrets)
