"""A nationality word names the country's rows as the table writes the country: its name, its code alone, or its
code in brackets after a name. A word that fits no column, or two countries, is left unplaced (declined)."""

from __future__ import annotations

import polars as pl

from etl_core.chat import answer_question

MEDALS = {"medals": pl.DataFrame({"Rank": [1, 2, 3, 4], "Nation": ["Russia", "Denmark", "South Korea", "Italy"],
                                  "Gold": [5, 2, 2, 1], "Silver": [6, 2, 1, 3]})}
ROSTER = {"roster": pl.DataFrame({"Player": ["Ames", "Boyd", "Cole", "Dahl"], "Nationality": ["CAN", "USA", "CAN", "SWE"],
                                  "Club": ["Langley Hornets", "Erie Otters", "Kelowna Rockets", "Frolunda"]})}
STAGES = {"stages": pl.DataFrame({"Stage": [1, 2, 3, 4],
                                  "Winner": ["Mario Cipollini (ITA)", "Erik Zabel (GER)", "Mario Cipollini (ITA)",
                                             "Marcel Kittel (GER)"]})}


def test_a_nationality_names_the_country_by_its_name_or_code():
    assert answer_question("how many more silver medals did russian win than denmark?", MEDALS).value == 4
    assert answer_question("how many gold medals did the russians win?", MEDALS).value == 5
    assert answer_question("how many golds did the south koreans take?", MEDALS).value == 2
    assert answer_question("which player has canadian nationality and attended langley hornets?", ROSTER).value == "Ames"
    assert answer_question("how many players are canadian?", ROSTER).value == 2
    assert answer_question("how many players are from canada?", ROSTER).value == 2  # the table writes CAN
    assert answer_question("how many stages did italians win?", STAGES).value == 2


def test_a_nationality_no_column_holds_or_two_countries_share_is_not_guessed():
    assert answer_question("how many players are french?", ROSTER).value is None
    koreas = {"medals": pl.DataFrame({"Nation": ["South Korea", "North Korea"], "Gold": [9, 3]})}
    assert answer_question("how many gold medals did the koreans win?", koreas).value is None


def test_a_code_or_a_word_in_a_column_that_is_not_of_countries_is_no_nationality():
    teams = {"players": pl.DataFrame({"Player": ["A", "B", "C", "D"], "Team": ["DEN", "DEN", "BOS", "LAL"]})}
    assert answer_question("how many players are from denmark?", teams).value is None  # DEN is Denver
    dishes = {"items": pl.DataFrame({"Item": ["A", "B", "C"], "Material": ["China", "Glass", "China"]})}
    assert answer_question("how many chinese items are there?", dishes).value is None  # the dishware
    races = {"races": pl.DataFrame({"Race": ["CAN-AM 1", "US Open", "CAN-AM 2"], "Year": [1970, 1971, 1972]})}
    assert answer_question("how many canadian races are there?", races).value is None
