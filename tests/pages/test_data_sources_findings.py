"""What a new user tripped on in Data sources (issue 13), through the page: workbook sheets, the profile
table's formats, dates in the preview, codes charted as categories, a new version with far fewer rows."""

from __future__ import annotations

import io
import json

import pytest
import xlsxwriter
from streamlit.testing.v1 import AppTest


@pytest.fixture
def app(launch):
    return lambda: launch(False, "pages/data_sources.py")


def upload(at: AppTest, name: str, content: bytes) -> AppTest:
    at.file_uploader[0].set_value([(name, content, "application/octet-stream")]).run()
    assert not at.exception, at.exception
    return at


def click(at: AppTest, label: str) -> AppTest:
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, at.exception
    return at


def workbook(sheets: dict[str, list[list]]) -> bytes:
    buffer = io.BytesIO()
    with xlsxwriter.Workbook(buffer) as book:
        for name, rows in sheets.items():
            sheet = book.add_worksheet(name)
            for r, row in enumerate(rows):
                sheet.write_row(r, 0, row)
    return buffer.getvalue()


BOOK = workbook({"Sales": [["region", "amount"], ["North", 10], ["South", 20], ["East", 5]],
                 "Costs": [["team", "cost"], ["Ops", 1.5], ["Data", 2.25]],
                 "Notes": []})


def test_a_workbooks_sheets_are_listed_and_each_picked_one_is_its_own_source(app):
    at = upload(app(), "book.xlsx", BOOK)
    picker = at.multiselect(key="sheets_of_0_book.xlsx")
    assert picker.options == ["Sales", "Costs", "Notes"] and picker.value == ["Sales", "Costs", "Notes"]
    assert any("book.xlsx** has 3 sheets" in m.value for m in at.markdown)
    click(at, "Add sheets")
    success = [s.value for s in at.success]
    assert "Added 'book - Sales': 3 rows, 2 columns." in success
    assert "Added 'book - Costs': 2 rows, 2 columns." in success
    assert any("'Notes' of 'book.xlsx' is empty and was not added" in i.value for i in at.info)
    assert sorted(at.dataframe[0].value["name"]) == ["book - Costs", "book - Sales"]

    # uploading the workbook again: the sheets already sources are said to be, the others can still be added
    at = upload(at, "book.xlsx", BOOK)
    at.multiselect(key="sheets_of_0_book.xlsx").set_value(["Sales"])
    click(at, "Add sheets")
    assert any("already loaded as 'book - Sales'" in i.value for i in at.info)
    assert sorted(at.dataframe[0].value["name"]) == ["book - Costs", "book - Sales"]


def test_one_sheet_now_and_another_later_from_the_reader_options(app):
    at = upload(app(), "book.xlsx", BOOK)
    at.multiselect(key="sheets_of_0_book.xlsx").set_value(["Costs"])
    click(at, "Add sheets")
    assert at.dataframe[0].value["name"].tolist() == ["book - Costs"]
    assert any(m.value == "Sheet **Costs** of book.xlsx" for m in at.markdown), "the sheet is said, not swapped"
    more = at.multiselect(key="more_sheets_1")
    assert more.options == ["Sales", "Notes"]
    more.set_value(["Sales"]).run()
    click(at, "Add these sheets")
    assert sorted(at.dataframe[0].value["name"]) == ["book - Costs", "book - Sales"]
    at.selectbox(key="open_source").set_value("book - Sales").run()
    assert at.dataframe[1].value["amount"].tolist() == [10, 20, 5]


def test_cancel_adds_nothing(app):
    at = upload(app(), "book.xlsx", BOOK)
    click(at, "Cancel")
    assert "No data sources yet" in at.info[0].value
    assert not at.multiselect
