"""Conditions on values named: 'in West', "the 'Technology' category", 'Online or Partner', 'not cancelled', 'wins'."""

from __future__ import annotations

import re

import polars as pl

from etl_core.chat.catalogue import Column, inside_others
from etl_core.chat.plan import ChipOption, Filter
from etl_core.chat.reading.pending import Condition, negated
from etl_core.chat.reading.state import Reader
from etl_core.chat.tokens import Token
from etl_core.chat.vocabulary import WHO_PARTS

OUTCOME_WORDS = {"win": "W", "wins": "W", "won": "W", "winning": "W", "victory": "W", "victories": "W",
                 "lose": "L", "loses": "L", "lost": "L", "losing": "L", "loss": "L", "losses": "L", "defeat": "L",
                 "defeats": "L", "draw": "D", "draws": "D", "drew": "D", "drawn": "D"}
OUTCOME_VALUES = {"W": {"w", "won", "win", "winner", "victory"}, "L": {"l", "lost", "loss", "defeat"},
                  "D": {"d", "draw", "drawn", "drew", "tie", "tied"}}
_OUTCOME_CELL = re.compile(r"^[WLDT](\b|\s|$)")


def _values(r: Reader, skip: set[int]) -> list[Condition]:
    """'in West', "the 'Technology' category", 'Online or Partner', 'not cancelled', 'non-self-made'."""
    conditions: list[Condition] = []
    for index, token in enumerate(r.tokens):
        if index in skip or token.used or not r.values_of(token):
            continue
        if _weak_value(r, token):
            continue
        column = _value_column(r, token)
        values = sorted({s.value for s in r.values_of(token) if s.column is column}, key=str)
        if not values:
            continue
        name = r.name(column)
        negation = negated(r, token, column)
        joined = conditions[-1] if conditions and conditions[-1].kind == "value" and conditions[-1].column is column \
            and _joined_by_or(r, conditions[-1].tokens[-1], token) else None
        if joined is not None and not negation:  # 'Online or Partner'; 'excluding West and East'
            listed = joined.filter.value if isinstance(joined.filter.value, list) else [joined.filter.value]
            op = "not_in" if joined.filter.op in ("!=", "not_in") else "in"
            joined.filter = Filter(column=name, op=op, value=[*listed, *values])
            joined.tokens += [t for t in r.tokens[r.index(joined.tokens[-1]) + 1: r.index(token)]] + [token]
            continue
        op = ("!=" if len(values) == 1 else "not_in") if negation else ("==" if len(values) == 1 else "in")
        options = [ChipOption(label=f"{c.name} (another column with '{token.text}')", path="filters.{i}.column",
                               value=r.name(c)) for c in {s.column for s in r.values_of(token)} if c is not column]
        if len(values) == 1 and not negation and inside_others(r.catalogue, column, values[0]):
            # 'Mark Skaife' is also in 'Mark Skaife / Tony Longhurst': naming him means every row he is in; the
            # chip offers the cell alone
            op = "contains"
            options.append(ChipOption(label=f"{column.name} is exactly {values[0]}", path="filters.{i}.op", value="=="))
        elif len(values) == 1 and negation and inside_others(r.catalogue, column, values[0]):
            # 'not produced by Max Ellery' leaves out 'Max Ellery, Jun Park' too: every cell he is in
            op, values = "not_in", sorted({values[0], *inside_others(r.catalogue, column, values[0])}, key=str)
        conditions.append(Condition("value", [t for t in (negation, token) if t], Filter(
            column=name, op=op, value=values[0] if len(values) == 1 else values), column, options=options))
    return conditions


def _places(r: Reader, skip: set[int]) -> list[Condition]:
    """'came in 3rd', 'finish ninth', 'placed 1st': a place the rows hold as a value ('9th'), not the nth row listed."""
    conditions: list[Condition] = []
    for index, token in enumerate(r.tokens):
        if index in skip or token.used or not _finished(r, token):
            continue
        n = token.first("ordinal").value if token.is_("ordinal") else None
        if n is None and re.fullmatch(r"\d+(st|nd|rd|th)", token.text):
            n = int(token.text[:-2])
        if n is None:
            continue
        cells = [(c, cell) for c, cell in r.catalogue.values.get(_ordinal_cell(n), []) if c.table == r.table]
        if len({c for c, _ in cells}) != 1:
            continue
        column, cell = cells[0]
        conditions.append(Condition("value", [token], Filter(column=r.name(column), op="==", value=cell), column))
    return conditions


def _ordinal_cell(n: int) -> str:
    """9 -> '9th', 22 -> '22nd': a place as tables write it."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _insides(r: Reader, skip: set[int]) -> list[Condition]:
    """A name that stands inside cells of one column and means nothing else ('edmonton eskimos' in 'vs. Edmonton
    Eskimos' and 'at Edmonton Eskimos', 'ronnie bucknum' in 'Ronnie Bucknum / Bob Bondurant'): the rows of every
    cell of that column holding it, each listed in the filter. A single word read as a noun ('the first song',
    'how many states', 'the tallest pylon') names no cell: it is the thing asked about, not a name."""
    conditions: list[Condition] = []
    for index, token in enumerate(r.tokens):
        if index in skip or token.used or token.senses or _common_noun(r, index):
            continue
        columns = {s.column for s in r.inside_of(token)}
        if len(columns) != 1:
            continue
        column = columns.pop()
        cells = inside_others(r.catalogue, column, token.text)
        if not cells or len(cells) > max(1, column.distinct // 4):
            continue
        previous = r.at(index - 1)
        if previous is not None and not previous.used and previous.text.isalpha():
            # 'played at calgary' beside 'at Calgary Stampeders' and 'vs. Calgary Stampeders': the away game
            closer = inside_others(r.catalogue, column, f"{previous.text} {token.text}")
            if closer and len(closer) < len(cells):
                cells = closer
                r.absorb(previous, meaning=f"part of the cells holding '{token.text}'")
        negation = negated(r, token)
        op = ("!=" if len(cells) == 1 else "not_in") if negation else ("==" if len(cells) == 1 else "in")
        conditions.append(Condition("value", [t for t in (negation, token) if t], Filter(
            column=r.name(column), op=op, value=cells[0] if len(cells) == 1 else sorted(cells)), column))
    return conditions


_NOUN_BEFORE = {"the", "a", "an", "this", "that", "these", "those", "which", "what", "many", "each", "every", "any",
                "their", "his", "her", "its", "our", "other"}


def _common_noun(r: Reader, index: int) -> bool:
    token, previous = r.tokens[index], r.at(index - 1)
    if len(token.text.split()) > 1 or previous is None:
        return False
    words = previous.text.split()
    if words[-1] == "of":  # 'the number of songs'; 'the population of ohio' is a name
        before = words[:-1] or ([r.at(index - 2).text] if r.at(index - 2) is not None else [])
        return bool(before) and before[-1] in ("number", "amount", "total", "count", "most", "all", "any")
    return words[-1] in _NOUN_BEFORE or previous.is_("super", "ordinal", "number", "rank_adj", "last")


def _outcomes(r: Reader, skip: set[int]) -> list[Condition]:
    """'how many games did they win', 'how many wins', 'what number of games were lost': a column of results ('W 31-9',
    'L 23-20'; 'Won', 'Lost') names the outcome the word means."""
    found = []
    for index, token in enumerate(r.tokens):
        side = OUTCOME_WORDS.get(token.text)
        if side is None or index in skip or token.used or token.is_("value", "column") or drew_something(r, index):
            continue
        places = outcome_columns(r, side)
        if not places:
            winners = (_winners_named(r) or _wins_listed(r)) if side == "W" else None
            if winners is not None:  # 'how many races did troy bayliss win': he is in the Winning Rider column
                r.use(token, f"won: named in {winners.name}", "word")
            continue
        column, filter_ = places[r.choose([f"'{token.text}' as {f.words()}" for _, f in places])] if len(places) > 1 \
            else places[0]
        found.append(Condition("value", [token], filter_, column))
    return found


def drew_something(r: Reader, index: int) -> bool:
    """'drew the biggest crowd', 'drew 60,000', 'drew a record attendance': drawing something in, not a draw."""
    after = r.at(index + 1)
    return r.tokens[index].text in ("drew", "draw", "draws", "drawn") and after is not None and (
        after.text in ("a", "an", "the") or after.is_("column", "number", "super"))


WINNER_PARTS = {"winner", "winners", "winning", "champion", "champions", "victor", "victors"}


def winners_column(column: Column) -> bool:
    """'Winner', 'Winning Rider', 'Champion': a column of names that won."""
    return column.dtype == pl.String and bool(set(column.parts) & WINNER_PARTS)


def _winners_named(r: Reader) -> Column | None:
    """The column of winners a value of the question was found in, when the table has no column of results."""
    for token in r.tokens:
        columns = {s.column for s in r.values_of(token) + r.inside_of(token) if s.column.table == r.table}
        named = [c for c in columns if winners_column(c)]
        if len(named) == 1 and str(token.used).startswith("condition: ") and named[0].name in str(token.used):
            return named[0]
    return None


RESULT_PARTS = {"result", "results", "score", "scores", "position", "pos", "place", "placing", "rank", "finish",
                "finished", "outcome", "record", "decision", "w", "l", "won", "lost", "loser", "runner"}


def _wins_listed(r: Reader) -> Column | None:
    """A team's victories listed one a row (Date, Race, Rider): no column says how a row ended, so each row is a win;
    'how many wins did tom boonen have' counts his rows. Only where a person is named in a column of people."""
    if any(set(c.parts) & RESULT_PARTS for c in r.catalogue.of_table(r.table)):
        return None
    for token in r.tokens:
        columns = {s.column for s in r.values_of(token) if s.column.table == r.table}
        people = [c for c in columns if set(c.parts) & WHO_PARTS]
        if len(people) == 1 and str(token.used).startswith("condition: ") and people[0].name in str(token.used):
            return people[0]
    return None


def outcome_columns(r: Reader, side: str) -> list[tuple[Column, Filter]]:
    found = []
    for column in r.of_role("category", "text", "boolean"):
        texts = [str(t) for t in r.catalogue.texts.get((column.table, column.name), [])]
        if not texts or len(texts) > 200:
            continue
        exact = [t for t in texts if t.strip().lower() in OUTCOME_VALUES[side]]
        if exact and len(texts) <= 6:  # 'Won' / 'Nominated', 'Win' / 'Loss' / 'Draw
            value = exact[0] if len(exact) == 1 else exact
            found.append((column, Filter(column=r.name(column), op="==" if len(exact) == 1 else "in", value=value)))
        elif sum(bool(_OUTCOME_CELL.match(t)) for t in texts) >= 0.9 * len(texts) and len(texts) > 2:
            found.append((column, Filter(column=r.name(column), op="starts_with", value=side)))
    return found


def _weak_value(r: Reader, token: Token) -> bool:
    """A value that is also a word of the question's grammar ('total', 'most', 'first') or a column's own name
    is read as the word; quoted, it is the value."""
    if token.is_("quoted"):
        return False
    if token.is_("agg", "super", "question", "yesno", "row", "rank_adj", "ordinal", "last", "neighbour", "comparator",
                 "list", "describe", "share", "change", "part", "bucket", "function", "negation", "month",
                 "weekday") and len(token.text.split()) == 1:
        return True
    if any(s.strength >= 3 for s in token.of("column")) and len(token.text.split()) == 1:
        return True  # 'gold' in a table with a Gold column: the column; 'open' near 'opened_at' is still a value
    return token.is_("number") and not token.is_("year") and not _named_next_to(r, token)


FINISHING = {"finish", "finished", "finishes", "came", "come", "comes", "placed", "place", "places", "ended", "end",
             "ends", "ranked", "rank", "ranks"}


def _finished(r: Reader, token: Token) -> bool:
    """'came in 3rd', 'finish ninth', 'placed 2nd': a place the rows hold as a value, not the nth row listed."""
    before = r.at(r.index(token) - 1)
    if before is not None and before.text in ("in", "at"):
        before = r.at(r.index(before) - 1)
    return before is not None and before.text in FINISHING


def _named_next_to(r: Reader, token: Token) -> bool:
    places = {s.column for s in r.values_of(token)}
    return any(c in places for t in (r.before(token), r.after(token)) if t is not None for c in r.columns_of(t))


def _value_column(r: Reader, token: Token) -> Column:
    places = list(dict.fromkeys(s.column for s in r.values_of(token)))
    if len(places) == 1:
        return places[0]
    for neighbour in (r.after(token), r.before(token)):  # "the 'Technology' category", 'nationality Japan'
        if neighbour is None:
            continue
        named = [c for c in r.columns_of(neighbour) if c in places]
        if named:
            r.use(neighbour, f"the column {named[0].name}", "column")
            return named[0]
    own = [c for c in places if c.table == r.table] or places
    winners = [c for c in own if winners_column(c)]
    if len(winners) == 1 and any(OUTCOME_WORDS.get(t.text) == "W" and not t.used for t in r.tokens) and \
            not outcome_columns(r, "W"):
        return winners[0]  # 'how many races did troy bayliss win': the Winning Rider, not the Pole Position
    ranked = sorted(own, key=lambda c: (c.role not in ("category", "boolean"), c.distinct))
    return ranked[r.choose([f"'{token.text}' in {c.name}" for c in ranked])]


def _joined_by_or(r: Reader, first: Token, second: Token) -> bool:
    between = r.tokens[r.index(first) + 1: r.index(second)]
    return not between or any(t.text in ("or", "and", "nor") for t in between) and all(
        t.text in ("or", "and", "nor", "either", "the", "a", "an", "both") for t in between)
