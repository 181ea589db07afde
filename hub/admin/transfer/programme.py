"""programme: courses, workshops, seminars, events. Key: site + title + starts_on.

A course runs again under the same title, so the first session day tells the runs apart.
starts_on is read, not written: the sessions set it (an item without sessions has none)."""
from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, select

from db.models import ProgrammeItem, User
from hub.admin.transfer.kind import Kind, Lookup
from hub.admin.transfer.sites import site_codes, site_id
from hub.admin.transfer.values import also_the_rules, cell, day, number, required, text
from hub.checks import FieldChecks
from hub.i18n import N_
from hub.programme import items

COLUMNS = ("site", "title", "starts_on", "kind", "sector", "description", "format", "capacity",
           "price", "status", "funding", "target_group")
DEFAULTS = {"description": "", "format": "in_situ", "status": "draft"}


def _hub(name: str):
    """hub/programme/items.py's function `name`."""
    return getattr(items, name)


def available() -> bool:
    return all(_hub(name) for name in ("add_item", "edit_item"))


def export_rows(session: Session):
    codes = site_codes(session)
    query = select(ProgrammeItem).order_by(ProgrammeItem.site_id, ProgrammeItem.title,
                                           ProgrammeItem.id)
    for item in session.exec(query):
        yield [codes[item.site_id]] + [cell(getattr(item, column)) for column in COLUMNS[1:]]


def find_item(session: Session, site: int, title: str, starts_on) -> ProgrammeItem | None:
    """The run of `title` at `site` starting on `starts_on` (None: the one without sessions)."""
    starts = ProgrammeItem.starts_on.is_(None) if starts_on is None \
        else ProgrammeItem.starts_on == starts_on
    return session.exec(select(ProgrammeItem).where(
        ProgrammeItem.site_id == site, func.lower(ProgrammeItem.title) == title.lower(), starts)
        .order_by(ProgrammeItem.id)).first()


def _values(values: dict, existing: ProgrammeItem | None,
            found: FieldChecks | None = None) -> dict:
    """The item's fields; a refused cell is kept in `found` (when given) and left None."""
    found = found or FieldChecks()
    parsed = {}
    for column in COLUMNS[1:]:
        if column == "starts_on":
            continue
        if column not in values:
            parsed[column] = getattr(existing, column) if existing else DEFAULTS.get(column)
            continue
        value = values[column]
        parsed[column] = (found.run(number, value, column, whole=True) if column == "capacity"
                          else text(value) if column != "description" else (value or "").strip())
        if parsed[column] is None and column in DEFAULTS:
            parsed[column] = DEFAULTS[column]
    for column in ("kind", "format", "status", "sector"):
        if isinstance(parsed[column], str):
            parsed[column] = parsed[column].lower()
    return parsed


def import_row(session: Session, actor: User, values: dict, lookup: Lookup) -> str:
    found = FieldChecks()     # every bad cell of the row, and the rules' word on the others
    site = found.run(site_id, session, lookup, values.get("site"))
    title = found.run(required, values.get("title"), "title")
    starts_on = found.run(day, values.get("starts_on"), "starts_on")
    fields = _values(values, None, found)
    also_the_rules(found, items.check_item, fields)
    found.done()
    existing = find_item(session, site, title, starts_on)
    if existing is None:
        _hub("add_item")(session, actor=actor, site_id=site, **fields)
        return "created"
    before = existing.version
    _hub("edit_item")(session, actor=actor, item_id=existing.id, version=None,
                        **_values(values, existing))
    session.flush()
    return "updated" if existing.version != before else "unchanged"


KIND = Kind(
    name="programme", title=N_("Programme"), columns=COLUMNS,
    required=("site", "title", "kind", "sector", "capacity", "price"),
    key=("site", "title", "starts_on"),
    example=("OC", "Raku firing weekend", "", "workshop", "ceramics", "Two days at the kiln",
             "in_situ", "10", "180.00", "draft", "", "young makers"),
    export_rows=export_rows, import_row=import_row, available=available,
    notes=N_("kind: course, workshop, seminar, meeting, exhibition or event; format in_situ, "
             "online or hybrid; status draft, published, done or cancelled. starts_on (the "
             "first session day, set by the sessions) only tells apart runs with the same "
             "title: leave it empty for a new item."))

