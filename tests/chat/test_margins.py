"""Results written as two numbers in one cell ('3–1', 'W 24–17', '2–2 (4–3 p)'): the gap between them read as a
column of margins beside the results, for 'the biggest margin', 'the goal difference on X' and 'how many ended level';
a 'Record' of wins and losses, a 'Season' '2003–04' and a date '12-08' are not results."""

from __future__ import annotations

import polars as pl

from etl_core.chat import answer_question
from etl_core.chat.prepare import prepare

SEASON = pl.DataFrame({
    "Date": ["12-08", "19-08", "26-08", "02-09", "09-09"],
    "Opponent": ["Millbrook", "Castleford", "Dunmore", "Brackley", "Oakhampton"],
    "Result F–A": ["2–0", "1–1", "3–2 (aet)", "0–3", "5–0"],
    "Record": ["1–0", "1–0–1", "2–0–1", "2–1–1", "3–1–1"],
    "Season": ["2003–04"] * 5,
    "Attendance": [8412, 5930, 7856, 11204, 6010],
})
SCHEDULE = pl.DataFrame({
    "Week": [1, 2, 3, 4],
    "Opponent": ["at Chicago Bears", "Detroit Lions", "Tampa Bay Buccaneers", "at Kansas City Chiefs"],
    "Result": ["W 24–17", "L 10–13", "T 20–20 (OT)", "W 38–13"],
    "Game site": ["Soldier Field", "Lakeside", "Lakeside", "Arrowhead"],
    "Attendance": [61214, 66902, 66415, 73611],
})
CUP = pl.DataFrame({
    "Home team": ["Ashbury Town", "Port Marlow", "Saltmarsh City", "Carrow Park"],
    "Score": ["3–1", "0 : 2", "2–2 (4–3 p)", "1–2 (aet)"],
    "Away team": ["Kelso Rovers", "Redcliffe United", "Highgate Albion", "Westmere"],
})


def ask(question: str, frame: pl.DataFrame):
    return answer_question(question, {"table": frame})


def test_a_column_of_results_gains_its_margins_and_says_so():
    prepared = prepare(SEASON)
    assert prepared.frame["Margin (Result F–A)"].to_list() == [2, 0, 1, 3, 5]
    assert "Margin (Record)" not in prepared.frame.columns and "Margin (Season)" not in prepared.frame.columns
    assert "Margin (Date)" not in prepared.frame.columns
    assert any("Result F–A" in note and "Margin (Result F–A)" in note for note in prepared.notes)
    assert prepare(CUP).frame["Margin (Score)"].to_list() == [2, 2, 0, 1]  # the shoot-out in brackets aside


def test_the_biggest_margin_and_the_goal_difference_of_one_game():
    assert ask("what was the largest margin of victory?", SEASON).value == 5
    assert ask("what was the largest difference in goals scored in any game?", SEASON).value == 5
    assert ask("what was the goal difference against brackley?", SEASON).value == 3
    assert ask("what was the difference in score between the two teams against dunmore?", SEASON).value == 1
    assert ask("in how many games was the difference 2 or more?", SEASON).value == 3
    assert ask("what was the point differential against the detroit lions?", SCHEDULE).value == 3
    assert ask("which opponent did they beat by the most points?", SCHEDULE).value == "at Kansas City Chiefs"


def test_a_difference_between_two_rows_named_is_still_theirs():
    answer = ask("what is the difference in attendance between millbrook and castleford?", SEASON)
    assert answer.value == 8412 - 5930


def test_level_results_are_the_draws():
    assert ask("how many games ended level?", SEASON).value == 1
    assert ask("how many games ended in a tie?", SCHEDULE).value == 1
    assert ask("which home sides drew?", CUP).value == "Saltmarsh City"


def test_two_sides_of_one_match_are_never_the_rows_of_either():
    answer = ask("what was the score when kelso rovers played westmere?", CUP)
    assert answer.value is None and "two sides of one match" in answer.text


def test_the_highest_figure_in_a_single_game_is_the_figure():
    assert ask("what was the highest attendance in a single game?", SCHEDULE).value == 73611
    assert ask("which opponent drew the biggest crowd?", SCHEDULE).value == "at Kansas City Chiefs"  # no draw


def test_a_number_of_years_is_no_year():
    """'more than 5 years' counts the years between taking and leaving office (6, 9, 2), never 'Took office' > 5."""
    mayors = pl.DataFrame({"Name": ["A", "B", "C"], "Took office": [1946, 1952, 1961], "Left office": [1952, 1961, 1963]})
    assert ask("how many mayors held office for more than 5 years?", mayors).value == 2
    assert ask("how many mayors held office for more than 10 years?", mayors).value == 0
    assert ask("how many mayors took office after 1950?", mayors).value == 2
