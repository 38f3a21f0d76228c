"""Files that loaded wrongly: codes lost their zeros, empty trailing columns and blank lines became data,
nested columns crashed the profile, mixed encodings were garbled, deep JSON ate memory. Each through the
real service that adds a source, each with its own fixture."""

from __future__ import annotations

import time

import polars as pl
import pytest

from etl_core import sources
from etl_core.errors import UnreadableFileError


def added(session, settings, name: str, data: bytes):
    result = sources.add_file(session, settings, file_name=name, data=data)
    return result, sources.scan_source(settings, result.source).collect()


def test_codes_with_leading_zeros_stay_text(session, settings):
    data = b"zip,sku,qty,price\n02134,00123,1,0.5\n10001,00042,2,1.25\n90210,12345,3,0\n"
    result, frame = added(session, settings, "zips.csv", data)
    assert frame["zip"].to_list() == ["02134", "10001", "90210"]
    assert frame["sku"].to_list() == ["00123", "00042", "12345"]
    assert frame["qty"].dtype == pl.Int64 and frame["price"].dtype == pl.Float64, "plain numbers stay numbers"
    assert any("leading zeros" in note for note in result.notes)


def test_empty_trailing_columns_and_blank_lines_are_not_data(session, settings):
    _, frame = added(session, settings, "trailing.csv", b"a,b,,\n1,2,,\n3,4,,\n\n\n")
    assert frame.columns == ["a", "b"] and frame.height == 2


def test_lists_and_structs_profile_without_crashing(session, settings, tmp_path):
    path = tmp_path / "nested.parquet"
    pl.DataFrame({"id": [1, 2, 3], "tags": [["a", "b"], ["c"], ["a", "b"]],
                  "meta": [{"k": 1}, {"k": 2}, {"k": 1}]}).write_parquet(path)
    result, frame = added(session, settings, "nested.parquet", path.read_bytes())
    columns = {c["name"]: c for c in result.source.profile["columns"]}
    assert columns["tags"]["distinct"] == 2 and len(columns["tags"]["samples"]) == 2
    assert frame.height == 3


def test_utf8_mixed_with_cp1252_lines_is_read_with_a_warning(session, settings):
    data = "name,city\nJosé,Zürich\n".encode() + "Renée,Orléans\n".encode("cp1252") + "Zoë,Köln\n".encode()
    result, frame = added(session, settings, "mixed.csv", data)
    assert frame["name"].to_list() == ["José", "Renée", "Zoë"]
    assert frame["city"].to_list() == ["Zürich", "Orléans", "Köln"]
    assert any("line 3" in note and "Windows-1252" in note for note in result.notes)


def test_json_nested_deeper_than_the_limit_is_refused_at_once(session, settings):
    deep = ('[{"x": ' + '{"a": ' * 800 + "1" + "}" * 800 + "}]").encode()
    start = time.perf_counter()
    with pytest.raises(UnreadableFileError, match="nested 802 levels deep"):
        sources.add_file(session, settings, file_name="deep.json", data=deep)
    assert time.perf_counter() - start < 10, "refused before parsing (it took 66 s and 6.7 GB before)"
    assert sources.list_sources(session) == []
