"""The spec: parsing errors that name the step and field; parameters and their types."""

from __future__ import annotations

import datetime as dt

import pytest

from etl_core.errors import SpecError
from etl_core.spec import parse_spec, resolve_params

SOURCE = {"type": "source", "source": "orders"}


@pytest.mark.parametrize(("data", "message"), [
    ({"name": "x", "steps": [SOURCE, {"type": "fliter", "condition": "a > 1"}]},
     r"^Step 2 \(fliter\): unknown step type 'fliter'\. Did you mean 'filter'\?$"),
    ({"name": "x", "steps": [SOURCE, {"condition": "a > 1"}]}, r"^Step 2 \(None\): the step has no type"),
    ({"name": "x", "steps": [SOURCE, {"type": "filter"}]}, r"^Step 2 \(filter\): field 'condition': Field required\.$"),
    ({"name": "x", "steps": [SOURCE, {"type": "filter", "condition": "a", "colour": "red"}]},
     r"^Step 2 \(filter\): unknown field 'colour'\. Fields: note, disabled, type, condition\.$"),
    ({"name": "x", "steps": [SOURCE, {"type": "limit", "rows": "many"}]}, r"^Step 2 \(limit\): field 'rows'"),
    ({"name": "x", "steps": [SOURCE, {"type": "limit", "rows": -1}]}, r"^Step 2 \(limit\): field 'rows'"),
    ({"name": "x", "steps": [SOURCE, {"type": "join", "source": "c"}]}, r"^Step 2 \(join\): give the keys"),
    ({"name": "x", "steps": [SOURCE, {"type": "aggregate", "measures": [{"agg": "sum"}]}]},
     r"^Step 2 \(aggregate\): field 'measures\.0': 'sum' needs a column"),
    ({"name": "x", "steps": [SOURCE, {"type": "fill_nulls", "strategy": "value"}]}, "needs a value"),
    ({"name": "x", "steps": [SOURCE, {"type": "text", "column": "a", "operation": "extract", "pattern": "("}]},
     "not a valid regular expression"),
    ({"name": "x", "steps": [SOURCE, {"type": "output", "format": "csv"}]}, "needs a path"),
    ({"name": "x", "steps": [SOURCE, {"type": "output", "format": "table", "url": "sqlite://", "table": "a; drop"}]},
     "letters, digits and _ only"),
    ({"name": "x", "steps": [{"type": "filter", "condition": "a > 1"}]}, "the first step must be a source step"),
    ({"name": "x", "steps": [SOURCE, SOURCE]}, "only the first step can be a source"),
    ({"name": "x", "steps": []}, "steps: List should have at least 1 item"),
    ({"steps": [SOURCE]}, "name: Field required"),
    ({"name": "x", "steps": [SOURCE], "colour": 1}, "colour: Extra inputs are not permitted"),
])
def test_spec_errors_name_the_step_and_field(data, message):
    with pytest.raises(SpecError, match=message):
        parse_spec(data)


@pytest.mark.parametrize("text", ["", "not json", "[1, 2]", "42"])
def test_not_a_spec(text):
    with pytest.raises(SpecError):
        parse_spec(text)


def test_round_trip_is_exact():
    data = {"name": "x", "description": "d", "parameters": [{"name": "n", "type": "integer", "default": 5}],
            "steps": [SOURCE, {"type": "limit", "rows": 3, "note": "why"}]}
    spec = parse_spec(data)
    assert parse_spec(spec.to_json()) == spec
    assert parse_spec(spec.to_json()).to_json() == spec.to_json()


def test_parameters_convert_and_complain():
    spec = parse_spec({"name": "x", "steps": [SOURCE], "parameters": [
        {"name": "since", "type": "date", "default": "2024-01-01"}, {"name": "n", "type": "integer", "default": 3},
        {"name": "rate", "type": "number", "default": 0.5}, {"name": "flag", "type": "boolean", "default": False},
        {"name": "who", "type": "string"}]})
    values = resolve_params(spec, {"n": "7", "flag": "yes", "who": "West"})
    assert values == {"since": dt.date(2024, 1, 1), "n": 7, "rate": 0.5, "flag": True, "who": "West"}
    with pytest.raises(SpecError, match="'since' must be a date; 'soon' is not"):
        resolve_params(spec, {"since": "soon", "who": "x"})
    with pytest.raises(SpecError, match="parameter 'who' has no value"):
        resolve_params(spec)
    with pytest.raises(SpecError, match="'nope' is not a parameter"):
        resolve_params(spec, {"nope": "1", "who": "x"})
