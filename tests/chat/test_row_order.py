"""'The last X' read by the table's order and by a date: when the date ties several rows and the last listed is one
of them, the readings agree and the table's order picks; when they name different rows, the question comes back."""

from __future__ import annotations

import datetime as dt

import polars as pl

from etl_core.chat import answer_question

EPISODES = pl.DataFrame({"Title": ["Pilot", "Two", "Finale 1", "Finale 2"],
                         "Aired": [dt.date(2010, 1, 1), dt.date(2010, 1, 8), dt.date(2010, 1, 15), dt.date(2010, 1, 15)]})


def test_a_tie_on_the_date_is_broken_by_the_tables_order():
    answer = answer_question("what was the last episode called?", {"table": EPISODES})
    assert answer.value == "Finale 2"
    assert "2 rows tie by Aired; the one the table lists last is taken." in answer.notes
    assert answer_question("what was the first episode called?", {"table": EPISODES}).value == "Pilot"


def test_a_table_listed_newest_first_asks_which_last_is_meant():
    asked = answer_question("what was the last episode called?", {"table": EPISODES.reverse()})
    assert asked.value is None and len(asked.alternatives) == 2
    assert answer_question("the first one", {"table": EPISODES.reverse()}, choices=asked.alternatives).value == "Pilot"


RESULTS = pl.DataFrame({
    "Date": ["2023-10-01", "2023-10-08", "2023-10-15", "2023-10-22", "2023-11-01", "2023-11-08", "2023-11-15"],
    "Result": ["W 3-1", "W 2-0", "L 0-1", "W 1-0", None, "W 4-0", "L 1-2"],
    "Venue": ["Home", "Away", "Home", "Home", "Home", "Away", "Home"],
})


def test_consecutive_is_the_longest_run_in_the_tables_order():
    table = {"table": RESULTS}
    answer = answer_question("how many consecutive wins did they have?", table)
    assert answer.value == 2  # a blank result (a game not played) neither makes nor breaks a run
    assert answer.text == "The longest run of consecutive rows, in the table's order, where Result starts with W: 2."
    assert answer_question("how many games in a row did they win?", table).value == 2
    assert answer_question("how many consecutive home wins?", table).value == 1
    assert answer_question("how many consecutive wins in october?", table).value == 2
    assert answer_question("how many wins did they have?", table).value == 4


def test_the_longest_streak_asked_by_its_length_and_draws_are_results():
    table = {"table": RESULTS.with_columns(pl.Series("Result", ["W", "W", "D", "D", None, "W", "L"]))}
    assert answer_question("what was the longest winning streak?", table).value == 2
    assert answer_question("most draws in a row?", table).value == 2
    assert answer_question("how many draws did they have?", table).value == 2
    october = answer_question("what is the most consecutive wins in october?", table)
    assert october.value == 2 and "among the rows where Date in October 2023" in october.text


def test_a_tables_own_rank_column_is_read_not_replaced_and_the_noun_after_a_superlative_names_the_rows():
    billionaires = {"table": pl.DataFrame({
        "rank": [1, 2, 3, 4, 4], "personName": ["Musk", "Bezos", "Arnault", "Gates", "Buffett"],
        "finalWorth": [219000, 171000, 158000, 129000, 129000], "selfMade": [True, True, False, True, False]})}
    answer = answer_question("What's the rank of the wealthiest non-self-made billionaire?", billionaires)
    assert answer.value == 3
    assert answer_question("who is the poorest billionaire?", billionaires).value == ["Gates", "Buffett"]  # tied, as listed


def test_a_place_after_finish_is_a_value_and_next_after_says_after_once():
    seasons = {"table": pl.DataFrame({
        "Season": [2001, 2002, 2003, 2004, 2005, 2006],
        "Position": ["3rd", "9th", "1st", "9th", "2nd", "9th"],
        "Town": ["Riverside", "Brentwood", "Oakley", "Riverside", "Antioch", "Brentwood"],
    })}
    assert answer_question("how many times did they finish ninth?", seasons).value == 3
    assert answer_question("how many seasons did they come in 1st?", seasons).value == 1
    # 'the third season' is still the third row
    assert answer_question("what was the position in the third season listed?", seasons).value == "1st"
    assert answer_question("what is the next town after oakley?", seasons).value == "Riverside"


def test_an_open_period_past_the_words_the_year():
    parks = {"table": pl.DataFrame({
        "Park": ["Nuuksio", "Koli", "Hossa", "Sipoonkorpi", "Pallas"], "Established": [1994, 1991, 2017, 2011, 1938],
    })}
    assert answer_question("how many parks were established after the year 2000?", parks).value == 2
    assert answer_question("how many parks were established before the year 1992?", parks).value == 2


def test_before_a_column_and_its_number_compares_the_column():
    games = {"table": pl.DataFrame({"Week": [1, 2, 3, 4, 5, 6, 7], "Attendance": [100, 120, 90, 140, 130, 80, 150]})}
    assert answer_question("how many games were played after week 5?", games).value == 2
    assert answer_question("what was the total attendance before week 3?", games).value == 220


def test_the_next_value_of_a_column_after_one_is_the_next_one_listed_past_its_rows():
    """'the next mission after STS-39' where a mission spans several rows (and some are blank): the next mission
    listed, not the next row's copy of the same one."""
    launches = pl.DataFrame({"Mission": ["STS-8", "STS-39", "STS-39", None, "STS-40", "STS-40", "STS-48"],
                             "Payload": ["G-346", "G-033", "G-034", "G-035", "G-101", "G-102", "G-200"]})
    answer = answer_question("what is the next mission after sts-39?", {"table": launches})
    assert answer.value == "STS-40"
    assert answer_question("what is the mission before sts-40?", {"table": launches}).value == "STS-39"
    assert answer_question("which payload is listed after g-033?", {"table": launches}).value == "G-034", \
        "another column's neighbour is still the next row"


def test_a_neighbour_of_a_row_named_by_two_columns_is_the_row_next_to_it():
    games = pl.DataFrame({"Date": ["August 2", "August 3", "August 4", "August 5"],
                          "Opponent": ["Cubs", "Pirates", "Pirates", "Mets"]})
    assert answer_question("who played previous to the pirates on august 4?", {"table": games}).value == "Pirates"


def test_placed_in_the_top_n_is_a_place_up_to_n():
    results = pl.DataFrame({"Rank": [1, 2, 3, 4, 5, 6], "Athlete": ["A", "B", "C", "D", "E", "F"],
                            "Country": ["China", "Japan", "China", "Korea", "China", "Japan"]})
    assert answer_question("how many athletes from china placed in the top 3?", {"table": results}).value == 2
    assert answer_question("how many athletes finished in the top 5?", {"table": results}).value == 5
    medals = results.with_columns(pl.when(pl.col("Rank") <= 3).then(None).otherwise(pl.col("Rank")).alias("Rank"))
    assert answer_question("how many athletes finished in the top 5?", {"table": medals}).value is None, \
        "the first places are empty (shown as medals): 'the top 5' cannot be read from the ranks"
    assert answer_question("how many from china placed in the top 3?", {"table": results}).value in (2, None), \
        "'from china' is where they are from, never what the rows are called"


def test_name_a_row_after_a_clause_set_aside_asks_for_one():
    reigns = pl.DataFrame({"Wrestler": ["Ana", "Steve", "Bo", "Trevor"], "Days": [100, 400, 30, 641]})
    answer = answer_question("other than bo, name a wrestler that held the title for more than 300 days",
                             {"table": reigns})
    assert answer.value == "Steve", "one is asked for, after a clause set aside: the first listed of those that qualify"
    assert any(c.meaning == "one of them: the first listed" for c in answer.reading)
    assert answer_question("which wrestlers held the title for more than 300 days?", {"table": reigns}).value == \
        ["Steve", "Trevor"]


RANKING = pl.DataFrame({"Rank": [31, 32, 33, 34, 34, 36], "Country": ["Chile", "Gabon", "Gambia", "Ghana", "Latvia", "Peru"],
                        "Score": [71.2, 70.8, 70.1, 69.9, 69.9, 68.0]})
ALBUMS = pl.DataFrame({"Year": [2001, 2004, 2004, 2007], "Album": ["Low Tide", "Harbour", "Ember", "Northbound"]})


def test_a_neighbour_several_rows_on():
    assert answer_question("what country is ranked two places behind chile?", {"table": RANKING}).value == "Gambia"
    assert answer_question("who finished 3 places behind gabon?", {"table": RANKING}).value == "Latvia"


def test_a_row_named_in_a_sentence_before_the_question():
    assert answer_question("gabon is ranked 32, what country is ranked next?", {"table": RANKING}).value == "Gambia"
    wrong_rank = answer_question("gabon is ranked 35, what country is ranked next?", {"table": RANKING})
    assert wrong_rank.value is None  # no row is Gabon ranked 35: no answer, never Gabon's neighbour all the same
    assert answer_question("Harbour came out in 2004. what album came after it?", {"table": ALBUMS}).value == "Ember"


def test_the_row_of_a_year_is_no_span_of_years():
    """'after the 2004 album': the album after one row (two albums are from 2004: no answer), not every later year."""
    assert answer_question("what album came after the 2004 album?", {"table": ALBUMS}).value is None
    assert answer_question("which albums came out after 2004?", {"table": ALBUMS}).value == "Northbound"


MATCHES = pl.DataFrame({"#": [1, 2, 3, 4], "Date": [dt.date(1952, 6, 1), dt.date(1952, 7, 20), dt.date(1952, 7, 25),
                                                    dt.date(1952, 8, 3)],
                        "Opponents": ["Norway", "Poland", "Sweden", "Finland"], "Score": ["2–1", "0–0", "1–3", "4–0"]})


def test_the_row_beside_a_day_named():
    """'the game listed directly above july 25, 1952': the row of that day, then its neighbour; 'who did they play'
    is the opponent."""
    asked = answer_question("who did they play in the game listed directly above july 25, 1952?", {"table": MATCHES})
    assert asked.value == "Poland"
    assert answer_question("what was the score of the game after the game on 20 july 1952?",
                           {"table": MATCHES}).value == "1–3"
    assert answer_question("who did they play after june 2, 1952?", {"table": MATCHES}).value is None  # no game that day


def test_the_top_of_the_list_is_its_first_row_whatever_the_dates_say():
    singles = {"table": pl.DataFrame({"Year": [2004, 1999, 2010], "Title": ["Shine", "Glow", "Ember"],
                                      "Chart": [12, 3, 40]})}
    assert answer_question("what title is listed in the top of the table?", singles).value == "Shine"
    assert answer_question("what title is at the top?", singles).value == "Shine"
    assert answer_question("which title is at the bottom of the list?", singles).value == "Ember"
    assert answer_question("which title was the top chart entry?", singles).value != "Shine"  # a rank, not the order
