"""Questions about the rows ranked by a figure: the most, the youngest, the top 5 products by revenue."""

from __future__ import annotations

from etl_core.chat.catalogue import Column
from etl_core.chat.plan import Filter, Measure, SortKey
from etl_core.chat.reading.asked import asked_column, day_of, row_noun
from etl_core.chat.reading.entities import entity_keys, entity_table, key_of
from etl_core.chat.reading.measures import Phrase, default_agg, measure, rank_like, say_measure
from etl_core.chat.reading.positions import ENDS
from etl_core.chat.reading.question import Question
from etl_core.chat.reading.state import Reader, Unanswerable
from etl_core.chat.tokens import Token
from etl_core.chat.vocabulary import MEASURE_SUFFIXES, NUMBER_WORDS, RANKING_ADJECTIVES
from etl_core.chat.wording import singular

FREQUENCY_WORDS = {"frequency", "representation", "popularity", "occurrences", "appearances", "count", "counts",
                   "number of rows", "entries"}


def count_of(n: int | None, word: Token | None) -> int | None:
    if word is not None and word.text in NUMBER_WORDS and word.text not in ("once", "twice", "thrice"):
        return NUMBER_WORDS[word.text]
    if word is not None and word.is_("number") and not word.is_("year") and isinstance(word.first("number").value, int):
        word.used = word.used or "how many are asked for"
        return word.first("number").value
    return n


def _named_first(r: Reader, token: Token, found: list) -> list:
    """Of several columns of figures an adjective fits ('fastest': Men's time, Women's time), the one the question
    names; else each is a reading of its own."""
    figures = [c for c in found if c.role == "measure"]
    if len(figures) < 2:
        return found
    named = [c for c in figures if any(c in r.columns_of(t) for t in r.tokens if t is not token)]
    if len(named) == 1:
        return named
    said = {singular(w) for t in r.tokens if t is not token for w in t.text.split()}
    common = set.intersection(*(set(c.parts) for c in figures))
    told = [c for c in figures if said & {singular(p) for p in set(c.parts) - common}]  # 'women's' for Women's time
    if len(told) == 1:
        return told
    return [figures[r.choose([f"'{token.text}' by {c.name}" for c in figures])]]


def _criterion(r: Reader, token: Token, q: Question):
    """What a superlative ranks by: (column or None for a count of rows, highest first, tokens, agg)."""
    if token.is_("rank_adj") and token.text not in ENDS - {"oldest"}:
        for concept, descending in RANKING_ADJECTIVES[token.text]:
            found = _named_first(r, token, r.by_concept(concept, {"measure", "date", "year"}))
            if found:
                if found[0].role in ("date", "year") and concept in ("birth", "born", "founded", "established", "date"):
                    return found[0], descending, [token], None
                if found[0].role == "measure":
                    return found[0], descending, [token], None
        raise Unanswerable(f"No column here tells what '{token.text}' ranks by.", hint=r.hint())
    descending = token.first("super").value if token.is_("super") else True
    by = _by_measure(r, token)
    if by is not None:  # 'the largest order by revenue', 'top 5 products by revenue'
        return by[0], descending, by[1], by[2]
    following = r.after(token)
    if following is not None and following.is_("agg") and following.first("agg").value == "count":
        counted = r.after(following)
        return None, descending, [token, following, *([counted] if row_noun(r, counted) else [])], None
    if token.text in ("most common", "most frequent", "most popular", "least common", "least frequent", "rarest"):
        return None, descending, [token], None  # 'the most common gender': genders by their rows
    frequency = next((t for t in r.tokens if t.text in FREQUENCY_WORDS and not t.used
                      and not r.columns_of(t, {"measure"}, strength=3)), None)  # not a column named 'Frequency'
    if frequency is not None:  # 'the highest representation', 'in terms of frequency', 'by count'
        around = [t for t in r.tokens[r.index(frequency) - 3: r.index(frequency)] if t.text in ("in terms of", "by",
                                                                                                "based on", "of")]
        return None, descending, [token, frequency, *around], None
    if following is not None and not following.used:
        if entity_table(r, following) and r.default_measure() is not None and not r.columns_of(following, {"measure"}) \
                and token.text not in ("most", "least", "fewest"):
            r.notes.append(f"'{token.text} {following.text}' is ranked by {r.default_measure().name}.")
            return r.default_measure(), descending, [token], None  # 'our biggest customer': by revenue
        if row_noun(r, following) and not r.columns_of(following, {"measure"}, strength=2):
            return None, descending, [token, following], None
        numeric = [c for c in [r.column_of(following, {"measure", "year", "date"}, strength=2)] if c is not None]
        if not numeric and following.is_("column"):  # 'the most goals': Home Goals or Away Goals, each a reading
            heads = [c for c in r.columns_of(following, {"measure"}) if c.core and c.core[-1] == singular(following.text)
                     or c.core and c.core[-1] == following.text]
            numeric = [c for c in [r.column_of(following, {"measure"})] if c in heads] if heads else []
        if numeric:
            suffix = r.at(r.index(following) + 1)
            extra = [suffix] if suffix is not None and suffix.text in MEASURE_SUFFIXES and not suffix.used else []
            return numeric[0], descending, [token, following, *extra], None
        counted = [c for c in r.columns_of(following, {"category", "text", "id"}, strength=2) if not r.unique_per_row(c)
                   and c.distinct < 0.5 * r.catalogue.rows[r.table]]
        if counted and token.text in ("most", "least", "fewest"):  # 'the most venues': distinct venues
            return counted[0], descending, [token, following], "n_unique"
        places = places_named(r, following)
        if places is not None:  # 'her best finish', 'the highest position': the place as a number, the best lowest
            return places, not descending, [token], None
        if following.is_("column"):
            raise Unanswerable(f"I could not tell which column '{token.text} {following.text}' ranks by.",
                               hint=r.hint([following.text]))
        if following.is_("agg") and r.after(following) is not None:
            target = r.after(following)
            numeric = r.columns_of(target, {"measure"}, strength=2)
            if numeric:
                return numeric[0], descending, [token, following, target], following.first("agg").value
        if row_noun(r, following):
            return None, descending, [token, following], None
    if token.text in ("most common", "most frequent", "most popular", "least common", "least frequent", "rarest",
                      "popular", "most", "least", "fewest"):
        return None, descending, [token], None
    return "unknown", descending, [token], None


def places_named(r: Reader, token: Token) -> Column | None:
    """The numbers of the places a word names ('finish' for 'Finish' written '2nd', 'DNF'), read by chat.prepare."""
    for column in r.columns_of(token, {"category", "text", "id"}):
        place = r.catalogue.column(r.table, f"{column.name} (place)")
        if place is not None and place.role == "place":
            return place
    return None


def _by_measure(r: Reader, token: Token):
    """'... by revenue', '... in terms of quantity': the measure a ranking is by, named after it."""
    for index in range(r.index(token) + 1, len(r.tokens) - 1):
        word, target = r.tokens[index], r.tokens[index + 1]
        if word.text in ("by", "in terms of", "based on") and not target.used:
            agg = target.first("agg").value if target.is_("agg") else None
            named = r.after(target) if agg else target
            numeric = r.columns_of(named, {"measure"}) if named is not None else []
            if numeric:
                return numeric[0], [word, target, named] if agg else [word, target], agg
            if target.is_("agg") and target.first("agg").value == "count":
                return None, [word, target, *([named] if row_noun(r, named) else [])], None
    return None


def _in_a_phrase_after(r: Reader, named: Token, asked: Token) -> bool:
    """'the highest attendance in a single game', 'the biggest margin in a final he won': a column named in a phrase
    after the measure says where it was, not what is asked."""
    between = r.tokens[r.index(named) + 1:r.index(asked)]
    return r.index(asked) > r.index(named) and bool(between) and between[0].text in ("in", "at", "on", "of", "for",
                                                                                      "during", "from", "across")


def superlative(r: Reader, q: Question) -> bool:
    token = next((t for t in r.tokens if not t.used and (t.is_("super") and t.text not in ("top", "bottom") or
                                                        t.is_("rank_adj") and t.text not in ENDS - {"oldest"})), None)
    if token is None and q.top is not None:
        token = q.top[2]
    if token is None:
        return False
    if q.groups and token.is_("agg") and q.top is None:
        return False  # 'max revenue by region': an aggregate for each group
    column, descending, tokens, agg = _criterion(r, token, q)
    if column == "unknown":
        column, descending, tokens, agg = _ranked_by(r, token, q)
    if q.top is not None and q.top[1] is not None:
        descending = q.top[1]
    if column is not None and rank_like(column) and token.text in ("top", "best", "highest", "bottom", "worst", "lowest"):
        descending = token.text in ("bottom", "worst", "lowest")  # 'the top 5 ranks' are ranks 1 to 5
    if column is not None and column.duration and token.text in ("top", "best", "bottom", "worst"):
        descending = token.text in ("bottom", "worst")  # 'the best time' is the shortest
    for t in tokens:
        r.absorb(t)
    if q.top is not None:
        r.absorb(q.top[2])
    r.absorb(q.word)
    asked, asked_token = asked_column(r, q)
    named = r.at(r.index(token) + 1)
    named = r.at(r.index(named) + 1) if named is not None and named.is_("number") else named
    start = r.index(q.word) + 1 if q.word is not None else 0
    nothing_before = all(t.is_("function", "number", "list") or t is token or t.used and t.is_("super", "rank_adj")
                         for t in r.tokens[start:r.index(token)])
    if column is not None and named is not None and named in tokens and nothing_before and (
            asked_token is None or q.kind == "what" and _in_a_phrase_after(r, named, asked_token)):
        if asked_token is not None and r.before(asked_token, skip_function=False).text in ("single", "one", "any", "a"):
            r.absorb(asked_token, meaning="any one row")  # 'in a single game', 'in any game': each row on its own
        asked, asked_token = column, None  # 'which are the top 4 fares': the fares themselves; 'what was the highest
        # attendance in a single game': the attendance, the game only where it was
    n = q.top[0] if q.top else count_of(None, r.at(r.index(asked_token) - 1) if asked_token else None)
    plan = r.plan
    if asked_token is not None:
        r.use(asked_token, f"the answer: {asked.name}", "column")
    entity = entity_table(r, r.after(token))
    exact_key = asked_token is not None and any(s.strength == 3 and s.column.role == "id" for s in asked_token.of("column"))
    if entity is not None and column is None:
        entity = None  # 'the most customers' counts them; it does not rank them
    if entity is not None and (asked is None or asked is key_of(r, entity) or q.kind == "who"):
        asked = key_of(r, entity)  # 'who is our biggest customer': the customer
        r.absorb(r.after(token))
    elif entity is not None:
        r.absorb(r.after(token))  # 'what city does our biggest customer live in': the city of the customer
    if asked is None and column is not None and q.kind in ("what", "how much", "none", "list"):
        asked = column  # 'what is the highest capacity': the value itself
    if asked is None:
        asked = r.label()
        if asked is None:
            raise Unanswerable("I could not tell which column names the rows.", hint=r.hint())
    direction = "highest" if descending else "lowest"
    said = column.name if column is not None else "number of rows"
    r.use(token, f"ranked by {said}, {direction} first", "order")
    if asked is column and n is None and column.role in ("measure", "date", "year"):
        plan.intent = "value"  # 'the highest unit price', 'the latest order date': the extreme itself
        plan.measures = [Measure(agg="max" if descending else "min", column=r.name(column))]
        return True
    if column is None and asked.role == "measure" and not (asked.dtype.is_integer() and asked.distinct <= 20):
        raise Unanswerable(f"I could not tell what '{token.text}' counts for each {asked.name}.", hint=r.hint())
    if entity is not None and column is not None and asked is not column:
        return _groups(r, q, asked, column, descending, n, agg, token, entity, exact_key)
    if column is None or agg == "n_unique" or (asked is not column and not r.unique_per_row(asked) and not rank_like(asked)
                                               and asked is not r.label() and (n is not None or _grouped(r, column, agg, asked,
                                                                                                      token))):
        return _groups(r, q, asked, column, descending, n, agg, token, entity, exact_key)
    plan.intent, plan.column = "pick", day_of(r, asked, asked_token)
    if column.role == "measure":
        plan.filters.append(Filter(column=r.name(column), op="not_null"))
    plan.order = [SortKey(column=r.name(column), descending=descending)]
    plan.limit, plan.ties = (n or 1), n is None
    plan.context = [c for c in dict.fromkeys([r.name(column), *([r.label().name] if r.label() else [])])
                    if c != plan.column]
    return True


def _ranked_by(r: Reader, token: Token, q: Question):
    """'top 5 products by revenue', 'highest revenue channel': the measure named elsewhere; 'the top 5 statuses'
    with none named: by how many rows each has."""
    for other in r.tokens[r.index(token) + 1:]:
        if other.used:
            continue
        numeric = r.columns_of(other, {"measure"})
        if numeric:
            before = r.before(other)
            agg = before.first("agg").value if before is not None and before.is_("agg") else None
            return numeric[0], token.first("super").value if token.is_("super") else True, \
                [other, *([before] if agg else [])], agg
    following = r.after(token)
    if following is not None and following.is_("number"):
        following = r.after(following)
    named = following is not None and (r.columns_of(following, {"category", "text", "boolean", "id"}, strength=1)
                                       or following.is_("table"))
    if token.text in ("top", "bottom", "best", "worst") and named and r.default_measure() is not None:
        r.notes.append(f"'{token.text}' ranks by {r.default_measure().name} (no figure was named).")
        return r.default_measure(), token.text in ("top", "best"), [token], None  # 'top 3 regions': by revenue
    if token.text in ("top", "bottom") and r.generic and named:
        return None, token.text == "top", [token], None  # 'the top 5 civil statuses': by how many rows each has
    raise Unanswerable(f"I could not tell what '{token.text}' ranks by.", hint=r.hint())


def _grouped(r: Reader, column: Column, agg: str | None, asked: Column, token: Token) -> bool:
    """A ranked column that repeats is ranked by its groups: by their totals for an amount over many rows each
    ('which channel has the most revenue'), by the single row for a level ('which sensor had the highest
    temperature') or a row named ('the richest billionaire'); with few rows each, both are readings. An aggregate
    named ('by average attendance') is always by groups."""
    if agg is not None:
        return True
    following = r.after(token)
    if any(t.text in ("single", "one", "individual", "reading", "record", "entry") and not t.used for t in r.tokens) \
            or following is not None and row_noun(r, following) and not following.is_("column"):
        return False
    if default_agg(column) != "sum" or asked.role in ("date", "year") or rank_like(column):
        return False
    if r.catalogue.rows[r.table] >= 5 * max(asked.distinct, 1):
        return True  # many rows to each: 'the most revenue' is their total
    return r.choose([f"{asked.name} groups ranked by their total {column.name}",
                     f"the {asked.name} of the single row with the {'highest' if True else ''} {column.name}"]) == 0


def _groups(r: Reader, q: Question, asked: Column, column: Column | None, descending: bool, n: int | None,
            agg: str | None, token: Token, entity: str | None = None, exact: bool = False) -> bool:
    plan = r.plan
    keys = [r.name(asked)] if exact else entity_keys(r, asked, entity)
    keys[-1]
    plan.intent, plan.group_by = "top", keys
    phrase = Phrase(agg, column, [])
    plan.measures = [measure(r, phrase) if column is not None else Measure(agg="count")]
    if column is not None:
        say_measure(r, Phrase(plan.measures[0].agg, column, []), 0)
    plan.order = [SortKey(column="@0", descending=descending), *(SortKey(column=k) for k in keys)]
    plan.limit, plan.ties = (n or 1), n is None
    return True
