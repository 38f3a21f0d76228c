"""Words a finished reading accounts for without a rule of their own.

A column's name next to its value says where the value is ('how many times was Andorra the
opponent'); a verb of the rows' subject adds no condition ('the last team he played for'); in a table
named only 'table', the noun for its rows names them ('the date of the game after December 22').
Each is said as a chip. Anything else left over means the reading is incomplete.
"""

from __future__ import annotations

from etl_core.chat.plan import Measure
from etl_core.chat.reading.named_values import OUTCOME_WORDS
from etl_core.chat.reading.state import Reader
from etl_core.chat.tokens import Token
from etl_core.chat.vocabulary import EVENTS, SYNONYMS, WHEN_PARTS, WHERE_PARTS
from etl_core.chat.wording import singular

# words that ask for a kind of value ('what year', 'which city'): a table without one has no answer, not a row so called
ASKED_WORDS = WHEN_PARTS | WHERE_PARTS | {w for name in ("date", "year", "worth", "age", "price", "revenue", "quantity",
                                                          "salary", "population", "attendance", "temperature")
                                          for w in SYNONYMS[name] | {name}}

NOUN_BEFORE = {"of", "among", "for", "by", "non", "all", "many", "most", "few", "other", "the", "these", "those", "which",
               "what", "how many", "number of", "any", "no", "some", "by the"}
DETERMINERS = {"the", "a", "an", "which", "what", "each", "every", "first", "last", "next", "previous", "any", "other",
               "another", "final", "only", "single", "their", "his", "her", "its", "this"}
# what a whole table is about: 'the last game of the season', 'the first song on this album'
SCOPES = {"season", "album", "tournament", "series", "career", "list", "chart", "championship", "competition"}
SCOPE_BEFORE = {"in", "of", "on", "during", "for", "throughout", "over", "all", "entire", "whole", "this"}


def settle(r: Reader) -> None:
    plan = r.plan
    named = {f.column for f in plan.filters} | {plan.column} | set(plan.group_by) | set(plan.context)
    named |= {m.column for m in plan.measures} | {f.column for m in plan.measures for f in m.where}
    named |= {k.column for k in plan.order}
    named.discard(None)
    measured = any(m.column and r.column_named(m.column) is not None and r.column_named(m.column).numeric
                   for m in plan.measures) or any(
        r.column_named(f.column) is not None and r.column_named(f.column).numeric and (
            f.op not in ("==", "!=", "in") or r.column_named(f.column).role == "measure")  # 'earned only 2 points'
        for f in plan.filters) or plan.same is not None and r.column_named(plan.same.column) is not None and \
        r.column_named(plan.same.column).numeric  # 'to earn the same number of silver medals as'
    rows_noun: str | None = None
    for token in r.tokens:
        if token.used:
            continue
        columns = [c for c in r.columns_of(token) if r.name(c) in named] if token.is_("column") else []
        if columns:
            r.use(token, f"the column {columns[0].name}", "column")
        elif token.is_("table") and (token.first("table").value == r.table or token.first("table").value in r.joins):
            r.use(token, f"the rows of {token.first('table').value}", "word")  # 'cancelled orders', 'Enterprise customers'
        elif token.is_("row") and plan.intent in ("pick", "top", "list", "value", "count", "test"):
            r.use(token, f"the rows of {r.table}", "word")  # 'the youngest person', 'how many people'
        elif token.is_("relation"):
            r.absorb(token, meaning="a verb of the rows' subject")
        elif token.text in RANK_NOUNS and not token.senses and _after_a_figure(r, token, named):
            r.absorb(token, meaning="the figure of the column before it")  # 'the r&b ranking', 'the uk position'
        elif token.text in ("year", "season") and _before_its_year(r, token):
            r.absorb(token, meaning="the year named next")  # 'in the year 1994'
        elif token.text in EVENTS and not token.senses and _after_a_row_named(r, token):
            r.absorb(token, meaning="what the row named is")  # 'the new york giants game on october 25
        elif _noun_of_column(r, token, named):
            r.absorb(token, meaning="the noun of the column before it")  # 'medals' in 'no bronze medals'
        elif token.is_("earning") and (measured or _participle(r, token)):
            r.absorb(token, meaning="ties the rows to the figure")
        elif r.generic and _scope(r, token):
            r.use(token, f"all of {r.table}", "word")
        elif r.generic and rows_noun in (None, singular(token.text)) and _names_rows(r, token) \
                and not _asked_elsewhere(r, token):
            rows_noun = singular(token.text)  # one word for the rows, said as often as the question says it
            r.use(token, f"a row of {r.table}", "word")


RANK_NOUNS = {"ranking", "rankings", "rank", "position", "positions", "placing", "peak", "chart position"}


def _after_a_figure(r: Reader, token: Token, named: set[str]) -> bool:
    before = r.at(r.index(token) - 1)
    return before is not None and bool(before.used) and any(
        r.name(c) in named and c.numeric for c in r.columns_of(before))


def _before_its_year(r: Reader, token: Token) -> bool:
    after = r.at(r.index(token) + 1)
    return after is not None and after.is_("year") and bool(after.used)


def _after_a_row_named(r: Reader, token: Token) -> bool:
    """'the giants game', 'the game on july 7th': the row named, and what it is."""
    before, after, named = r.at(r.index(token) - 1), r.at(r.index(token) + 1), r.at(r.index(token) + 2)
    return any(t is not None and t.is_("value") and (t.used or "").startswith(("keep rows where", "the rows where"))
               for t in (before, named if after is not None and after.text in ("on", "of", "against", "vs") else None))


def _participle(r: Reader, token: Token) -> bool:
    """'the number of silver medals earned', 'how many medals won in 2004': a verb right after the counted rows' noun,
    ending the question or before a phrase, says only that they were earned."""
    before, after = r.at(r.index(token) - 1), r.at(r.index(token) + 1)
    if not (token.text.endswith("ed") or token.text in ("won", "made", "got", "gotten", "taken", "brought", "sold")):
        return False  # 'home wins' is a noun
    return r.plan.measures[:1] == [Measure(agg="count")] and before is not None and bool(before.used) and \
        bool(before.senses) and (after is None or after.text != "by" and (after.is_("function") or after.text in (
            "in", "at", "during")))  # 'matches won by the home team' names the winner


def _noun_of_column(r: Reader, token: Token, named: set[str]) -> bool:
    """'bronze medals', 'gold medals': a word naming a column only by its idea ('medals' for Total), right after a word
    that named a column the plan uses, is that column's noun."""
    before = r.at(r.index(token) - 1)
    if before is None or not token.is_("column") or any(s.strength >= 3 for s in token.of("column")):
        return False
    if any(singular(w) in {singular(p) for p in s.column.parts} for s in token.of("column") for w in token.text.split()):
        return False  # 'population growth': 'growth' is in a column's own name, a column of its own
    return any(s.strength >= 3 and r.name(s.column) in named for s in before.of("column")) and bool(before.used)


def _asked_elsewhere(r: Reader, token: Token) -> bool:
    """'what were the other cities in which events were held': the noun asked for is not the rows when the answer
    is a column named in a clause after it; the question then asks for something no column was found for."""
    later = r.tokens[r.index(token) + 1:]
    answer = next((i for i, t in enumerate(later) if str(t.used).startswith("the answer: ")), None)
    if answer is None:
        return False
    if _asked_as_well(r, token, later, answer):
        return True
    if not any(t.is_("question") for t in later[:answer]):
        return False
    asked = [i for i, t in enumerate(r.tokens[: r.index(token)]) if t.is_("question")]
    return bool(asked) and all(not t.senses and not t.used or t.text in DETERMINERS or t.is_("function")
                               for t in r.tokens[asked[-1] + 1: r.index(token)])


def _asked_as_well(r: Reader, token: Token, later: list[Token], answer: int) -> bool:
    """'which lake has the most area and its location': two things asked; the noun right after 'which' is one of them,
    so it is not the rows while the answer gives only the other."""
    before = r.at(r.index(token) - 1)
    joined = [t.text for t in later[max(0, answer - 2):answer]]
    return before is not None and before.is_("question") and "and" in joined


def _scope(r: Reader, token: Token) -> bool:
    """'in the season', 'of the 1981 season', 'on this album': in a table named only 'table', the whole table,
    when no column is about it."""
    if token.text not in SCOPES or r.columns_of(token):
        return False
    at = r.index(token) - 1
    while at >= 0 and r.tokens[at].is_("year") and r.tokens[at].used:
        at -= 1  # 'the 1981 season': the year is a condition of its own
    article = r.at(at)
    if article is None or article.text not in ("the", "this", "that", "his", "her", "their", "its", "entire", "whole"):
        return False
    before = r.at(at - 1)
    return article.text == "this" or before is not None and before.text in SCOPE_BEFORE


PLACE_OR_THING = {"track", "tracks", "course", "courses", "host", "hosts"}  # a race track, or a song on an album


def _not_a_place_here(r: Reader, token: Token) -> bool:
    """'the track before X' in a table with no column of places: a track of an album, the rows."""
    return token.text in PLACE_OR_THING and not any(set(c.parts) & WHERE_PARTS for c in r.catalogue.of_table(r.table))


def _no_meaning_here(r: Reader, token: Token) -> bool:
    """A word with no meaning but a weak one: part of a longer column name ('game' of Game site), or the name of the
    column numbering the rows ('the last game' where Game is 1, 2, 3...), which names a row as well."""
    if any(s.kind != "column" for s in token.senses):
        return False
    said = {singular(w) for t in r.tokens if t is not token for w in t.text.split()}
    return all(not said & {singular(p) for p in s.column.parts} and (
        s.strength <= 1 or s.column.role == "id" and r.unique_per_row(s.column) and s.column.numeric) for s in token.senses)


def _names_rows(r: Reader, token: Token) -> bool:
    """An unknown noun after 'the', 'which', 'first'...: in a table named only 'table', what its rows are."""
    if not _no_meaning_here(r, token) or len(token.text) < 3 or not token.text.isalpha() or token.text in OUTCOME_WORDS \
            or token.text in ASKED_WORDS and not _not_a_place_here(r, token):
        return False
    before, after = r.at(r.index(token) - 1), r.at(r.index(token) + 1)
    if before is not None and not before.senses and not before.used or after is not None and not after.senses \
            and not after.used and after.text.isalpha():
        return False  # 'home games', 'work orders': two words of no known meaning name something else
    plural = singular(token.text) != token.text
    if before is not None and before.used and not plural:  # 'the wealthiest non-self-made billionaire': the noun after
        back = r.index(token) - 1  # words the conditions took, back to 'the wealthiest'
        while back > 0 and r.index(token) - back < 5 and r.tokens[back].used and \
                not r.tokens[back].is_("super", "rank_adj", "ordinal", "last"):
            back -= 1
        if r.tokens[back].is_("super", "rank_adj", "ordinal", "last") and r.tokens[back].used:
            return True
    if plural and before is not None and str(before.used).startswith(("condition", "keep rows")):
        return True  # 'how many ghostbusters games': the rows the value named
    return before is not None and (before.text in DETERMINERS or plural and before.text in NOUN_BEFORE
                                   or before.is_("ordinal", "last", "super", "rank_adj") or plural and before.is_("agg"))
