"""Days written as text ('Sat., Nov. 3', '27-Jan-68', '16–21 January'): named in words, they are the cells they mean;
a month asked of several years is asked back; a row compared with an empty cell is no answer."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from etl_core.chat import answer_question
from etl_core.chat.day_text import Day, read_day

GAMES = {"table": pl.DataFrame({
    "Game": [1, 2, 3, 4, 5, 6],
    "Date": ["Sat., Oct. 27", "Fri., Nov. 2", "Sat., Nov. 3", "Wed., Dec. 19", "Sat., Dec. 22", "Wed., Jan. 2"],
    "Opponent": ["Comets", "Pilots", "Stampede", "Hawks", "Pilots", "Comets"],
    "Attendance": [18203, 15112, 17640, 16050, 18900, 17320],
    "Top scorer": ["Hale", "Okafor", "Hale", "Reyes", "Okafor", "Hale"],
})}


@pytest.mark.parametrize(("text", "day"), [
    ("Sat., Nov. 3", Day(11, 3)),
    ("14 March 1991", Day(3, 14, 1991)),
    ("27-Jan-68", Day(1, 27, 1968)),
    ("August 30, 2008 – 18:00", Day(8, 30, 2008)),
    ("16–21 January", Day(1, 16, None, 21)),
    ("28 February – 4 March 2009", Day(2, 28, 2009, 4, 3)),
    ("March 1991", Day(3, None, 1991)),
    ("Ferrari 330 P2", None),
    ("2 (5 broadcasts)", None),
])
def test_a_day_is_read_from_the_ways_pages_write_it(text, day):
    assert read_day(text) == day


def test_a_month_named_is_the_days_in_it():
    assert answer_question("how many games were played in november?", GAMES).value == 2
    assert answer_question("how many games in the month of december?", GAMES).value == 2
    assert answer_question("how many games did they play in december and january?", GAMES).value == 3
    assert answer_question("total attendance in november", GAMES).value == 15112 + 17640


def test_a_day_named_is_its_row_and_its_neighbours():
    assert answer_question("what was the attendance on november 3rd?", GAMES).value == 17640
    assert answer_question("who did they play on the 19th of december?", GAMES).value == "Hawks"
    assert answer_question("how many games were played on december 22?", GAMES).value == 1
    assert answer_question("what was the opponent after the pilots on december 22?", GAMES).value == "Comets"


def test_a_month_with_no_game_counts_none_but_a_year_the_table_does_not_write_is_no_answer():
    assert answer_question("how many games were played in september?", GAMES).value == 0
    assert answer_question("how many games were played in january 2015?", GAMES).value is None


def test_a_span_of_days_holds_each_of_its_days_and_both_its_months():
    races = {"table": pl.DataFrame({"Date": ["16–21 January", "28 February – 4 March", "9 March"],
                                    "Race": ["Southern Hills", "Corniche", "Leie"],
                                    "Winner": ["Reid", "Marchetti", "Van Hecke"]})}
    assert answer_question("which race was on 18 january?", races).value == "Southern Hills"
    assert answer_question("how many races were held in march?", races).value == 2
    assert answer_question("how many races were held in february?", races).value == 1


def test_a_year_named_on_days_written_with_years():
    matches = {"table": pl.DataFrame({"Date": ["August 30, 2008 – 18:00", "December 6, 2008 – 15:30",
                                               "March 14, 2009 – 15:30"], "Opponent": ["A", "B", "C"]})}
    assert answer_question("how many matches were played in 2008?", matches).value == 2
    assert answer_question("who did they play on march 14, 2009?", matches).value == "C"


def test_a_month_without_a_year_over_several_years_is_asked_back():
    singles = {"table": pl.DataFrame({
        "Title": ["A", "B", "C", "D"],
        "Released": [dt.date(1990, 3, 5), dt.date(1991, 3, 14), dt.date(1991, 6, 29), dt.date(1992, 3, 2)]})}
    asked = answer_question("how many singles came out in march?", singles)
    assert asked.value is None and [a.label for a in asked.alternatives] == [
        "number of rows where Released in March 1992", "number of rows where month is March"]
    assert answer_question("the second one", singles, choices=asked.alternatives).value == 3
    assert answer_question("which single came out on 14 march 1991?", singles).value == "B"


def test_the_same_as_an_empty_cell_is_no_answer():
    games = {"table": pl.DataFrame({"Date": ["August 3", "August 4", "August 11"], "Save": [None, None, None],
                                    "Loss": ["Ray", "Cole", "Ray"]})}
    declined = answer_question("did august 3rd have the same save as august 11?", games)
    assert declined.value is None and "August 11 has no Save" in declined.text


def test_numbers_down_the_rows_are_the_rows_own_and_a_column_named_like_the_table_answers_which():
    tours = {"table": pl.DataFrame({"Tour": [1, 2, 3, 4, 5], "Date": ["January 8", "January 15", "March 5",
                                                                      "April 23", "May 1"],
                                    "Winner": ["Lee", "Lin", "Lee", "Tan", "Lin"]})}
    assert answer_question("how many tours took place during january?", tours).value == 2
    races = {"races": pl.DataFrame({"Race": ["Southern Hills", "Corniche"], "Winner": ["Reid", "Marchetti"]})}
    assert answer_question("which race did marchetti win?", races).value == "Corniche"


SEASON_2005 = {"table": pl.DataFrame({
    "Date": ["Sat., Feb. 26, 2005", "Sat., Mar. 5, 2005", "Sun., Mar. 13, 2005", "Sat., Apr. 2, 2005"],
    "Opponent": ["Ashford", "Barrow", "Castle", "Dunmore"], "Result": ["W 3-1", "L 0-2", "W 2-0", "W 1-0"]})}


def test_a_count_bounded_by_a_day():
    """'how many wins before march 14, 2005': the days before it, on text days and on real dates alike; 'who did they
    play after march 5, 2005' is the row beside that day, never every later game."""
    assert answer_question("how many games were played before march 6, 2005?", SEASON_2005).value == 2
    assert answer_question("how many wins before march 14, 2005?", SEASON_2005).value == 2
    assert answer_question("how many games were played since march 13, 2005?", SEASON_2005).value == 2
    assert answer_question("who did they play after march 5, 2005?", SEASON_2005).value == "Castle"
    dated = {"table": SEASON_2005["table"].with_columns(pl.Series("Date", [dt.date(2005, 2, 26), dt.date(2005, 3, 5),
                                                                          dt.date(2005, 3, 13), dt.date(2005, 4, 2)]))}
    assert answer_question("how many wins did they have before march 4, 2005?", dated).value == 1
    assert answer_question("how many games were played after march 5, 2005?", dated).value == 2
