"""Spans of years: a cell '1997–2006', or a start and an end ('Took office', 'Left office'; two dates), read as a
column of lengths in years for 'how long did X serve', 'who served the longest' and 'how many held office for more
than 5 years'; the rows' first year to their last for 'how long was his career'. A span still going has no length,
seasons ('2003–04') are no spans, and 'how long did it take' is a time, never a span."""

from __future__ import annotations

import datetime as dt

import polars as pl

from etl_core.chat import answer_question
from etl_core.chat.prepare import prepare

CAPTAINS = pl.DataFrame({
    "Captain": ["Tait", "Ashby", "Mallory", "Rourke", "Menon"],
    "Span": ["1955–1958", "1958-1961", "1954", "1997–2006", "2022–"],
    "Tests": [14, 12, 3, 47, 18],
})
MAYORS = pl.DataFrame({
    "Name": ["Pennington", "Briggs", "Little", "Ashdown", "Little", "Hale"],
    "Took office": [1946, 1952, 1961, 1963, 1975, 2021],
    "Left office": ["1952", "1961", "1963", "1975", "1976", "Incumbent"],
    "Party": ["Liberal", "Labour", "Labour", "Labour", "Conservative", "Green"],
})
BOARD = pl.DataFrame({
    "Member": ["Kimble", "Voss", "Grange"],
    "From": [dt.date(1961, 7, 1), dt.date(1966, 3, 12), dt.date(1980, 2, 1)],
    "To": [dt.date(1973, 6, 30), dt.date(1974, 3, 12), dt.date(1981, 1, 31)],
})
ALBUMS = pl.DataFrame({
    "Year": [1989, 1991, 1995, 2001, 2020],
    "Title": ["Northern Line", "The Long Quiet", "Harbour", "Paper Lanterns", "Best Of"],
    "Label": ["Parlophone", "Parlophone", "Parlophone", "Domino", "Domino"],
})


def ask(question: str, frame: pl.DataFrame):
    return answer_question(question, {"table": frame})


def test_spans_gain_a_column_of_lengths_and_say_so():
    prepared = prepare(CAPTAINS)
    assert prepared.frame["Years (Span)"].to_list() == [3, 3, 0, 9, None]  # a single year is 0; still going, none
    assert any("'Span' holds spans of years" in n for n in prepared.notes)
    mayors = prepare(MAYORS)
    assert mayors.frame["Years (Took office–Left office)"].to_list() == [6, 9, 2, 12, 1, None]


def test_two_dates_span_whole_years():
    """Completed anniversaries: 1 July 1961 to 30 June 1973 is 11 years, a day short of 12."""
    assert prepare(BOARD).frame["Years (From–To)"].to_list() == [11, 8, 0]


def test_seasons_years_and_a_tables_own_count_are_not_spans():
    seasons = pl.DataFrame({"Season": ["2001–02", "2002–03", "2003–04"], "Club": ["A", "A", "B"], "Apps": [3, 4, 5]})
    years = pl.DataFrame({"Built": ["1930", "1931", "1935–1936", "1940"], "Name": list("abcd")})
    counted = pl.DataFrame({"Tenure": ["1901–1905", "1906–1908"], "Coach": ["A", "B"], "Years": [5, 3]})
    for frame in (seasons, years, counted):
        assert not [c for c in prepare(frame).frame.columns if c.startswith("Years (")]
    assert ask("how long was A coach?", counted).value is None or ask("how long was A coach?", counted).value != 4


def test_how_long_answers_in_years_and_how_many_years_with_the_number():
    assert ask("how long was Rourke captain?", CAPTAINS).value == "9 years"
    assert ask("how many years was Briggs in office", MAYORS).value == 9
    assert ask("how long did Ashdown serve as mayor?", MAYORS).value == "12 years"
    assert ask("how long was Voss on the board?", BOARD).value == "8 years"


def test_a_person_on_two_rows_served_both_terms():
    assert ask("how many years did Little serve?", MAYORS).value == 3
    assert ask("how many people held office for at least 2 years?", MAYORS).value == 4  # Little once, not twice


def test_lengths_rank_average_and_count():
    assert ask("who served the longest?", MAYORS).value == "Ashdown"
    assert ask("which captain had the shortest tenure", CAPTAINS).value == "Mallory"
    assert ask("what was the average length of a mayor's term, in years?", MAYORS).value == 6  # 30 / 5, Hale left out
    assert ask("how many captains led the side for more than 2 years?", CAPTAINS).value == 3


def test_a_span_still_going_has_no_length():
    answer = ask("how long has Menon been captain?", CAPTAINS)
    assert answer.value is None and "ended" in answer.text
    assert ask("how long has Hale been mayor?", MAYORS).value is None


def test_the_rows_first_year_to_their_last():
    assert ask("how long were they on parlophone", ALBUMS).value == "6 years"  # not the title 'The Long Quiet'
    assert ask("how many years does the table cover?", ALBUMS).value == 31
    assert ask("how long is the period between the first and last album?", ALBUMS).value == "31 years"


def test_a_time_taken_or_a_span_to_today_is_no_range_of_years():
    assert ask("how long did it take them to release Harbour?", ALBUMS).value is None
    assert ask("how long has it been since Harbour was released?", ALBUMS).value is None
