"""Things a fact table refers to by a key: 'customer' in orders is the customers table, looked up by customer_id.

An answer about such a thing names it as its own table does ('Tara Hughes', 'Hose'), grouped by its key
so two customers of one name stay two; a ranking of them with no figure named is by the fact table's own
figure ('our biggest customer': by revenue).
"""

from __future__ import annotations

from etl_core.chat.catalogue import Column
from etl_core.chat.reading.state import Reader
from etl_core.chat.tokens import Token


def entity_table(r: Reader, token: Token | None) -> str | None:
    """The other table a word names ('customer', 'customers', 'customer id'), when this one can look it up."""
    if token is None:
        return None
    for sense in token.of("table"):
        if sense.value != r.table and sense.value in r.joinable:
            return sense.value
    for column in r.columns_of(token, {"id"}):
        for table, key in r.joinable.items():
            if column.table == r.table and column.name == key:
                return table
    return None


def key_of(r: Reader, table: str) -> Column | None:
    return r.catalogue.column(r.table, r.joinable[table])


def label_of(r: Reader, table: str) -> Column | None:
    label = r.catalogue.label(table)
    return label if label is not None and label.name != r.joinable.get(table) else None


def entity_keys(r: Reader, asked: Column, entity: str | None = None) -> list[str]:
    """The columns to group an answer about a thing by: its key, then what is asked of it (its name by default)."""
    table = entity or next((t for t, key in r.joinable.items() if asked.table == r.table and asked.name == key), None)
    if table is None:
        return [r.name(asked)]
    key = key_of(r, table)
    if asked is key or asked.name == r.joinable[table]:
        label = label_of(r, table)
        return [key.name, r.name(label)] if label is not None else [key.name]
    return [key.name, r.name(asked)]
