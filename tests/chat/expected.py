"""Expected answers, the way an analyst reads them: shared by the held-out question batches."""

from __future__ import annotations

import pandas as pd


def grouped(frame: pd.DataFrame, key: str | list[str], value: str | None = None, agg: str = "sum",
            n: int | None = None, ascending: bool = False) -> dict:
    """{label: measure} ordered by the measure, ties by the label; value None counts the rows. Several keys
    make one label, 'Electronics / Web', as the answer says it."""
    keys = [key] if isinstance(key, str) else list(key)
    measure = frame.groupby(keys).size() if value is None else frame.groupby(keys)[value].agg(agg)
    table = measure.rename("m").reset_index().sort_values(["m", *keys], ascending=[ascending] + [True] * len(keys))
    labels = table[keys[0]] if len(keys) == 1 else table[keys].astype(str).agg(" / ".join, axis=1)
    pairs = dict(zip(labels, table["m"], strict=True))
    return dict(list(pairs.items())[:n]) if n else pairs


class Periods(list):
    """A time series answer, checked by its periods: the start day of each, in order (the table's first column)."""


def periods(frame: pd.DataFrame, freq: str, column: str) -> Periods:
    """The start days of the periods the rows fall in, in order: what a time series answer lists."""
    starts = frame[column].dt.to_period(freq).dt.start_time.drop_duplicates().sort_values()
    return Periods(d.date().isoformat() for d in starts)


def _sample_names() -> dict[str, str]:
    from tests.conftest import SAMPLES

    products = pd.read_excel(SAMPLES / "products.xlsx", header=2)
    customers = pd.read_json(SAMPLES / "customers.json")
    return {**dict(zip(products["product_id"], products["product_name"], strict=True)),
            **dict(zip(customers["customer_id"], customers["name"], strict=True))}


def names(found):
    """A ranking of products or customers as the answer says it: by their names (grouped by their ids, so two
    customers called alike stay two)."""
    table = _sample_names()
    if isinstance(found, dict):
        return {table.get(k, k): v for k, v in found.items()}
    if isinstance(found, list):
        return [table.get(v, v) for v in found]
    return table.get(found, found)
