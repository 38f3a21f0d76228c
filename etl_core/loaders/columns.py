"""Column names made usable: unique, never blank; nested JSON flattened to dotted names."""

from __future__ import annotations

import polars as pl


def unique_names(names: list[str]) -> tuple[list[str], list[str]]:
    """Blank names become ``column_N``, repeats get ``_2``, ``_3``; returns names and notes."""
    result: list[str] = []
    notes: list[str] = []
    seen: set[str] = set()
    for position, raw in enumerate(names, start=1):
        name = str(raw).strip() if raw is not None else ""
        base = name or f"column_{position}"
        candidate, n = base, 1
        while candidate in seen:
            n += 1
            candidate = f"{base}_{n}"
        if not name:
            notes.append(f"Column {position} had no name; it is called '{candidate}'.")
        elif candidate != name:
            notes.append(f"Column {position} repeats the name '{name}'; it is called '{candidate}'.")
        seen.add(candidate)
        result.append(candidate)
    return result, notes


def flatten_nested(frame: pl.DataFrame) -> pl.DataFrame:
    """Structs become dotted columns (``customer.address.city``); lists of values become text."""
    while any(isinstance(dtype, pl.Struct) for dtype in frame.schema.values()):
        exprs: list[pl.Expr] = []
        for name, dtype in frame.schema.items():
            if isinstance(dtype, pl.Struct):
                exprs += [pl.col(name).struct.field(f.name).alias(f"{name}.{f.name}") for f in dtype.fields]
            else:
                exprs.append(pl.col(name))
        frame = frame.select(exprs)
    lists = [name for name, dtype in frame.schema.items() if isinstance(dtype, pl.List | pl.Array)]
    if lists:
        frame = frame.with_columns(_list_as_text(name, frame.schema[name]) for name in lists)
    return frame


def _list_as_text(name: str, dtype: pl.DataType) -> pl.Expr:
    inner = dtype.inner  # type: ignore[attr-defined]
    if isinstance(inner, pl.Struct | pl.List | pl.Array):
        # nested records inside a list: keep them readable as JSON text
        return pl.struct(pl.col(name)).struct.json_encode().str.slice(len(name) + 4).str.strip_suffix("}").alias(name)
    return pl.col(name).list.eval(pl.element().cast(pl.String)).list.join(", ").alias(name)
