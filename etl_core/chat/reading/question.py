"""What every shape rule needs to know about a question: its question word, conditions, periods, groups, ranking."""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from etl_core.chat.catalogue import Column
from etl_core.chat.plan import DateRange, Filter
from etl_core.chat.reading.pending import Condition
from etl_core.chat.reading.state import Reader
from etl_core.chat.tokens import Token
from etl_core.chat.vocabulary import WHEN_PARTS, WHERE_PARTS, WHO_PARTS
from etl_core.chat.wording import singular

STARTERS = {"how many": "how many", "how much": "how much", "number of": "how many", "count of": "how many",
            "the number of": "how many", "what": "what", "which": "which", "who": "who", "whom": "who",
            "whose": "who", "when": "when", "where": "where", "how long": "how long", "what are": "what",
            "which are": "which"}
EXCLUSIONS = {"other than", "besides", "except", "aside from", "apart from", "excluding", "except for"}
POLITE = {"could", "can", "would", "will", "please", "you", "i", "me", "us", "kindly"}


@dataclass
class Question:
    kind: str  # how many, how much, what, which, who, when, where, how long, yesno, list, none
    word: Token | None
    conditions: list[Condition] = field(default_factory=list)
    ranges: list[DateRange] = field(default_factory=list)
    filters: list[Filter] = field(default_factory=list)  # on years and calendar parts, already final
    groups: list[str] = field(default_factory=list)
    top: tuple[int | None, bool | None, Token] | None = None  # 'top 5': how many, highest first, the token
    plural: bool = False  # 'which teams', 'what are the': more than one thing asked for


def question_kind(r: Reader) -> tuple[str, Token | None]:
    """The kind of question, from its first words: 'how many ...', 'which ...', 'is there ...', 'list ...'."""
    _how_long(r)
    excluded = _leading_exclusion(r)
    if excluded is not None:
        return excluded
    polite = [t for t in r.tokens[:3] if t.text in POLITE]
    if polite and any(t.is_("list") for t in r.tokens[len(polite):len(polite) + 2]):  # 'could you list ...'
        r.absorb(*polite)
        word = next(t for t in r.tokens if t.is_("list"))
        return "list", word
    for token in r.tokens[:4]:
        if token.text in STARTERS:
            return STARTERS[token.text], token
        if token.text.split()[0] in ("is", "are", "was", "were", "do", "does", "did", "has", "have", "had", "can",
                                     "could", "any") and token is r.tokens[0]:
            return "yesno", token
        if token.is_("list") and token is r.tokens[0]:
            return "list", token
        if token.is_("agg") and token.first("agg").value == "count" and token.text != "count":
            return "how many", token
        if not token.is_("function", "negation") and token.text not in ("in", "on", "at", "for", "of", "out", "from"):
            break
    if any(t.text in ("true or false", "true", "false", "yes or no") for t in r.tokens[-3:]):
        return "yesno", None
    return _asked_in_place(r)


AUXILIARIES = {"is", "are", "was", "were", "do", "does", "did", "has", "have", "had", "would", "will", "can", "could"}
IN_PLACE = {"which", "what", "who", "whom", "how many", "when", "where"}


def _asked_in_place(r: Reader) -> tuple[str, Token | None]:
    """'li haiqiang and xu deshuai both played which position?', 'gerald geis represents how many counties?': a
    statement that names rows, with the question word in the place of what it asks; the words before it say which."""
    if r.tokens and r.tokens[0].text == "if":
        return "none", None  # 'if a person was headquartered in almora what would be ...': a supposition
    for index, token in enumerate(r.tokens[2:], start=2):
        if token.text in IN_PLACE and token.is_("question", "agg", "function"):
            if _among(r.tokens[:index]):
                return STARTERS[token.text], token  # 'of the buildings, which is only 48 m tall?'
            if any(t.text.split()[0] in AUXILIARIES for t in r.tokens[index + 1:]):
                break  # 'the city in which worldcon was held': a clause of its own, not the question
            return STARTERS[token.text], token
    return "none", None


def _among(leading: list[Token]) -> bool:
    """'of the buildings', 'among these teams', 'out of all the players': the rows the question is about, said first."""
    return len(leading) >= 2 and leading[0].text in ("of", "among", "out of", "from") and all(
        t.is_("function") or t.text in ("all", "these", "those") for t in leading[1:-1]) and (leading[-1].is_("row", "table")
                                                                                   or _unknown_plural(leading[-1]))


def _unknown_plural(token: Token) -> bool:
    return not token.senses and singular(token.text) != token.text


def _how_long(r: Reader) -> None:
    """'how long were they on Parlophone': the question's words, never part of the title 'The Long Quiet'."""
    for token in r.tokens[:4]:
        after = r.at(r.index(token) + 1)
        if token.text == "how" and after is not None and after.text == "long":
            after.senses = [s for s in after.senses if s.kind != "value"]
            after.inside = []


def _leading_exclusion(r: Reader) -> tuple[str, Token] | None:
    """'other than Fairfield, what else was built in 1847', 'besides 1997, which year ...': the question starts after
    the row it sets aside (the negation keeps it out); its 'other', 'else' and 'also' say the same again."""
    if not r.tokens or r.tokens[0].text not in EXCLUSIONS:
        return None
    for token in r.tokens[1:10]:
        if token.text in STARTERS or token.is_("list"):
            kind = STARTERS.get(token.text, "list")
            r.absorb(*(t for t in r.tokens[r.index(token):] if t.text in ("other", "else", "also", "another")),
                     meaning="besides the one set aside")
            return kind, token
    return None


PLAYING = {"play", "played", "face", "faced", "meet", "met", "beat", "lose to", "host", "hosted"}


def who_column(r: Reader) -> Column | None:
    """The column a 'who' question answers with: a person's name, else the column that names the rows."""
    candidates = [c for c in r.catalogue.of_table(r.table) if c.role in ("category", "text", "id") and c.dtype == pl.String
                  and not rank_words(c)]
    if any(t.text in PLAYING for t in r.tokens):  # 'who did they play', 'who did they face': the opponent
        opponents = [c for c in candidates if "opponent" in c.concepts]
        if len(opponents) == 1:
            return opponents[0]
    named = [c for c in candidates if set(c.parts) & {"name", "personname", "player", "driver", "rider", "athlete"}]
    people = [c for c in candidates if set(c.parts) & WHO_PARTS]
    for group in (named, people):
        if group:
            return max(group, key=lambda c: c.distinct)
    return r.label()


def when_column(r: Reader) -> Column | None:
    dates = [c for c in r.catalogue.of_table(r.table) if c.role in ("date", "year")]
    dates += [c for c in r.catalogue.of_table(r.table) if set(c.parts) & WHEN_PARTS and c not in dates]
    return dates[0] if dates else None


def where_column(r: Reader) -> Column | None:
    places = [c for c in r.catalogue.of_table(r.table) if set(c.parts) & WHERE_PARTS and c.role in ("category", "text")
              and c.dtype == pl.String]
    return places[0] if places else None


def rank_words(column: Column) -> bool:
    return bool(set(column.parts) & {"rank", "pos", "position", "place", "no", "number", "seed"})


def read_top(r: Reader) -> tuple[int, bool, Token] | None:
    """'top 5', 'bottom 3', '5 best', 'the 3 lowest', 'highest 6', 'the four youngest'."""
    from etl_core.chat.reading.top_places import placing_top  # a place, not a cut: read with the conditions

    for token in r.tokens:
        if token.used or not token.is_("super", "rank_adj") or placing_top(r, token):
            continue
        following, previous = r.at(r.index(token) + 1), r.at(r.index(token) - 1)
        for number in (following, previous):
            if number is not None and number.is_("number") and not number.used and not number.is_("year"):
                count = number.first("number").value
                if isinstance(count, int) and 0 < count <= 1000:
                    descending = token.first("super").value if token.is_("super") else None
                    r.absorb(number)
                    return count, descending, token
        if token.text in ("top", "bottom") and not token.used and top_of_the_list(r) is None:
            return None, token.text == "top", token  # 'the top country': the first, and any tied with it
    return _which_n(r)


LISTS = {"table", "list", "chart", "data table", "page", "grid", "listing", "data"}


def top_of_the_list(r: Reader) -> tuple[Token, list[Token]] | None:
    """'what title is listed in the top of the table', 'the name on top of the data table', 'what ethnicity is at the
    top', 'the bottom of the list': the first or the last row as the table lists them."""
    for index, token in enumerate(r.tokens):
        if token.used or token.text not in ("top", "bottom"):
            continue
        after = r.tokens[index + 1:index + 4]
        words = [t.text for t in after]
        before = [t.text for t in r.tokens[max(0, index - 2):index]]
        if words[:1] == ["of"] and any(w in LISTS for w in words[1:3]):
            return token, [t for t in after[:words.index(next(w for w in words[1:3] if w in LISTS)) + 1]]
        if before[-2:] == ["at", "the"] and (not words or words[0] in ("?", "of")) or before[-1:] == ["on"] and not words:
            return token, []
    return None


def _which_n(r: Reader) -> tuple[int, bool, Token] | None:
    """'which two chips have the most flash size', 'what 3 countries had the fewest': a number right after the question
    word counts the rows a superlative later in the question picks."""
    for index, token in enumerate(r.tokens[:-1]):
        if token.text not in ("which", "what", "name", "list") or not token.is_("question", "list", "function"):
            continue
        number = r.tokens[index + 1]
        count = number.first("number").value if number.is_("number") and not number.is_("year") else None
        if not isinstance(count, int) or not 1 < count <= 100 or number.used:
            return None
        extreme = next((t for t in r.tokens[index + 2:] if t.is_("super") and not t.used), None)
        if extreme is None:
            return None
        r.absorb(number)
        return count, extreme.first("super").value, extreme
    return None
