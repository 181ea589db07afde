"""Checks for the kinds of field several areas share: text, email, phone, web address,
country, dates, money, and the names and codes that may hold no invisible character. Each
returns the cleaned value or raises Invalid naming the field and the rule."""
from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal, InvalidOperation
from urllib.parse import urlsplit

from babel.numbers import NumberFormatError, format_decimal, parse_decimal

from hub.errors import Invalid, InvalidFields
from hub.i18n import N_, _, locale
from hub.words import country_code


class FieldChecks:
    """A record's field checks run one after another, every refusal kept: `run(check, …)`
    gives the cleaned value (None when refused), `done()` raises what was refused, all of it
    (one Invalid, or InvalidFields), so a person fixes every bad field in one go."""

    def __init__(self):
        self.faults: list[Invalid] = []

    def run(self, check, *args, **kwargs):
        try:
            return check(*args, **kwargs)
        except Invalid as refusal:
            self.refuse(refusal)
            return None

    def refuse(self, refusal: Invalid) -> None:
        self.faults += refusal.faults if isinstance(refusal, InvalidFields) else [refusal]

    def failed(self, *fields: str) -> bool:
        """Whether one of these fields was refused already (a rule on it would repeat it)."""
        return any(fault.field in fields for fault in self.faults)

    def done(self) -> None:
        if len(self.faults) == 1:
            raise self.faults[0]
        if self.faults:
            raise InvalidFields(self.faults)


EMAIL_PATTERN = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
# Instructors and participants: the programme's looser rule (the address may end in a dot).
LOOSE_EMAIL_PATTERN = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
HOST_PATTERN = re.compile(r"[a-z0-9.-]+")
PHONE_PATTERN = re.compile(r"\+?[0-9 ()./-]{6,40}")
# Characters that show nothing yet change how the text around them reads: direction overrides
# and isolates (U+202A–U+202E, U+2066–U+2069), zero-width ones (U+200B–U+200F, U+2060, U+FEFF),
# every other format (Cf) and control (Cc) character, line and paragraph separators; and the
# fillers that show an empty space where a letter should be.
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})
BLANK_LETTERS = frozenset("\u034f\u115f\u1160\u3164\uffa0")
# The names and codes of every record, by table and column, with the field a refusal names:
# what people read to tell records apart. hub/records.py checks them on every write.
NAMES_AND_CODES = {
    "sites": {"code": N_("code"), "name": N_("name"), "city": N_("city")},
    "spaces": {"code": N_("code"), "name": N_("name")},
    "tenants": {"name": N_("name"), "business": N_("business")},
    "users": {"username": N_("username"), "name": N_("name")},
    "bookings": {"guest_name": N_("guest name")},
    "programme_items": {"title": N_("title")},
    "programme_sessions": {"location": N_("location")},
    "instructors": {"name": N_("name")},
    "enrolments": {"participant_name": N_("name")},
    "partners": {"name": N_("name"), "city": N_("city")},
    "partner_contacts": {"name": N_("name")},
    "building_issues": {"title": N_("title"), "contractor": N_("contractor")},
    "works_periods": {"title": N_("title")},
    "payers": {"name": N_("name")},
}
PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")     # 1250, 1250.50, 1250,5
NOT_PART_OF_A_NUMBER = re.compile(r"[\s\u00a0\u202f€]")  # spaces (also Babel's), the euro sign


def text(value, field: str, *, limit: int, required: bool = False) -> str | None:
    """Trimmed text, None when empty; refused when required and empty, or too long."""
    value = "" if value is None else str(value).strip()
    if not value:
        if required:
            raise Invalid(field, _("{field} is required").format(field=_(field)))
        return None
    if len(value) > limit:
        raise Invalid(field, _("{field} is longer than {limit} characters").format(
            field=_(field), limit=limit))
    return value


def invisible_character(value: str) -> str | None:
    """The first invisible character in `value`, or None."""
    return next((c for c in value if c in BLANK_LETTERS
                 or unicodedata.category(c) in INVISIBLE_CATEGORIES), None)


def visible(value, field: str):
    """`value` unchanged; refused when it holds an invisible character (see above)."""
    if isinstance(value, str) and (found := invisible_character(value)) is not None:
        raise Invalid(field, _("{field} contains an invisible character ({code}) that changes how "
                               "the text around it reads; remove it").format(
            field=_(field), code=f"U+{ord(found):04X}"))
    return value


def visible_names(table: str, values: dict) -> None:
    """Refuse the first name or code among `values` (column: value) that holds an invisible
    character."""
    for column, field in NAMES_AND_CODES.get(table, {}).items():
        if column in values:
            visible(values[column], field)


def email(value, field: str = N_("email")) -> str | None:
    value = text(value, field, limit=254)
    if value is not None and not EMAIL_PATTERN.fullmatch(value):
        raise Invalid(field, _("{field} '{value}' is not a valid address (like name@example.org)").format(
            field=_(field), value=value))
    return value


def phone(value, field: str = N_("phone")) -> str | None:
    value = text(value, field, limit=40)
    if value is not None and (not PHONE_PATTERN.fullmatch(value)
                              or sum(c.isdigit() for c in value) < 6):
        raise Invalid(field, _("{field} '{value}' is not a phone number (digits, spaces, + ( ) - . /)").format(
            field=_(field), value=value))
    return value


def web_address(value, field: str = N_("website"), *, limit: int = 300) -> str | None:
    """An http(s) address with a host; "www.example.org" gets https:// in front."""
    value = text(value, field, limit=limit)
    if value is None:
        return None
    if "://" not in value:
        value = "https://" + value
    parts = urlsplit(value)
    host = parts.hostname or ""
    if (parts.scheme not in ("http", "https") or "." not in host or " " in value
            or not HOST_PATTERN.fullmatch(host)):
        raise Invalid(field, _("{field} '{value}' is not a web address (like https://example.org)").format(
            field=_(field), value=value))
    return value


def country(value, field: str = N_("country")) -> str:
    code = country_code(value)
    if not code:
        raise Invalid(field, _("{field} '{value}' is not in the list of countries (use an ISO "
                               "code like IT, or a name like Italy)").format(field=_(field),
                                                                             value=value))
    return code


def day(value, field: str, *, required: bool = False) -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise Invalid(field, _("{field} is required").format(field=_(field)))
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise Invalid(field, _("{field} '{value}' is not a date (like 2026-03-01)").format(
            field=_(field), value=value)) from None


def one_of(value, field: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise Invalid(field, _("{field} '{value}' is unknown; choose one of {allowed}").format(
            field=_(field), value=value, allowed=", ".join(allowed)))
    return value


def decimal_of(value, field: str) -> Decimal | None:
    """The number in `value` as the reader writes numbers — € 1.250,50 in Italian, €1,250.50
    in English, as the screens show them — or plainly (1250.50, 1250,50); None when it is no
    number. Refused when it reads two ways: 1.250 is 1250 to an Italian, 1.25 plainly."""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return Decimal(str(value))
    text = NOT_PART_OF_A_NUMBER.sub("", str(value or ""))
    readings = set()
    if PLAIN_NUMBER.fullmatch(text):
        readings.add(Decimal(text.replace(",", ".")))
    try:
        readings.add(parse_decimal(text, locale=locale(), strict=True))
    except (NumberFormatError, InvalidOperation):
        pass
    readings = {reading for reading in readings if reading.is_finite()}  # no NaN, no inf
    if len(readings) > 1:
        first, second = (format_decimal(reading, format="0.##########", locale=locale())
                         for reading in sorted(readings))
        raise Invalid(field, _("{field} '{value}' could be {first} or {second}: write the one "
                               "you mean, without a thousands separator").format(
            field=_(field), value=str(value).strip(), first=first, second=second))
    return readings.pop() if readings else None


def money(value, field: str, *, required: bool = False) -> Decimal | None:
    """A non-negative amount with at most two decimals, or None when left empty. Typed as
    the reader writes numbers or plainly (decimal_of)."""
    if value is None or str(value).strip() == "":
        if required:
            raise Invalid(field, _("{field} is required").format(field=_(field)))
        return None
    amount = decimal_of(value, field)
    if amount is None:
        raise Invalid(field, _("{field} must be an amount in euros, like 450 or 450.50").format(
            field=_(field)))
    if amount < 0:
        raise Invalid(field, _("{field} cannot be negative").format(field=_(field)))
    if amount >= Decimal("100000000") or amount != amount.quantize(Decimal("0.01")):
        raise Invalid(field, _("{field} must have at most two decimals and be below 100,000,000").format(
            field=_(field)))
    return amount.quantize(Decimal("0.01"))


def check_email(email: str) -> str:
    email = (email or "").strip()
    if not EMAIL_PATTERN.fullmatch(email) or len(email) > 254:
        raise Invalid("email", _("email '{email}' is not a valid address (like name@example.org)").format(
            email=email))
    return email


def optional_email(email: str | None, field: str = N_("email")) -> str | None:
    """An address like name@example.org, or None when left empty."""
    email = (email or "").strip()
    if not email:
        return None
    if len(email) > 254 or not LOOSE_EMAIL_PATTERN.fullmatch(email):
        raise Invalid(field, _("{field} must be an address like name@example.org").format(
            field=_(field)))
    return email
