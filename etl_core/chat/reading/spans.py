"""'how long did X serve', 'how many years was X in office', 'who was captain for the longest time': the length of a
span of years, read from the column of lengths prepared beside spans ('1997–2006') or beside two columns that start
and end one ('Took office', 'Left office')."""

from __future__ import annotations

import re

from etl_core.chat.catalogue import Column
from etl_core.chat.plan import Measure
from etl_core.chat.reading.asked import row_noun
from etl_core.chat.reading.conditions import _filters
from etl_core.chat.reading.dates import add_part
from etl_core.chat.reading.measures import find_measures
from etl_core.chat.reading.question import Question
from etl_core.chat.reading.state import Reader
from etl_core.chat.tokens import Sense, Token
from etl_core.inference import SPAN_ENDS, SPAN_STARTS, is_span_length

# nouns for a span's length ('longest', 'shorter' rank by it already: their ideas are length and duration)
LENGTH_WORDS = {"length", "lengths", "tenure", "tenures", "term", "terms", "spell", "spells", "stint", "stints"}
# what a span is of: holding a post, playing for a side; said around the length and meaning nothing more
HOLDING = {"serve", "served", "serving", "serves", "hold", "held", "holding", "lead", "led", "leading", "captain",
           "captained", "captaining", "sit", "sat", "stay", "stayed", "remain", "remained", "reign", "reigned", "last",
           "lasted", "in office", "office", "in charge", "charge", "active", "spend", "spent", "post", "role"}
AFTER_LEADING = {"side", "team", "club", "country", "nation", "squad"}  # 'captain the side', 'lead the team'


def read_spans(r: Reader) -> None:
    """Words for a span's length take the column of lengths: 'how long', 'for how many years', 'the longest tenure';
    the words of holding a post around them are part of the question."""
    found = [c for c in r.catalogue.of_table(r.table) if is_span_length(c.name)]
    if len(found) != 1:
        return
    length = found[0]
    taken, units, again = [], [], []
    for index, token in enumerate(r.tokens):
        if token.used:
            continue
        before = r.at(index - 1)
        if token.text in ("years", "year") and before is not None and before.text == "in" and not r.at(index + 1):
            units += [before, token]  # '..., in years': the unit the answer is in
        elif token.text == "long" and before is not None and before.text == "how":
            _take(token, length)
            r.in_years = length.name
            taken.append(token)
        elif (token.text in LENGTH_WORDS or _source_word(token, length)) and before is not None and \
                before.is_("rank_adj") and before.text in ("longest", "shortest", "longer", "shorter"):
            again.append(token)  # 'the shortest tenure': the adjective ranks by the lengths already
            taken.append(before)
        elif token.text in LENGTH_WORDS or _years_asked(r, index) or _source_word(token, length):
            if taken and taken[-1].text in LENGTH_WORDS and index - r.index(taken[-1]) <= 5:
                again.append(token)  # 'the length of a mayor's term': one length, said twice
            else:
                _take(token, length)
                taken.append(token)
    if taken:
        r.absorb(*units, meaning="in years")
        r.absorb(*again, meaning=f"the length in {length.name}")
        many = next((t for t in r.tokens if t.text == "how many" and not t.used), None)
        if many is not None and r.at(r.index(many) + 1) in taken and any(
                t.is_("agg") and t is not many for t in r.tokens):  # 'on average, how many years': the average's words
            r.absorb(many)
        r.absorb(*(t for i, t in enumerate(r.tokens) if not t.used and t not in taken and _holding(r, i)),
                 meaning=f"a span of {length.name}")


def _take(token: Token, length: Column) -> None:
    token.senses = [Sense("column", column=length, strength=3)]


def _years_asked(r: Reader, index: int) -> bool:
    """'how many years', 'for more than 10 years', 'at least 8 years': years counted in the spans."""
    token, before = r.tokens[index], r.at(index - 1)
    return token.text in ("years", "year") and before is not None and (
        before.text == "how many" or before.is_("number") or before.is_("agg") and before.first("agg").value == "sum")


def _source_word(token: Token, length: Column) -> bool:
    """'the shortest spans', 'his tenure': the column the lengths were read from, named."""
    sources = _sources(length)  # one: 'Span'; a start and an end ('Took office') name a date each, not the length
    return len(sources) == 1 and any(s.column.name in sources and s.column.table == length.table for s in token.of("column")) \
        and token.text not in SPAN_STARTS | SPAN_ENDS


def _sources(length: Column) -> list[str]:
    inside = re.match(r"^Years \((.+)\)$", length.name, re.S)
    return inside.group(1).split("–") if inside else []


def _before_career(r: Reader, index: int) -> bool:
    after = r.at(index + 1)
    return after is not None and after.text == "career"


def _holding(r: Reader, index: int) -> bool:
    token, before = r.tokens[index], r.at(index - 1)
    if token.text in HOLDING:
        return True
    if before is not None and before.text == "as" and not token.senses and r.at(index - 2) is not None \
            and r.at(index - 2).text in HOLDING:
        return True  # 'serve as mayor': the post held
    return token.text in AFTER_LEADING and before is not None and before.text in ("the", "his", "her", "their") and \
        r.at(index - 2) is not None and r.at(index - 2).text in HOLDING


PERIOD = {"period", "career", "time", "span", "length"}
CAREER_KINDS = {"professional", "playing", "international", "senior", "whole", "entire", "film", "acting", "recording"}
TAKING = {"take", "took", "taken", "takes", "taking"}
COVERING = {"cover", "covers", "covered", "span", "spans", "spanned", "pass", "passed", "elapsed", "go", "went"}
ENDS = [["between", "the", "first", "and", "the", "last"], ["between", "the", "first", "and", "last"],
        ["from", "the", "first", "to", "the", "last"], ["from", "first", "to", "last"]]


def range_of_years(r: Reader, q: Question) -> bool:
    """'how long did he appear in films', 'how long were they on Parlophone', 'how many years does the table cover',
    'how many years passed between the first and the last studio album': the rows' last year minus their first, in a
    table whose rows each have a year (a career by season, a discography) and no span of their own."""
    if any(is_span_length(c.name) for c in r.catalogue.of_table(r.table)) or find_measures(r) or q.groups:
        return False
    words = [t.text for t in r.tokens]
    long_word = next((t for i, t in enumerate(r.tokens[:5]) if t.text == "long" and not t.used and not t.of("column")
                      and i and r.tokens[i - 1].text == "how"), None)
    asked = long_word is not None or q.kind == "how many" and q.word is not None and \
        r.at(r.index(q.word) + 1) is not None and r.at(r.index(q.word) + 1).text == "years" and set(words) & COVERING
    if not asked or set(words) & TAKING or {"has", "have"} & set(words) and "been" in words:
        return False  # 'how long did it take her' is a time; 'how long has it been since' runs to today
    years = [c for c in r.catalogue.of_table(r.table) if c.role == "year"]
    dates = [c for c in r.catalogue.of_table(r.table) if c.role == "date"]
    if len(years) == 1:
        name = r.name(years[0])
    elif not years and len(dates) == 1:
        name = add_part(r, dates[0], "year")  # 'how long does this table cover': the years of its dates
    else:
        return False
    label = f"years from the first {name} to the last"
    r.plan.measures = [Measure(agg="max", column=name), Measure(agg="min", column=name),
                       Measure(combine="difference", of=[0, 1], label=label)]
    r.plan.answer = 2
    if long_word is not None:
        if "years" not in words:  # 'how long in years': the number
            r.in_years = label
        r.use(long_word, f"the {label}", "measure")
        r.absorb(r.tokens[r.index(long_word) - 1])
    else:
        years_token = r.at(r.index(q.word) + 1)
        r.use(q.word, f"the {label}", "measure")
        r.absorb(years_token, *(t for t in r.tokens if t.text in COVERING))
    for said in ENDS:
        at = next((i for i in range(len(words)) if words[i:i + len(said)] == said), None)
        if at is not None:
            r.absorb(*r.tokens[at:at + len(said)], meaning="the first row and the last")
            rows = r.at(at + len(said))  # 'the first and last album': the rows, each an album
            if rows is not None and not rows.used and r.columns_of(rows, {"text", "category", "id"}):
                r.absorb(rows, meaning="the rows")
    r.absorb(*(t for i, t in enumerate(r.tokens) if not t.used and (
        _holding(r, i) or t.is_("relation") or t.text in PERIOD or t.text in CAREER_KINDS and _before_career(r, i)
        or row_noun(r, t) and i > r.index(long_word or q.word) + 1)))
    for index, token in enumerate(r.tokens[:-1]):
        if [token.text, r.tokens[index + 1].text] == ["in", "years"] and not token.used:
            r.absorb(token, r.tokens[index + 1], meaning="in years")
    _filters(r, q)
    return True
