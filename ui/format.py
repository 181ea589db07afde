"""How values look on screen, in the reader's language (Babel's locale data): money, dates,
numbers, shares; and user text shown as text (`as_text`, from hub/markdown.py). Country names,
the stored words' labels (hub/words.py) and the word lists the filters offer (the tuples the
database's CHECK constraints hold, db/vocabulary.py) are re-exported here for the screens, so
pages need not reach into db/."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache

from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import NumberPattern, format_percent, parse_pattern

from db.vocabulary import (PARTNER_KINDS, PARTNER_REGIONS, PARTNER_STATUSES, PROGRAMME_KINDS,
                           PROGRAMME_STATUSES, RESIDENCIES, SECTORS)
from hub.i18n import HUB_TIMEZONE, day_text, language, locale, moment_text, ngettext
from hub.markdown import as_text
from hub.words import countries, country_name, country_namer, label, labeller

__all__ = ["HUB_TIMEZONE", "PARTNER_KINDS", "PARTNER_REGIONS", "PARTNER_STATUSES",
           "PROGRAMME_KINDS", "PROGRAMME_STATUSES", "RESIDENCIES", "SECTORS", "as_text",
           "countries", "counted", "country_name", "country_namer", "day_text", "label",
           "labeller", "listed", "moment_text", "money", "month", "number", "percent",
           "points_change", "table_date_format"]
# € 1.250,00 in Italian, €1,250.00 in English: the symbol first in both, as the hub writes it.
MONEY_PATTERNS = {"it": "¤ #,##0.00", "en": "¤#,##0.00"}


@lru_cache(maxsize=None)
def _pattern(pattern: str) -> NumberPattern:
    """Babel's parsed number pattern (parsing it is most of a format's cost)."""
    return parse_pattern(pattern)


def money(amount: Decimal | float | int | None) -> str:
    """€ 1.250,00 (Italian) or €1,250.00 (English)."""
    if amount is None:
        return "—"
    return _pattern(MONEY_PATTERNS[language()]).apply(Decimal(amount), locale(), currency="EUR",
                                                      currency_digits=False)


def number(value: float | int | None, *, decimals: int = 0) -> str:
    """1.200 / 1,200; with `decimals`, 3,5 / 3.5."""
    if value is None or value != value:
        return "—"
    return _pattern("#,##0" + ("." + "0" * decimals if decimals else "")).apply(value, locale())


def table_date_format() -> str:
    """A table column's date format (st.column_config.DateColumn): 2 Dec 2026 in English;
    02/12/2026 in Italian, as the table's own month names are English whatever the language."""
    return "D MMM YYYY" if language() == "en" else "DD/MM/YYYY"


def month(value: date | datetime | None) -> str:
    """dic 2026 / Dec 2026."""
    return format_date(value, "LLL y", locale=locale()) if value is not None else "—"


def points_change(points: int) -> str:
    """A change of a rate in percentage points, signed: +1 pt, -12 pts."""
    return ngettext("{points} pt", "{points} pts", abs(points)).format(points=f"{points:+d}")


def counted(count: int, singular: str, plural: str) -> str:
    """1 booking, 2 bookings, 1,200 rows: `counted(n, "booking", "bookings")` with literal
    words (translations/catalog.py extracts them as one plural entry)."""
    word = ngettext(singular, plural, count)
    return f"{number(count)} {word}"


def listed(words: list[str]) -> str:
    """L1; L1 and L2; L1, L2 and L3 (e in Italian)."""
    return format_list(list(words), locale=locale()) if words else ""


def percent(share: float | None) -> str:
    """79% (a share from 0 to 1); — when there is none."""
    if share is None or share != share:
        return "—"
    return format_percent(share, format="#,##0%", locale=locale())
