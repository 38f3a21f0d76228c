"""A step's form, read from its pydantic model: one mapping from a field's name and type to a kind of widget.

A screen draws one widget per kind; adding a step type to the engine needs no screen
code. A field can name its widget itself with ``json_schema_extra={"widget": "..."}``.

Kinds: source, column, columns, other_columns (the joined source's), column_map (column ->
text), type_map (column -> type), expression, sql, choice, boolean, integer, number,
text, text_list, table (a list of small models, one row each), value (any JSON value).
"""

from __future__ import annotations

import json
import types
import typing
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from etl_core.steps import STEP_TYPES

HIDDEN = {"type", "disabled"}  # set by the builder itself, not by the form
COLUMN_NAMES = {"column", "columns", "group_by", "index", "partition_by", "on", "left_on", "values"}
BY_NAME = {"source": "source", "right_on": "other_columns", "condition": "expression", "expression": "expression",
           "where": "expression", "query": "sql"}


@dataclass(frozen=True)
class FormField:
    """One field of a step's form."""

    name: str
    kind: str
    label: str
    help: str
    required: bool
    default: Any
    options: tuple[Any, ...] = ()  # choices (a Literal's values, a type map's types)
    fields: tuple[FormField, ...] = ()  # the columns of a table


def form_fields(step_type: str) -> list[FormField]:
    """The fields of a step type's form, in the model's order; none for a type Sluice does not have."""
    if step_type not in STEP_TYPES:
        return []
    fields = [form_field(name, info) for name, info in STEP_TYPES[step_type].model_fields.items() if name not in HIDDEN]
    return sorted(fields, key=lambda f: f.name == "note")  # the comment last


def form_field(name: str, info: FieldInfo) -> FormField:
    kind, options, fields = widget_for(name, info.annotation, info)
    default = None if info.is_required() else info.get_default(call_default_factory=True)
    return FormField(name=name, kind=kind, label=name.replace("_", " ").capitalize(), help=info.description or "",
                     required=info.is_required(), default=default, options=options, fields=fields)


def widget_for(name: str, annotation: Any, info: FieldInfo | None = None) -> tuple[str, tuple, tuple]:
    """The one mapping: (kind, options, nested fields) for a field's name and type."""
    extra = info.json_schema_extra if info is not None and isinstance(info.json_schema_extra, dict) else {}
    hinted = extra.get("widget")
    inner = _without_none(annotation)
    origin, args = typing.get_origin(inner), typing.get_args(inner)
    if hinted:
        return str(hinted), _literal_values(args[-1]) if origin is dict else _literal_values(inner), ()
    if name in BY_NAME:
        return BY_NAME[name], (), ()
    if origin is Literal:
        return "choice", args, ()
    if name in COLUMN_NAMES and inner is str:
        return "column", (), ()
    if name in COLUMN_NAMES and origin is list and args == (str,):
        return "columns", (), ()
    if origin is dict:
        values = _literal_values(args[1])
        return ("type_map", values, ()) if values else ("column_map", (), ())
    if origin is list and args and isinstance(args[0], type) and issubclass(args[0], BaseModel):
        return "table", (), tuple(form_field(n, i) for n, i in args[0].model_fields.items())
    if origin is list and args == (str,):
        return "text_list", (), ()
    if inner is bool:
        return "boolean", (), ()
    if inner is int:
        return "integer", (), ()
    if inner is float:
        return "number", (), ()
    if inner is str:
        return "text", (), ()
    return "value", (), ()


def _without_none(annotation: Any) -> Any:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        rest = [a for a in typing.get_args(annotation) if a is not type(None)]
        return rest[0] if len(rest) == 1 else annotation
    return annotation


def _literal_values(annotation: Any) -> tuple:
    return typing.get_args(annotation) if typing.get_origin(annotation) is Literal else ()


def parse_value(text: str) -> Any:
    """A typed value from a text box: JSON when it reads as JSON (3, true, [1, 2]), else the text itself."""
    text = text.strip()
    if not text:
        return None
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text


def show_value(value: Any) -> str:
    """A value for a text box, the reverse of ``parse_value``."""
    if value is None:
        return ""
    return value if isinstance(value, str) and parse_value(value) == value else json.dumps(value)
