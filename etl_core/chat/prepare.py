"""Tables made ready to ask about: numbers, durations and dates written as text read as such, a totals row set aside.

The data sources page offers '$1,250.50' and '12%' as numbers for the analyst to accept; a question
about a total cannot wait for that, so the chat reads them as numbers, says so, and leaves the
stored source as it is. Exported tables often carry a row of totals ('Total', 'All'): summed again
it would count everything twice, so it is left out when its numbers are the sums of the rows above.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import polars as pl

from etl_core.inference import (
    PLACEHOLDERS,
    SAMPLE,
    WORDS_SHARE,
    apply_types,
    duration_expr,
    duration_formats,
    infer,
    loose_number_expr,
    loose_numbers,
    margin_expr,
    margin_name,
    pair_length_expr,
    score_pairs,
    span_length_expr,
    span_name,
    start_end_pairs,
    word_cells,
    year_spans,
)
from etl_core.quantities import canonical_unit, place_columns, place_expr, place_name, unit_number_expr, unit_numbers, unit_pairs

TOTAL_LABELS = {"total", "totals", "grand total", "all", "overall", "sum", "total:", "totals:"}


@dataclass
class Prepared:
    frame: pl.DataFrame
    notes: list[str]  # how its text was read, for the answer's notes
    written: dict[str, str] = field(default_factory=dict)  # durations read as seconds: how they are written
    units: dict[str, str] = field(default_factory=dict)  # figures read from cells with a unit ('3,465 ft'): the unit


def prepare(frame: pl.DataFrame) -> Prepared:
    """The frame with text columns of numbers, durations or dates converted, a totals row dropped, a note for each."""
    notes: list[str] = []
    written: dict[str, str] = {}
    units: dict[str, str] = {}
    read: list[str] = []  # columns read as numbers from text here
    if pl.String in frame.schema.dtypes():
        written = {n: f for n, f in duration_formats(frame.head(SAMPLE), skip=[]).items()
                     if _all_read(frame, n, duration_expr(n))}
        notes += [f"'{name}' holds durations ({frame[name].drop_nulls().first()}); read as seconds to compare, sum and "
                  f"rank, and shown as written." + _words_note(frame, name) for name in written]
        if written:
            frame = frame.with_columns(duration_expr(n) for n in written)
        found = infer(frame.head(SAMPLE), skip=[])
        numbers = {**found.numbers, **found.suggestions}
        loose = _checked(frame, loose_numbers(frame.head(SAMPLE), skip=[*numbers, *found.date_formats]))
        notes += [f"'{name}' is written as text ({frame[name].drop_nulls().first()}); read as numbers to answer."
                  + _words_note(frame, name) for name in [*numbers, *loose]]
        notes += [f"'{name}' is written as text ({frame[name].drop_nulls().first()}); read as dates ({fmt})."
                  for name, fmt in found.date_formats.items()]
        if numbers or found.date_formats:
            frame = apply_types(frame.lazy(), numbers, found.date_formats).collect()
        if loose:
            frame = frame.with_columns(loose_number_expr(n, s) for n, s in loose.items())
        done = [*numbers, *found.date_formats, *loose]
        frame, units, paired = _two_units(frame, done)
        notes += paired
        single = unit_numbers(frame.head(SAMPLE), skip=[*done, *units])
        single = {n: u for n, u in single.items() if _all_read(frame, n, unit_number_expr(n))}
        notes += [f"'{name}' holds numbers with a unit ({frame[name].drop_nulls().first()}); read as the number of {unit}."
                  + _words_note(frame, name) for name, unit in single.items()]
        if single:
            frame = frame.with_columns(unit_number_expr(n) for n in single)
        units |= {n: canonical_unit(u) for n, u in single.items() if canonical_unit(u)}
        read = [*numbers, *loose, *single, *units]
        frame, paired = _score_pairs(frame)
        notes += paired
    frame, spans = _span_lengths(frame)
    notes += spans
    frame, places = _places(frame)
    notes += places
    frame, continued = _continued_years(frame)
    notes += continued
    whole = [n for n, d in frame.schema.items() if d == pl.Float64 and n not in written and _whole(frame[n], n in read)]
    if whole:  # '1', 'Ret' read from text, and '1.', '2.' numbering rows: whole numbers stay whole (not 1.0)
        frame = frame.with_columns(pl.col(n).cast(pl.Int64) for n in whole)
    text = [n for n, d in frame.schema.items() if d == pl.String]
    if text:  # '', '—', 'n/a': nothing written, so 'clubs with no nickname' finds them
        frame = frame.with_columns(pl.when(_blank(n)).then(None).otherwise(pl.col(n)).alias(n) for n in text)
    frame, dropped = _without_totals(frame)
    return Prepared(frame, notes + dropped, written, units)


def _two_units(frame: pl.DataFrame, skip: list[str]) -> tuple[pl.DataFrame, dict[str, str], list[str]]:
    """Figures given in two units in each cell ('90 metres (295 ft)'): the first unit's number stays in the column,
    the second's gets a column of its own ('Height (ft)'); 'taller than 200 ft' and '60 m tall' each read theirs."""
    pairs = {n: p for n, p in unit_pairs(frame.head(SAMPLE), skip=skip).items() if p.names(n)[1] not in frame.columns
             and all(_all_read(frame, n, e) for e in p.exprs(n))}
    if not pairs:
        return frame, {}, []
    example = {n: frame[n].drop_nulls().first() for n in pairs}
    frame = frame.with_columns(e for n, p in pairs.items() for e in p.exprs(n))
    units = {}
    for name, pair in pairs.items():
        first, second = pair.names(name)
        units[first], units[second] = canonical_unit(pair.first), canonical_unit(pair.second)
    return frame, units, [f"'{n}' gives each figure in two units ({example[n]!r}); read as the number of {p.first}, "
                          f"and '{p.names(n)[1]}' holds the number of {p.second}." for n, p in pairs.items()]


def _whole(values: pl.Series, from_text: bool) -> bool:
    """Whole numbers read from text, or a float column numbering the rows 1, 2, 3 ('1.', '2.' in the file)."""
    kept = values.drop_nulls()
    if kept.is_empty() or not (kept % 1 == 0).all() or kept.abs().max() >= 2**62:
        return False  # a whole number past the integers' range ('94,600,000,000,000,000,000 km') stays a float
    return from_text or kept.n_unique() == kept.len() and kept.min() == 1 and kept.max() == kept.len()


def _checked(frame: pl.DataFrame, loose: dict) -> dict:
    """Only the columns whose every cell reads as a number, an empty one or one of a few cells of words: a sample
    can miss a word further down."""
    return {n: s for n, s in loose.items() if _all_read(frame, n, loose_number_expr(n, s))}


def _all_read(frame: pl.DataFrame, name: str, number: pl.Expr) -> bool:
    """Every cell with a digit reads as a number, and the cells of words are few (a note such as 'Ret', not data)."""
    lost, words, written = frame.select((number.is_null() & ~_blank(name) & ~word_cells(name)).sum().alias("lost"),
                                        word_cells(name).sum().alias("words"), (~_blank(name)).sum().alias("all")).row(0)
    return lost == 0 and words <= WORDS_SHARE * written


def _words_note(frame: pl.DataFrame, name: str) -> str:
    words = frame.filter(word_cells(name))[name].unique(maintain_order=True).head(3).to_list()
    return f" Cells without a number ({', '.join(repr(w) for w in words)}) are read as empty." if words else ""


def _blank(name: str) -> pl.Expr:
    text = pl.col(name).str.strip_chars().str.to_lowercase()
    return text.is_null() | text.is_in(list(PLACEHOLDERS))


def _score_pairs(frame: pl.DataFrame) -> tuple[pl.DataFrame, list[str]]:
    """A column of results ('3–1', 'W 24–17') gains a column of numbers beside it, the gap between its two numbers:
    'the biggest margin', 'the goal difference in the game against X' read it."""
    pairs = [n for n in score_pairs(frame.head(SAMPLE), skip=[]) if margin_name(n) not in frame.columns]
    if not pairs:
        return frame, []
    frame = frame.with_columns(margin_expr(n) for n in pairs)
    return frame, [f"'{n}' holds results written as two numbers ({frame[n].drop_nulls().first()}); the gap between "
                   f"them is read as '{margin_name(n)}'." for n in pairs]


def _span_lengths(frame: pl.DataFrame) -> tuple[pl.DataFrame, list[str]]:
    """Spans of years ('1997–2006') and columns that start and end one ('Took office', 'Left office') gain a column of
    their lengths in years: 'how long did X serve', 'who served the longest' read it. A table that counts the years
    itself ('Years': 5) keeps its own count."""
    if any(_counts_years(n) for n in frame.columns):
        return frame, []
    spans = [n for n in year_spans(frame.head(SAMPLE), skip=[]) if span_name(n) not in frame.columns]
    pairs = [p for p in start_end_pairs(frame) if span_name(*p) not in frame.columns]
    if len(spans) + len(pairs) != 1:
        return frame, []  # none, or several (a term and a career): the words would not say which
    if spans:
        frame = frame.with_columns(span_length_expr(spans[0]))
        return frame, [f"'{spans[0]}' holds spans of years ({frame[spans[0]].drop_nulls().first()}); their lengths are "
                       f"read as '{span_name(spans[0])}' (a span still going has none)."]
    first, second = pairs[0]
    frame = frame.with_columns(pair_length_expr(first, second, frame.schema[first] in (pl.Date, pl.Datetime)))
    return frame, [f"'{first}' and '{second}' start and end a span; its length in whole years is read as "
                   f"'{span_name(first, second)}'."]


def _places(frame: pl.DataFrame) -> tuple[pl.DataFrame, list[str]]:
    """Places written as ordinals ('1st', '15th (q)', 'DNF') gain a column of their numbers beside them ('Position
    (place)'): 'in the top 3', 'her best finish' rank by it, and the answer shows the place as the table writes it."""
    names = [n for n in place_columns(frame.head(SAMPLE), skip=[]) if place_name(n) not in frame.columns
             and _all_places(frame, n)]
    if not names:
        return frame, []
    frame = frame.with_columns(place_expr(n) for n in names)
    return frame, [f"'{n}' holds places written as words ({frame[n].drop_nulls().first()!r}); their numbers are read as "
                   f"'{place_name(n)}' to rank and compare." for n in names]


def _all_places(frame: pl.DataFrame, name: str) -> bool:
    """Every cell with a digit further down is a place too ('=2nd' or 'T1' after the sample: not read, not dropped)."""
    text = pl.col(name).str.strip_chars()
    return frame.select((text.str.contains(r"\d") & place_expr(name).is_null()).sum()).item() == 0


def _continued_years(frame: pl.DataFrame) -> tuple[pl.DataFrame, list[str]]:
    """A career's 'Year' left empty on the rows that continue the year above (a merged cell, as Wikipedia exports it):
    those rows are read as that year, so 'her best finish in 2007' sees them too."""
    names = [n for n in frame.columns if re.fullmatch(r"(?i)\s*(year|season)\s*", n) and frame.height > 2]
    notes = []
    for name in names:
        blank = frame[name].is_null() | (frame[name].cast(pl.String).str.strip_chars() == "")
        if frame[name][0] is None or not blank.any() or blank.sum() > frame.height // 2 or \
                blank[-1] and _sums_above(frame) or not _in_order(frame[name].filter(~blank)):
            continue  # an empty last row of sums is a career total; years out of order leave an empty one unknown
        frame = frame.with_columns(pl.when(blank).then(None).otherwise(pl.col(name)).forward_fill().alias(name))
        notes.append(f"'{name}' is empty on {blank.sum()} rows below a year; they are read as the year above them "
                     "(a merged cell).")
    return frame, notes


def _sums_above(frame: pl.DataFrame) -> bool:
    """The last row's figures are the sums of the rows above it (a totals row without a label)."""
    numbers = [n for n, d in frame.schema.items() if d.is_numeric()]
    rest, last = frame.head(frame.height - 1), frame.row(frame.height - 1, named=True)
    return any(last[n] is not None and rest[n].count() >= 2 and abs(last[n] - (rest[n].sum() or 0)) < 1e-6 for n in numbers)


def _in_order(years: pl.Series) -> bool:
    keys = years.cast(pl.String).str.extract(r"(\d{4})", 1).cast(pl.Int64, strict=False)
    steps = keys.diff().drop_nulls()
    return keys.null_count() == 0 and bool((steps >= 0).all() or (steps <= 0).all())


def _counts_years(name: str) -> bool:
    words = re.findall(r"[a-z]+", name.lower())
    return bool(words) and words[0] in ("years", "yrs") or words[-1:] == ["years"] and len(words) <= 3


def _without_totals(frame: pl.DataFrame) -> tuple[pl.DataFrame, list[str]]:
    """Drop the first or last row when a text cell says 'Total' and a number in it is the sum of the others."""
    numbers = [n for n, d in frame.schema.items() if d.is_numeric()]
    texts = [n for n, d in frame.schema.items() if d == pl.String]
    if frame.height < 3 or not numbers or not texts:
        return frame, []
    for index in (frame.height - 1, 0):
        row = frame.row(index, named=True)
        label = next((row[n] for n in texts if _says_total(row[n])), None)
        if label is None:
            continue
        rest = frame.filter(pl.int_range(pl.len()) != index)
        sums = rest.select(pl.col(numbers).sum()).row(0, named=True)
        if any(row[n] is not None and abs(row[n] - sums[n]) <= 1e-6 * max(1.0, abs(sums[n])) and rest[n].count() >= 2
               for n in numbers) or _covers(row, rest, numbers, sums):
            return rest, [f"The row '{label}' holds the totals of the others; it is left out so nothing counts twice."]
    return frame, []


def _covers(row: dict, rest: pl.DataFrame, numbers: list[str], sums: dict) -> bool:
    """A totals row of a longer list than the one shown (the top 10 of 75 countries): every count in it is at least
    the sum of the rows shown, none of which is negative."""
    counted = [n for n in numbers if rest[n].count() >= 2]
    return bool(counted) and all(row[n] is not None and rest[n].min() >= 0 and row[n] >= sums[n] for n in counted)


def _says_total(cell: object) -> bool:
    """'Total', 'Totals:', 'Grand total', and 'Total (75 NPCs)': the word, with a note after it."""
    text = str(cell or "").strip().lower()
    return text in TOTAL_LABELS or re.match(r"(grand )?totals?\s*[(\[:]", text) is not None


def prepare_tables(tables: dict[str, pl.DataFrame]) -> tuple[dict[str, pl.DataFrame], list[str], dict[str, dict[str, str]],
                                                              dict[str, dict[str, str]]]:
    """Each table prepared; the notes of all; how each table wrote the durations it read, and the units of figures
    read from cells."""
    prepared, notes, written, units = {}, [], {}, {}
    for name, frame in tables.items():
        done = prepare(frame)
        prepared[name], written[name], units[name] = done.frame, done.written, done.units
        notes += done.notes
    return prepared, notes, written, units
