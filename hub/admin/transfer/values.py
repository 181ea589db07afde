"""Cells of an import file turned into the values hub/ functions take, with messages that
name the column. Exports write the same shapes back (ISO dates, plain decimals, yes/no)."""
from __future__ import annotations

from datetime import date, time

from hub.checks import FieldChecks, decimal_of
from hub.errors import Invalid
from hub.i18n import _

TRUE = {"yes", "y", "true", "1", "x", "si", "sì"}
FALSE = {"no", "n", "false", "0"}


def text(value: str | None) -> str | None:
    """Stripped text, or None when the cell is empty."""
    value = (value or "").strip()
    return value or None


def required(value: str | None, column: str) -> str:
    value = text(value)
    if value is None:
        raise Invalid(column, _("{column} is required").format(column=column))
    return value


def day(value: str | None, column: str) -> date | None:
    value = text(value)
    if value is None:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        pass
    try:  # the Italian way, 01/03/2026
        d, m, y = value.split("/")
        return date(int(y), int(m), int(d))
    except ValueError:
        raise Invalid(column, _("{column} '{value}' is not a date like 2026-03-01").format(
            column=column, value=value)) from None


def clock_time(value: str | None, column: str) -> time | None:
    """A time of day as 18:30 (or 18.30, or 18:30:00 as a spreadsheet may write it)."""
    value = text(value)
    if value is None:
        return None
    try:
        hours, minutes = value.replace(".", ":").split(":")[:2]
        return time(int(hours), int(minutes))
    except ValueError:
        raise Invalid(column, _("{column} '{value}' is not a time like 18:30").format(
            column=column, value=value)) from None


def minutes_text(minutes: int) -> str:
    """How an export writes a time held in minutes from midnight: 18:30 (24:00 at the end)."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def number(value: str | None, column: str, *, whole: bool = False):
    value = text(value)
    if value is None:
        return None
    parsed = decimal_of(value, column)     # 12.5, 12,5, or 1.250 as the reader writes it
    if parsed is None or (whole and parsed != int(parsed)):
        message = _("{column} '{value}' is not a whole number") if whole \
            else _("{column} '{value}' is not a number")
        raise Invalid(column, message.format(column=column, value=value))
    return int(parsed) if whole else float(parsed)


def flag(value: str | None, column: str) -> bool | None:
    value = text(value)
    if value is None:
        return None
    if value.lower() in TRUE:
        return True
    if value.lower() in FALSE:
        return False
    raise Invalid(column, _("{column} '{value}' must be yes or no").format(column=column,
                                                                          value=value))



def cell(value):
    """How an export gives a value: typed (dates, numbers, Decimal money), which an XLSX file
    keeps and a CSV writes as ISO dates and plain decimals (hub.sheets); yes/no for a flag,
    the words the import reads; None for nothing."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


def _same_field(name: str) -> str:
    """A field as the rules name it (area, joined, consent) and as a file's column does
    (area_m2, joined_on, consent_on): one key for both."""
    key = name.replace("_", " ").strip()
    for ending in (" m2", " on", " date"):
        key = key.removesuffix(ending)
    return key


def also_the_rules(found: FieldChecks, check, *args) -> None:
    """When a row's cells were refused, run the hub's own check of the record as well (it
    writes nothing), so the row's other bad fields are reported with them; a rule on a field
    whose cell was refused already is not said twice."""
    if not found.faults:
        return
    refused = {_same_field(fault.field) for fault in found.faults}
    rules = FieldChecks()
    rules.run(check, *args)
    for fault in rules.faults:
        if _same_field(fault.field) not in refused:
            found.refuse(fault)
