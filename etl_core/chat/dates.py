"""Calendar arithmetic for the reader: periods, 'last 6 months', 'since March', counted from the data's latest date."""

from __future__ import annotations

import calendar
import datetime as dt

from etl_core.chat.plan import DateRange


def year_range(column: str, year: int) -> DateRange:
    return DateRange(column=column, start=dt.date(year, 1, 1), end=dt.date(year + 1, 1, 1), label=str(year))


def month_range(column: str, year: int, month: int) -> DateRange:
    start = dt.date(year, month, 1)
    return DateRange(column=column, start=start, end=add_months(start, 1), label=f"{calendar.month_name[month]} {year}")


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


def relative_range(column: str, word: str, count: int | None, unit: str, latest: dt.date) -> DateRange:
    """'last quarter' is the previous whole quarter; 'last 6 months' the 6 months to the latest date;
    both counted back from the latest date in the data, not today (the label says the range)."""
    step = {"day": 0, "week": 0, "month": 1, "quarter": 3, "year": 12}[unit]
    if count:
        if unit in ("day", "week"):
            start = latest - dt.timedelta(days=count * (7 if unit == "week" else 1) - 1)
        else:
            start = add_months(period_start(latest, "month"), -count * step + 1)
        end, label = latest + dt.timedelta(days=1), f"the last {count} {unit}s"
    else:
        this_start = period_start(latest, unit)
        if word in ("this", "current"):
            start, end, label = this_start, latest + dt.timedelta(days=1), f"this {unit}"
        elif unit in ("day", "week"):
            length = dt.timedelta(days=1 if unit == "day" else 7)
            start, end, label = this_start - length, this_start, f"last {unit}"
        else:
            start, end, label = add_months(this_start, -step), this_start, f"last {unit}"
    return DateRange(column=column, start=start, end=end, label=f"{label} ({start} to {end - dt.timedelta(days=1)})")


def as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None
