"""Date arithmetic for the planner: calendar periods, 'last 6 months', 'since March'."""

from __future__ import annotations

import datetime as dt
import re

from etl_core.chat.plan import DateRange
from etl_core.chat.vocabulary import MONTHS


def year_range(column: str, year: int) -> DateRange:
    return DateRange(column=column, start=dt.date(year, 1, 1), end=dt.date(year + 1, 1, 1), label=str(year))


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def period_start(day: dt.date, unit: str) -> dt.date:
    if unit == "year":
        return dt.date(day.year, 1, 1)
    if unit == "quarter":
        return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    if unit == "month":
        return dt.date(day.year, day.month, 1)
    if unit == "week":
        return day - dt.timedelta(days=day.weekday())
    return day


def relative_range(column: str, word: str, count: str | None, unit: str, latest: dt.date, notes: list[str]) -> DateRange:
    """'last quarter' is the previous whole quarter; 'last 6 months' the 6 months to the latest date;
    both measured from the latest date in the data, not today (said in the answer)."""
    step = {"day": 0, "week": 0, "month": 1, "quarter": 3, "year": 12}[unit]
    if count:
        n = int(count)
        if unit in ("day", "week"):
            start = latest - dt.timedelta(days=n * (7 if unit == "week" else 1) - 1)
        else:
            start = add_months(period_start(latest, "month"), -n * step + 1)
        end, label = latest + dt.timedelta(days=1), f"the last {n} {unit}s"
    else:
        this_start = period_start(latest, unit)
        if word in ("this", "current"):
            start, end, label = this_start, latest + dt.timedelta(days=1), f"this {unit}"
        elif unit in ("day", "week"):
            length = dt.timedelta(days=1 if unit == "day" else 7)
            start, end, label = this_start - length, this_start, f"last {unit}"
        else:
            start, end, label = add_months(this_start, -step), this_start, f"last {unit}"
    notes.append(f"'{label}' is counted back from the latest date in the data ({latest}): "
                 f"{start} to {end - dt.timedelta(days=1)}.")
    return DateRange(column=column, start=start, end=end, label=f"{label} ({start} to {end - dt.timedelta(days=1)})")


def parse_when(found: re.Match, latest: dt.date) -> dt.date | None:
    if found.group(2):
        try:
            return dt.date.fromisoformat(found.group(2))
        except ValueError:
            return None
    if found.group(3):
        month = MONTHS[found.group(3)]
        year = int(found.group(4)) if found.group(4) else (latest.year if month <= latest.month else latest.year - 1)
        return dt.date(year, month, 1)
    return dt.date(int(found.group(5)), 1, 1)
