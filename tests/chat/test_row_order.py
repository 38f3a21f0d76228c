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
