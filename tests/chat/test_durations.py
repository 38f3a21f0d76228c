"""Durations written as text ('4:47', '1:54.35', '2:11:34'): compared, ranked and summed as seconds, and shown the
way the table writes them. Tables go through the real loader, as an analyst's upload would."""

from __future__ import annotations

import polars as pl
import pytest

from etl_core.chat import answer_question
from etl_core.inference import duration_text
from etl_core.loaders import read_file

TRACKS = ("No.,Title,Producer,Length\n"
          "1,Intro,Ray,1:05\n2,Undertow,Ray,4:47\n3,Westbound,Kim,5:02\n4,Fever Line,Kim,3:29\n"
          "5,3:15 AM,Ray,4:00\n6,Outro,Lee,2:10\n")
RACE = ("Rank,Name,Country,Time\n"
        "1,Ana,NED,1:54.35\n2,Bea,JPN,1:55.02\n3,Cy,NED,1:55.60\n4,Dee,CAN,1:57.01\n5,Eve,JPN,2:00.12\n,Flo,CAN,DNF\n")
MARATHON = ("Year,Men's winner,Men's time,Women's winner,Women's time\n"
            "2010,Abel,2:08:10,Hana,2:24:01\n2011,Bo,2:11:34,Ida,2:21:40\n2012,Cal,2:06:59,Jo,2:26:12\n")


@pytest.fixture
def load(tmp_path):
    def read(name: str, text: str) -> dict[str, pl.DataFrame]:
        path = tmp_path / f"{name}.csv"
        path.write_text(text, encoding="utf-8")
        return {name: read_file(path).frame.collect()}
    return read


def test_the_longest_and_the_total_are_written_as_the_table_writes_them(load):
    tracks = load("tracks", TRACKS)
    assert answer_question("which track is the longest?", tracks).value == "Westbound"
    assert answer_question("what is the length of the longest track?", tracks).value == "5:02"
    total = answer_question("total length", tracks)
    assert total.value == "20:33" and "20:33" in total.text
    assert answer_question("average length", tracks).value == duration_text((65 + 287 + 302 + 209 + 240 + 130) / 6, "m:ss")
    assert any("durations" in note and "seconds" in note for note in total.notes)


def test_a_duration_or_a_number_of_minutes_compares_in_seconds(load):
    tracks = load("tracks", TRACKS)
    assert answer_question("how many tracks are longer than 3:30", tracks).value == 3  # 3:29 is not
    assert answer_question("how many tracks are less than 4 minutes long?", tracks).value == 3, \
        "4:00 is not less than 4 minutes"
    race = load("race", RACE)
    faster = answer_question("how many times were faster than 1:55.5", race)
    assert faster.value == 2 and "1:55.50" in faster.text
    assert answer_question("were any times slower than two minutes?", race).value is True


def test_fastest_and_best_mean_the_shortest_time_and_a_dnf_has_none(load):
    race = load("race", RACE)
    assert answer_question("who had the fastest time?", race).value == "Ana"
    assert answer_question("who had the slowest time?", race).value == "Eve", "DNF is no time, not the slowest"
    assert answer_question("who had the better time, bea or cy?", race).value == "Bea"


def test_hours_and_minutes_against_times_of_hours(load):
    marathon = load("marathon", MARATHON)
    assert answer_question("in which years was the men's time under 2:09?", marathon).value == [2010, 2012], \
        "'2:09' against marathon times is 2 hours 9 minutes"
    assert answer_question("what is the fastest women's winning time?", marathon).value == "2:21:40", \
        "'women's' says which of the two columns of times"


def test_how_long_it_took_a_named_row_is_the_cell_as_written(load):
    race = load("race", RACE)
    assert answer_question("what was the time of cy?", race).value == "1:55.60"
    assert answer_question("what was the time of flo?", race).value is None, "a DNF has no time to give"


def test_a_title_that_looks_like_a_time_stays_a_title(load):
    tracks = load("tracks", TRACKS)
    assert answer_question("who is the producer of 3:15 am?", tracks).value == "Ray"
    assert answer_question("what is the length of 3:15 am?", tracks).value == "4:00"


def test_seconds_are_written_back_with_their_hours_and_decimals():
    assert duration_text(287, "m:ss") == "4:47"
    assert duration_text(114.345, "m:ss.ff") == "1:54.35"
    assert duration_text(3725, "m:ss") == "1:02:05"
    assert duration_text(7894, "h:mm:ss") == "2:11:34"


def test_a_chart_of_durations_plots_seconds_and_labels_them_as_written(load):
    tracks = load("tracks", TRACKS)
    answer = answer_question("total length by producer", tracks)
    assert answer.value == ["9:52", "8:31", "2:10"]  # Ray 1:05+4:47+4:00, Kim 5:02+3:29, Lee 2:10
    bars = answer.figure.data[0]
    assert list(bars.y) == [592, 511, 130] and list(bars.text) == ["9:52", "8:31", "2:10"]
    assert "seconds" in answer.figure.layout.yaxis.title.text


def test_a_column_of_times_kept_as_plain_seconds_ranks_by_the_fastest():
    heat = {"heat": pl.DataFrame({"Lane": [4, 5, 3], "Name": ["Chocová", "Ruiz", "Lind"], "Time": [31.44, 31.02, 32.10]})}
    assert answer_question("which one was fastest?", heat).value == "Ruiz"
    assert answer_question("who had the slowest time?", heat).value == "Lind"


def test_a_bare_time_beside_two_columns_of_durations_is_not_guessed():
    race = {"race": pl.DataFrame({"Athlete": ["Ito", "Sato", "Kim"], "Ski time": ["59:53.2", "1:01:01.0", "1:02:55.5"],
                                  "Total": ["1:06:55.5", "1:03:01.0", "1:04:10.0"]})}
    assert answer_question("who had the top time?", race).value is None  # the ski time or the total: never guessed
    assert answer_question("who had the fastest ski time?", race).value == "Ito"
