"""What the tables hold, in words: column roles, name parts, synonyms, and an index of their values.

Built once per set of table versions (conversations keep it); the lexer reads questions against it.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass, field

import polars as pl

from etl_core.chat.day_text import Day, read_days
from etl_core.chat.vocabulary import FUNCTION_WORDS, WHO_PARTS
from etl_core.chat.wording import concept, key, name_words, singular, stem
from etl_core.inference import is_span_length
from etl_core.quantities import DIMENSIONS, FORMS, header_unit

MAX_INDEXED_DISTINCT = 5_000
# words in a column's name that do not name it: 'What is your age?', 'Number of votes', '% of seats'
NAME_FILLER = (FUNCTION_WORDS | {"what", "your", "you", "how", "do", "did", "does", "have", "has", "is", "are", "s"}) - {
    "total", "name", "count", "type", "value", "amount", "level", "rate", "result", "category", "rank"}
MAX_VALUE_WORDS = 8
NUMBERED = re.compile(r"^([a-z]{3,}) [a-z]?\d+[a-z]?$")  # "tier 2", "line 4", "route 66a"
MAX_HOLDING_WORDS = 5  # cells found by a part of them: names ('Adamson Pep Squad'), places ('Tokyo, Japan')
YEAR_WORDS = {"year", "season", "yr", "years", "seasons"}
ORDINAL_NAMES = {"no", "number", "game", "week", "round", "episode", "ep", "match", "pick", "track", "nr", "num", "index",
                 "row", "column", "stage", "race", "leg", "heat", "event", "season", "series", "issue", "volume"}
RANK_WORDS = {"rank", "pos", "position", "place", "no", "number", "seed", "ranking", "rk"}
MEASURE_WORDS = {"points", "goals", "votes", "total", "score", "wins", "losses", "amount", "count", "population",
                 "attendance", "price", "revenue", "sales", "quantity", "seats", "laps", "games", "matches"}
ID_ENDINGS = ("id", "key", "code", "no", "number", "nr", "num")
FLAG_TEXT = {"yes", "no", "true", "false", "y", "n"}


@dataclass(eq=False)
class Column:
    table: str
    name: str
    dtype: pl.DataType
    parts: list[str]
    distinct: int
    role: str  # measure, date, year, category, id, text, boolean
    nulls: int = 0
    low: object = None  # the smallest and largest value, for numbers and dates
    high: object = None
    named_by: str | None = None  # the word nearly every value starts with before its number ('Tier 2', 'Line 4')
    empty_on_top: bool = False  # the first row's cell is empty: in a ranking, places shown as medals
    shown_as: str | None = None  # how the table writes it: durations read as seconds ('m:ss', 'h:mm:ss')
    unit: str | None = None  # the unit its cells gave ('3,465 ft': 'ft'), as quantities.UNITS names it
    twin_of: str | None = None  # the column of the same figure in another unit ('Height (ft)' beside 'Height')

    @property
    def concepts(self) -> set[str]:
        timed = self.duration or is_span_length(self.name) or self.numeric and "time" in self.core  # 'Time' 31.44
        return {concept(p) for p in self.core} | ({"duration", "length"} if timed else set())  # 'how long'


    @property
    def duration(self) -> bool:
        """Durations written as text ('4:47'), read as seconds."""
        return self.shown_as is not None

    @property
    def measured_in(self) -> str | None:
        """The unit its cells or its name give: '3,465 ft', 'Elevation (m)'."""
        return self.unit or header_unit(self.name)

    @property
    def core(self) -> list[str]:
        """The name's words that carry meaning: 'What is your age?' is 'age', 'Number of votes' is 'votes'."""
        return core_words(self.parts) or self.parts

    @property
    def numeric(self) -> bool:
        return self.dtype.is_numeric()

    def __repr__(self) -> str:
        return f"Column({self.table}.{self.name}:{self.role})"


@dataclass
class Catalogue:
    columns: list[Column] = field(default_factory=list)
    values: dict[str, list[tuple[Column, object]]] = field(default_factory=dict)  # key(value) -> places
    latest: dict[str, object] = field(default_factory=dict)  # 'table.column' -> latest date
    rows: dict[str, int] = field(default_factory=dict)
    labels: dict[str, str | None] = field(default_factory=dict)  # table -> the column that names its rows
    texts: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (table, column) -> its distinct texts
    days: dict[tuple[str, str], dict[object, Day]] = field(default_factory=dict)  # a column of days written as text
    longest_value: int = 1  # words in the longest indexed value
    # a word -> the cells of several words that hold it ('adamson' -> Adamson Pep Squad; 'japan' -> Tokyo, Japan)
    inside: dict[str, list[tuple[Column, object]]] = field(default_factory=dict)

    def holding(self, phrase: str, tables: list[str]) -> list[tuple[Column, object]]:
        """Cells that hold the phrase as whole words among others, in the given tables."""
        words = phrase.split()
        if not words:
            return []
        wanted = f" {phrase} "
        return [(c, cell) for c, cell in self.inside.get(words[0], []) if c.table in tables and
                wanted in f" {key(cell)} " and key(cell) != phrase and _named_in(str(cell), words)]

    def of_table(self, table: str) -> list[Column]:
        return [c for c in self.columns if c.table == table and not self.hidden(c)]

    def hidden(self, column: Column) -> bool:
        """A figure in a second unit stays out of sight while the first is in play: 'the tallest' is one column,
        'taller than 500 ft' sets the metres aside and finds the feet (reading.units)."""
        return column.twin_of is not None and any(c.table == column.table and c.name == column.twin_of
                                                  for c in self.columns)

    def column(self, table: str, name: str) -> Column | None:
        return next((c for c in self.columns if c.table == table and c.name == name), None)

    def label(self, table: str) -> Column | None:
        name = self.labels.get(table)
        return self.column(table, name) if name else None

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

    def find(self, phrase: list[str], table: str | None = None, roles: set[str] | None = None) -> list[tuple[Column, int]]:
        """Columns a phrase names, with how well: 3 the name itself, 2 by synonyms, 1 by part of the name or
        by close spelling. The best matches only. A bare 'time' that names one column of durations by part of its
        name ('Ski time') names every column of durations ('Total' too): the words do not say which."""
        found = self._find(phrase, table, roles)
        if phrase == ["time"] and found and all(c.duration and s < 3 for c, s in found):
            others = [c for c in self.columns if c.duration and (table is None or c.table == table) and
                      (roles is None or c.role in roles) and not self.hidden(c) and c not in {f for f, _ in found}]
            found += [(c, found[0][1]) for c in others]
        return found

    def _find(self, phrase: list[str], table: str | None = None, roles: set[str] | None = None) -> list[tuple[Column, int]]:
        candidates = [c for c in self.columns if (table is None or c.table == table) and (roles is None or c.role in roles)
                      and not self.hidden(c) and c.role != "place"]
        if not phrase or not candidates:
            return []
        wanted = [singular(w) for w in phrase]
        content = [singular(w) for w in core_words(phrase)]
        if len(phrase) > 1 and (phrase[0] in NAME_FILLER or phrase[-1] in NAME_FILLER):
            return []  # a name is not 'revenue by' or 'the revenue': words of no meaning at its ends are not in it
        if not content:  # 'what is' names no column, whatever the column's name says; 'Number' names 'Number'
            return [(c, 3) for c in candidates if [singular(p) for p in c.parts] == wanted and len(wanted) == 1
                    and wanted[0] not in ("what", "is", "the", "of", "a", "an", "s", "do", "you", "your")]
        if len(wanted) > 1 and wanted[-1] in SIDES:  # 'goals scored' is Goals For, 'goals conceded' Goals Against
            sided = [c for c in candidates if [singular(p) for p in c.parts] in
                     ([*wanted[:-1], side] for side in SIDES[wanted[-1]])]
            if sided:
                return [(c, 3) for c in sided]
        exact = [c for c in candidates if [singular(p) for p in c.parts] == wanted
                 or (len(wanted) > 1 and "".join(wanted) == "".join(singular(p) for p in c.parts))
                 or [singular(p) for p in c.core] == content]
        siblings = [c for c in candidates if c not in exact and [singular(p) for p in c.parts] in
                    ([*wanted, side] for side in AGAINST)]
        if exact and siblings and all([singular(p) for p in c.parts] != wanted for c in exact):
            return [(c, 2) for c in exact + siblings]  # 'goals' is Goals for or Goals against: neither by name alone
        if exact:
            return [(c, 3) for c in exact]
        unit = FORMS.get(" ".join(phrase))
        measured = [c for c in candidates if unit is not None and c.numeric and c.measured_in == unit]
        if measured:  # 'how many mhz', 'the difference in tonnes': the figures counted in that unit
            return [(c, 2) for c in measured]
        glued = [c for c in candidates if len(c.parts) == 1 and c.parts[0] == "".join(phrase)]  # 'net worth': networth
        if glued:
            return [(c, 3) for c in glued]
        wanted_concepts = {concept(w) for w in phrase}
        by_concept = [c for c in candidates if wanted_concepts <= c.concepts and len(c.parts) <= len(phrase)]
        if by_concept:
            return [(c, 2) for c in sorted(by_concept, key=lambda c: len(c.parts))]
        stems = [stem(w) for w in content]
        by_stem = [c for c in candidates if [stem(p) for p in c.core] == stems]
        if by_stem:
            return [(c, 2) for c in by_stem]
        # 'resolution time' is resolution_hours: a column counted in a unit of time is a duration
        if content and content[-1] in ("time", "duration"):
            timed = [c for c in candidates if c.role == "measure" and c.core and singular(c.core[-1]) in TIME_UNITS
                     and [stem(w) for w in content[:-1]] == [stem(p) for p in c.core[:-1]]]
            if timed:
                return [(c, 2) for c in timed]
        # a synonym of the name's head noun ('earns': Annual Salary), or the verb of a date ('started': Start Date)
        by_head = [c for c in candidates if len(content) == 1 and c.core and (
            concept(content[0]) == concept(c.core[-1]) and concept(content[0]) != singular(content[0])
            or c.role == "date" and len(c.core) == 2 and c.core[-1] in ("date", "time", "day") and
            content[0] != c.core[0] and stem(content[0]) == stem(c.core[0]))]
        if by_head:
            return [(c, 2) for c in by_head]
        headed = [c for c in candidates if len(content) == 1 and c.named_by == content[0]]
        if headed:
            return [(c, 2) for c in headed]
        inside = [c for c in candidates if _contains(c.core, content) and len(content) >= max(1, len(c.core) - 2)]
        if inside:
            return [(c, 1) for c in sorted(inside, key=lambda c: len(c.parts))]
        close = [c for c in candidates if len(c.parts) == len(wanted) and all(
            w == singular(p) or (len(w) >= 5 and difflib.SequenceMatcher(None, w, singular(p)).ratio() >= 0.85)
            for w, p in zip(wanted, c.parts, strict=True))]  # 'reveneu' is revenue; word for word, never across words
        return [(c, 1) for c in close]


AGAINST = ("against", "allowed", "conceded")  # the other side of 'Goals for', 'Points for'
SIDES = {"scored": ("for",), "score": ("for",), "conceded": AGAINST, "allowed": AGAINST, "against": AGAINST,
         "let": AGAINST}  # 'let in 36 goals'
TIME_UNITS = {"hour", "hr", "hrs", "minute", "min", "mins", "second", "sec", "secs", "day", "week", "month"}


def inside_others(catalogue: Catalogue, column: Column, value: object, limit: int = 2_000) -> list[str]:
    """Other cells of the column that hold the value among other words ('Mark Skaife' in 'Mark Skaife / Tony
    Longhurst'): then 'is X' and 'includes X' count different rows."""
    texts = catalogue.texts.get((column.table, column.name), [])
    if len(texts) > limit:
        return []
    wanted = f" {key(value)} "
    return [t for t in texts if t != value and wanted in f" {key(t)} "]


def _named_in(cell: str, words: list[str]) -> bool:
    """The words stand in the cell as a name does, capitalised ('Japan' in 'Tokyo, Japan'), not as a common word
    ('aircraft' in 'Liaison aircraft')."""
    written = {key(w): w for w in re.findall(r"[^\W_]+", cell)}
    return all(w.isdigit() or written.get(w, "a")[:1].isupper() for w in words)


def core_words(parts: list[str]) -> list[str]:
    return [p for p in parts if p not in NAME_FILLER]


def _contains(parts: list[str], phrase: list[str]) -> bool:
    parts, phrase = [singular(p) for p in parts], [singular(w) for w in phrase]
    return any(parts[i:i + len(phrase)] == phrase for i in range(len(parts) - len(phrase) + 1))


def build(tables: dict[str, pl.DataFrame], written: dict[str, dict[str, str]] | None = None,
          units: dict[str, dict[str, str]] | None = None) -> Catalogue:
    """Roles from types and counts; values of the text columns, indexed for lookup. ``written``: how each table wrote
    the columns chat.prepare read as durations (seconds), to write results the same way; ``units``: the units of the
    figures it read from cells ('3,465 ft')."""
    catalogue = Catalogue()
    for table, frame in tables.items():
        catalogue.rows[table] = frame.height
        ordered = [n for n, d in frame.schema.items() if d.is_numeric() or d.is_temporal()]
        stats = frame.select(pl.all().n_unique().name.suffix(":d"), pl.all().null_count().name.suffix(":n"),
                             pl.col(ordered).min().name.suffix(":lo"), pl.col(ordered).max().name.suffix(":hi")) \
            .row(0, named=True) if frame.width else {}
        for name, dtype in frame.schema.items():
            distinct, nulls = stats[f"{name}:d"], stats[f"{name}:n"]
            role = _role(name, dtype, frame, distinct - (nulls > 0), nulls)
            shown_as = (written or {}).get(table, {}).get(name)
            column = Column(table, name, dtype, name_words(name), distinct - (nulls > 0), "measure" if shown_as else role,
                            nulls, stats.get(f"{name}:lo"), stats.get(f"{name}:hi"), shown_as=shown_as,
                            unit=(units or {}).get(table, {}).get(name))
            column.empty_on_top = bool(nulls) and frame.height > nulls and frame[name][0] is None
            catalogue.columns.append(column)
            if role == "date":
                catalogue.latest[f"{table}.{name}"] = column.high
            if dtype == pl.String and column.distinct <= MAX_INDEXED_DISTINCT:
                _index(catalogue, column, frame[name])
        _counts_between_counts(catalogue.of_table(table))
        _twins(catalogue.of_table(table))
        catalogue.labels[table] = _label_column(catalogue.of_table(table), frame.height, frame)
    return catalogue


def _twins(columns: list[Column]) -> None:
    """'Height' in metres and 'Height (ft)', 'Length' and 'Length (mi)': one figure in two units; the first is the
    one a question without a unit means."""
    first: dict[tuple, Column] = {}
    for column in columns:
        if column.numeric and column.measured_in in DIMENSIONS:
            alike = (tuple(column.parts), DIMENSIONS[column.measured_in])
            if alike in first:
                column.twin_of = first[alike].name
            else:
                first[alike] = column


def _counts_between_counts(columns: list[Column]) -> None:
    """Silver 0, 1, 1 between Gold and Bronze counts: a count that happens to be 0 or 1, not a yes/no column."""
    for before, column, after in zip(columns, columns[1:], columns[2:], strict=False):  # each column between two
        if column.role == "boolean" and column.dtype.is_integer() and all(
                c.role == "measure" and c.dtype.is_integer() for c in (before, after)):
            column.role = "measure"


def _index(catalogue: Catalogue, column: Column, series: pl.Series) -> None:
    distinct = series.drop_nulls().unique(maintain_order=True).to_list()  # the same examples and choices every run
    catalogue.texts[(column.table, column.name)] = distinct
    days = read_days(distinct)
    if days:
        catalogue.days[(column.table, column.name)] = days
    keys = [key(v) for v in distinct]  # once per value: the longest part of building the catalogue
    heads = Counter(m.group(1) for m in (NUMBERED.match(k) for k in keys) if m)
    if len(distinct) > 1 and heads and heads.most_common(1)[0][1] >= 0.8 * len(distinct):
        column.named_by = singular(heads.most_common(1)[0][0])  # 'what is the first tier' asks for Level: 'Tier 2'
    for value, found in zip(distinct, keys, strict=True):
        forms = {found}
        note = re.search(r"[\(\[]([^)\]]*)[\)\]]\s*$", str(value))  # 'Colombia (COL)', 'Smith [a]' (no leading
        # \s*: it backtracked over long runs of spaces)
        if note and not re.search(r"\d", note.group(1)):  # 'Toronto (2)': the number is data, not a note
            forms.add(key(str(value)[: note.start()]))
        for form in forms:
            if form and len(form.split()) <= MAX_VALUE_WORDS:
                catalogue.values.setdefault(form, []).append((column, value))
                catalogue.longest_value = max(catalogue.longest_value, len(form.split()))
        if 1 < len(found.split()) <= MAX_HOLDING_WORDS:  # a name of a few words, not a note's sentence
            for word in dict.fromkeys(found.split()):
                catalogue.inside.setdefault(word, []).append((column, value))


def _role(name: str, dtype: pl.DataType, frame: pl.DataFrame, distinct: int, nulls: int) -> str:
    parts = name_words(name)
    rows = frame.height
    if dtype.is_integer() and name.endswith(" (place)") and name[:-8] in frame.columns:
        return "place"  # the numbers of places written '7th' (chat.prepare): read only by 'in the top 3
    if dtype == pl.Boolean:
        return "boolean"
    if dtype.is_temporal():
        return "date"
    if dtype.is_numeric() and rows and _years(frame[name], parts):
        return "year"
    if dtype.is_integer() and distinct == 2 and set(frame[name].drop_nulls().unique().to_list()) == {0, 1} \
            and not (parts and parts[-1] in ID_ENDINGS):
        return "boolean"  # 'Survived' written 0 and 1
    if dtype == pl.String and 1 <= distinct <= 2 and \
            {str(v).strip().lower() for v in frame[name].drop_nulls().unique().to_list()} <= FLAG_TEXT:
        return "boolean"
    if parts and parts[-1] in ("id", "key", "code") and (dtype.is_integer() or dtype == pl.String):
        return "id"
    if parts and parts[-1] in ID_ENDINGS and (dtype.is_integer() or dtype == pl.String) and distinct > 0.5 * rows:
        return "id"  # 'No.', 'Number': a row's number when nearly every row has its own
    if dtype.is_integer() and (not parts or set(parts) & ORDINAL_NAMES) and _row_numbers(frame[name], distinct, rows):
        return "id"  # 'No.', 'Game', 'Week' numbered 1, 2, 3 down the rows: a row's number, never summed
    if dtype.is_integer() and len(parts) == 1 and not set(parts) & (MEASURE_WORDS | RANK_WORDS) and \
            singular(parts[0]) == parts[0] and rows >= 5 and not nulls and frame[name].to_list() == list(range(1, rows + 1)):
        return "id"  # 'Tour' 1, 2, 3 ... in order: the rows' own numbers ('how many tours' counts rows, sums nothing)
    if dtype.is_numeric():
        return "measure"
    if dtype != pl.String:
        return "text"
    if distinct == rows - nulls and rows > 20:
        return "id" if _looks_like_codes(frame[name]) else "text"
    return "category" if distinct <= max(50, rows // 20) else "text"


def _years(series: pl.Series, parts: list[str]) -> bool:
    """Whole numbers that are years: named so ('Year', 'Season') or all between 1800 and 2100 under a name that is
    not a quantity ('Founded', 'Election')."""
    values = series.drop_nulls()
    if values.len() == 0 or (series.dtype.is_float() and not (values % 1 == 0).all()):
        return False
    low, high = values.min(), values.max()
    if set(parts) & YEAR_WORDS:
        return low >= 1000 and high <= 2200
    return low >= 1800 and high <= 2100 and not set(parts) & MEASURE_WORDS


def _row_numbers(series: pl.Series, distinct: int, rows: int) -> bool:
    values = series.drop_nulls()
    return rows > 2 and distinct == rows and values.min() in (0, 1) and values.max() - values.min() + 1 == rows


def _looks_like_codes(series: pl.Series) -> bool:
    """'C-0042', 'ORD123': no spaces, digits inside."""
    sample = [str(v) for v in series.drop_nulls().head(50).to_list()]
    return bool(sample) and all(" " not in v and any(ch.isdigit() for ch in v) for v in sample)


def _label_column(columns: list[Column], rows: int, frame: pl.DataFrame) -> str | None:
    """The column that names a row ('Team', 'Name', 'personName'): mostly unique text, a name-like name first;
    never a rank or a row number. A unique year or date first in the table names its rows too ('Year', 'Season')."""
    def unique(c: Column, share: float = 0.8) -> bool:
        return c.distinct >= share * max(rows - c.nulls, 1)

    candidates = [c for c in columns if c.dtype == pl.String and c.role in ("category", "text", "id")
                  and not set(c.parts) & RANK_WORDS and not _numeric_text(frame[c.name])]
    text = [c for c in candidates if unique(c)]
    # a name names a row even when two people share it ('Olivia Smith'); answers group by the key as well
    named = [c for c in candidates if set(c.parts) & (WHO_PARTS | {"name", "title"}) and unique(c, 0.5)]
    if named:
        return named[0].name
    first = columns[0] if columns else None
    if first is not None and first.role in ("year", "date") and unique(first):
        return first.name
    return text[0].name if text else None


def _numeric_text(series: pl.Series) -> bool:
    """'1', '2', '3 (tie)': numbers written as text name no row."""
    found = series.drop_nulls().head(200).str.contains(r"^\W*\d")
    return bool(found.len()) and found.mean() > 0.5
