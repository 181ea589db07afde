"""Which language a person reads, and Bottega's words in it.

The words live in gettext catalogs managed by Babel: `translations/it/LC_MESSAGES/messages.po` in
the repository (`python translations/catalog.py update` extracts and merges them). The .po file is
read and compiled in memory at start-up, so neither README command needs a build step.

The language is the signed-in user's (ui/ tells this module how to find it for the current
Streamlit run); outside a run (command line, feeds, tests) it is `speaking(...)`'s, else
BOTTEGA_LANGUAGE's, else English. Stored values stay the English codes; only what a person
reads is translated.
"""
from __future__ import annotations

import gettext
import io
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LANGUAGES = {"en": "English", "it": "Italiano"}
DEFAULT = "en"
# British English writes lists and dates as the hub does: "A, B and C", "2 Dec 2026".
LOCALES = {"en": "en_GB", "it": "it_IT"}
ROOT = Path(__file__).resolve().parents[1]
CATALOGS = ROOT / "translations"
HUB_TIMEZONE = ZoneInfo("Europe/Rome")    # the zone moments are shown in
DOMAIN = "messages"

_spoken: ContextVar[str | None] = ContextVar("bottega_language", default=None)
_from_run: Callable[[], str | None] | None = None


def default_language() -> str:
    """BOTTEGA_LANGUAGE (it or en), English when unset or unknown: for new users and the
    sign-in page."""
    configured = (os.environ.get("BOTTEGA_LANGUAGE") or "").strip().lower()
    return configured if configured in LANGUAGES else DEFAULT


def find_language_with(lookup: Callable[[], str | None]) -> None:
    """ui/ passes how to read the current run's language (from the session state)."""
    global _from_run
    _from_run = lookup


def language() -> str:
    """The language of whoever the current code is working for."""
    chosen = _spoken.get() or (_from_run() if _from_run else None)
    return chosen if chosen in LANGUAGES else default_language()


@contextmanager
def speaking(code: str) -> Iterator[None]:
    """Within the block, words and formats are in `code` (command line, feeds, tests)."""
    token = _spoken.set(code if code in LANGUAGES else DEFAULT)
    try:
        yield
    finally:
        _spoken.reset(token)


def catalog_path(code: str) -> Path:
    return CATALOGS / code / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=None)
def translations(code: str) -> gettext.NullTranslations:
    """The compiled catalog for `code` (fuzzy entries left out); English is the msgids."""
    path = catalog_path(code)
    if code == DEFAULT or not path.exists():
        return gettext.NullTranslations()
    with path.open("rb") as file:
        catalog = read_po(file, locale=code)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def _(message: str) -> str:
    """`message` in the current language (itself when English or not yet translated)."""
    if not message:
        return message
    return translations(language()).gettext(message)


def ngettext(singular: str, plural: str, number: int) -> str:
    """The singular or plural form for `number`, in the current language."""
    return translations(language()).ngettext(singular, plural, number)


def pgettext(context: str, message: str) -> str:
    """`message` as meant in `context` (a vocabulary: "space kind", "programme kind")."""
    return translations(language()).pgettext(context, message)


def N_(message: str) -> str:
    """Marks a word for the catalog where it is defined; `_()` translates it where shown."""
    return message


def locale() -> Locale:
    """Babel's locale for the current language (dates, numbers, country names)."""
    return _locale(language())


@lru_cache(maxsize=None)
def _locale(code: str) -> Locale:
    return Locale.parse(LOCALES[code])


def day_text(value: date | None) -> str:
    """A date as the reader writes it: 2 dic 2026 / 2 Dec 2026 (— when there is none). For every
    sentence that names a day, on screen and in hub/'s refusals alike."""
    return format_date(value, "d MMM y", locale=locale()) if value else "—"


def moment_text(value: datetime | None) -> str:
    """A moment as the reader writes it, in the hub's time zone: 2 dic 2026, 18:05 /
    2 Dec 2026, 18:05 (— when there is none)."""
    if value is None:
        return "—"
    return format_datetime(value, "d MMM y, HH:mm", tzinfo=HUB_TIMEZONE, locale=locale())
