"""What the tables hold, in words: column roles, name parts, synonyms, and a value index."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

import polars as pl

MAX_INDEXED_DISTINCT = 5_000
SYNONYMS = {
    "revenue": {"revenue", "sales", "amount", "turnover", "income", "rev", "value", "total"},
    "quantity": {"quantity", "qty", "units", "volume", "count"},
    "price": {"price", "rate"},  # not cost: a cost is not a price (products has both)
    "salary": {"salary", "pay", "paid", "earn", "earns", "earned", "earning", "earnings", "wage", "wages", "compensation"},
    "date": {"date", "day", "when", "time", "timestamp", "dt", "created", "ordered"},
    "customer": {"customer", "client", "buyer", "cust", "account"},
    "product": {"product", "item", "sku", "article"},
    "region": {"region", "area", "territory", "zone"},
    "order": {"order", "orders", "purchase", "transaction"},
    "name": {"name", "nm", "title"},
    "category": {"category", "cat", "type", "group", "segment"},
    "country": {"country", "nation"},
    "city": {"city", "town"},
}


def words(text: str) -> list[str]:
    """Lower-case word parts: 'Unit Price ($)' -> ['unit', 'price']; 'YTD_REV' -> ['ytd', 'rev']."""
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", str(text))
    return [w for w in re.split(r"[^0-9a-zA-Z]+", spaced.lower()) if w]


def singular(word: str) -> str:
    """'categories' -> 'category', 'boxes' -> 'box', 'statuses' and 'status' -> 'status', 'purchases' -> 'purchase'."""
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    stem = word[:-2]
    if len(word) > 3 and word.endswith("es") and (stem.endswith(("ss", "x", "z", "ch", "sh"))
                                                  or stem.endswith("us") and not stem.endswith(("ous", "aus"))):
        return stem
    if len(word) > 2 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def concept(word: str) -> str:
    """The idea a word stands for: 'sales' and 'turnover' are revenue, 'qty' is quantity."""
    forms = {word, singular(word)}
    for key, group in SYNONYMS.items():
        if forms & group or key in forms:
            return key
    return singular(word)


@dataclass
class Column:
    table: str
    name: str
    dtype: pl.DataType
    parts: list[str]
    distinct: int
    role: str  # measure, date, category, id, text, boolean

    @property
    def concepts(self) -> set[str]:
        return {concept(p) for p in self.parts}


@dataclass
class Catalogue:
    columns: list[Column] = field(default_factory=list)
    values: dict[str, list[tuple[Column, object]]] = field(default_factory=dict)  # lower value -> places
    latest: dict[str, object] = field(default_factory=dict)  # date column -> latest date
    rows: dict[str, int] = field(default_factory=dict)

    def join_keys(self, table: str) -> dict[str, str]:
        """Tables one row of `table` can look up: they share a column whose values are unique there
        (a dimension such as customers by customer_id), so a join never multiplies rows."""
        own = {c.name for c in self.of_table(table)}
        found = {}
        for other in self.rows:
            if other == table:
                continue
            keys = [c for c in self.of_table(other) if c.name in own and c.distinct == self.rows[other] > 0
                    and c.role in ("id", "category", "text")]
            if keys:
                found[other] = sorted(keys, key=lambda c: c.role != "id")[0].name
        return found

    def of_table(self, table: str) -> list[Column]:
        return [c for c in self.columns if c.table == table]

    def find(self, phrase: list[str], roles: set[str] | None = None, table: str | None = None) -> list[Column]:
        """Columns a phrase names: exact parts, then concepts (synonyms), then close spelling."""
        candidates = [c for c in self.columns if (roles is None or c.role in roles) and (table is None or c.table == table)]
        wanted = [singular(w) for w in phrase]
        exact = [c for c in candidates if [singular(p) for p in c.parts] == wanted]
        if exact:
            return exact
        wanted_concepts = {concept(w) for w in phrase}
        by_concept = [c for c in candidates if wanted_concepts and wanted_concepts <= c.concepts]
        if by_concept:
            return sorted(by_concept, key=lambda c: (len(c.parts), not {"name", "nm", "title"} & set(c.parts)))
        joined = "".join(wanted)
        close = [c for c in candidates if difflib.SequenceMatcher(None, joined, "".join(c.parts)).ratio() >= 0.85]
        return close


def build(tables: dict[str, pl.DataFrame]) -> Catalogue:
    """Roles from types and counts; values of the category-like columns, indexed for lookup."""
    catalogue = Catalogue()
    for table, frame in tables.items():
        catalogue.rows[table] = frame.height
        distinct = frame.select(pl.all().n_unique()).row(0, named=True) if frame.width else {}
        for name, dtype in frame.schema.items():
            column = Column(table, name, dtype, words(name), distinct[name], _role(name, dtype, distinct[name], frame.height))
            catalogue.columns.append(column)
            if column.role == "date":
                catalogue.latest[f"{table}.{name}"] = frame[name].max()
            if dtype == pl.String and column.distinct <= MAX_INDEXED_DISTINCT:
                for value in frame[name].drop_nulls().unique().to_list():
                    catalogue.values.setdefault(str(value).strip().lower(), []).append((column, value))
    return catalogue


def _role(name: str, dtype: pl.DataType, distinct: int, rows: int) -> str:
    parts = words(name)
    if dtype == pl.Boolean:
        return "boolean"
    if dtype.is_temporal():
        return "date"
    if parts and parts[-1] in ("id", "key", "code", "no", "number") and (dtype.is_integer() or dtype == pl.String):
        return "id"
    if dtype.is_numeric():
        return "measure"
    if distinct == rows and rows > 20:
        return "id"
    return "category" if distinct <= max(50, rows // 20) else "text"
