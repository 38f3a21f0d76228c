"""Days written as text the way tables on web pages write them: 'Sat., Nov. 3', '14 March 1991', '27-Jan-68',
'August 30, 2008 – 18:00', '16–21 January'. Such a column stays text (its cells are answered as written); the chat
reads each cell's month, day and year so 'in november' or 'on march 3rd' can name the cells they mean.
"""

from __future__ import annotations

import re
from typing import NamedTuple

MONTHS = {name: number for number, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
     ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
     ("december", "dec")], start=1) for name in names}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_LAST = r"(?:\s*[–—-]\s*(?P<last>[0-3]?\d)(?:st|nd|rd|th)?)?"
_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
# '28 February – 4 March': a span that ends in the next month
_ACROSS = re.compile(rf"^\s*[–—-]\s*(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<month>{_NAMES})\b\.?(?:,?\s*(?P<year>\d{{4}}))?")
_YEAR = r"(?:,?\s*(?P<year>\d{4}|'\d\d))?"
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
_END = r"(?=$|[\s,;(\[–—-])"
FORMS = [
    re.compile(rf"^{_WEEKDAY}{_MONTH}\s+{_DAY}{_LAST}{_YEAR}{_END}"),  # 'Nov. 3', 'August 30, 2008 – 18:00'
    re.compile(rf"^{_WEEKDAY}{_DAY}{_LAST}\s+{_MONTH},?{_YEAR}{_END}"),  # '14 March 1991', '16–21 January'
    re.compile(rf"^{_DAY}-{_MONTH}-(?P<year>\d\d|\d{{4}}){_END}"),  # '27-Jan-68'
    re.compile(rf"^{_MONTH},?\s+(?P<year>\d{{4}}){_END}"),  # 'March 1991'
]


class Day(NamedTuple):
    month: int
    day: int | None = None  # None: the month only ('March 1991')
    year: int | None = None
    last: int | None = None  # the last day of a span of days ('16–21 January')
    last_month: int | None = None  # a span into the next month ('28 February – 4 March')

    def holds(self, month: int | None, day: int | None = None, year: int | None = None) -> bool:
        """Whether this cell is on the day (or in the month) a question names, in the year it names if it names one
        (a cell that writes no year can not say it is in 2015)."""
        if year is not None and self.year != year:
            return False
        if month is None:
            return True  # a year alone
        if self.last_month is not None:
            return month == self.month and (day is None or day >= (self.day or 0)) or \
                month == self.last_month and (day is None or day <= (self.last or 0))
        if self.month != month:
            return False
        if day is None:
            return True
        if self.day is None:
            return False
        return self.day == day if self.last is None else self.day <= day <= self.last


def read_day(text: object) -> Day | None:
    """The day a cell writes, or None when it writes something else."""
    if not isinstance(text, str):
        return None
    written = " ".join(text.strip().lower().split())
    for form in FORMS:
        found = form.match(written)
        if found is None:
            continue
        parts = found.groupdict()
        day = int(parts["day"]) if parts.get("day") else None
        last = int(parts["last"]) if parts.get("last") else None
        if day is not None and not 1 <= day <= 31 or last is not None and not (day or 0) < last <= 31:
            return None
        across = _ACROSS.match(written[found.end():]) if form is FORMS[1] and last is None else None
        if across is not None and 1 <= int(across["day"]) <= 31:
            year = _year(parts.get("year") or across["year"])
            return Day(MONTHS[parts["month"]], day, year, int(across["day"]), MONTHS[across["month"]])
        return Day(MONTHS[parts["month"]], day, _year(parts.get("year")), last)
    return None


def _year(text: str | None) -> int | None:
    """'1991'; '68' and "'68" as 1968, '05' as 2005 (two digits past 30 are the last century's)."""
    if not text:
        return None
    digits = int(text.lstrip("'"))
    if len(text.lstrip("'")) == 4:
        return digits
    return 1900 + digits if digits > 30 else 2000 + digits


def read_days(cells: list[object], share: float = 0.8) -> dict[object, Day]:
    """Each cell's day, when most cells of a column write a day; else nothing (a column of names, not of days)."""
    sample = cells[:20]
    if sum(read_day(cell) is not None for cell in sample) < share * len(sample):
        return {}  # most columns are not days: known from a few cells
    found = {cell: day for cell in cells if (day := read_day(cell)) is not None}
    return found if len(found) >= 2 and len(found) >= share * len(cells) else {}
