"""Types hidden in text: dates in common formats, and numbers written as text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

import polars as pl

SAMPLE = 500
DATETIME_FORMATS = [
    "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M",
    "%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f",
    "%d/%m/%Y %H:%M:%S", "%m/%d/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%m/%d/%Y %H:%M",
    "%d.%m.%Y %H:%M",
]
DATE_FORMATS = [
    "%Y-%m-%d", "%Y/%m/%d", "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y", "%d-%m-%Y", "%m-%d-%Y",
    "%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%b %d %Y", "%d-%b-%Y", "%d/%m/%y", "%m/%d/%y",
]
_US = re.compile(r"^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$|^[-+]?\d+\.\d+$|^[-+]?\d+$")
_EU = re.compile(r"^[-+]?\d{1,3}(\.\d{3})+(,\d+)?$|^[-+]?\d+,\d+$|^[-+]?\d+$")
_DECORATED = re.compile(r"^\(?[-+]?\s?[$€£¥]?\s?[-+]?[\d.,]+\s?[$€£¥]?\s?%?\)?$")
NumberStyle = Literal["us", "eu"]


@dataclass
class Inferred:
    """What a look at the text columns found."""

    date_formats: dict[str, str] = field(default_factory=dict)
    numbers: dict[str, NumberStyle] = field(default_factory=dict)  # plain numbers: converted
    suggestions: dict[str, NumberStyle] = field(default_factory=dict)  # $, %: offered
    notes: list[str] = field(default_factory=list)


def infer(sample: pl.DataFrame, skip: list[str]) -> Inferred:
    """Inspect a sample's text columns for dates and numbers written as text."""
    found = Inferred()
    for name, dtype in sample.schema.items():
        if dtype != pl.String or name in skip:
            continue
        values = [v.strip() for v in sample[name].drop_nulls().head(SAMPLE).to_list() if v.strip()]
        if not values:
            continue
        date_format = _date_format(values)
        if date_format:
            found.date_formats[name] = date_format
            continue
        style, decorated = _number_style(values)
        if style and decorated:
            found.suggestions[name] = style
        elif style and any(("," in v or "." in v) for v in values):
            found.numbers[name] = style
            found.notes.append(f"'{name}' holds numbers with separators ({values[0]}); read as numbers.")
    return found


# cells that mean 'nothing here' in exported tables
PLACEHOLDERS = {"", "-", "--", "—", "–", "n/a", "na", "?", "none", "null", "tbd", "tba", "…", "..."}
_FOOTNOTE = r"\s*(?:\*+|†+|‡+|\[[^\]]{1,4}\])$"  # '12*', '7†', '1,200[3]'
_MINUS = r"^[−–]\s*"  # '−0.2', '–30': a minus sign typeset as one
_OPEN_END = r"\s*[+=]$"  # '231+' (still held), '7=' (tied): the number
WORDS_SHARE = 0.2  # at most this share of a column of numbers may be words ('Ret', 'Cancelled'): read as empty


def _loosened(value: str) -> str:
    value = re.sub(_FOOTNOTE, "", value.strip())
    return re.sub(_OPEN_END, "", re.sub(_MINUS, "-", value))


def few_words(values: list[str]) -> tuple[list[str], list[str]] | None:
    """The cells with a number and the cells of words, when the words are few enough to be notes
    ('Ret', 'Did not enter') in a column of numbers; None when they are not."""
    words = [v for v in values if _a_note(v)]
    numbers = [v for v in values if not _a_note(v)]
    if len(numbers) < 2 or len(words) > WORDS_SHARE * len(values):
        return None
    return numbers, words


def loose_numbers(sample: pl.DataFrame, skip: list[str]) -> dict[str, NumberStyle]:
    """Text columns that are numbers once placeholders ('—', 'n/a') and a few cells of words ('Ret') are empty,
    footnote marks ('12*', '7[a]') and open ends ('231+', '7=') are dropped and a typeset minus ('−0.2') is read;
    codes with leading zeros stay text. For reading a table, not for storing it."""
    found: dict[str, NumberStyle] = {}
    for name, dtype in sample.schema.items():
        if dtype != pl.String or name in skip:
            continue
        split = few_words([_loosened(v) if len(v) <= LONG_CELL else v for v in sample[name].drop_nulls().to_list()
                            if v.strip().lower() not in PLACEHOLDERS])
        if split is None or any(re.match(r"^-?0\d", v) for v in split[0]):
            continue
        style, _ = _number_style(split[0])
        if style:
            found[name] = style
    return found


NOTE_WORDS = 4  # a cell of this many words is a note even with a number in it ('2012 All-Star Game in Kansas City')


LONG_CELL = 100  # a cell longer than this is text, never a number: the patterns below are not run on it


def _a_note(value: str) -> bool:
    return len(value) > LONG_CELL or not re.search(r"\d", value) or len(re.findall(r"[^\W\d_]{2,}", value)) >= NOTE_WORDS


def _note_expr(text: pl.Expr) -> pl.Expr:
    return (text.str.len_chars() > LONG_CELL) | ~text.str.contains(r"\d") | \
        (text.str.count_matches(r"[^\W\d_]{2,}") >= NOTE_WORDS)


def word_cells(name: str) -> pl.Expr:
    """Cells written without a digit ('Ret', 'Cancelled'), or a sentence ('2012 All-Star Game in Kansas City'): in a
    column of numbers, notes read as empty."""
    text = pl.col(name).str.strip_chars()
    return text.is_not_null() & ~text.str.to_lowercase().is_in(list(PLACEHOLDERS)) & _note_expr(text)


def loose_number_expr(name: str, style: NumberStyle) -> pl.Expr:
    text = pl.col(name).str.strip_chars()
    blank = text.str.to_lowercase().is_in(list(PLACEHOLDERS)) | _note_expr(text)
    cleaned = text.str.replace(_FOOTNOTE, "").str.replace(_MINUS, "-").str.replace(_OPEN_END, "")
    return number_expr(name, style, pl.when(blank).then(None).otherwise(cleaned))


_DURATION = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d\d)(?:\.(\d{1,3}))?$")


def duration_formats(sample: pl.DataFrame, skip: list[str]) -> dict[str, str]:
    """Text columns of durations ('4:47', '1:54.35', '2:11:34'), a few cells of words aside ('DNF'): how they are
    written ('m:ss', 'm:ss.ff', 'h:mm:ss'), to read them as seconds and show results the same way."""
    found: dict[str, str] = {}
    for name, dtype in sample.schema.items():
        if dtype != pl.String or name in skip:
            continue
        split = few_words([v.strip() for v in sample[name].drop_nulls().to_list()
                            if v.strip().lower() not in PLACEHOLDERS])
        matched = [_DURATION.match(v) for v in split[0]] if split is not None else []
        if not matched or not all(matched):
            continue
        hours = any(m.group(1) for m in matched)
        decimals = max(len(m.group(4) or "") for m in matched)
        found[name] = ("h:mm:ss" if hours else "m:ss") + ("." + "f" * decimals if decimals else "")
    return found


def duration_expr(name: str) -> pl.Expr:
    """'1:54.35' -> 114.35 seconds, '2:11:34' -> 7894; anything else empty."""
    parts = pl.col(name).str.strip_chars().str.extract_groups(_DURATION.pattern)
    hours = parts.struct.field("1").cast(pl.Float64, strict=False).fill_null(0)
    minutes, seconds = (parts.struct.field(k).cast(pl.Float64, strict=False) for k in ("2", "3"))
    fraction = ("0." + parts.struct.field("4").fill_null("0")).cast(pl.Float64, strict=False)
    return (hours * 3600 + minutes * 60 + seconds + fraction).alias(name)


def duration_text(seconds: float, shown_as: str) -> str:
    """Seconds written as a column's durations are: 287 as 'm:ss' is '4:47', 114.35 as 'm:ss.ff' is '1:54.35'; an
    hour or more in 'm:ss' gains its hours. Spans of years are written in years: '9 years', '1 year', '6.25 years'."""
    if shown_as == "years":
        amount = round(seconds, 2)
        return f"{amount:g} year" + ("" if amount == 1 else "s")
    decimals = len(shown_as.split(".")[1]) if "." in shown_as else 0
    scale = 10 ** decimals
    total = int(abs(seconds) * scale + 0.5)  # half up, as people round a time
    whole, fraction = divmod(total, scale)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{hours}:{minutes:02d}:{secs:02d}" if hours or shown_as.startswith("h") else f"{minutes}:{secs:02d}"
    if decimals:
        text += f".{fraction:0{decimals}d}"
    return ("-" if seconds < 0 else "") + text


# a match's result in one cell: '3–1', 'W 24–17', '0 : 2', '2–2 (4–3 p)', '1–2 (aet)', '8–7 OT'
_PAIR = re.compile(r"(?is)^(?:(?:[WLTD]|won|lost|drawn?|tied|win|loss)\s+)?(\d{1,3})\s*(?:[–—−-]|\s:\s|:)\s*(\d{1,3})"
                   r"(?:\s*\(.{0,30}|\s+[a-z.][a-z.() ]{0,30})?$")
PAIR_HEADERS = {"score", "scores", "result", "results", "res", "agg", "aggregate", "leg", "final", "ft", "tally", "frames",
                "sets", "match", "fa", "f", "a"}
PAIR_SHARE = 0.8  # of the cells written: the rest are words ('Cancelled', 'w/o') or blank


def score_pairs(sample: pl.DataFrame, skip: list[str]) -> list[str]:
    """Text columns of match results written as two numbers ('3–1', 'W 24–17', '2–2 (4–3 p)'), named as results are
    ('Score', 'Result F–A', 'Agg.'): a 'Record' of wins and losses, a 'Season' '2003–04' or a date '12-08' is not one."""
    found = []
    for name, dtype in sample.schema.items():
        if dtype != pl.String or name in skip or not set(re.findall(r"[a-z]+", name.lower())) & PAIR_HEADERS:
            continue
        cells = [v.strip() for v in sample[name].drop_nulls().to_list() if v.strip().lower() not in PLACEHOLDERS]
        matched = [m for m in map(_PAIR.match, cells) if m]
        if len(cells) >= 2 and len(matched) >= PAIR_SHARE * len(cells) \
                and not all(len(m.group(1)) == 4 for m in matched):  # '1997–2006' is a span of years
            found.append(name)
    return found


def margin_name(name: str) -> str:
    """The column of the gaps in a column of results: named 'margin' (the result's name is a note, in brackets)."""
    return f"Margin ({name})"


def margin_expr(name: str) -> pl.Expr:
    """The gap between a result's two numbers: '3–1' and '1–3' -> 2; a shoot-out in brackets aside ('2–2 (4–3 p)': 0)."""
    parts = pl.col(name).str.strip_chars().str.extract_groups(_PAIR.pattern)
    first, second = (parts.struct.field(k).cast(pl.Int64, strict=False) for k in ("1", "2"))
    return (first - second).abs().alias(margin_name(name))


def _date_format(values: list[str]) -> str | None:
    series = pl.Series(values)
    four_digits = all(re.search(r"(?<!\d)\d{4}(?!\d)", v) for v in values)
    for fmt in DATETIME_FORMATS + DATE_FORMATS:
        if "%Y" in fmt and not four_digits:
            continue  # '08/30/83' is 1983, never the year 83
        parsed = (series.str.to_datetime(fmt, strict=False) if "%H" in fmt
                  else series.str.to_date(fmt, strict=False))
        if parsed.null_count() == 0:
            return fmt
    return None


def _number_style(values: list[str]) -> tuple[NumberStyle | None, bool]:
    """('us' or 'eu', decorated with $ or %) when every value is a number, else (None, False)."""
    if not all(_DECORATED.match(v) for v in values):
        return None, False
    bare = [re.sub(r"[()$€£¥%\s+-]", "", v) for v in values]
    decorated = any(re.search(r"[$€£¥%()]", v) for v in values)
    if all(_US.match(v) for v in bare):
        return "us", decorated
    if all(_EU.match(v) for v in bare):
        return "eu", decorated
    return None, False


def number_expr(name: str, style: NumberStyle, text: pl.Expr | None = None) -> pl.Expr:
    """Text such as '$1,234.50', '(12)', '12%' or '1.234,5 €' as a Float64 (12% is 0.12)."""
    text = pl.col(name).str.strip_chars() if text is None else text
    negative = text.str.starts_with("(") & text.str.ends_with(")") | text.str.contains(r"^[($€£¥\s]*-")
    digits = text.str.replace_all(r"[()$€£¥%\s+-]", "")
    digits = (digits.str.replace_all(",", "") if style == "us"
              else digits.str.replace_all(r"\.", "").str.replace(",", "."))
    value = digits.cast(pl.Float64, strict=False)
    value = pl.when(negative).then(-value).otherwise(value)
    return pl.when(text.str.ends_with("%")).then(value / 100).otherwise(value).alias(name)


def date_expr(name: str, fmt: str) -> pl.Expr:
    column = pl.col(name).str.strip_chars()
    if "%H" in fmt:
        return column.str.to_datetime(fmt, strict=False).alias(name)
    return column.str.to_date(fmt, strict=False).alias(name)


def apply_types(frame: pl.LazyFrame, numbers: dict[str, NumberStyle], dates: dict[str, str]) -> pl.LazyFrame:
    """Convert the chosen columns, in one projection."""
    schema = frame.collect_schema()
    exprs = [number_expr(n, s) for n, s in numbers.items() if schema.get(n) == pl.String]
    exprs += [date_expr(n, f) for n, f in dates.items() if schema.get(n) == pl.String]
    return frame.with_columns(exprs) if exprs else frame


# a length of time in one cell: '1997–2006', '1958-1961', '1954' (within the year), '2009–' and '2022–present' (still going)
_SPAN = re.compile(r"(?i)^(\d{4})\s*(?:[–—−-]\s*(\d{4}|present|now|current|incumbent|date|today)?)?$")
SPAN_SHARE = 0.8  # of the cells written: the rest are notes ('?', 'Died in office') or blank
RANGES_SHARE = 0.5  # of the spans: a 'Year' or 'Built' of single years with a few ranges ('1930–31') holds dates
_SPAN_PREFIX = "Years ("


def year_spans(sample: pl.DataFrame, skip: list[str]) -> list[str]:
    """Text columns of years spanned ('Span' '1997–2006', 'Tenure' '1901–1905'): each row's start and end year in one
    cell. Seasons ('2003–04', '1999–2000': every span one year long) and results are not spans."""
    found = []
    for name, dtype in sample.schema.items():
        words = set(re.findall(r"[a-z]+", name.lower()))
        if dtype != pl.String or name in skip or words & (PAIR_HEADERS | {"season", "seasons", "year", "date", "dates"}):
            continue
        cells = [v.strip() for v in sample[name].drop_nulls().to_list() if v.strip().lower() not in PLACEHOLDERS]
        matched = [m for m in map(_SPAN.match, cells) if m]
        ranges = [m for m in matched if m.group(2) is not None]
        if len(cells) >= 2 and len(matched) >= SPAN_SHARE * len(cells) and len(ranges) >= RANGES_SHARE * len(matched) \
                and any(not m.group(2).isdigit() or int(m.group(2)) - int(m.group(1)) > 1 for m in ranges) \
                and all(not m.group(2).isdigit() or int(m.group(2)) >= int(m.group(1)) for m in ranges):
            found.append(name)
    return found


def span_name(*names: str) -> str:
    """The column of lengths read from spans: 'Years (Span)', 'Years (Took office–Left office)'."""
    return f"{_SPAN_PREFIX}{'–'.join(names)})"


def is_span_length(name: str) -> bool:
    return name.startswith(_SPAN_PREFIX) and name.endswith(")")


def span_length_expr(name: str) -> pl.Expr:
    """'1997–2006' -> 9 years, '1954' -> 0; a span still going ('2009–') or a note has no length."""
    parts = pl.col(name).str.strip_chars().str.extract_groups(_SPAN.pattern)
    start, end = (parts.struct.field(k).cast(pl.Int64, strict=False) for k in ("1", "2"))
    open_ended = pl.col(name).str.strip_chars().str.contains(r"[–—−-]\s*\D*$")
    return pl.when(open_ended).then(None).otherwise(end.fill_null(start) - start).alias(span_name(name))


SPAN_STARTS = {"from", "start", "started", "starts", "began", "begin", "beginning", "took", "joined", "entered", "first",
               "appointed", "opened", "in", "since"}
SPAN_ENDS = {"to", "end", "ended", "ends", "left", "until", "till", "retired", "departed", "last", "closed", "out",
             "ending"}


def start_end_pairs(frame: pl.DataFrame) -> list[tuple[str, str]]:
    """Two columns of years or dates that start and end a span, named as a pair ('Took office' and 'Left office',
    'From' and 'To', 'Start date' and 'End date'), the start before the end."""
    timed = [n for n, d in frame.schema.items() if d in (pl.Date, pl.Datetime) or d.is_numeric() and _years(frame[n])]
    found = []
    for i, first in enumerate(timed):
        for second in timed[i + 1:]:
            a, b = (re.findall(r"[a-z]+", n.lower()) for n in (first, second))
            if a and b and a[0] in SPAN_STARTS | {"year", "date"} and _paired(a, b) \
                    and frame[first].dtype.is_numeric() == frame[second].dtype.is_numeric():
                found.append((first, second))
    return found


def _paired(a: list[str], b: list[str]) -> bool:
    """'took office' / 'left office', 'from' / 'to', 'year started' / 'year ended': the same words but for a start
    word in the first and an end word in the second."""
    starts = [w for w in a if w in SPAN_STARTS]
    ends = [w for w in b if w in SPAN_ENDS]
    return len(starts) == 1 and len(ends) == 1 and [w for w in a if w not in SPAN_STARTS] == [w for w in b if w not in SPAN_ENDS]


def _years(values: pl.Series) -> bool:
    kept = values.drop_nulls()
    return not kept.is_empty() and kept.min() >= 1000 and kept.max() <= 2100 and bool((kept % 1 == 0).all())


def pair_length_expr(first: str, second: str, dates: bool) -> pl.Expr:
    """Years from the start to the end: whole years between two dates (completed anniversaries), else the end year
    minus the start year; none when either is missing or the end comes first."""
    start, end = pl.col(first), pl.col(second)
    if dates:
        day = [d.dt.month().cast(pl.Int32) * 100 + d.dt.day().cast(pl.Int32) for d in (start, end)]  # not Int8: 12 * 100
        before = day[1] < day[0]
        years = end.dt.year().cast(pl.Int64) - start.dt.year().cast(pl.Int64) - before.cast(pl.Int64)
    else:
        years = end.cast(pl.Int64) - start.cast(pl.Int64)
    return pl.when(years >= 0).then(years).otherwise(None).alias(span_name(first, second))
