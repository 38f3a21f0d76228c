"""Files we write for analysts to open: CSV, Excel, Parquet, JSON, safe from formula injection.

A text cell or a header starting with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return)
would run as a formula when a spreadsheet opens the file: such text gets a leading apostrophe.
Text is every text-like type: String, and Categorical or Enum (as Parquet uploads bring).
"""

from __future__ import annotations

import io
import re

import polars as pl

FORMULA_START = r"^[=+\-@\t\r]"
TEXT_TYPES = (pl.String, pl.Categorical, pl.Enum)


def _neutralised(schema: pl.Schema) -> list[pl.Expr]:
    """Every column, text made safe as plain String and headers made safe too."""
    columns = []
    for name, dtype in schema.items():
        column = pl.col(name)
        if dtype.base_type() in TEXT_TYPES:
            text = column.cast(pl.String)
            column = pl.when(text.str.contains(FORMULA_START)).then(pl.lit("'") + text).otherwise(text)
        columns.append(column.alias("'" + name if re.match(FORMULA_START, name) else name))
    return columns


def neutralise_formulas(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.select(_neutralised(frame.schema))


def neutralise_formulas_lazy(frame: pl.LazyFrame) -> pl.LazyFrame:
    return frame.select(_neutralised(frame.collect_schema()))


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
