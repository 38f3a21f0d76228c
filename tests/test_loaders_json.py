"""JSON: arrays of records, NDJSON, wrapped arrays, nesting flattened, mixed values."""

from __future__ import annotations

import json

import pytest

from etl_core.loaders import ReadOptions, read_file

RECORDS = [
    {"id": 1, "customer": {"name": "Ann", "address": {"city": "Leeds"}}, "tags": ["a", "b"], "total": 9.5},
    {"id": 2, "customer": {"name": "Bob", "address": {"city": "York"}}, "tags": [], "total": 3.0},
]


def test_array_of_records_with_nesting_flattened(write):
    result = read_file(write("r.json", json.dumps(RECORDS)))
    frame = result.frame.collect()
    assert frame.columns == ["id", "customer.name", "customer.address.city", "tags", "total"]
    assert frame["customer.address.city"].to_list() == ["Leeds", "York"]
    assert frame["tags"].to_list() == ["a, b", ""]
    assert any("flattened" in n for n in result.notes)


def test_ndjson(write):
    text = "\n".join(json.dumps(r) for r in RECORDS) + "\n"
    frame = read_file(write("r.ndjson", text)).frame.collect()
    assert frame["customer.name"].to_list() == ["Ann", "Bob"]


def test_ndjson_with_a_json_extension(write):
    text = '{"a": 1}\n{"a": 2}\n{"a": 3}\n'
    assert read_file(write("r.json", text)).frame.collect()["a"].to_list() == [1, 2, 3]


@pytest.mark.parametrize("key", ["data", "results", "orders"])
def test_object_holding_an_array(write, key):
    document = {"meta": {"page": 1}, key: [{"a": 1}, {"a": 2}]}
    result = read_file(write("r.json", json.dumps(document)))
    assert result.frame.collect()["a"].to_list() == [1, 2]
    assert result.options.records_path == key


def test_records_path_can_be_chosen(write):
    document = {"first": [{"a": 1}], "second": [{"b": 2}, {"b": 3}]}
    result = read_file(write("r.json", json.dumps(document)), ReadOptions(records_path="second"))
    assert result.frame.collect()["b"].to_list() == [2, 3]


def test_mixed_value_types_under_one_key_are_kept(write):
    frame = read_file(write("r.json", '[{"v": 1}, {"v": "two"}, {"v": null}]')).frame.collect()
    assert frame["v"].to_list() == ["1", "two", None]


def test_array_of_plain_values(write):
    frame = read_file(write("r.json", '[3, 1, 2]')).frame.collect()
    assert frame["value"].to_list() == [3, 1, 2]


def test_dates_in_json_text_become_dates(write):
    frame = read_file(write("r.json", '[{"d": "2024-01-31"}, {"d": "2024-02-29"}]')).frame.collect()
    assert str(frame["d"].dtype) == "Date"
