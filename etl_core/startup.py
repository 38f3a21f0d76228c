"""Every entry point (the app, the command line, later the API and the scheduler) opens the data
directory the same way, so each sees what the others see."""

from __future__ import annotations

from sqlalchemy import Engine

from etl_core import db, pipelines, sources
from etl_core.config import Settings


def open_data_directory(settings: Settings) -> Engine:
    """Open (and migrate) the database, mark runs whose process was killed as interrupted; on a first start
    with samples on, load the samples and the sample pipeline (once: loading again changes nothing)."""
    database = db.open_database(settings.database_url)
    pipelines.mark_interrupted_runs(database)
    if settings.load_samples:
        with db.session_scope(database) as session:
            sources.load_samples(session, settings)
            pipelines.load_sample_pipeline(session, settings)
    return database
