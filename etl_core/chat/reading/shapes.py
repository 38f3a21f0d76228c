"""The question's shape decides the plan: what is X of Y, which X, list the X, and the shapes beside it (how_many.py,
aggregates.py, yes_no.py, superlatives.py, positions.py, compare.py). The first shape that fits builds the plan."""

from __future__ import annotations

from etl_core.chat.plan import Measure, SortKey
from etl_core.chat.reading import compare
from etl_core.chat.reading.aggregates import _compared_measure, _entity_value, _measures
from etl_core.chat.reading.asked import asked_column
from etl_core.chat.reading.conditions import _filters
from etl_core.chat.reading.how_many import _bare_count, _emphasis, _how_many, _total_of_things, groups_meeting
from etl_core.chat.reading.measures import find_measures
from etl_core.chat.reading.positions import neighbour, ordinal
from etl_core.chat.reading.question import Question
from etl_core.chat.reading.row_figures import figure_of_the_row
from etl_core.chat.reading.spans import range_of_years
from etl_core.chat.reading.state import Reader, Unanswerable
from etl_core.chat.reading.superlatives import superlative
from etl_core.chat.reading.two_columns import difference_of_columns
from etl_core.chat.reading.yes_no import _yes_no
from etl_core.chat.tokens import Token


def build(r: Reader, q: Question) -> None:
    """Fill the reader's plan from the question's shape; the conditions left filter its rows."""
    _build(r, q)
    _consecutive(r)
    check_answer_kind(r, q)


RUN_WORDS = {"consecutive", "straight", "streak", "successive"}
LONGEST = {"longest", "most", "biggest", "best", "highest"}


def _run_words(r: Reader) -> list[Token]:
    words = [t for t in r.tokens if not t.used and t.text in RUN_WORDS]
    for index in range(len(r.tokens) - 2):
        if [t.text for t in r.tokens[index:index + 3]] == ["in", "a", "row"] and not r.tokens[index + 2].used:
            words += r.tokens[index:index + 3]
    return words


def _longest_run(r: Reader, q: Question) -> bool:
    """'the longest winning streak', 'the most consecutive wins in October', 'most draws in a row': a run asked for
    by its length; counted as 'how many consecutive' is, the conditions making the run."""
    longest = next((t for t in r.tokens if not t.used and t.text in LONGEST), None)
    if longest is None or not _run_words(r) or not q.conditions or q.kind not in ("what", "which", "none"):
        return False
    r.plan.measures = [Measure(agg="count")]
    r.use(longest, "the longest run", "measure")
    r.absorb(*(t for t in r.tokens if t.text in ("run", "was", "is") and not t.used))
    _filters(r, q)
    return True


def _consecutive(r: Reader) -> None:
    """'how many consecutive wins', 'how many girls in a row', 'the longest winning streak': a count of rows meeting
    the conditions becomes the longest run of them, in the table's order."""
    words = _run_words(r)
    plan = r.plan
    if not words or plan.group_by or plan.intent != "value" or not plan.filters or \
            [(m.agg, m.column) for m in plan.measures] != [("count", None)]:
        return
    plan.streak = True
    unit = r.at(r.index(words[0]) + 1)  # 'consecutive years', 'consecutive seasons': what the rows are
    if unit is not None and not unit.used and (unit.is_("row", "table") or r.columns_of(unit, {"year", "date"})):
        r.absorb(unit, meaning="the rows, one after another")
    r.use(words[0], "the longest run of consecutive rows, in the table's order", "measure")
    r.absorb(*words[1:], *(t for t in r.tokens if t.text in ("longest", "most", "run") and not t.used))


def _build(r: Reader, q: Question) -> None:
    if range_of_years(r, q):
        return
    if compare.two_things(r, q, q.conditions) or difference_of_columns(r, q):
        _filters(r, q)
        return
    phrases = find_measures(r)
    if compare.share(r, q, q.conditions, phrases):
        _filters(r, q)
        return
    if q.kind == "yesno":
        _yes_no(r, q)
        return
    if _longest_run(r, q):
        return
    for rule in (neighbour, superlative, ordinal):
        if rule(r, q):
            _filters(r, q)
            return
    counter = next((t for t in r.tokens if not t.used and t.is_("agg") and t.first("agg").value == "count"
                    and t.text != "count"), None)
    before = r.at(r.index(counter) - 1) if counter is not None else None
    averaged = before is not None and before.is_("agg") and before.first("agg").value not in ("count", "sum")
    if q.kind in ("what", "which", "none", "list") and counter is None and not q.groups:
        counter = _total_of_things(r)
    if q.kind in ("what", "which", "none", "list") and counter is not None and not q.groups and not averaged:
        q.kind, q.word = "how many", counter  # 'what is the total number of titles', 'tell me the number of ...'
        r.absorb(*(t for t in r.tokens[:r.index(counter)] if t.is_("question", "list", "function", "agg")))
    if q.kind == "how many":
        _emphasis(r, q)
    if q.kind == "how many" and _how_many(r, q):
        return
    if _bare_count(r, q) or _any_one(r) is None and groups_meeting(r, q):  # 'name a state listed 4 times': any one of
        return  # several groups, none the answer
    if _entity_value(r, q):
        return
    phrases = find_measures(r) or _compared_measure(r, q)
    if _measures(r, q, phrases):
        return
    if _lookup(r, q):
        return
    raise Unanswerable("I could not tell what to compute.", hint=r.hint())


def check_answer_kind(r: Reader, q: Question) -> None:
    """'which driver', 'who': a name is asked for, never a figure; a figure built for them is a misreading."""
    plan = r.plan
    if plan.test is None:
        _one_row_counted(r)
        _answer_is_its_own_filter(r)
        _each_of_several(r)
        _shared_by_both(r)
    asked = r.column_named(plan.column) if plan.column else None
    if q.kind in ("how many", "how much") and plan.intent in ("pick", "list") and asked is not None and not asked.numeric:
        raise Unanswerable("The question asks how much, but I could only read a name from it.",
                           hint="Ask for the figure by its column, e.g. 'difference in Elevation between A and B'.")
    if plan.test is not None or q.kind not in ("which", "who"):
        return
    if plan.intent in ("value", "table", "count"):
        raise Unanswerable("The question asks which one, but I could only read a figure from it.",
                           hint="Say what decides it, e.g. 'which region has the most revenue'.")


def _one_row_counted(r: Reader) -> None:
    """'how many people live in Bold', 'how many counties does Geis represent': a count over the one row a name
    picks is 1 whatever is asked; the question wants a figure of that row, which the words did not name."""
    plan = r.plan
    if plan.group_by or not plan.measures or any(m.agg not in ("count", "n_unique") or m.combine for m in plan.measures):
        return
    for item in plan.filters:
        column = r.column_named(item.column)
        if item.op == "==" and not isinstance(item.value, list) and column is not None and not column.numeric \
                and r.unique_per_row(column) and (column.table, column.name) not in r.catalogue.days \
                and not figure_of_the_row(r):
            # a name, not a figure that happens to be unique ("211 households"), nor a day ('games on November 17')
            figures = [c.name for c in r.of_role("measure")][:3]
            raise Unanswerable(f"'{item.value}' names one row of {r.table}, so counting in it gives 1; "
                               "I could not tell which of its figures you want.",
                               hint=f"Ask for a column of that row, e.g. '{figures[0]} of {item.value}'." if figures
                               else "Ask for a column of that row by its name.")


def _each_of_several(r: Reader) -> None:
    """'Japan and France each won how many gold medals': a figure for each one named, never their sum."""
    plan = r.plan
    if plan.group_by or not plan.measures or not any(t.text in ("each", "both", "apiece") for t in r.tokens):
        return
    several = next((f for f in plan.filters if f.op == "in" and isinstance(f.value, list) and len(f.value) > 1), None)
    if several is not None:
        what = plan.measures[0].column or "count"
        raise Unanswerable(f"'{' and '.join(map(str, several.value))}' each have their own figure; one number "
                           "would add them up.", hint=f"Ask '{what} by {several.column}' and read each one's row.")


def _shared_by_both(r: Reader) -> None:
    """'li haiqiang and xu deshuai both played which position': the one value the rows named share; when they differ
    there is none to give."""
    plan = r.plan
    both = next((t for t in r.tokens if t.text == "both" and not t.used), None)
    several = any(f.op == "in" and isinstance(f.value, list) and len(f.value) > 1 for f in plan.filters)
    if both is not None and several and plan.intent == "pick" and not plan.order and not plan.offset:
        plan.shared = True
        r.use(both, f"the one {plan.column} they share", "word")


def _answer_is_its_own_filter(r: Reader) -> None:
    """'which person had the position of farmer' read as 'Position where Position is Farmer': an answer that only
    repeats the value the question named is a misreading of what was asked."""
    plan = r.plan
    if plan.intent not in ("pick", "list") or plan.column is None or plan.offset:
        return  # a neighbour is another row
    ranked = bool(plan.order or plan.limit)  # a ranking chooses among several values named
    named = [f for f in plan.filters if f.column == plan.column and (f.op == "==" or f.op == "in" and not ranked)]
    if named and _rows_noun_asked(r):
        return  # 'what was the only game published by electronic arts': the game's name, not its publisher
    if named:
        label, shown = r.label(), named[0].words().split(" is ", 1)[-1]
        raise Unanswerable(f"That would only give back {shown}, what the question names; I could not "
                           "tell what it asks about it.",
                           hint=f"Name the column you want for those rows, e.g. 'the {label.name} where "
                                f"{plan.column} is {shown}'." if label is not None and label.name != plan.column else
                           "Name the column you want.")


def _rows_noun_asked(r: Reader) -> bool:
    """A noun for the rows before the column the answer was taken from ('game', 'track', 'person'): the rows' own
    name is asked; the answer becomes the column that names the rows."""
    plan, label = r.plan, r.label()
    if label is None or label.name == plan.column:
        return False
    first = next((i for i, t in enumerate(r.tokens) if any(r.name(c) == plan.column for c in r.columns_of(t))), None)
    nouns = [t for t in r.tokens[:first] if not t.used and (t.is_("row") or not t.senses and t.text.isalpha()
                                                            and len(t.text) > 2)] if first is not None else []
    if len(nouns) != 1:
        return False
    plan.column = r.name(label)
    plan.context = [c for c in plan.context if c != plan.column]
    r.use(nouns[0], f"a row of {r.table}: its {label.name}", "word")
    return True


def _lookup(r: Reader, q: Question) -> bool:
    """'what is the capacity of X', 'who manages X', 'when was S02 installed', 'which channels appear', 'list the X'."""
    if q.kind not in ("what", "which", "who", "when", "where", "list", "how long", "none"):
        return False
    asked, token = asked_column(r, q)
    if asked is None:
        return False
    plan = r.plan
    if token is not None:
        r.use(token, f"the answer: {asked.name}", "column")
    r.absorb(q.word)
    plan.column = r.name(asked)
    if q.conditions or q.ranges or q.filters:
        plan.intent = "pick"
        plan.context = [c.name for c in (r.label(),) if c is not None and c.name != plan.column]
        one = _any_one(r)
        if one is not None:  # 'name one nation that ...': any will do, so the first listed
            plan.order, plan.row_order, plan.limit = [SortKey(column="@row")], True, 1
            r.use(one, "one of them: the first listed", "limit")
    else:
        plan.intent = "list"
    _filters(r, q)
    return True


def _any_one(r: Reader) -> Token | None:
    """'name one', 'name a', 'give me an', 'tell me one': the question asks for any one of the rows found; also after
    a leading clause already read ('other than yamaha, name a wrestler ...')."""
    start = next((i for i, t in enumerate(r.tokens) if t.text in ("name", "give", "tell", "list")
                  and all(u.used for u in r.tokens[:i])), 0)
    words = [t for t in r.tokens[start:start + 4] if t.text not in ("me", "us")]
    if len(words) >= 2 and words[0].text in ("name", "give", "tell", "list") and words[1].text in ("one", "a", "an", "any") \
            and not words[1].used:
        return words[1]
    return None


def remaining_words(tokens: list[Token]) -> list[str]:
    return [t.text for t in tokens if not t.used and t.content]
