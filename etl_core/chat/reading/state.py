"""One reading of a question: its tokens, what each was used as, the plan being built, and the choices made.

A rule that meets a real choice (a value found in two columns, 'per customer' as a grouping or a
ratio) calls ``choose``: the reading takes one option, and the reader reads the question again for
the others. Readings whose answers agree give the answer; readings that disagree become the question
back. What no rule used is what the answer cannot account for.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Iterable

from etl_core.chat.catalogue import SIDES, Catalogue, Column
from etl_core.chat.plan import Chip, ChipOption, Join, QueryPlan
from etl_core.chat.tokens import Sense, Token, generic_table
from etl_core.chat.wording import singular
from etl_core.errors import InputError


class Unanswerable(InputError):
    """The question cannot be read here; the message says which words and what can be asked instead."""


class Unplaced(Unanswerable):
    """Words the reading could not place ('flagship'): the rest may still read, offered back as a choice."""

    def __init__(self, message: str, words: list[str], *, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.words = words


class Choices:
    """The options taken at each choice point of one reading; the reader enumerates the others."""

    def __init__(self, path: tuple[int, ...] = ()) -> None:
        self.path, self.seen, self.labels = list(path), [], []

    def take(self, options: list[str]) -> int:
        at = len(self.seen)
        index = self.path[at] if at < len(self.path) else 0
        self.seen.append(len(options))
        self.labels.append(options[index])
        return index

    def others(self) -> list[tuple[int, ...]]:
        """The paths that differ from this one at exactly one later choice point."""
        found = []
        for at, count in enumerate(self.seen):
            if at < len(self.path):
                continue
            prefix = tuple(self.path[:at]) + (0,) * (at - len(self.path))
            found += [(*prefix, option) for option in range(1, count)]
        return found


class Reader:
    """The tokens of one question against the tables in play, and the plan they are building."""

    def __init__(self, tokens: list[Token], catalogue: Catalogue, table: str, choices: Choices,
                 joins: dict[str, list[str]] | None = None) -> None:
        self.tokens, self.catalogue, self.table, self.choices = tokens, catalogue, table, choices
        self.ranked_high: bool | None = None  # the direction an adjective's column is ranked in ('older': earlier)
        self.plan = QueryPlan(table=table)
        self.joinable = catalogue.join_keys(table)
        self.joins: dict[str, list[str]] = dict(joins or {})
        self.own = {c.name for c in catalogue.of_table(table)}
        self.chips: list[Chip] = []
        self.notes: list[str] = []
        self.generic = generic_table(table)
        self.measure_phrases: list | None = None  # the measures named, read once (reading/measures.py)
        self.in_years: str | None = None  # 'how long': this column of lengths is answered as '9 years' (reading/spans.py)

    # ---- tokens ---------------------------------------------------------------------------
    def use(self, token: Token | None, meaning: str, kind: str = "word", options: Iterable[ChipOption] = ()) -> None:
        if token is None or token.used:
            return
        token.used = meaning
        if kind != "word" or not token.is_("function"):
            self.chips.append(Chip(phrase=token.text, meaning=meaning, kind=kind, options=list(options)))

    def absorb(self, *tokens: Token | None, meaning: str = "part of the question") -> None:
        """Words a rule consumed that need no chip of their own ('the', 'did', 'get')."""
        for token in tokens:
            if token is not None and not token.used:
                token.used = meaning

    def index(self, token: Token) -> int:
        return self.tokens.index(token)

    def at(self, index: int) -> Token | None:
        return self.tokens[index] if 0 <= index < len(self.tokens) else None

    def after(self, token: Token, skip_function: bool = True) -> Token | None:
        for other in self.tokens[self.index(token) + 1:]:
            if not (skip_function and other.is_("function") and not other.is_("value", "column", "number")):
                return other
        return None

    def before(self, token: Token, skip_function: bool = True) -> Token | None:
        for other in reversed(self.tokens[: self.index(token)]):
            if not (skip_function and other.is_("function") and not other.is_("value", "column", "number")):
                return other
        return None

    def free(self, *kinds: str) -> list[Token]:
        return [t for t in self.tokens if not t.used and (not kinds or t.is_(*kinds))]

    def words(self) -> list[str]:
        return [t.text for t in self.tokens]

    def has(self, *texts: str) -> bool:
        return any(t.text in texts for t in self.tokens)

    def unplaced(self) -> list[Token]:
        return [t for t in self.tokens if not t.used and t.content]

    # ---- columns --------------------------------------------------------------------------
    def columns_of(self, token: Token, roles: set[str] | None = None, strength: int = 1) -> list[Column]:
        """The columns a token names on this table or a table it can look up, best first."""
        found = [s for s in token.of("column") if s.strength >= strength and (roles is None or s.column.role in roles)]
        own = [s for s in found if s.column.table == self.table]
        other = [s for s in found if s.column.table in self.joinable and s.column.name != self.joinable[s.column.table]]
        ranked = sorted(own, key=lambda s: -s.strength) + sorted(other, key=lambda s: -s.strength)
        best = max((s.strength for s in ranked), default=0)
        return [s.column for s in ranked if s.strength == best or s.column.table == self.table and s.strength >= best]

    def column_of(self, token: Token | None, roles: set[str] | None = None, strength: int = 1) -> Column | None:
        """The one column a token names; when it names several equally ('goals': Home Goals, Away Goals), each is
        a reading of its own."""
        if token is None:
            return None
        found = self.columns_of(token, roles, strength)
        if len(found) <= 1:
            return found[0] if found else None
        same = [c for c in found if c.table == found[0].table]
        after = self.tokens[self.index(token) + 1:self.index(token) + 4]
        sided = [c for c in same if c.parts and any(c.parts[-1] in SIDES.get(t.text, ()) for t in after)]
        if len(sided) == 1:  # 'how many goals were scored': Goals for, not Goals against
            self.absorb(*(t for t in after if sided[0].parts[-1] in SIDES.get(t.text, ()) and not t.used),
                        meaning=f"the side of {sided[0].name}")
            return sided[0]
        return same[self.choose([f"'{token.text}' as {c.name}" for c in same])] if len(same) > 1 else found[0]

    def values_of(self, token: Token) -> list[Sense]:
        return [s for s in token.of("value") if s.column.table == self.table
                or (s.column.table in self.joinable and s.column.name != self.joinable[s.column.table])]

    def inside_of(self, token: Token) -> list[Sense]:
        """Cells of this table holding the token's words as a name ('adamson' in Adamson Pep Squad)."""
        return [s for s in token.inside if s.column.table == self.table]

    def row_named(self, token: Token) -> list[Sense]:
        """The values a token names as one row: the cells it is, else the one cell per column holding it as a name
        ('ryabova' for Svetlana Ryabova). Only a row named to be compared or looked beside reads such a part."""
        exact = self.values_of(token)
        if exact:
            return exact
        inside = self.inside_of(token)
        return [s for s in inside if sum(o.column is s.column for o in inside) == 1]

    def name(self, column: Column) -> str:
        """A column as the plan names it; a looked-up table's column adds its join."""
        if column.table == self.table:
            return column.name
        key = self.joinable[column.table]
        if column.table not in self.joins:
            self.joins[column.table] = [key]
            self.notes.append(f"'{column.table}' is looked up by {key} for {column.name}.")
        return column.name if column.name not in self.own else f"{column.name}_{column.table}"

    def column_named(self, name: str) -> Column | None:
        found = self.catalogue.column(self.table, name)
        if found:
            return found
        for table in self.joinable:
            for column in self.catalogue.of_table(table):
                if name in (column.name, f"{column.name}_{table}"):
                    return column
        return None

    def of_role(self, *roles: str) -> list[Column]:
        return [c for c in self.catalogue.of_table(self.table) if c.role in roles]

    def label(self) -> Column | None:
        return self.catalogue.label(self.table)

    def unique_per_row(self, column: Column) -> bool:
        rows = self.catalogue.rows[column.table]
        return column.distinct >= rows - column.nulls and rows > 0

    def by_concept(self, concept: str, roles: set[str] | None = None) -> list[Column]:
        """Columns whose name holds an idea: 'age' finds 'Age', 'worth' finds 'finalWorth'."""
        found = []
        for column in self.catalogue.of_table(self.table):
            if roles and column.role not in roles:
                continue
            joined = "".join(column.parts)
            if concept in column.concepts or singular(concept) in {singular(p) for p in column.parts} \
                    or (len(concept) >= 4 and concept.replace(" ", "") in joined):
                found.append(column)
        return found

    def default_measure(self) -> Column | None:
        """The figure a table is about when none is named ('top 3 regions'): its revenue, else its quantity."""
        measures = [c for c in self.catalogue.of_table(self.table) if c.role == "measure"]
        for wanted in ("revenue", "quantity"):
            found = [c for c in measures if wanted in c.concepts]
            if len(found) == 1:
                return found[0]
        return None

    def choose(self, options: list[str]) -> int:
        return self.choices.take(options) if len(options) > 1 else 0

    # ---- the end --------------------------------------------------------------------------
    def joins_used(self) -> list[Join]:
        plan = self.plan
        used = {f.column for f in plan.filters} | {m.column for m in plan.measures} | set(plan.group_by)
        used |= {f.column for m in plan.measures for f in m.where} | {plan.column} | set(plan.context)
        used |= {k.column for k in plan.order}
        return [Join(table=t, on=on) for t, on in self.joins.items()
                if any(self.column_named(n) is not None and self.column_named(n).table == t for n in used if n)]

    def finish(self) -> QueryPlan:
        self.plan.joins = self.joins_used()
        self.plan.reading, self.plan.notes = self._placed(self.chips), self.notes
        self.plan.shown_as = {c.name: c.shown_as for c in self.catalogue.of_table(self.table) if c.shown_as}
        if self.in_years is not None and any(self.in_years in (m.column, m.label) for m in self.plan.measures):
            self.plan.shown_as[self.in_years] = "years"
        return self.plan

    def _placed(self, chips: list[Chip]) -> list[Chip]:
        """Options name a condition by the object until the plan's lists are final ('filters.#id' -> 'filters.2');
        an option whose condition did not make it into the plan is dropped."""
        places = {f"filters.#{id(f)}": f"filters.{i}" for i, f in enumerate(self.plan.filters)}
        places |= {f"date_ranges.#{id(d)}": f"date_ranges.{i}" for i, d in enumerate(self.plan.date_ranges)}
        placed = []
        for chip in chips:
            options = []
            for option in chip.options:
                head = ".".join(option.path.split(".")[:2])
                if "#" in head:
                    if head not in places:
                        continue
                    option = option.model_copy(update={"path": option.path.replace(head, places[head], 1)})
                options.append(option)
            placed.append(chip.model_copy(update={"options": options}))
        return placed

    def hint(self, unknown: list[str] | None = None) -> str:
        columns = [c.name for c in self.catalogue.of_table(self.table)]
        near = [m for w in unknown or [] for m in difflib.get_close_matches(w, columns, n=2, cutoff=0.6)]
        shown = ", ".join(dict.fromkeys(near + columns[:12]))
        return f"Columns in '{self.table}': {shown}{', ...' if len(columns) > 12 else ''}."


def replace_column(column: Column, name: str) -> Column:
    return dataclasses.replace(column, name=name)
