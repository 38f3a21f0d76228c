"""Tables made ready to ask about: numbers and dates written as text become numbers and dates.

The data sources page offers '$1,250.50' and '12%' as numbers for the analyst to accept; a
question about a total cannot wait for that, so the chat reads them as numbers, says so,
and leaves the stored source as it is.
"""

from __future__ import annotations

import polars as pl

from etl_core.inference import SAMPLE, apply_types, infer


def prepare(frame: pl.DataFrame) -> tuple[pl.DataFrame, list[str]]:
    """The frame with text columns of numbers or dates converted, and a note per converted column."""
    if pl.String not in frame.schema.dtypes():
        return frame, []
    found = infer(frame.head(SAMPLE), skip=[])
    numbers = {**found.numbers, **found.suggestions}
    if not numbers and not found.date_formats:
        return frame, []
    notes = [f"'{name}' is written as text ({frame[name].drop_nulls().first()}); read as numbers to answer."
             for name in numbers]
    notes += [f"'{name}' is written as text ({frame[name].drop_nulls().first()}); read as dates ({fmt})."
              for name, fmt in found.date_formats.items()]
    return apply_types(frame.lazy(), numbers, found.date_formats).collect(), notes


def prepare_tables(tables: dict[str, pl.DataFrame]) -> tuple[dict[str, pl.DataFrame], list[str]]:
    prepared, notes = {}, []
    for name, frame in tables.items():
        prepared[name], found = prepare(frame)
        notes += found
    return prepared, notes
