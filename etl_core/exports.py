"""Files we write for analysts to open: CSV, Excel, Parquet, JSON, safe from formula injection.

A text cell starting with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return) would run
as a formula when a spreadsheet opens the file: such cells get a leading apostrophe.
"""

from __future__ import annotations

import io

import polars as pl

FORMULA_START = r"^[=+\-@\t\r]"


def _neutralised(schema: pl.Schema) -> list[pl.Expr]:
    return [
        pl.when(pl.col(name).str.contains(FORMULA_START)).then(pl.lit("'") + pl.col(name))
        .otherwise(pl.col(name)).alias(name)
        for name, dtype in schema.items() if dtype == pl.String
    ]


def neutralise_formulas(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(_neutralised(frame.schema))


def neutralise_formulas_lazy(frame: pl.LazyFrame) -> pl.LazyFrame:
    return frame.with_columns(_neutralised(frame.collect_schema()))


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
