"""Files we write never carry a live formula from a cell value."""

from __future__ import annotations

import csv
import io

import openpyxl
import polars as pl
import pytest

from etl_core import exports

HOSTILE = ["=cmd|' /C calc'!A0", "+SUM(1,2)", "-2+3", "@HYPERLINK(\"http://x\")", "\t=1+1", "plain", None]


@pytest.fixture
def frame():
    return pl.DataFrame({"note": HOSTILE, "amount": [-5, 1, 2, 3, 4, 5, 6]})


def test_csv_cells_cannot_start_a_formula(frame):
    rows = list(csv.DictReader(io.StringIO(exports.to_csv_bytes(frame).decode())))
    notes = [r["note"] for r in rows]
    assert notes[:5] == ["'" + v for v in HOSTILE[:5]]
    assert notes[5:] == ["plain", ""]
    assert [r["amount"] for r in rows][0] == "-5", "numbers are left alone"


def test_excel_cells_are_text_not_formulas(frame):
    book = openpyxl.load_workbook(io.BytesIO(exports.to_excel_bytes(frame)))
    sheet = book.active
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert all(cell.data_type != "f" for cell in cells)
    assert cells[0].value == "'=cmd|' /C calc'!A0"
    assert sheet.cell(row=2, column=2).value == -5


def test_parquet_round_trips_exactly(frame):
    assert pl.read_parquet(io.BytesIO(exports.to_parquet_bytes(frame))).equals(frame)
