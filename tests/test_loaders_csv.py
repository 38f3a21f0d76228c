"""CSV and TSV: delimiters, encodings, headers, quoting, separators, dates, overrides."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from etl_core.loaders import ReadOptions, read_file

ROWS = [("André", 3, 1.5), ("Zoë", 5, 2.25), ("Łukasz", 7, 10.0)]


def table(delimiter: str = ",", header: bool = True) -> str:
    lines = [delimiter.join(["name", "qty", "price"])] if header else []
    lines += [delimiter.join([n, str(q), str(p)]) for n, q, p in ROWS]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiter_is_detected(write, delimiter):
    result = read_file(write("t.csv", table(delimiter)))
    frame = result.frame.collect()
    assert result.options.delimiter == delimiter
    assert frame.columns == ["name", "qty", "price"]
    assert frame["qty"].to_list() == [3, 5, 7]


@pytest.mark.parametrize(("encoding", "expected"), [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"), ("cp1252", "cp1252"),
])
def test_encoding_is_detected(write, encoding, expected):
    rows = [("André", 3), ("Zoë", 5), ("Crème brûlée", 7)]
    text = "name,qty\n" + "".join(f"{n},{q}\n" for n, q in rows)
    if encoding == "cp1252":
        rows = rows[:2]
        text = "name,qty\n" + "".join(f"{n},{q}\n" for n, q in rows) + "Œuvre – “quoted”,9\n"
    result = read_file(write("t.csv", text, encoding))
    frame = result.frame.collect()
    assert result.options.encoding == expected
    assert frame.columns == ["name", "qty"]
    assert frame["name"][0] == "André"
    assert frame["name"][-1] in ("Crème brûlée", "Œuvre – “quoted”")


def test_latin1_bytes_decode_with_the_chosen_encoding(write):
    path = write("t.csv", "city,n\nMünchen,1\nMálaga,2\n", "latin-1")
    frame = read_file(path, ReadOptions(encoding="latin-1")).frame.collect()
    assert frame["city"].to_list() == ["München", "Málaga"]


def test_header_absent_is_detected(write):
    result = read_file(write("t.csv", table(header=False)))
    frame = result.frame.collect()
    assert result.options.has_header is False
    assert frame.columns == ["column_1", "column_2", "column_3"]
    assert frame.height == 3


def test_quoted_fields_with_embedded_newlines_and_delimiters(write):
    text = 'id,comment,amount\n1,"line one\nline two",5\n2,"a, b and ""c""",6\n'
    frame = read_file(write("t.csv", text)).frame.collect()
    assert frame["comment"].to_list() == ["line one\nline two", 'a, b and "c"']
    assert frame["amount"].to_list() == [5, 6]


def test_thousands_separators_and_decimal_commas(write):
    text = "item;amount;rate\nA;1.234,50;0,5\nB;12,75;1,25\nC;1.000.000,00;2\n"
    result = read_file(write("t.csv", text))
    frame = result.frame.collect()
    assert result.options.decimal_comma is True
    assert frame["amount"].to_list() == [1234.5, 12.75, 1_000_000.0]
    assert frame["rate"].to_list() == [0.5, 1.25, 2.0]


def test_us_thousands_separators_become_numbers(write):
    text = 'item,amount\nA,"1,234.50"\nB,"12,000"\nC,7\n'
    frame = read_file(write("t.csv", text)).frame.collect()
    assert frame["amount"].to_list() == [1234.5, 12000.0, 7.0]


def test_currency_and_percent_are_offered_then_converted_when_accepted(write):
    path = write("t.csv", 'item,price,share\nA,$3.00,12%\nB,"$1,200.00",50%\nC,($4.50),5.5%\n')
    first = read_file(path)
    assert first.frame.collect()["price"].dtype == pl.String
    assert first.suggestions == {"price": "us", "share": "us"}
    accepted = read_file(path, first.options.merged(number_columns=first.suggestions))
    frame = accepted.frame.collect()
    assert frame["price"].to_list() == [3.0, 1200.0, -4.5]
    assert frame["share"].to_list() == pytest.approx([0.12, 0.5, 0.055])


@pytest.mark.parametrize(("values", "expected"), [
    (["2024-03-05", "2024-12-31"], [dt.date(2024, 3, 5), dt.date(2024, 12, 31)]),
    (["05/03/2024", "31/12/2024"], [dt.date(2024, 3, 5), dt.date(2024, 12, 31)]),
    (["03/05/2024", "12/31/2024"], [dt.date(2024, 3, 5), dt.date(2024, 12, 31)]),
    (["05.03.2024", "31.12.2024"], [dt.date(2024, 3, 5), dt.date(2024, 12, 31)]),
    (["Mar 5, 2024", "Dec 31, 2024"], [dt.date(2024, 3, 5), dt.date(2024, 12, 31)]),
    (["5 March 2024", "31 December 2024"], [dt.date(2024, 3, 5), dt.date(2024, 12, 31)]),
    (["08/30/83", "04/28/91"], [dt.date(1983, 8, 30), dt.date(1991, 4, 28)]),  # two-digit years: 1983, never 83
    (["2024-03-05 14:30:00", "2024-12-31 08:00:00"],
     [dt.datetime(2024, 3, 5, 14, 30), dt.datetime(2024, 12, 31, 8, 0)]),
])
def test_dates_in_common_formats_become_temporal(write, values, expected):
    text = "when,n\n" + "".join(f'"{v}",{i}\n' for i, v in enumerate(values))
    frame = read_file(write("t.csv", text)).frame.collect()
    assert frame["when"].to_list() == expected


def test_text_columns_option_keeps_dates_as_text(write):
    path = write("t.csv", "code,n\n2024-01-01,1\n2024-02-01,2\n")
    frame = read_file(path, ReadOptions(text_columns=["code"])).frame.collect()
    assert frame["code"].dtype == pl.String


def test_overriding_the_delimiter_splits_columns(write):
    path = write("t.csv", "a;b;c\n1;2;3\n4;5;6\n")
    as_comma = read_file(path, ReadOptions(delimiter=",")).frame.collect()
    assert as_comma.columns == ["a;b;c"]
    as_semicolon = read_file(path, ReadOptions(delimiter=";")).frame.collect()
    assert as_semicolon.columns == ["a", "b", "c"]
    assert as_semicolon.row(1) == (4, 5, 6)


def test_rows_above_the_header_can_be_skipped(write):
    path = write("t.csv", "Sales export\ngenerated 2024-05-01\nname,qty\na,1\nb,2\n")
    frame = read_file(path, ReadOptions(header_row=2, delimiter=",")).frame.collect()
    assert frame.columns == ["name", "qty"]
    assert frame["qty"].to_list() == [1, 2]


def test_duplicate_and_blank_column_names_are_made_unique_and_reported(write):
    result = read_file(write("t.csv", "id,name,,name\n1,a,x,b\n2,c,y,d\n"))
    assert result.frame.collect().columns == ["id", "name", "column_3", "name_2"]
    assert any("no name" in n for n in result.notes)
    assert any("repeats the name 'name'" in n for n in result.notes)


def test_tsv_extension_reads_tabs(write):
    frame = read_file(write("t.tsv", "a\tb\n1\t2\n")).frame.collect()
    assert frame.columns == ["a", "b"]


def test_ragged_rows_can_be_allowed(write):
    path = write("t.csv", "a,b\n1,2\n3,4,5\n6,7\n")
    frame = read_file(path, ReadOptions(allow_ragged=True)).frame.collect()
    assert frame.shape == (3, 2)
    assert frame["a"].to_list() == [1, 3, 6]


def test_resolved_options_reproduce_the_same_frame(write):
    path = write("t.csv", "item;amount;when\nA;1.234,50;05/03/2024\nB;12,75;17/04/2024\n", "cp1252")
    first = read_file(path)
    again = read_file(path, first.options)
    assert again.frame.collect().equals(first.frame.collect())


def test_a_value_past_the_inference_window_does_not_fail_the_load(session, settings):
    from etl_core import sources

    rows = "".join(f"{i},{i * 2}\n" for i in range(15_000))
    added = sources.add_file(session, settings, file_name="late.csv", data=("id,code\n" + rows + "15000,N/A-7\n").encode())
    frame = sources.scan_source(settings, added.source).collect()
    assert frame.height == 15_001
    assert frame["code"].dtype == pl.String
    assert frame["code"][-1] == "N/A-7"


def test_backslash_escaped_quotes_from_a_mysql_export(write):
    # MySQL's INTO OUTFILE and PHP write \" inside a quoted value where the standard writes "",
    # also just before a comma or a line break inside the value
    text = ('title,notes,year\n'
            '"\\"Broke\\"","\\"One\\", \\"Two\\"",1996\n'
            '"Urach","1080: use of \\"Count\\"\n1261: died out",1997\n'
            '"plain ""standard"" quotes","none",1998\n')
    result = read_file(write("export.csv", text))
    frame = result.frame.collect()
    assert frame.columns == ["title", "notes", "year"]
    assert frame["title"].to_list() == ['"Broke"', "Urach", 'plain "standard" quotes']
    assert frame["notes"].to_list() == ['"One", "Two"', '1080: use of "Count"\n1261: died out', "none"]
    assert frame["year"].to_list() == [1996, 1997, 1998]
    assert any("were read as quotes" in note for note in result.notes)


def test_standard_quotes_with_a_backslash_before_them_are_left_as_written(write):
    text = 'path,size\n"C:\\temp\\",3\n"D:\\",4\n'
    frame = read_file(write("paths.csv", text)).frame.collect()
    assert frame["path"].to_list() == ["C:\\temp\\", "D:\\"]
    assert frame["size"].to_list() == [3, 4]


def test_an_escaped_backslash_before_a_closing_quote_ends_the_value(write):
    text = 'a,b\n"say \\"hi\\"","ends in \\\\"\n"x","y"\n'
    frame = read_file(write("e.csv", text)).frame.collect()
    assert frame["a"].to_list() == ['say "hi"', "x"]
    assert frame["b"].to_list() == ["ends in \\\\", "y"]
