"""Expected answers, the way an analyst reads them: shared by the held-out question batches."""

from __future__ import annotations

import pandas as pd


def grouped(frame: pd.DataFrame, key: str, value: str | None = None, agg: str = "sum", n: int | None = None,
            ascending: bool = False) -> dict:
    """{label: measure} ordered by the measure, ties by the label; value None counts the rows."""
    measure = frame.groupby(key).size() if value is None else frame.groupby(key)[value].agg(agg)
    table = measure.rename("m").reset_index().sort_values(["m", key], ascending=[ascending, True])
    pairs = dict(zip(table[key], table["m"], strict=True))
    return dict(list(pairs.items())[:n]) if n else pairs


def periods(frame: pd.DataFrame, freq: str, column: str) -> list:
    """The start days of the periods the rows fall in, in order: what a time series answer lists."""
    starts = frame[column].dt.to_period(freq).dt.start_time.drop_duplicates().sort_values()
    return [d.date().isoformat() for d in starts]
