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


EXPORT = ("order_id;amount;zip;day;stamp\n"
          + "".join(f"{i};{118.8095 * i:.4f};{i % 3:05d};2023-01-{i:02d};2023-01-{i:02d} 10:3{i % 6}:00\n" for i in range(1, 21))
          ).encode()


def test_the_profile_table_writes_each_statistic_for_its_column(app):
    at = upload(app(), "export.csv", EXPORT)
    rows = at.dataframe[2].value.set_index("column")
    amounts = [118.8095 * i for i in range(1, 21)]
    assert rows.loc["amount", "mean"] == f"{sum(amounts) / 20:,.2f}"  # 1,247.50: never cut to '247.50'
    assert rows.loc["amount", "max"] == f"{max(amounts):,.2f}"
    assert rows.loc["day", "min"] == "2023-01-01" and rows.loc["day", "max"] == "2023-01-20"
    assert rows.loc["stamp", "min"] == "2023-01-01 10:31:00"
    assert rows.loc["zip", "mean"] == "" and rows.loc["day", "std"] == "", "blank where a statistic does not apply"
    assert rows.loc["stamp", "type"] == "datetime" and rows.loc["amount", "type"] == "float64", "a word, not a repr"
    config = json.loads(at.dataframe[2].proto.columns)
    assert config["mean"]["alignment"] == "right" and config["nulls"]["type_config"]["format"] == "localized"
    # wide enough to read: a digit is 7 px in the grid's 14 px font, and a cell has 8 px of padding a side
    for name in ("type", "min", "max", "mean", "median", "std"):
        assert config[name]["width"] >= 7 * max(map(len, rows[name])) + 16, name


def test_the_preview_shows_dates_as_dates(app):
    at = upload(app(), "export.csv", EXPORT)
    config = json.loads(at.dataframe[1].proto.columns)
    assert config["day"]["type_config"] == {"type": "date", "format": "YYYY-MM-DD"}
    assert config["stamp"]["type_config"]["format"] == "YYYY-MM-DD HH:mm:ss"


def test_codes_kept_as_text_are_charted_as_categories(app):
    at = upload(app(), "export.csv", EXPORT)
    charts = {f["layout"]["title"]["text"]: f for f in (json.loads(c.proto.spec) for c in at.get("plotly_chart"))}
    zip_chart = next(f for title, f in charts.items() if title.startswith("zip"))
    assert zip_chart["layout"]["yaxis"]["type"] == "category"
    assert sorted(zip_chart["data"][0]["y"]) == ["00000", "00001", "00002"]


def test_a_new_version_with_far_fewer_rows_is_warned_about(app):
    at = upload(app(), "export.csv", EXPORT)
    shorter = b"\n".join(EXPORT.splitlines()[:6]) + b"\n"  # 5 rows of 20
    at.file_uploader(key="replace_1_1").set_value(("export-feb.csv", shorter, "text/csv")).run()
    assert not at.exception
    report = next(s.value for s in at.success if "now reads export-feb.csv" in s.value)
    assert "has 5 rows, 75% fewer than the 20 before" in report
    assert any("75% fewer than the 20 before: check that the export is complete" in w.value for w in at.warning)
    same = b"\n".join(EXPORT.splitlines()[:16]) + b"\n"  # 15 of 20: an ordinary month
    at.file_uploader(key="replace_1_2").set_value(("export-mar.csv", same, "text/csv")).run()
    assert not [w for w in at.warning if "fewer" in w.value]
