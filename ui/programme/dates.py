"""Days with their weekday, as the Courses screen writes them in the reader's language
("Tue 2 Jun 2026" / "mar 2 giu 2026"). (The charts' own axis dates get the reader's locale
from ui/charts/vega.py's theme.)"""
from __future__ import annotations

from datetime import date

import pandas as pd
from babel.dates import format_date

from hub.i18n import _, locale


def weekday_day(value: date, *, year: bool = True) -> str:
    """Tue 2 Jun 2026 / mar 2 giu 2026 (without the year: Tue 2 Jun)."""
    return format_date(value, "EEE d MMM y" if year else "EEE d MMM", locale=locale())


def day_span(first, last) -> str:
    """2 Jun to 30 Jun 2026 (the days of a chart, for its description)."""
    first, last = pd.Timestamp(first).date(), pd.Timestamp(last).date()
    return _("{first} to {last}").format(first=format_date(first, "d MMM", locale=locale()),
                                         last=format_date(last, "d MMM y", locale=locale()))
