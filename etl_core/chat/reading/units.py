"""Units a question names: 'taller than 200 ft', 'the average length in m', 'how many kW more'. A figure kept in
another unit of the same kind (metres for feet) is never the one meant: it is set aside for the question, and a
question in a unit no column is kept in is declined rather than converted silently. Also: which column a unit after a
number means ('over 4000 m' of several in metres: the height for 'tall'), and durations compared in seconds ('4
minutes' is 240)."""

from __future__ import annotations

import re
from dataclasses import replace

from etl_core.chat.catalogue import Catalogue
from etl_core.chat.reading.state import Reader, Unanswerable
from etl_core.chat.tokens import Token, split_words
from etl_core.chat.vocabulary import COMPARATORS, NUMBER_WORDS, UNIT_PHRASES
from etl_core.chat.wording import singular
from etl_core.quantities import DIMENSIONS, FORMS, NAMES, canonical_unit

AFTER_NUMBER_ONLY = {"m", "t", "g", "l", "h", "s", "min", "second", "seconds", "kn", "ha", "mi"}  # 'the second'
BEFORE = {"in", "of", "many", "much", "more", "fewer", "less", "than"}
AFTER = {"long", "tall", "high", "deep", "wide", "of", "or", "and", "more", "less", "longer", "taller", "higher"}


def said_units(question: str) -> set[str]:
    """The units the question names where a unit stands: after a number ('200 ft'), after 'in' or 'how many'
    ('in feet', 'how many kW'), before 'long' or 'of' ('5 miles long', 'the amount of mhz')."""
    words = split_words(question)
    found = set()
    for index in range(len(words)):
        for size in (2, 1):
            phrase = " ".join(words[index:index + size])
            unit = FORMS.get(phrase) if size == 1 or phrase in UNIT_PHRASES else None
            if unit is None:
                continue
            before = words[index - 1] if index else ""
            after = words[index + size] if index + size < len(words) else ""
            number = bool(re.fullmatch(r"\d[\d.,]*", before)) or before in NUMBER_WORDS
            if number or size == 2 or phrase == "m" and before == "in" or phrase not in AFTER_NUMBER_ONLY and (
                    before in BEFORE or before in COMPARATORS or after in AFTER):  # 'the average height in m'
                found.add(unit)
                break
    return found


def in_said_units(question: str, catalogue: Catalogue, tables: list[str]) -> Catalogue:
    """The catalogue without the figures kept in another unit of a kind the question names; a unit no column of
    its kind is kept in is declined, saying which unit the table has."""
    units = said_units(question)
    if not units:
        return catalogue
    kinds = {DIMENSIONS.get(u) for u in units} - {None}
    measured = [c for c in catalogue.columns if c.table in tables and c.numeric and DIMENSIONS.get(c.measured_in) in kinds]
    for unit in units:
        alike = [c for c in measured if DIMENSIONS.get(c.measured_in) == DIMENSIONS.get(unit)]
        if alike and not any(c.measured_in == unit for c in alike):
            other = alike[0]
            raise Unanswerable(f"The question gives {unit_name(unit)}, but '{other.name}' is in "
                               f"{unit_name(other.measured_in)}; I do not convert units.",
                               hint=f"Ask in {unit_name(other.measured_in)}, as the table has it.")
    aside = [c for c in measured if c.measured_in not in units]
    _named_aside(question, aside, [c for c in measured if c not in aside], units)
    return replace(catalogue, columns=[c for c in catalogue.columns if c not in aside]) if aside else catalogue


def _named_aside(question: str, aside: list, kept: list, units: set[str]) -> None:
    """'the average height in m' where Height is in feet and only Length is in metres: the figure the words name is
    in another unit; it is declined, never answered with another column."""
    words = {singular(w) for w in split_words(question)}
    ideas = {IDEAS[w] for w in words if w in IDEAS} | {IDEAS[w[:-2]] for w in words if w[:-2] in IDEAS} | \
        {"height" for w in words if w in ("taller", "tallest", "higher", "highest")} | \
        {"length" for w in words if w in ("longer", "longest")} | {"depth" for w in words if w in ("deeper", "deepest")}
    for column in aside:
        named = words & {singular(p) for p in column.core} or ideas & column.concepts
        if named and not any(set(column.core) & set(c.core) or ideas & c.concepts for c in kept):
            unit = next(iter(units))
            raise Unanswerable(f"The question gives {unit_name(unit)}, but '{column.name}' is in "
                               f"{unit_name(column.measured_in)}; I do not convert units.",
                               hint=f"Ask in {unit_name(column.measured_in)}, as the table has it.")


def unit_name(unit: str | None) -> str:
    return NAMES.get(unit or "", str(unit))


def qualifying_units(r: Reader) -> None:
    """'the average length in m', 'how tall in feet': the unit after 'in' says which figure the other words name,
    and names no second figure of its own; 'how many miles of trails': the unit is the figure, 'of trails' says
    which."""
    _how_big(r)
    for index, token in enumerate(r.tokens):
        before, after = r.at(index - 1), r.at(index + 1)
        if token.used or FORMS.get(token.text) is None or before is None:
            continue
        if before.is_("number"):  # 'stands at least 500 feet tall', 'covers more than 20 square miles'
            r.absorb(*(v for v in r.tokens[:index] if v.text in SIZE_VERBS and not v.used), meaning=f"in {token.text}")
        own = {s.column for s in token.of("column")}
        others = [t for t in r.tokens if t is not token and not t.used and FORMS.get(t.text) is None
                  and any(s.column in own for s in t.of("column"))]
        if not own or not others:
            continue
        named = r.at(index + 2)
        if before.text in ("how many", "how much") and after is not None and after.text == "of" and named in others:
            r.absorb(after)
            r.use(named, f"counted in {token.text}", "word")  # 'how many miles of trails'
        elif before.text == "in":
            r.absorb(before)
            r.use(token, f"the unit of {', '.join(sorted(c.name for c in own))}", "word")


def _how_big(r: Reader) -> None:
    """'how high is Mount Hood in metres': of the figures in metres, the height."""
    for index, token in enumerate(r.tokens[1:], start=1):
        if r.tokens[index - 1].text != "how" or token.used or token.text not in IDEAS:
            continue
        for unit in r.tokens:
            fitting = [s for s in unit.of("column") if IDEAS[token.text] in s.column.concepts]
            if FORMS.get(unit.text) is not None and fitting:
                unit.senses = [s for s in unit.senses if s.kind != "column" or s in fitting]
                r.use(token, f"the {fitting[0].column.name}", "word")
                return


SIZE_VERBS = {"stand", "stands", "stood", "standing", "measure", "measures", "measured", "measuring", "rise", "rises",
              "cover", "covers", "covered", "covering", "span", "spans", "weigh", "weighs", "weighed", "displace",
              "displaces", "displaced", "displacing"}
SIZE_WORDS = {"length": {"tall", "high", "long", "deep", "wide", "height", "length", "elevation", "depth", "altitude"},
              "area": {"size", "area", "large", "big"}, "mass": {"heavy", "weight"}}
IDEAS = {"tall": "height", "high": "height", "height": "height", "elevation": "height", "altitude": "height",
         "long": "length", "length": "length", "deep": "depth", "depth": "depth", "wide": "width"}


def sized(r: Reader, unit: Token, columns: list) -> tuple[list, list[Token]]:
    """'500 feet tall', '3,000 m high', '100 km² in size': the word after a unit says which figure of that unit is
    meant (the height, not the prominence); it is taken with the unit."""
    following = r.at(r.index(unit) + 1)
    taken = []
    named = r.at(r.index(unit) + 2)
    if following is not None and following.text == "of" and named is not None and not named.used and len(columns) > 1:
        chosen = [c for c in columns if c in r.columns_of(named, {"measure"})]  # '30 miles of trails'
        if chosen:
            return chosen, [following, named]
    if following is not None and following.text == "of" and named is not None and not named.used and \
            set(columns) & set(r.columns_of(named, {"measure"})):
        return columns, [following, named]
    if following is not None and following.text == "in" and r.at(r.index(following) + 1) is not None:
        taken, following = [following], r.at(r.index(following) + 1)
    kind = DIMENSIONS.get(FORMS.get(unit.text, ""))
    if following is None or following.used or following.text not in SIZE_WORDS.get(kind, ()):
        return columns, []
    idea = IDEAS.get(following.text)
    fitting = [c for c in columns if idea in c.concepts] if idea else columns
    return (fitting or columns) if len(columns) > 1 else columns, [*taken, following]


TALL = {"tall", "taller", "tallest", "high", "higher", "highest", "height", "elevation", "altitude"}
LONG = {"long", "longer", "longest", "length"}
DEEP = {"deep", "deeper", "deepest", "depth"}


def unit_columns(r: Reader, word: str) -> list:
    """Columns of figures in the unit the word names: 'm' and 'metres' for 'Elevation (m)' and for cells written
    '3,465 m'; of a figure given in two units, the column of the one named."""
    unit = canonical_unit(word)
    if unit is None:
        return []
    return [c for c in r.of_role("measure") if c.measured_in == unit]


TIME_UNITS = {"second": 1, "seconds": 1, "sec": 1, "secs": 1, "minute": 60, "minutes": 60, "min": 60, "mins": 60,
              "hour": 3600, "hours": 3600, "hr": 3600, "hrs": 3600}


def durations_named(r: Reader) -> list:
    """The columns of durations ('Time' written '1:54.35'); of several, those the question names."""
    columns = [c for c in r.of_role("measure") if c.duration]
    said = [c for c in columns if any(c in r.columns_of(t) for t in r.tokens if not t.used)]
    return said or columns


def in_seconds(r: Reader, column, tokens: list[Token], value: float) -> float:
    """A number compared with durations: '4 minutes' is 240 seconds; '2:08' against times of hours is 2 h 8 min."""
    unit = next((TIME_UNITS[t.text] for t in tokens if t.text in TIME_UNITS), None)
    if unit is not None:
        return value * unit
    clock = next((t for t in tokens if t.is_("duration")), None)
    if clock is not None and clock.text.count(":") == 1 and column.shown_as.startswith("h") and \
            isinstance(column.low, int | float) and value < column.low:
        return value * 60
    return value


def measured_in_unit(r: Reader, unit: Token):
    """'4 minutes': the column of durations (in seconds); 'over 4000 m' the column counted in metres; 'more than
    2,000 m of prominence' the one named after 'of'; of several, the height for 'tall' or 'high', the length for
    'long', else a question back."""
    columns = unit_columns(r, unit.text) or (durations_named(r) if unit.text in TIME_UNITS else [])
    of, named = r.at(r.index(unit) + 1), r.at(r.index(unit) + 2)
    if of is not None and of.text == "of" and named is not None and not named.used:
        chosen = [c for c in r.columns_of(named, {"measure"}) if c in columns or not columns]
        if chosen:
            return chosen[0], [of, named]
    if len(columns) > 1:
        said = {w for t in r.tokens for w in t.text.split()}
        for words, idea in ((TALL, "height"), (LONG, "length"), (DEEP, "depth")):
            fitting = [c for c in columns if idea in c.concepts]
            if said & words and len(fitting) == 1:  # '250 m deep': the word says which, and is said
                return fitting[0], [t for t in r.tokens if t.text in words and not t.used and t is not unit]
        columns = [columns[r.choose([f"'{unit.text}' of {c.name}" for c in columns])]]
    return (columns[0], []) if columns else None
