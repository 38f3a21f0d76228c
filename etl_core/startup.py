"""Every entry point (the app, the command line, later the API and the scheduler) opens the data
directory the same way, so each sees what the others see."""

from __future__ import annotations

import json

from sqlalchemy import Engine
from sqlmodel import Session, select

from etl_core import db, pipeline_records
from etl_core.config import SAMPLE_PIPELINE, SAMPLES_MARKER, Settings
from etl_core.models import Pipeline


def open_data_directory(settings: Settings) -> Engine:
    """Open (and migrate) the database, mark runs whose process was killed as interrupted; on a first start
    with samples on, load the samples and the sample pipeline (once: loading again changes nothing)."""
    database = db.open_database(settings.database_url)
    pipeline_records.mark_interrupted_runs(database)
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
