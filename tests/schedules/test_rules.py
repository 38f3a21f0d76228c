"""Schedule rules: cron the usual way (Sunday = 0), intervals, presets, timezones; bad ones refused in words."""

from __future__ import annotations

import datetime as dt

import pytest

from etl_core import schedules
from etl_core.errors import SpecError

SATURDAY = dt.datetime(2026, 12, 5, 12, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(("expression", "tz", "first_three"), [
    ("0 6 * * 1-5", "UTC", ["Mon 07 06:00", "Tue 08 06:00", "Wed 09 06:00"]),  # weekdays, not APScheduler's Tue-Sat
    ("0 6 * * 0", "UTC", ["Sun 06 06:00", "Sun 13 06:00", "Sun 20 06:00"]),
    ("30 9 * * MON,fri", "UTC", ["Mon 07 09:30", "Fri 11 09:30", "Mon 14 09:30"]),
    ("0 12 * * 5-7", "UTC", ["Sun 06 12:00", "Fri 11 12:00", "Sat 12 12:00"]),
    ("*/20 * * * *", "UTC", ["Sat 05 12:20", "Sat 05 12:40", "Sat 05 13:00"]),
    ("0 0 1 * *", "UTC", ["Fri 01 00:00", "Mon 01 00:00", "Mon 01 00:00"]),
    ("0 6 * * *", "Europe/Berlin", ["Sun 06 06:00", "Mon 07 06:00", "Tue 08 06:00"]),  # local time in the zone
])
def test_cron_fires_when_a_crontab_would(expression, tz, first_three):
    rule = schedules.cron_rule(expression, tz)
    times = schedules.next_runs(rule, 3, now=SATURDAY)
    assert [f"{t.astimezone(dt.UTC if tz == 'UTC' else t.tzinfo):%a %d %H:%M}" for t in times] == first_three


def test_berlin_six_is_five_utc_in_winter():
    (first,) = schedules.next_runs(schedules.cron_rule("0 6 * * *", "Europe/Berlin"), 1, now=SATURDAY)
    assert first.astimezone(dt.UTC).hour == 5


@pytest.mark.parametrize(("expression", "message"), [
    ("61 * * * *", "'61 * * * *' is not a valid cron expression: the minute field '61': the last value (61) is higher "
                   "than the maximum value (59)."),
    ("0 6 * *", "'0 6 * *' is not a valid cron expression: it has 4 fields, not 5."),
    ("0 6 * * 8", "the day of week field '8': a day of week is 0-7 or a name such as mon."),
    ("0 25 * * *", "the hour field '25'"),
    ("0 0 31 2 *", "'0 0 31 2 *' never fires: no date matches it. Check the day of month against the month"),
    ("", "it has 0 fields, not 5"),
])
def test_a_bad_cron_expression_is_refused_clearly(expression, message):
    with pytest.raises(SpecError, match=message.replace("(", r"\(").replace(")", r"\)").replace("*", r"\*")):
        schedules.cron_rule(expression)


def test_a_misspelt_timezone_gets_a_suggestion():
    with pytest.raises(SpecError, match="'Europe/Berlni' is not a timezone. Did you mean 'Europe/Berlin'?"):
        schedules.cron_rule("0 6 * * *", "Europe/Berlni")


@pytest.mark.parametrize(("text", "seconds"), [("30s", 30), ("5m", 300), ("1h", 3600), ("1d", 86400), (" 2 H ", 7200)])
def test_every(text, seconds):
    assert schedules.parse_every(text) == seconds


@pytest.mark.parametrize("text", ["5x", "0s", "-1m", "m", "1.5h", ""])
def test_a_bad_interval_is_refused(text):
    with pytest.raises(SpecError, match="is not an interval. Write a whole number and s, m, h or d"):
        schedules.parse_every(text)


def test_interval_firings_count_from_the_anchor_so_every_process_agrees():
    rule = schedules.every_rule("10s").model_copy(update={"anchor": SATURDAY})
    times = schedules.next_runs(rule, 3, now=SATURDAY + dt.timedelta(seconds=25))
    assert [(t - SATURDAY).total_seconds() for t in times] == [30, 40, 50]


@pytest.mark.parametrize(("preset", "options", "expression", "words"), [
    ("every N minutes", {"minutes": 15}, "*/15 * * * *", "Every 15 minutes"),
    ("hourly", {"minute": 5}, "5 * * * *", "At 5 minutes past the hour"),
    ("daily", {"at": "07:30"}, "30 7 * * *", "At 07:30"),
    ("weekdays", {"at": "06:00"}, "0 6 * * 1-5", "At 06:00, Monday through Friday"),
    ("weekly", {"at": "09:00", "weekday": 1}, "0 9 * * 1", "At 09:00, only on Monday"),
    ("monthly", {"at": "08:00", "day": 1}, "0 8 1 * *", "At 08:00, on day 1 of the month"),
])
def test_presets_are_cron_expressions_told_in_words(preset, options, expression, words):
    assert schedules.preset_cron(preset, **options) == expression
    assert schedules.describe(schedules.cron_rule(expression, "Europe/Berlin")) == f"{words} (Europe/Berlin)"


def test_next_runs_in_words():
    rule = schedules.cron_rule("0 6 * * 1-5", "Europe/Berlin")
    first = schedules.next_runs(rule, 1, now=SATURDAY)[0]
    assert schedules.in_words(first, rule.timezone, now=SATURDAY) == "Mon 7 Dec 2026 at 06:00 CET (in a day)"
    assert schedules.describe(schedules.every_rule("90m")) == "Every 1 hour and 30 minutes"


def test_due_firings_after_a_sleep():
    rule = schedules.every_rule("1m").model_copy(update={"anchor": SATURDAY})
    due = schedules.due_firings(rule, SATURDAY + dt.timedelta(minutes=2), SATURDAY + dt.timedelta(minutes=10, seconds=5))
    assert (due.count, due.earliest.minute, due.before_latest.minute, due.latest.minute) == (8, 3, 9, 10)
    assert schedules.due_firings(rule, due.latest, due.latest + dt.timedelta(seconds=59)) is None
    cron = schedules.cron_rule("0 * * * *").model_copy(update={"anchor": SATURDAY})
    due = schedules.due_firings(cron, None, SATURDAY + dt.timedelta(hours=3, minutes=1))
    assert (due.count, due.latest.hour) == (3, 15)
