"""A question as typed tokens: each phrase once, with every meaning it can have here.

A token is one or more words with its senses: a column it names, a value found in a column, a
number, a date, or a word of the vocabulary (an aggregate, a comparator, a negation...). The
phrases are chosen so the longest meaningful ones win ('united states', 'number of votes').
Rules in chat/reading take tokens and say what each was used as; what nobody used is what
the answer cannot account for.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from etl_core.chat import vocabulary as v
from etl_core.chat.catalogue import Catalogue, Column
from etl_core.chat.nationalities import country_cells
from etl_core.chat.wording import key, singular

MAX_PHRASE = 8
ONCE = {"once": 1, "twice": 2, "thrice": 3}
GENERIC_TABLES = re.compile(r"^(table|data|dataset|sheet\d*|export|file|untitled|df|query|csv|tbl)\d*$")
_WORD = re.compile(r"\d{4}-\d\d-\d\d|\d+:\d\d(?::\d\d)?(?:\.\d+)?|"
                   r"\d{3}0s\b|\d+(?:st|nd|rd|th)\b|\d+(?:\.\d+)?|[a-z0-9]+(?:'[a-z]+)*|%|'s\b")
_CONTRACTIONS = [(r"\bwhat's\b", "what is"), (r"\bwho's\b", "who is"), (r"\bwhere's\b", "where is"),
                 (r"\bwhen's\b", "when is"), (r"\bthat's\b", "that is"), (r"\bthere's\b", "there is"),
                 (r"\bhow's\b", "how is"), (r"\bcan't\b", "can not"), (r"\bwon't\b", "will not"),
                 (r"\b(\w+)n't\b", r"\1 not"), (r"\b(\w+)'re\b", r"\1 are"), (r"\b(\w+)'ve\b", r"\1 have"),
                 (r"\b(\w+)'ll\b", r"\1 will"), (r"\b(\w+)'d\b", r"\1 would"), (r"\bi'm\b", "i am")]
VOCABULARY_KINDS: list[tuple[str, Any]] = [
    ("agg", v.AGGREGATES), ("super", v.SUPERLATIVES), ("comparative", v.COMPARATIVES), ("rank_adj", v.RANKING_ADJECTIVES),
    ("comparator", v.COMPARATORS), ("trailing", v.TRAILING_COMPARATORS), ("negation", v.NEGATIONS),
    ("bucket", v.BUCKETS), ("part", v.PARTS), ("grouping", v.GROUPING), ("to_date", v.TO_DATE), ("chart", v.CHARTS),
    ("neighbour", v.NEIGHBOURS),
    ("share", v.SHARE_WORDS), ("change", v.CHANGE_WORDS), ("difference", v.DIFFERENCE_WORDS),
    ("question", v.QUESTION_WORDS), ("yesno", v.YES_NO), ("list", v.LIST_WORDS), ("describe", v.DESCRIBE_WORDS),
    ("greeting", v.GREETINGS), ("row", v.ROW_NOUNS), ("earning", v.EARNING_VERBS), ("transaction", v.TRANSACTION_VERBS),
    ("ordinal", v.ORDINALS), ("last", v.LAST_WORDS), ("weekday", v.WEEKDAYS), ("month", v.MONTHS),
    ("scale", v.SCALE_WORDS), ("unit", v.UNIT_PHRASES), ("relation", v.RELATION_VERBS), ("unsupported", v.UNSUPPORTED),
    ("function", v.FUNCTION_WORDS),
]


@dataclass
class Sense:
    kind: str  # column, value, inside (a value holding the words), number, year, date, quoted, table, or a vocabulary kind
    value: Any = None  # the vocabulary's meaning, the number, the value found
    column: Column | None = None
    strength: int = 0  # for columns: 3 the name, 2 a synonym, 1 part of the name or close spelling


@dataclass(eq=False)
class Token:
    start: int
    end: int
    text: str
    senses: list[Sense] = field(default_factory=list)
    used: str | None = None  # what the reading took it as
    inside: list[Sense] = field(default_factory=list)  # cells holding its words as a name: only a pair compared reads them

    def of(self, *kinds: str) -> list[Sense]:
        return [s for s in self.senses if s.kind in kinds]

    def first(self, *kinds: str) -> Sense | None:
        found = self.of(*kinds)
        return found[0] if found else None

    def is_(self, *kinds: str) -> bool:
        return any(s.kind in kinds for s in self.senses)

    def word(self, *texts: str) -> bool:
        return self.text in texts

    @property
    def content(self) -> bool:
        """A word the answer must account for: not one that carries no meaning of its own."""
        return not self.is_("function")

    def __repr__(self) -> str:
        return f"{self.text}<{','.join(s.kind for s in self.senses) or '?'}>"


def split_words(question: str) -> list[str]:
    """Lower-case words, numbers kept whole ('3,200' is 3200), contractions spelled out, "x's" as x + 's."""
    text = unicodedata.normalize("NFKD", question)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[‘’´`]", "'", text).replace("“", '"').replace("”", '"')
    for pattern, replacement in _CONTRACTIONS:
        text = re.sub(pattern, replacement, text)
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text).replace("&", " and ")  # as values are keyed
    text = re.sub(r"\b(than|least|most|only|exactly|just|[a-z]+ed|play|win|visit|appear)\s+(once|twice|thrice)\b",
                  lambda m: f"{m[1]} {ONCE[m[2]]} times", text)  # 'more than once' counts rows as '1 times' does
    text = re.sub(r"(?<=[a-z0-9])'s\b", " s", text)  # "egypt's" -> egypt s: the value, then a word of no meaning
    found = []
    for word in _WORD.findall(text):
        found += word.split("'") if "'" in word and word != "'s" else ["percent" if word == "%" else word]
    return [w for w in found if w]


def quoted(question: str) -> list[str]:
    """Text in quotes: 'Technology', "tomber" (an apostrophe inside a word is not a quote)."""
    found = [m.group(2).strip() for m in re.finditer(r"(?<![a-zA-Z])(['\"“‘])(.+?)['\"”’](?![a-zA-Z])", question)]
    return [text for text in found if split_words(text)]  # '" "' quotes nothing


def lex(question: str, catalogue: Catalogue, tables: list[str]) -> list[Token]:
    """The question's tokens: every span with a meaning, the longest first, the rest word by word."""
    words = split_words(question)
    spans: dict[tuple[int, int], list[Sense]] = {}
    years = _plausible_years(catalogue, tables)
    for i in range(len(words)):
        for j in range(i + 1, min(len(words), i + MAX_PHRASE) + 1):
            senses = _senses(words[i:j], catalogue, tables, years)
            if senses:
                spans[(i, j)] = senses
    chosen = _tile(len(words), spans)
    tokens = []
    for i, j in chosen:
        senses = spans.get((i, j), [])
        inside = [s for s in senses if s.kind == "inside"]
        tokens.append(Token(i, j, " ".join(words[i:j]), [s for s in senses if s.kind != "inside"], inside=inside))
    for text in quoted(question):
        _mark_quoted(tokens, text, catalogue, tables)
    _as_written(tokens, question)
    return tokens


def _plausible_years(catalogue: Catalogue, tables: list[str]) -> range:
    """Numbers that can be years here: near the dates in the tables ('over 1000' is not a year in 2024's orders)."""
    spans = []
    for column in catalogue.columns:
        if column.table in tables and column.role in ("date", "year") and column.low is not None:
            low, high = (int(getattr(v, "year", v)) for v in (column.low, column.high))
            spans.append((low - 30, high + 30))
    if not spans:
        return range(1000, 2200)
    return range(max(1000, min(a for a, _ in spans)), min(2200, max(b for _, b in spans)) + 1)


def _senses(phrase: list[str], catalogue: Catalogue, tables: list[str], years: range = range(1000, 2200)) -> list[Sense]:
    text = " ".join(phrase)
    senses: list[Sense] = []
    if len(phrase) == 1:
        senses += _number_senses(text, years)
    if len(phrase) <= catalogue.longest_value:
        found = catalogue.values.get(key(text), [])
        if not found and singular(phrase[-1]) != phrase[-1] and not phrase[-1].isdigit():
            # 'partners' finds the value Partner, 'white storks' White stork
            found = catalogue.values.get(key(" ".join([*phrase[:-1], singular(phrase[-1])])), [])
        places = [(c, val) for c, val in found if c.table in tables] or country_cells(text, catalogue, tables)
        if places and not (len(phrase) == 1 and text in v.FUNCTION_WORDS and len(text) < 4):
            senses += [Sense("value", val, col) for col, val in places]
    if len(phrase) == 1 and text in _NEVER_COLUMNS:  # a column called 'from' is named only by its own name
        senses += [Sense("column", None, c, 3) for c in catalogue.columns
                   if c.table in tables and c.parts == [text] and c.name.strip().lower() == text]
    elif len(phrase) <= 6:
        for table in tables:
            senses += [Sense("column", None, col, strength) for col, strength in catalogue.find(phrase, table)]
            owner = [singular(w) for w in key(table).split()]
            rest = phrase[len(owner):]
            if len(phrase) > len(owner) and [singular(w) for w in phrase[:len(owner)]] == owner and \
                    not (len(rest) == 1 and (rest[0].endswith("ed") or rest[0] in v.TRANSACTION_VERBS)):
                # ('customers ordered' is the customers and a verb, not their signup date)
                # 'product category', 'customer segment': a column named with its table's name
                senses += [Sense("column", None, col, max(strength, 2))
                           for col, strength in catalogue.find(phrase[len(owner):], table) if strength >= 2]
    for table in tables:
        if [singular(w) for w in phrase] in ([singular(w) for w in key(table).split()], [singular(table.lower())]):
            senses.append(Sense("table", table))
    for kind, table_of_words in VOCABULARY_KINDS:
        if text in table_of_words:
            senses.append(Sense(kind, table_of_words[text] if isinstance(table_of_words, dict) else text))
    return senses or _inside_cells(phrase, catalogue, tables)


def _inside_cells(phrase: list[str], catalogue: Catalogue, tables: list[str]) -> list[Sense]:
    """Words that mean nothing else, standing as a name inside a column's cells: 'adamson' in Adamson Pep Squad,
    'phil hill' in Phil Hill / Mike Spence. Only a comparison of two named rows takes them ('who had more tosses,
    adamson or feu'): as a filter of its own such a word was too often the table's subject ('finland' in a table
    of Finland's parks). A word inside a quarter of a column's values or more ('squad') names none of them."""
    if any(w in v.FUNCTION_WORDS or w.isdigit() for w in (phrase[0], phrase[-1])) or len(phrase) == 1 and len(phrase[0]) < 2:
        return []
    found: dict[Column, list[object]] = {}
    for column, cell in catalogue.holding(key(" ".join(phrase)), tables):
        found.setdefault(column, []).append(cell)
    return [Sense("inside", cell, column) for column, cells in found.items() if len(cells) <= max(1, column.distinct // 4)
            for cell in cells]


def _as_written(tokens: list[Token], question: str) -> None:
    """Values of one column that differ only in signs the lookup ignores ('GT 2.0' and 'GT +2.0'): the one the
    question writes, when it writes exactly one of them."""
    written = " ".join(question.lower().split())
    for token in tokens:
        for column in dict.fromkeys(s.column for s in token.of("value")):
            values = [s for s in token.of("value") if s.column is column]
            exact = [s for s in values if " ".join(str(s.value).lower().split()) in written]
            if len(values) > 1 and len(exact) == 1:
                token.senses = [s for s in token.senses if s.column is not column or s is exact[0]]


_NEVER_COLUMNS = {"the", "a", "an", "of", "in", "for", "to", "by", "and", "or", "is", "are", "was", "were", "what",
                  "which", "who", "how", "many", "much", "did", "do", "does", "has", "have", "had", "with", "on", "at",
                  "than", "that", "this", "there", "it", "be", "from", "as", "not", "no", "s", "'s"}


def _number_senses(text: str, years: range) -> list[Sense]:
    clock = re.fullmatch(r"(\d+):(\d\d)(?::(\d\d))?(\.\d+)?", text)
    if clock:  # '1:55.5', '2:11:34': a duration, in seconds (an 'h:mm' against hours is settled where it is compared)
        parts = [int(p) for p in clock.groups()[:3] if p is not None]
        seconds = sum(p * 60 ** i for i, p in enumerate(reversed(parts))) + float(clock.group(4) or 0)
        return [Sense("number", int(seconds) if seconds.is_integer() else seconds), Sense("duration", text)]
    if re.fullmatch(r"\d{4}-\d\d-\d\d", text):
        try:
            return [Sense("date", dt.date.fromisoformat(text))]
        except ValueError:
            return []
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        number = float(text) if "." in text else int(text)
        senses = [Sense("number", number)]
        if isinstance(number, int) and number in years and len(text) == 4:
            senses.append(Sense("year", number))
        return senses
    decade = re.fullmatch(r"(\d{3}0)s", text)
    if decade and int(decade.group(1)) in years:
        return [Sense("decade", int(decade.group(1)))]
    ordinal = re.fullmatch(r"(\d+)(st|nd|rd|th)", text)
    if ordinal:
        return [Sense("ordinal", int(ordinal.group(1)))]
    if text in v.NUMBER_WORDS:
        return [Sense("number", v.NUMBER_WORDS[text])]
    quarter = re.fullmatch(r"q([1-4])", text)
    if quarter:
        return [Sense("quarter", int(quarter.group(1)))]
    return []


def _tile(length: int, spans: dict[tuple[int, int], list[Sense]]) -> list[tuple[int, int]]:
    """Non-overlapping spans covering the question, preferring long meaningful phrases (a value or a column
    of several words over its single words); words with no meaning stand alone."""
    best: list[tuple[float, list[tuple[int, int]]]] = [(0.0, [])] * (length + 1)
    for end in range(1, length + 1):
        options = [(best[end - 1][0] + (_weight(spans.get((end - 1, end), [])) if (end - 1, end) in spans else 0.0),
                    [*best[end - 1][1], (end - 1, end)])]
        for start in range(max(0, end - MAX_PHRASE), end - 1):
            if (start, end) in spans:
                size = end - start
                score = best[start][0] + _weight(spans[(start, end)]) * size * size
                options.append((score, [*best[start][1], (start, end)]))
        best[end] = max(options, key=lambda o: o[0])
    return best[length][1]


def _weight(senses: list[Sense]) -> float:
    kinds = {s.kind for s in senses}
    if kinds <= {"function"}:
        return 0.5
    if kinds & {"value", "column", "table", "inside"}:
        strongest = max((s.strength for s in senses if s.kind == "column"), default=3)
        return 1.0 + 0.2 * strongest
    return 1.0


def _mark_quoted(tokens: list[Token], text: str, catalogue: Catalogue, tables: list[str]) -> None:
    """A quoted phrase is a value: exactly as written when it is one, else as text a column contains."""
    inside = split_words(text)
    for index, token in enumerate(tokens):
        run = []
        for other in tokens[index:]:
            run += other.text.split()
            if len(run) >= len(inside):
                break
        if run[: len(inside)] != inside:
            continue
        last = index + next(n for n in range(len(tokens) - index)
                            if len(" ".join(t.text for t in tokens[index:index + n + 1]).split()) >= len(inside))
        merged = Token(token.start, tokens[last].end, " ".join(inside), [Sense("quoted", text)])
        exact = [(c, val) for c, val in catalogue.values.get(key(text), []) if c.table in tables]
        merged.senses += [Sense("value", val, col) for col, val in exact]
        tokens[index:last + 1] = [merged]
        return


def generic_table(name: str) -> bool:
    """A table named like 'table' or 'Sheet1' says nothing of what its rows are."""
    return bool(GENERIC_TABLES.match(key(name).replace(" ", "")))
