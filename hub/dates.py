"""Calendar arithmetic several areas share: months, weeks, the same day a year earlier."""
from __future__ import annotations

import calendar
from datetime import date, timedelta


def month_starts(last: date, count: int) -> list[date]:
    """The first days of `count` months ending with `last`'s month, oldest first."""
    year, month = last.year, last.month
    starts = []
    for _ in range(count):
        starts.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return starts[::-1]


def month_end(start: date) -> date:
    return start.replace(day=calendar.monthrange(start.year, start.month)[1])


def week_starts(last: date, count: int) -> list[date]:
    """The Mondays of `count` weeks ending with `last`'s week, oldest first."""
    monday = last - timedelta(days=last.weekday())
    return [monday - timedelta(weeks=n) for n in range(count - 1, -1, -1)]


def year_before(day: date) -> date:
    """The same day a year earlier; the 29th of February becomes the 28th."""
    return day.replace(year=day.year - 1) if (day.month, day.day) != (2, 29) \
        else day - timedelta(days=366)


def as_date(value) -> date:
    """A day as SQL gives it back: a date, or its ISO text (SQLite's date arithmetic)."""
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def a_year_from(day: date) -> date:
    """The last day of a year that starts on `day`: the day before its anniversary (1 Jan 2027
    → 31 Dec 2027, 15 Mar → 14 Mar; from 29 Feb 2028 → 28 Feb 2029)."""
    if (day.month, day.day) == (2, 29):
        return date(day.year + 1, 2, 28)
    return day.replace(year=day.year + 1) - timedelta(days=1)


def clock(minute: int) -> str:
    """480 -> '08:00' (times of day are minutes from midnight)."""
    return f"{minute // 60:02d}:{minute % 60:02d}"
