"""Charts read numbers and dates in the reader's language: an Altair theme that hands Vega the
d3 number and time locale of the current language, built from Babel's locale data (1.250 and
"dic 2026" in Italian, 1,250 and "Dec 2026" in English).

Altair calls the theme when a chart is turned into its spec, in the run that draws it, so each
user's charts get their own language. Streamlit keeps an active theme other than "default"."""
from __future__ import annotations

from functools import lru_cache

import altair as alt
from babel import Locale

from hub.i18n import LOCALES, language

THEME = "bottega"


@lru_cache(maxsize=None)
def d3_locale(code: str) -> dict:
    """Vega-Lite's config.locale for one of our languages."""
    babel = Locale.parse(LOCALES[code])
    symbols = babel.number_symbols["latn"]
    months, days = babel.months["format"], babel.days["format"]
    monday_first = [0, 1, 2, 3, 4, 5, 6]
    sunday_first = [6, *monday_first[:6]]   # d3 counts days from Sunday, Babel from Monday
    money_before = {"it": ["€ ", ""], "en": ["€", ""]}[code]
    return {
        "number": {"decimal": symbols["decimal"], "thousands": symbols["group"],
                   "grouping": [3], "currency": money_before},
        "time": {"dateTime": "%A %e %B %Y, %X", "date": "%d/%m/%Y", "time": "%H:%M:%S",
                 "periods": ["AM", "PM"],
                 "days": [days["wide"][i] for i in sunday_first],
                 "shortDays": [days["abbreviated"][i] for i in sunday_first],
                 "months": [months["wide"][i] for i in range(1, 13)],
                 "shortMonths": [months["abbreviated"][i].rstrip(".") for i in range(1, 13)]},
    }


@alt.theme.register(THEME, enable=True)
def bottega_theme() -> alt.theme.ThemeConfig:
    return {"config": {"locale": d3_locale(language())}}
