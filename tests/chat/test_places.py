"""Places written as ordinals ('1st', '15th (q)', 'DNF') gain a column of their numbers beside them, read by
conditions on places ('in the top 3', 'from the top 5 on the grid', 'top-10 finishes', '5th or better', 'at least
3rd') and by 'her best finish', which answers the place as the table writes it. A year left empty below another
(a merged cell) is that year."""

from __future__ import annotations

import polars as pl

from etl_core.chat import answer_question
from etl_core.chat.prepare import prepare

CAREER = {"career": pl.DataFrame({
    "Year": [2001, 2002, 2003, 2004, 2005, 2006],
    "Competition": ["Worlds", "Europeans", "Worlds", "Olympics", "Worlds", "Europeans"],
    "Position": ["1st", "4th", "15th (q)", "DNF", "3rd", "2nd"],
})}
INDY = {"indy": pl.DataFrame({"Year": [2001, 2002, 2003, 2004], "Start": ["3rd", "12th", "1st", "8th"],
                              "Finish": ["7th", "2nd", "DNF", "4th"]})}


def test_places_written_as_words_answer_a_top_n_and_a_bound():
    assert answer_question("how many times did she finish in the top 3?", CAREER).value == 3
    assert answer_question("in which years did she finish at least 3rd?", CAREER).value == [2001, 2005, 2006]
    assert answer_question("how many times did she place 4th or better?", CAREER).value == 4
    assert answer_question("how many top-10 finishes did she have?", CAREER).value == 4


def test_of_two_columns_of_places_the_words_say_which():
    assert answer_question("how many times did he finish in the top 5?", INDY).value == 2
    assert answer_question("how many times did he start from the top 5 on the grid?", INDY).value == 2


def test_the_places_stay_as_written_and_the_numbers_are_noted():
    prepared = prepare(CAREER["career"])
    assert prepared.frame["Position"].to_list() == CAREER["career"]["Position"].to_list()
    assert prepared.frame["Position (place)"].to_list() == [1, 4, 15, None, 3, 2]
    assert any("'Position (place)'" in note for note in prepared.notes)
    assert answer_question("what position did she get in 2003?", CAREER).value == "15th (q)"


def test_the_best_finish_is_the_place_as_written_and_a_merged_year_is_the_year_above():
    relay = {"career": pl.DataFrame({"Year": ["2005", None, "2007", None], "Competition": ["Worlds", "Worlds", "Worlds",
                                                                                          "Worlds"],
                                     "Event": ["400 m", "relay", "400 m", "relay"],
                                     "Position": ["11th (sf)", "5th", "6th", "3rd"]})}
    assert answer_question("what was her best finish in 2007?", relay).value == "3rd"
    assert answer_question("what was her worst finish in 2005?", relay).value == "11th (sf)"
    assert answer_question("what was her best finish?", CAREER).value == "1st"
    assert any("merged cell" in note for note in prepare(relay["career"]).notes)


def test_rounds_reached_and_years_out_of_order_are_left_as_they_are():
    slam = {"slam": pl.DataFrame({"Year": [2010, 2010, 2011, 2011, 2012], "Result": ["2nd", "QF", "1st", "SF", "W"]})}
    assert "Result (place)" not in prepare(slam["slam"]).frame.columns  # '2nd' is a round there, not a place
    built = pl.DataFrame({"Building": ["A", "B", "C", "D"], "Year": [1990, None, 1975, 2001]})
    assert prepare(built).frame["Year"].to_list() == [1990, None, 1975, 2001]  # unknown, not the year above
    career = pl.DataFrame({"Season": ["2016", "2017", "2018", None], "Goals": [3, 4, 5, 12]})
    assert prepare(career).frame["Season"].to_list()[-1] is None  # a totals row at the foot stays empty
