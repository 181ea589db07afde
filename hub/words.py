"""The names of the hub's stored words (db/vocabulary.py) as a person reads them.

The database keeps the English codes; `label("space kind", "conference_room")` is what a
screen shows: "conference room", or "sala conferenze" in Italian. Each vocabulary is a gettext
context, so a workshop the room and a workshop the course can read differently.
translations/catalog.py adds every label here to the catalog.
"""
from __future__ import annotations

from db import vocabulary as db_vocabulary
from babel import Locale

from hub.i18n import LANGUAGES, LOCALES, locale, pgettext

VOCABULARIES: dict[str, tuple[str, ...]] = {
    "role": db_vocabulary.ROLES,
    "space kind": db_vocabulary.SPACE_KINDS,
    "residency": db_vocabulary.RESIDENCIES,
    "sector": db_vocabulary.SECTORS,
    "programme kind": db_vocabulary.PROGRAMME_KINDS,
    "programme format": db_vocabulary.PROGRAMME_FORMATS,
    "programme status": db_vocabulary.PROGRAMME_STATUSES,
    "enrolment status": db_vocabulary.ENROLMENT_STATUSES,
    "partner kind": db_vocabulary.PARTNER_KINDS,
    "partner status": db_vocabulary.PARTNER_STATUSES,
    "region": db_vocabulary.PARTNER_REGIONS,
    "origin": ("Italy", "rest of Europe", "outside Europe"),
    "interaction kind": db_vocabulary.INTERACTION_KINDS,
    "tenant link": db_vocabulary.TENANT_LINK_KINDS,
    "programme role": db_vocabulary.ITEM_LINK_ROLES,
    "issue priority": db_vocabulary.ISSUE_PRIORITIES,
    "issue status": db_vocabulary.ISSUE_STATUSES,
}
# Where the English name is not the code with spaces for underscores.
ENGLISH = {
    ("role", "manager"): "project manager", ("role", "communication"): "communication team",
    ("partner kind", "b2b_buyer"): "B2B buyer",
    ("partner kind", "eu_project_partner"): "EU project partner",
    ("partner kind", "gallery_retailer"): "gallery or retailer",
    ("partner kind", "school_academy"): "school or academy",
    ("interaction kind", "mou_signed"): "MoU signed",
    ("programme role", "co_organiser"): "co-organiser",
    ("programme format", "in_situ"): "in situ",
}


def english(vocabulary: str, code: str) -> str:
    return ENGLISH.get((vocabulary, code), code.replace("_", " "))


def label(vocabulary: str, code: str | None) -> str:
    """The name of `code` in the current language; the code itself when it is not a word of
    that vocabulary (an old value, or None as "")."""
    if not code:
        return ""
    if code not in VOCABULARIES[vocabulary]:
        return code
    return pgettext(vocabulary, english(vocabulary, code))


def labeller(vocabulary: str):
    """A format_func for a select box of codes. The names are looked up now, in the run that
    draws the box: Streamlit's test harness calls format_func again outside the run, where it
    must give the same names."""
    names = {code: label(vocabulary, code) for code in VOCABULARIES[vocabulary]}
    return lambda code: names.get(code, code or "")


def country_name(code: str | None) -> str:
    """A country's name in the current language (Babel's territory names) from its ISO code;
    the code itself when Babel does not know it."""
    return locale().territories.get(code or "", code or "")


def countries() -> list[str]:
    """The ISO codes the forms offer, sorted by their name in the current language."""
    return sorted(db_vocabulary.COUNTRIES, key=lambda code: country_name(code).casefold())


def country_code(name_or_code: str | None) -> str | None:
    """The ISO code for a code (IT) or a name in English or Italian (Italy, Italia)."""
    text = (name_or_code or "").strip()
    if text.upper() in db_vocabulary.COUNTRIES:
        return text.upper()
    for language in LANGUAGES:
        names = Locale.parse(LOCALES[language]).territories
        for code in db_vocabulary.COUNTRIES:
            if names.get(code, "").casefold() == text.casefold():
                return code
    return None


def country_namer():
    """A format_func for a select box of ISO codes, names looked up now (see labeller)."""
    names = {code: country_name(code) for code in db_vocabulary.COUNTRIES}
    return lambda code: names.get(code) or country_name(code)
