"""A name written as part of cells ('edmonton eskimos' in 'at Edmonton Eskimos', 'boise' in 'Bronco Stadium • Boise,
ID'): the rows of every cell of that one column holding it. A single common word inside a cell ('states' in
'United States') is read as the noun it is, and a noun asked for that no column holds is not taken for the rows."""

from __future__ import annotations

import polars as pl

from etl_core.chat import answer_question

_OPPONENTS = ["at Edmonton Eskimos", "vs. Calgary Stampeders", "vs. Edmonton Eskimos", "at BC Lions",
              "vs. Toronto Argonauts", "at Edmonton Eskimos", "vs. BC Lions", "at Calgary Stampeders",
              "at Hamilton Tiger-Cats", "vs. Ottawa Rough Riders", "at Montreal Alouettes", "vs. Winnipeg Blue Bombers",
              "at Toronto Argonauts", "vs. Hamilton Tiger-Cats", "at Winnipeg Blue Bombers",
              "vs. Montreal Alouettes (Labour Day Classic)"]
_SITES = ["Commonwealth Stadium • Edmonton, AB", "Taylor Field • Regina, SK", "Taylor Field • Regina, SK",
          "Empire Stadium • Vancouver, BC", "Taylor Field • Regina, SK (Labour Day Classic)",
          "Commonwealth Stadium • Edmonton, AB", "Taylor Field • Regina, SK", "McMahon Stadium • Calgary, AB",
          "Ivor Wynne Stadium • Hamilton, ON", "Taylor Field • Regina, SK", "Molson Stadium • Montreal, QC",
          "Taylor Field • Regina, SK", "Exhibition Stadium • Toronto, ON", "Taylor Field • Regina, SK",
          "Winnipeg Stadium • Winnipeg, MB", "Taylor Field • Regina, SK (Banjo Bowl)"]
SEASON = {"table": pl.DataFrame({
    "Week": list(range(1, 17)), "Opponent": _OPPONENTS, "Site": _SITES,
    "Attendance": [28420, 22000, 23150, 30100, 24800, 27300, 21900, 26050,
                   19800, 20500, 18700, 22400, 25100, 21300, 24600, 23900],
})}


def test_a_name_inside_cells_keeps_every_row_that_holds_it():
    answer = answer_question("how many times was the opponent the edmonton eskimos?", SEASON)
    assert answer.value == 3
    assert any("at Edmonton Eskimos" in chip.meaning and "vs. Edmonton Eskimos" in chip.meaning
               for chip in answer.reading)  # each cell it stands in is said
    # the long cell with a note is found too, not only the short ones
    assert answer_question("what was the total attendance against the montreal alouettes?", SEASON).value == 18700 + 23900
    # 'at' beside 'at Montreal Alouettes' and 'vs. Montreal Alouettes': the away game only
    assert answer_question("what was the attendance when they played at montreal alouettes?", SEASON).value == 18700
    # the home city stands in a quarter of the sites or more: a word that common names none of them
    assert answer_question("how many games were played in regina?", SEASON).value is None
    assert answer_question("what was the total attendance against the bc lions?", SEASON).value == 30100 + 21900


def test_a_name_in_two_columns_is_not_guessed():
    answer = answer_question("how many games were in edmonton?", SEASON)  # Opponent and Site both hold it
    assert answer.value is None


def test_a_common_word_inside_a_cell_is_read_as_the_noun():
    qualifiers = {"table": pl.DataFrame({
        "Nation": ["United States", "Canada", "Mexico", "Jamaica", "Haiti", "Cuba"],
        "Qualification": ["Group A winner", None, "Group B winner", None, None, "Playoff"],
    })}
    assert answer_question("how many states have no qualification?", qualifiers).value == 3
    songs = {"table": pl.DataFrame({
        "#": [1, 2, 3, 4], "Title": ["Open Road", "Love Songs", "Night Train", "Lanterns"],
        "Label": ["Rock Records", "Rock Records", "Blue Note", "Rock Records"],
    })}
    assert answer_question("what is the number of songs on rock records?", songs).value == 3


def test_the_noun_asked_for_is_not_the_rows_when_a_later_clause_names_the_answer():
    events = {"table": pl.DataFrame({
        "Event": ["Heartbreak (2002)", "Payback (2002)", "Live event", "Street Fight (2007)", "Homecoming"],
        "Location": ["Wilson, North Carolina", "Graham, North Carolina", "Greensboro, North Carolina",
                     "Burlington, North Carolina", "Burlington, North Carolina"],
    })}
    answer = answer_question("aside from burlington, what were the other cities in which events were held?", events)
    assert answer.value is None and "cities" in answer.text


def test_two_words_for_one_figure_are_one_measure():
    races = {"races": pl.DataFrame({
        "Pos": [1, 2, 3], "Drivers": ["Phil Hill / Mike Spence", "Jim Clark / Peter Arundell", "Jo Siffert"],
        "Laps": [100, 98, 45],
    })}
    answer = answer_question("what position did jim clark finish in?", races)
    assert answer.value == 2 and len(answer.plan.measures) == 1


def test_a_noun_for_the_rows_of_a_named_table_is_asked_back_and_choosing_it_counts_them():
    schedule = {"schedule": SEASON["table"]}
    asked = answer_question("how many games were played against the bc lions?", schedule)
    assert asked.value is None and "games" in asked.text and len(asked.alternatives) == 1
    assert answer_question("1", schedule, choices=asked.alternatives).value == 2
