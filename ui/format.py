"""How values look on screen: money, dates, and user text shown as text."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

HUB_TIMEZONE = ZoneInfo("Europe/Rome")
MARKDOWN_SPECIALS = set("\\`*_{}[]()#+-.!<>|~$:")


def as_text(text: str | None) -> str:
    """Escape Markdown in text a user typed, so st.markdown shows it exactly as typed."""
    return "".join("\\" + c if c in MARKDOWN_SPECIALS else c for c in (text or ""))


def money(amount: Decimal | float | int | None) -> str:
    """€ 1.250,00 — the Italian way the hub writes amounts."""
    if amount is None:
        return "—"
    whole, cents = f"{Decimal(amount):,.2f}".split(".")
    return f"€ {whole.replace(',', '.')},{cents}"


def day(value: date | None) -> str:
    """21 Nov 2026."""
    return value.strftime("%-d %b %Y") if value else "—"


def moment(value: datetime | None) -> str:
    """21 Nov 2026, 18:05 in the hub's time zone."""
    if value is None:
        return "—"
    return value.astimezone(HUB_TIMEZONE).strftime("%-d %b %Y, %H:%M")


def counted(number: int, word: str, plural: str | None = None) -> str:
    """1 booking, 2 bookings, 1,200 rows."""
    return f"{number:,} {word if number == 1 else plural or word + 's'}"


def listed(words: list[str]) -> str:
    """L1; L1 and L2; L1, L2 and L3."""
    return " and ".join(filter(None, [", ".join(words[:-1]), words[-1]])) if words else ""


def month(value: date | datetime | None) -> str:
    """Nov 2026."""
    return value.strftime("%b %Y") if value is not None else "—"


def percent(share: float | None) -> str:
    """79% (a share from 0 to 1); — when there is none."""
    return "—" if share is None or share != share else f"{share:.0%}"
