"""Excel through calamine: sheets, header rows above titles, sheet choice, types."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
import xlsxwriter

from etl_core.errors import UnreadableFileError
from etl_core.loaders import ReadOptions, list_sheets, read_file
from tests.conftest import SAMPLES


def workbook(path, sheets: dict[str, list[list]]):
    with xlsxwriter.Workbook(path) as book:
        date_format = book.add_format({"num_format": "yyyy-mm-dd"})
        for name, rows in sheets.items():
            sheet = book.add_worksheet(name)
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    if value is None:
                        continue
                    if isinstance(value, dt.date):
                        sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date_format)
                    else:
                        sheet.write(r, c, value)
    return path


def test_every_sheet_is_listed_and_the_first_with_data_is_read(tmp_path):
    path = workbook(tmp_path / "book.xlsx", {
        "Empty": [],
        "Sales": [["region", "amount", "day"], ["North", 10.5, dt.date(2024, 1, 2)], ["South", 20, dt.date(2024, 1, 3)]],
        "Costs": [["item", "cost"], ["rent", 1000]],
    })
    assert list_sheets(path, "book.xlsx") == ["Empty", "Sales", "Costs"]
    result = read_file(path)
    frame = result.frame.collect()
    assert result.options.sheet == "Sales"
    assert result.sheets == ["Empty", "Sales", "Costs"]
    assert frame.columns == ["region", "amount", "day"]
    assert frame["amount"].to_list() == [10.5, 20.0]
    assert frame["day"].dtype == pl.Date
    assert frame["day"].to_list() == [dt.date(2024, 1, 2), dt.date(2024, 1, 3)]


def test_another_sheet_can_be_chosen(tmp_path):
    path = workbook(tmp_path / "book.xlsx", {"A": [["x"], [1]], "B": [["item", "cost"], ["rent", 1000], ["gas", 80]]})
    frame = read_file(path, ReadOptions(sheet="B")).frame.collect()
    assert frame.to_dicts() == [{"item": "rent", "cost": 1000}, {"item": "gas", "cost": 80}]
    assert frame["cost"].dtype == pl.Int64, "Excel stores whole numbers as floats; they read as integers"


def test_a_missing_sheet_names_the_sheets_there_are(tmp_path):
    path = workbook(tmp_path / "book.xlsx", {"A": [["x"], [1]]})
    with pytest.raises(UnreadableFileError, match=r"no sheet called 'Z'.*Its sheets are: A\."):
        read_file(path, ReadOptions(sheet="Z"))


def test_title_and_blank_rows_above_the_header_are_skipped(tmp_path):
    path = workbook(tmp_path / "book.xlsx", {"S": [
        ["Quarterly report"], [], ["name", "qty", "price"], ["a", 1, 2.5], ["b", 2, 3.5], ["c", 3, 4.5],
    ]})
    result = read_file(path)
    assert result.frame.collect().columns == ["name", "qty", "price"]
    assert result.frame.collect().height == 3
    assert any("header is on row" in note for note in result.notes)


def test_a_title_above_a_two_column_sheet_is_skipped(tmp_path):
    path = workbook(tmp_path / "book.xlsx", {"S": [["Quarterly report"], [], ["Store", "Units"], ["Leeds", 3], ["York", 4]]})
    assert read_file(path).frame.collect().to_dicts() == [{"Store": "Leeds", "Units": 3}, {"Store": "York", "Units": 4}]


def test_a_header_with_one_blank_name_is_not_taken_for_a_title(tmp_path):
    path = workbook(tmp_path / "book.xlsx", {"S": [["Units", None], [3, 1.5], [4, 2.5]]})
    frame = read_file(path).frame.collect()
    assert frame.columns[0] == "Units" and frame.height == 2


def test_header_row_override(tmp_path):
    path = workbook(tmp_path / "book.xlsx", {"S": [["a", "b"], ["name", "qty"], ["x", 1]]})
    frame = read_file(path, ReadOptions(header_row=1)).frame.collect()
    assert frame.columns == ["name", "qty"]
    assert frame.to_dicts() == [{"name": "x", "qty": 1.0}]


def test_merged_header_cells_get_names(tmp_path):
    path = tmp_path / "merged.xlsx"
    with xlsxwriter.Workbook(path) as book:
        sheet = book.add_worksheet("S")
        sheet.merge_range(0, 0, 0, 1, "Sales")
        sheet.write_row(0, 2, ["Region"])
        sheet.write_row(1, 0, [1, 2, "North"])
        sheet.write_row(2, 0, [3, 4, "South"])
    result = read_file(path)
    frame = result.frame.collect()
    assert frame.columns == ["Sales", "column_2", "Region"]
    assert frame["Region"].to_list() == ["North", "South"]


def test_the_shipped_sample_workbook(tmp_path):
    result = read_file(SAMPLES / "products.xlsx")
    frame = result.frame.collect()
    assert result.options.sheet == "Products"
    assert frame.height == 40
    assert frame.columns[:3] == ["product_id", "product_name", "category"]
