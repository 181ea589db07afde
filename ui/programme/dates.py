"""Days with their weekday, as the Courses screen writes them in the reader's language
("Tue 2 Jun 2026" / "mar 2 giu 2026"), and the same names for the charts' time axes
(Vega formats dates with its own English names unless it is given a locale)."""
from __future__ import annotations

from datetime import date

import pandas as pd
from babel.dates import format_date
from babel.numbers import get_decimal_symbol, get_group_symbol

from hub.i18n import _, locale


def weekday_day(value: date, *, year: bool = True) -> str:
    """Tue 2 Jun 2026 / mar 2 giu 2026 (without the year: Tue 2 Jun)."""
    return format_date(value, "EEE d MMM y" if year else "EEE d MMM", locale=locale())


def vega_locale() -> dict:
    """Vega's number and time locale (d3-format, d3-time-format) for the reader's language."""
    spoken = locale()

    def sunday_first(names: dict) -> list[str]:  # Babel counts from Monday (0), d3 from Sunday
        return [names[6]] + [names[day] for day in range(6)]

    days, months = spoken.days["format"], spoken.months["format"]
    return {
        "number": {"decimal": get_decimal_symbol(spoken), "thousands": get_group_symbol(spoken),
                   "grouping": [3], "currency": ["€", ""]},
        "time": {"dateTime": "%a %e %b %Y, %X", "date": "%d/%m/%Y", "time": "%H:%M:%S",
                 "periods": ["AM", "PM"], "days": sunday_first(days["wide"]),
                 "shortDays": sunday_first(days["abbreviated"]),
                 "months": [months["wide"][month] for month in range(1, 13)],
                 "shortMonths": [months["abbreviated"][month] for month in range(1, 13)]}}


def day_span(first, last) -> str:
    """2 Jun to 30 Jun 2026 (the days of a chart, for its description)."""
    first, last = pd.Timestamp(first).date(), pd.Timestamp(last).date()
    return _("{first} to {last}").format(first=format_date(first, "d MMM", locale=locale()),
                                         last=format_date(last, "d MMM y", locale=locale()))
