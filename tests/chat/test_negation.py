"""'not' said a few words before what it negates: 'not produced by Max', 'not last elected in Region 5', 'do not have
a runner-up', 'are not ranked' (a blank cell), and where it must not reach."""

from __future__ import annotations

import polars as pl

from etl_core.chat import answer_question

TRACKS = pl.DataFrame({"No.": [1, 2, 3, 4, 5], "Title": ["Intro", "Undertow", "Westbound", "Fever", "Outro"],
                       "Producer": ["Max Ellery", "Jun Park", "Max Ellery", "Lee Moss", "Jun Park"]})


def test_not_before_a_verb_and_its_little_words():
    assert answer_question("how many tracks were not produced by max ellery?", {"table": TRACKS}).value == 3
    assert sorted(answer_question("which tracks were not produced by jun park?", {"table": TRACKS}).value) == \
        ["Fever", "Intro", "Westbound"], "the tracks, never their other producers"


def test_not_before_the_conditions_own_column():
    seats = pl.DataFrame({"Name": ["Ana", "Bo", "Cy", "Di"], "Region": ["North", "South", "North", "East"]})
    assert answer_question("who was not in region north?", {"table": seats}).value == ["Bo", "Di"]


def test_not_having_a_cell_is_an_empty_one():
    finals = pl.DataFrame({"Year": [2001, 2002, 2003, 2004], "Winner": ["A", "B", "C", "D"],
                           "Runner-up": ["B", None, "A", "C"]})
    assert answer_question("how many years do not have a runner-up?", {"table": finals}).value == 1


def test_a_ranking_whose_first_places_are_blank_is_not_read_as_unranked():
    """Wikipedia shows the medal places as pictures: their Rank cells are empty, yet they are ranked."""
    race = pl.DataFrame({"Rank": [None, None, None, 4, 5, None], "Athlete": ["A", "B", "C", "D", "E", "F"]})
    assert answer_question("how many athletes are not ranked?", {"table": race}).value is None
    listed = pl.DataFrame({"Rank": [1, 2, 3, 4, None, None], "Athlete": ["A", "B", "C", "D", "E", "F"]})
    assert answer_question("how many athletes are not ranked?", {"table": listed}).value == 2


def test_not_does_not_reach_across_a_number_to_another_column():
    """'did not finish 56 laps' is about the laps, never rows with an empty Pos."""
    results = pl.DataFrame({"Pos": [1, 2, 3, None], "Driver": ["A", "B", "C", "D"], "Laps": [56, 56, 55, 30]})
    answer = answer_question("how many drivers did not finish 56 laps?", {"table": results})
    assert answer.value in (2, None), answer.text


def test_not_by_someone_leaves_out_the_cells_they_share():
    tracks = pl.DataFrame({"Title": ["A", "B", "C", "D", "E", "F", "G", "H"],
                           "Producer(s)": ["Max Ellery", "Jun Park", "Max Ellery, Jun Park", "Lee Moss", "Jun Park",
                                           "Lee Moss", "Ray Dunn", "Ray Dunn"]})
    assert answer_question("how many tracks were not produced by max ellery?", {"tracks": tracks}).value == 6
