"""Every entry point (the app, the command line, later the API and the scheduler) opens the data
directory the same way, so each sees what the others see."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, select

from etl_core import db, pipeline_records
from etl_core.config import SAMPLE_PIPELINE, SAMPLES_MARKER, Settings
from etl_core.models import DataSource, Pipeline


def open_data_directory(settings: Settings) -> Engine:
    """Open (and migrate) the database, mark runs whose process was killed as interrupted, seal secrets stored
    before they were encrypted; on a first start with samples on, load the samples and the sample pipeline
    (once: loading again changes nothing)."""
    database = db.open_database(settings.database_url)
    pipeline_records.mark_interrupted_runs(database)
    seal_stored_secrets(database, settings)
    if settings.load_samples:
        with db.session_scope(database) as session:
            if _samples_pending(session, settings):
                from etl_core import pipelines, sources  # Polars: a first start only, so `list` starts fast

                sources.load_samples(session, settings)
                pipelines.load_sample_pipeline(session, settings)
    return database


def _samples_pending(session: Session, settings: Settings) -> bool:
    """Whether the samples or the sample pipeline may still be loaded, told without reading them."""
    if not (settings.data_dir / SAMPLES_MARKER).exists():
        return True
    if not SAMPLE_PIPELINE.exists():
        return False
    name = json.loads(SAMPLE_PIPELINE.read_text())["name"]
    return session.exec(select(Pipeline.id).where(Pipeline.name == name)).first() is None


def seal_stored_secrets(database: Engine, settings: Settings) -> None:
    """Rows written before secrets were kept out of plain text, brought in line (once: a sealed row is left
    as it is). A source's URL and token are encrypted, its URL shown masked; a table output's URL in a
    pipeline loses its password, which SLUICE_OUTPUT_DATABASES supplies (a spec may no longer hold one)."""
    from etl_core import database_access, secrets_store

    with db.session_scope(database) as session:
        for source in session.exec(select(DataSource).where(DataSource.kind != "file")):
            connection = source.connection or {}
            plain = [k for k in secrets_store.SECRET_FIELDS if isinstance(connection.get(k), str) and connection[k]
                     and not connection[k].startswith(secrets_store.PREFIX)]
            if plain:
                shown = connection.get("shown_url") or database_access.masked(connection.get("url", ""))
                source.connection = {**secrets_store.sealed(connection, settings), "shown_url": shown}
                session.add(source)
        for pipeline in session.exec(select(Pipeline)):
            steps = pipeline.spec.get("steps") if isinstance(pipeline.spec, dict) else None
            if not isinstance(steps, list) or not any(_secret_in_output(step) for step in steps):
                continue
            steps = [{**step, "url": database_access.without_secrets(step["url"])} if _secret_in_output(step) else step
                     for step in steps]
            pipeline.spec = {**pipeline.spec, "steps": steps}
            session.add(pipeline)


def _secret_in_output(step: Any) -> bool:
    from etl_core.database_access import carries_secret

    return isinstance(step, dict) and step.get("type") == "output" and isinstance(step.get("url"), str) \
        and carries_secret(step["url"])
