"""No cell or header of a CSV or Excel file we write starts a live formula, whatever its text type."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import polars as pl
import pytest

from etl_core import exports, pipelines, sources
from etl_core.db import session_scope
from etl_core.spec import parse_spec

FORMULA_HEADER = '=HYPERLINK("http://x","y")'
HOSTILE = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=1", "\r=1", "plain"]
LIVE = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def upload(engine, settings):
    frame = pl.DataFrame({
        "label": pl.Series(HOSTILE, dtype=pl.Categorical),
        "kind": pl.Series(HOSTILE, dtype=pl.Enum(HOSTILE)),
        FORMULA_HEADER: HOSTILE,
        "amount": [-5, 1, 2, 3, 4, 5, 6],
    })
    buffer = io.BytesIO()
    frame.write_parquet(buffer)
    with session_scope(engine) as session:
        source = sources.add_file(session, settings, file_name="hostile.parquet", data=buffer.getvalue()).source
    stored = sources.scan_source(settings, source).collect()
    assert stored.schema["label"] == pl.Categorical and isinstance(stored.schema["kind"], pl.Enum)
    return stored


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def excel_rows(data: bytes) -> list[list[object]]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def assert_no_live_formula(rows: list[list[object]]) -> None:
    header, *body = rows
    assert header[:3] == ["label", "kind", "'" + FORMULA_HEADER]
    for row in body:
        assert not any(isinstance(value, str) and value.startswith(LIVE) for value in row[:3]), row
    assert [row[0] for row in body][:2] == ["'=1+1", "'+SUM(A1)"]


def test_csv_export(upload):
    assert_no_live_formula(csv_rows(exports.to_csv_bytes(upload)))


def test_excel_export(upload):
    assert_no_live_formula(excel_rows(exports.to_excel_bytes(upload)))


@pytest.mark.parametrize("fmt", ["csv", "excel"])
@pytest.mark.parametrize("stepwise", [False, True])
def test_pipeline_output(upload, engine, settings, fmt, stepwise):
    spec = parse_spec({"name": f"hostile_{fmt}", "steps": [
        {"type": "source", "source": "hostile"}, {"type": "output", "format": fmt, "path": "hostile"}]})
    run = pipelines.run_pipeline(engine, settings, pipelines.RunRequest(spec, stepwise=stepwise))
    assert run.status == "succeeded", run.error
    written = Path(run.outputs[0]["path"]).read_bytes()
    assert_no_live_formula(csv_rows(written) if fmt == "csv" else excel_rows(written))
