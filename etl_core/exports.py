"""Files we write for analysts to open: CSV, Excel, Parquet, JSON, safe from formula injection.

A text cell starting with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return) would run
as a formula when a spreadsheet opens the file: such cells get a leading apostrophe.
"""

from __future__ import annotations

import io

import polars as pl

FORMULA_START = r"^[=+\-@\t\r]"


def neutralise_formulas(frame: pl.DataFrame) -> pl.DataFrame:
    text = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    return frame.with_columns(
        pl.when(pl.col(name).str.contains(FORMULA_START)).then(pl.lit("'") + pl.col(name))
        .otherwise(pl.col(name)).alias(name)
        for name in text
    )


def to_csv_bytes(frame: pl.DataFrame) -> bytes:
    return neutralise_formulas(frame).write_csv().encode("utf-8")


def to_excel_bytes(frame: pl.DataFrame, sheet: str = "data") -> bytes:
    buffer = io.BytesIO()
    # strings stay strings even without the apostrophe; both guards together
    neutralise_formulas(frame).write_excel(buffer, worksheet=sheet[:31], autofit=True)
    return buffer.getvalue()


def to_parquet_bytes(frame: pl.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.write_parquet(buffer)
    return buffer.getvalue()
