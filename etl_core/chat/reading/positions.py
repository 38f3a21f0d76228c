"""Questions about a row by its place: the first, the last, the 3rd, the latest, in 5th place, the one after X."""

from __future__ import annotations

from etl_core.chat.catalogue import Column
from etl_core.chat.plan import Filter, SortKey
from etl_core.chat.reading.asked import asked_column, day_of, row_noun
from etl_core.chat.reading.dates import date_column
from etl_core.chat.reading.measures import rank_like
from etl_core.chat.reading.question import Question, top_of_the_list, when_column, who_column
from etl_core.chat.reading.state import Reader, Unanswerable
from etl_core.chat.tokens import Token

TEMPORAL = {"earliest", "latest", "most recent", "newest", "oldest"}
ENDS = {"first", "last", "final", "earliest", "latest", "most recent", "newest", "second to last", "second last",
        "penultimate", "third to last"}
PLACE_WORDS = {"place", "position", "finished", "finish", "placed", "ranked", "rank", "came", "standing", "spot",
               "finishing", "seed", "seeded"}


def ordinal(r: Reader, q: Question) -> bool:
    """'the first', 'the last', 'the 3rd', 'the latest', 'in 5th place': a row by its position."""
    listed = top_of_the_list(r)
    token = listed[0] if listed else next((t for t in r.tokens if not t.used and (t.is_("ordinal", "last")
                                                                                   or t.text in ENDS)), None)
    if token is None:
        return False
    from_end = token.is_("last") or token.text in ("latest", "most recent", "newest", "bottom")
    n = token.first("last").value if token.is_("last") else token.first("ordinal").value if token.is_("ordinal") else 1
    asked, asked_token = asked_column(r, q)
    dates_named = date_column(r, ("date", "year"))
    rows_named = any(t.is_("table") or row_noun(r, t) for t in r.tokens if not t.used and t is not asked_token)
    after_word = asked_token is not None and r.index(asked_token) > r.index(token)
    if asked is not None and asked is dates_named and q.kind not in ("when",) and rows_named and after_word \
            and r.label() is not None:
        asked, asked_token = r.label(), None  # 'the earliest installed sensor': the sensor, ordered by installation
    if asked_token is not None:
        r.use(asked_token, f"the answer: {asked.name}", "column")
    asked = asked or (when_column(r) if q.kind == "when" else who_column(r) if q.kind == "who" else r.label())
    if asked is None:
        return False
    place = [t for t in r.tokens if t.text in PLACE_WORDS and not t.used]
    positions = [c for c in r.catalogue.of_table(r.table) if rank_like(c) and c.role in ("measure", "id")]
    dates = date_column(r, ("date", "year"))
    options: list[tuple[str, object]] = []
    if listed:
        r.absorb(*listed[1])
        options = [("in the table's order", None)]  # 'at the top of the list': its first row, whatever the dates say
    elif token.text in TEMPORAL or token.text in ("earliest",):
        if dates is None:
            raise Unanswerable(f"There is no date column to tell what is '{token.text}'.", hint=r.hint())
        options = [(f"by {dates.name}", dates)]
    else:
        if place and positions:
            options.append((f"{positions[0].name} = {n}", ("position", positions[0])))
        options.append(("in the table's order", None))
        if dates is not None and not place:
            options.append((f"by {dates.name}", dates))
    label, choice = options[r.choose([o[0] for o in options])]
    plan = r.plan
    plan.intent, plan.column = "pick", day_of(r, asked, asked_token)
    if isinstance(choice, tuple):
        plan.filters.append(Filter(column=r.name(choice[1]), op="==", value=n if not from_end else None))
        if from_end:
            plan.filters.pop()
            plan.order = [SortKey(column=r.name(choice[1]), descending=True)]
            plan.nth = n
        else:
            plan.ties = True
        r.absorb(*place)
    elif choice is None:
        plan.row_order = True
        plan.order = [SortKey(column="@row", descending=from_end)]
        plan.nth = n
    else:
        plan.order = [SortKey(column=r.name(choice), descending=from_end)]
        plan.filters.append(Filter(column=r.name(choice), op="not_null"))
        plan.nth, plan.ties = n, True
    r.use(token, f"the {token.text} row, {label}", "order")
    plan.context = [c for c in dict.fromkeys([*(k.column for k in plan.order if not k.column.startswith("@")),
                                               *([r.label().name] if r.label() else [])]) if c != plan.column]
    return True


def neighbour(r: Reader, q: Question) -> bool:
    """'who came after X', 'the game before December 22', 'which team is directly above X': the next row in the table."""
    for token in r.tokens:
        if token.used or not token.is_("neighbour"):
            continue
        anchor, between = anchor_of(r, token)
        day = _one_day(r, q, anchor) if anchor is not None and q.kind not in ("how many", "how much", "yesno") else None
        if day is None and (anchor is None or anchor.used or not r.row_named(anchor) or anchor.is_("year", "number")
                            and not anchor.is_("quoted")):
            continue
        if q.kind in ("how many", "how much", "yesno"):
            return False
        r.absorb(*between, meaning="the row named")
        if day is not None:
            return _beside_a_day(r, q, token, day)
        places = {s.column for s in r.row_named(anchor)}
        anchored = sorted(places, key=lambda c: c is not r.label())[0]
        asked, asked_token = asked_column(r, q, exclude={r.index(anchor)}) if q.kind in ("what", "which") else (None, None)
        if asked_token is not None and asked_token.is_("column") and r.index(asked_token) < r.index(token):
            r.use(asked_token, f"the answer: {asked.name}", "column")
        elif q.kind == "when" or r.index(anchor) < r.index(token) and any(
                t.text == "when" for t in r.tokens[r.index(anchor):r.index(token)]):  # 'when was the previous one
            # published': its date, not its name
            asked = when_column(r)
            if asked is None:
                raise Unanswerable("There is no date or year column to say when.", hint=r.hint())
        elif q.kind == "who" and anchored.role not in ("category", "text", "id") or q.kind == "who" and \
                (anchored.table, anchored.name) in r.catalogue.days:  # 'who did they play after march 5': a name
            asked = who_column(r) or anchored
        else:
            asked = anchored
        plan = r.plan
        plan.intent, plan.column, plan.row_order = "pick", r.name(asked), True
        plan.offset = token.first("neighbour").value * _steps(r, token)
        value = next(s.value for s in r.row_named(anchor) if s.column is anchored)
        plan.filters.append(Filter(column=r.name(anchored), op="==", value=value))
        r.use(anchor, f"the row where {anchored.name} is {value}", "filter")
        order = _order_named(r, anchor)
        plan.offset_by = r.name(order) if order is not None else None
        r.use(token, f"the row {'after' if plan.offset > 0 else 'before'} it"
                     f"{f' ({abs(plan.offset)} rows on)' if abs(plan.offset) > 1 else ''}, in the "
                     f"{'order of ' + order.name if order is not None else 'table' + chr(39) + 's order'}", "order")
        for other in r.tokens[: r.index(token)]:  # 'the next town after riverside': 'next' says it again
            if other.is_("neighbour") and not other.used and other.first("neighbour").value == plan.offset \
                    and r.index(token) - r.index(other) <= 5:
                r.absorb(other, meaning=f"the same as '{token.text}'")
        before = r.at(r.index(token) - 1 - len(steps_before(r, token)))  # 'finished two places behind'
        if before is not None and before.text in ("directly", "right", "immediately", "just"):
            r.absorb(before)
            before = r.at(r.index(before) - 1)
        if before is not None and not before.used and before.is_("table", "row") and r.at(r.index(before) - 1) is not None \
                and r.at(r.index(before) - 1).text in ("became", "become"):
            r.absorb(before, meaning="the post each row held")  # 'who became commissioner after X'
            before = r.at(r.index(before) - 1)
        if before is not None and not before.used and (before.text.endswith("ed") or before.text in FOLLOWING_VERBS) \
                and all(s.kind in ("earning", "relation", "transaction") or s.kind == "column" and _the_order(s.column)
                        for s in before.senses):  # 'picked after X' beside a Pick column: the order itself
            r.absorb(before, meaning="how the rows follow each other")  # 'finished', 'placed', 'picked' directly above
            _role_after_became(r, before)
        _post_held(r, token)
        _rows_named_around(r, token, anchor)
        if r.index(anchor) < r.index(token):
            _first_sentence(r, anchor, token)
        return True
    return False


FOLLOWING_VERBS = {"became", "become", "came", "comes", "come", "went", "is", "was", "are", "were", "ran", "won", "took"}
ROW_BEFORE = {"the", "which", "what", "who", "a", "an", "is", "was", "of"}


STEPS = {"places", "picks", "spots", "positions", "rows", "slots", "ranks", "steps", "entries", "lines"}
POSTS = {"post", "office", "position", "role", "job", "seat", "title", "throne", "chair", "crown"}


def _steps(r: Reader, token: Token) -> int:
    """'two places behind X', 'three picks after X': that many rows on; else one."""
    taken = steps_before(r, token)
    if not taken or taken[0].used:
        return 1
    count, unit = taken
    value = count.first("number").value
    if not isinstance(value, int) or not 1 <= value <= 100:
        return 1
    r.absorb(count, unit, meaning=f"{value} rows on")
    return value


PRONOUNS = ("it", "that", "this", "one", "him", "her", "them")


ROW_PREPOSITIONS = ("of", "on", "against", "with", "at", "in")


def anchor_of(r: Reader, token: Token) -> tuple[Token | None, list[Token]]:
    """The row a neighbour word is of, and the words said between them: named right after it ('after X'), after the
    rows' noun ('before the game of march 9, 1968'), or in a sentence before the question ('gabon is ranked 32, what
    country is ranked next?', 'X was released in 1998. what album came after it?')."""
    anchor = r.after(token)
    if anchor is not None and not anchor.used and not anchor.senses and anchor.text.isalpha():
        preposition = r.at(r.index(anchor) + 1)
        named = r.after(preposition) if preposition is not None and preposition.text in ROW_PREPOSITIONS else None
        if named is not None and (r.row_named(named) or named.is_("month", "ordinal", "date", "number")):
            return named, [anchor, preposition]  # 'the game of', 'the match on'
    if anchor is not None and anchor.text not in PRONOUNS:
        return anchor, []
    asked = next((t for t in r.tokens[1:r.index(token)] if t.is_("question")), None)
    if asked is None:
        return anchor, []
    named = [t for t in r.tokens[:r.index(asked)] if r.row_named(t) and not t.is_("year", "number")]
    if len(named) != 1:
        return anchor, []
    return named[0], [anchor] if anchor is not None else []


def _one_day(r: Reader, q: Question, anchor: Token) -> Filter | None:
    """'directly above july 25, 1952', 'after the game on the 22nd of june 1930': the row of a day the question names,
    read as a period of one day on the only date column; it becomes the row to look beside."""
    if not anchor.is_("month", "ordinal", "date", "number") or len(q.ranges) != 1:
        return None
    day = q.ranges[0]
    if day.start is None or day.end is None or (day.end - day.start).days != 1:
        return None
    q.ranges.remove(day)
    return Filter(column=day.column, op="==", value=day.start)


def _beside_a_day(r: Reader, q: Question, token: Token, day: Filter) -> bool:
    """The row before or after the one of a day: its label, or the column asked for."""
    asked, asked_token = asked_column(r, q) if q.kind in ("what", "which") else (None, None)
    if asked_token is not None and asked_token.is_("column") and r.index(asked_token) < r.index(token):
        r.use(asked_token, f"the answer: {asked.name}", "column")
    else:
        asked = who_column(r) if q.kind == "who" else r.label()
    if asked is None:
        raise Unanswerable("I could not tell which column to give for that row.", hint=r.hint())
    plan = r.plan
    plan.intent, plan.column, plan.row_order = "pick", r.name(asked), True
    plan.offset = token.first("neighbour").value * _steps(r, token)
    plan.filters.append(day)
    plan.context = [day.column]
    r.use(token, f"the row {'after' if plan.offset > 0 else 'before'} the one of {day.value}, in the table's order",
          "order")
    before = r.at(r.index(token) - 1)
    if before is not None and before.text in ("directly", "right", "immediately", "just", "listed"):
        r.absorb(before)
    for other in r.tokens[max(0, r.index(token) - 5):r.index(token)]:  # 'the next venue after': said again
        if other.is_("neighbour") and not other.used and other.first("neighbour").value == plan.offset:
            r.absorb(other, meaning=f"the same as '{token.text}'")
    _rows_named_around(r, token, token)
    return True


def _first_sentence(r: Reader, anchor: Token, token: Token) -> None:
    """'gabon is ranked 32, what ...': the rank the sentence gives its row is a condition too (no row if it is wrong);
    its verb says nothing more."""
    asked = next(t for t in r.tokens[r.index(anchor):r.index(token)] if t.is_("question"))
    clause = r.tokens[r.index(anchor) + 1:r.index(asked)]
    places = [c for c in r.catalogue.of_table(r.table) if rank_like(c) and c.numeric]
    for index, word in enumerate(clause):
        if word.used:
            continue
        if word.is_("number") and not word.is_("year") and index and clause[index - 1].text in PLACE_WORDS | {"is"} \
                and len(places) == 1:
            r.plan.filters.append(Filter(column=r.name(places[0]), op="==", value=word.first("number").value))
            r.use(word, f"the row where {places[0].name} is {word.first('number').value}", "filter")
        elif word.text in PLACE_WORDS or word.text.endswith("ed") and not word.senses or word.is_("function", "relation"):
            r.absorb(word, meaning="what the sentence says of the row")


def steps_before(r: Reader, token: Token) -> list[Token]:
    """'two places behind X': the number and its unit, kept for the neighbour rather than read as a place."""
    unit, count = r.at(r.index(token) - 1), r.at(r.index(token) - 2)
    if unit is None or count is None or unit.text not in STEPS or not count.is_("number"):
        return []
    return [count, unit]


def _the_order(column: Column) -> bool:
    return rank_like(column) or column.role == "id"


def _role_after_became(r: Reader, verb: Token) -> None:
    """'who became commissioner after X': the post the rows held, said before the neighbour."""
    if verb.text in ("became", "become"):
        role = r.at(r.index(verb) + 1)
        if role is not None and not role.used and role.text.isalpha() and (not role.senses or role.is_("table", "row")):
            r.absorb(role, meaning="the post each row held")


def _post_held(r: Reader, token: Token) -> None:
    """'who held the post before X', 'who took office after X': the post is what every row held."""
    for index in range(max(0, r.index(token) - 3), r.index(token)):
        word = r.tokens[index]
        before = r.at(index - 1)
        if word.text in POSTS and not word.used and before is not None and before.text in ("the", "held", "took", "hold"):
            r.absorb(word, meaning="the post every row held")
            verb = before if before.text != "the" else r.at(index - 2)
            if verb is not None and verb.text in ("held", "took", "hold", "take") and not verb.used:
                r.absorb(verb, meaning="the post every row held")


def _rows_named_around(r: Reader, token: Token, anchor: Token) -> None:
    """'the pillow pal listed after clover', 'which all-time player is after X', 'before the chicago rush game': in a
    table named only 'table', words of no meaning right before the neighbour (after 'the' or 'which') or right after
    the row named are what its rows are called."""
    if not r.generic:
        return
    after = r.at(r.index(anchor) + 1)
    if after is not None and not after.used and not after.senses and after.text.isalpha() and len(after.text) > 2 \
            and r.at(r.index(after) + 1) is None:
        r.absorb(after, meaning=f"what the rows of {r.table} are")  # 'the chicago rush game'
    at = r.index(token) - 1
    while at >= 0 and (r.tokens[at].used or r.tokens[at].text in ("listed", "is", "was", "directly", "right")):
        at -= 1
    nouns = []
    while at >= 0 and not r.tokens[at].used and not r.tokens[at].senses and r.tokens[at].text.replace("-", "").isalpha():
        nouns.insert(0, r.tokens[at])
        at -= 1
    if nouns and len(nouns) <= 3 and at >= 0 and r.tokens[at].text in ROW_BEFORE:
        r.absorb(*nouns, meaning=f"what the rows of {r.table} are")


def _order_named(r: Reader, anchor: Token) -> Column | None:
    """'below jo vonlanthen in the grid', 'after austria in rank': the neighbour in a column of numbers' order, where
    the table's own order would give another row."""
    at = r.index(anchor) + 1
    if r.at(at) is None or r.at(at).text not in ("in", "on"):
        return None
    words = [r.at(at)]
    if r.at(at + 1) is not None and r.at(at + 1).text == "the":
        words.append(r.at(at + 1))
    named = r.at(r.index(words[-1]) + 1)
    if named is None or named.used:
        return None
    columns = [c for c in r.columns_of(named) if c.table == r.table and c.dtype.is_numeric()]
    if len(columns) != 1:
        return None
    r.absorb(*words, meaning="in the order of")
    r.use(named, f"the order: {columns[0].name}", "order")
    # a table listed by another column is read both ways: the same answer is given, different ones asked back
    # ('below jo vonlanthen in the grid' in a table of the finish, 16th on the grid)
    return columns[0] if r.choose([f"in the order of {columns[0].name}", "in the table's order"]) == 0 else None
