"""A step's form in Streamlit: one widget per kind of field, the kinds read from the step's model by etl_core.step_forms.

The page keys widgets so that after an undo, redo or JSON edit they show the draft's
values. Each widget returns the field's value as the step's JSON holds it; the page
compares it with what the widget first held to know what the analyst changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from etl_core.builder import StepCheck, expression_problem
from etl_core.step_forms import FormField, parse_value, show_value


@dataclass
class FieldContext:
    """What a field's widget offers: the columns reaching the step, the sources, the joined source's columns."""

    check: StepCheck
    data: dict[str, Any]
    sources: list[str]
    other_columns: Callable[[str], list[str]]
    params: dict[str, Any]

    @property
    def columns(self) -> list[str]:
        return list(self.check.schema_in)


def _with(options: list[Any], *current: Any) -> list[Any]:
    """Options plus whatever the step already names, so a column that went away still shows."""
    extra = [c for c in current if c not in (None, "") and c not in options]
    return [*options, *extra]


def _source(field: FormField, value: Any, ctx: FieldContext, key: str) -> Any:
    options = _with(ctx.sources, value)
    return st.selectbox(field.label, options, index=options.index(value) if value in options else None, key=key,
                        placeholder="Choose a data source", help=field.help or None)


def _column(field: FormField, value: Any, ctx: FieldContext, key: str) -> Any:
    options = _with(ctx.columns, value)
    return st.selectbox(field.label, options, index=options.index(value) if value in options else None, key=key,
                        placeholder="Choose a column", help=field.help or None)


def _columns(field: FormField, value: Any, ctx: FieldContext, key: str, options: list[str] | None = None) -> Any:
    value = list(value or [])
    return st.multiselect(field.label, _with(options if options is not None else ctx.columns, *value), default=value,
                          key=key, placeholder="Choose columns", help=field.help or None)


def _other_columns(field: FormField, value: Any, ctx: FieldContext, key: str) -> Any:
    source = ctx.data.get("source")
    return _columns(field, value, ctx, key, ctx.other_columns(source) if source else [])


def _expression(field: FormField, value: Any, ctx: FieldContext, key: str) -> Any:
    text = st.text_input(field.label, value or "", key=key, placeholder="e.g. amount > 0 AND status = 'completed'",
                         help="A SQL expression. Parameters are written :name.")
    problem = expression_problem(text, ctx.check, ctx.params)
    if problem and not ctx.check.error:  # the step's own error, above the form, already says it
        st.error(problem, icon=":material/error:")
    st.caption("Columns here: " + ", ".join(f"`{c}`" for c in ctx.columns))
    return text or None


def _sql(field: FormField, value: Any, ctx: FieldContext, key: str) -> Any:
    return st.text_area(field.label, value or "", key=key, help="A SELECT over the table here, called data.") or None


def _choice(field: FormField, value: Any, ctx: FieldContext, key: str) -> Any:
    options = list(field.options)
    current = value if value is not None else field.default
    return st.selectbox(field.label, options, index=options.index(current) if current in options else None, key=key,
                        help=field.help or None)


def _boolean(field: FormField, value: Any, ctx: FieldContext, key: str) -> Any:
    return st.checkbox(field.label, bool(value if value is not None else field.default), key=key,
                       help=field.help or None)


def _integer(field: FormField, value: Any, ctx: FieldContext, key: str) -> Any:
    shown = value if value is not None else field.default
    return st.number_input(field.label, value=shown, step=1, key=key, help=field.help or None,
                           placeholder="a whole number")


def _number(field: FormField, value: Any, ctx: FieldContext, key: str) -> Any:
    shown = value if value is not None else field.default
    return st.number_input(field.label, value=None if shown is None else float(shown), format="%g", key=key,
                           help=field.help or None, placeholder="a number")


def _text(field: FormField, value: Any, ctx: FieldContext, key: str) -> Any:
    shown = value if value is not None else (field.default or "")
    return st.text_input(field.label, shown, key=key, help=field.help or None) or None


def _text_list(field: FormField, value: Any, ctx: FieldContext, key: str) -> Any:
    text = st.text_input(field.label, ", ".join(value or []), key=key, help="Names separated by commas")
    return [part.strip() for part in text.split(",") if part.strip()]


def _value(field: FormField, value: Any, ctx: FieldContext, key: str) -> Any:
    text = st.text_input(field.label, show_value(value), key=key, help="A number, true/false, or text")
    return parse_value(text)


def _map(field: FormField, value: Any, ctx: FieldContext, key: str) -> Any:
    """column -> type (cast) or column -> text (rename, formats): one row per column."""
    rows = pd.DataFrame([{"column": k, "value": v} for k, v in (value or {}).items()], columns=["column", "value"],
                        dtype="object")
    target = (st.column_config.SelectboxColumn("type", options=list(field.options), required=True)
              if field.kind == "type_map" else st.column_config.TextColumn("new value", required=True))
    st.caption(field.label)
    edited = st.data_editor(rows, key=key, num_rows="dynamic", hide_index=True, width="stretch", column_config={
        "column": st.column_config.SelectboxColumn("column", options=_with(ctx.columns, *(value or {})), required=True),
        "value": target})
    return {r["column"]: r["value"] for r in _records(edited) if r.get("column") and r.get("value") not in (None, "")}


def _table(field: FormField, value: Any, ctx: FieldContext, key: str) -> Any:
    """A list of small models (sort keys, measures, rules): one row each, a column per field."""
    names = [f.name for f in field.fields]
    shown = [{f.name: _cell(f, row.get(f.name)) for f in field.fields} for row in (value or [])]
    config = {f.name: _column_config(f, ctx) for f in field.fields}
    st.caption(field.label)
    edited = st.data_editor(pd.DataFrame(shown, columns=names, dtype="object"), key=key, num_rows="dynamic",
                            hide_index=True, width="stretch", column_config=config)
    kinds = {f.name: f for f in field.fields}
    rows = []
    for record in _records(edited):
        row = {n: _uncell(kinds[n], v) for n, v in record.items()}
        row = {n: v for n, v in row.items() if v not in (None, "", [])}
        if row:
            rows.append(row)
    return rows


def _column_config(field: FormField, ctx: FieldContext):
    if field.kind == "choice":
        return st.column_config.SelectboxColumn(field.name, options=list(field.options))
    if field.kind == "column":
        return st.column_config.SelectboxColumn(field.name, options=ctx.columns)
    if field.kind == "boolean":
        return st.column_config.CheckboxColumn(field.name, default=False)
    if field.kind in ("integer", "number"):
        return st.column_config.NumberColumn(field.name, step=1 if field.kind == "integer" else None)
    help_text = "names separated by commas" if field.kind == "columns" else "a number, true/false or text"
    return st.column_config.TextColumn(field.name, help=help_text if field.kind in ("columns", "value") else None)


def _cell(field: FormField, value: Any) -> Any:
    if field.kind == "columns":
        return ", ".join(value or [])
    if field.kind == "value":
        return show_value(value)
    return value


def _uncell(field: FormField, value: Any) -> Any:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if field.kind == "columns":
        return [part.strip() for part in str(value).split(",") if part.strip()]
    if field.kind == "value":
        return parse_value(str(value))
    if field.kind == "integer":
        return int(value)
    if field.kind == "boolean":
        return bool(value) or None  # false is the default: left out
    return value


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{k: (None if not isinstance(v, list | dict) and pd.isna(v) else v) for k, v in row.items()}
            for row in frame.to_dict("records")]


TABLE_KINDS = {"type_map", "column_map", "table"}  # drawn with st.data_editor
WIDGETS: dict[str, Callable[[FormField, Any, FieldContext, str], Any]] = {
    "source": _source, "column": _column, "columns": _columns, "other_columns": _other_columns,
    "expression": _expression, "sql": _sql, "choice": _choice, "boolean": _boolean, "integer": _integer,
    "number": _number, "text": _text, "text_list": _text_list, "value": _value, "type_map": _map, "column_map": _map,
    "table": _table,
}


def field_widget(field: FormField, value: Any, ctx: FieldContext, key: str) -> Any:
    """Draw a field's widget and return its value (unknown kinds get a text box for JSON)."""
    return WIDGETS.get(field.kind, _value)(field, value, ctx, key)
