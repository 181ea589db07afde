"""programme: courses, workshops, seminars, events. Key: site + title + starts_on.

A course runs again under the same title, so the first session day tells the runs apart. The
sessions set it; a new item keeps the file's starts_on until its sessions are imported, so
the key survives the trip (programme, then sessions, then enrolments all name the item by
it)."""
from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, select

from db.models import ProgrammeItem, Site, User
from hub.admin.transfer.kind import Kind, Lookup
from hub.admin.transfer.sites import site_id
from hub.admin.transfer.values import also_the_rules, cell, day, number, required, text
from hub.checks import FieldChecks
from hub.errors import Invalid
from hub.i18n import N_, _
from hub.programme import items

COLUMNS = ("site", "title", "starts_on", "kind", "sector", "description", "format", "capacity",
           "price", "status", "funding", "target_group", "refund_deadline")
DEFAULTS = {"description": "", "format": "in_situ", "status": "draft"}


def _hub(name: str):
    """hub/programme/items.py's function `name`."""
    return getattr(items, name)


def available() -> bool:
    return all(_hub(name) for name in ("add_item", "edit_item"))


def export_rows(session: Session):
    query = (select(Site.code, ProgrammeItem).join(Site, Site.id == ProgrammeItem.site_id)
             .order_by(Site.code, ProgrammeItem.title, ProgrammeItem.starts_on,
                       ProgrammeItem.id))
    for code, item in session.exec(query):
        yield [code] + [cell(getattr(item, column)) for column in COLUMNS[1:]]


def find_item(session: Session, site: int, title: str, starts_on) -> ProgrammeItem | None:
    """The run of `title` at `site` starting on `starts_on` (None: the one without sessions)."""
    starts = ProgrammeItem.starts_on.is_(None) if starts_on is None \
        else ProgrammeItem.starts_on == starts_on
    return session.exec(select(ProgrammeItem).where(
        ProgrammeItem.site_id == site, func.lower(ProgrammeItem.title) == title.lower(), starts)
        .order_by(ProgrammeItem.id)).first()


def item_of(session: Session, lookup: Lookup, values: dict, *, column: str = "item",
            starts_column: str = N_("item_starts_on")) -> int:
    """The programme item a row names by site, title (`column`) and first day (which may be
    left empty when one item only has the title), or every bad cell at once. Found once per
    import: sessions imported meanwhile may move its first day."""
    found = FieldChecks()
    site = found.run(site_id, session, lookup, values.get("site"))
    title = found.run(required, values.get(column), column)
    starts_on = found.run(day, values.get(starts_column), starts_column)
    found.done()
    items = lookup.cache.setdefault("items", {})
    key = (site, title.lower(), starts_on)
    if key not in items:
        item = find_item(session, site, title, starts_on)
        if item is None and starts_on is None:
            runs = session.exec(select(ProgrammeItem).where(
                ProgrammeItem.site_id == site,
                func.lower(ProgrammeItem.title) == title.lower()).limit(2)).all()
            item = runs[0] if len(runs) == 1 else None
        if item is None:
            raise Invalid(column, _("there is no programme item '{title}' at this site (import "
                                    "the programme first)").format(title=title))
        items[key] = item.id
    return items[key]


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
                          else found.run(day, value, column) if column == "refund_deadline"
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
        _hub("add_item")(session, actor=actor, site_id=site, starts_on=starts_on, **fields)
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
             "in_situ", "10", "180.00", "draft", "", "young makers", ""),
    export_rows=export_rows, import_row=import_row, available=available,
    notes=N_("kind: course, workshop, seminar, meeting, exhibition or event; format in_situ, "
             "online or hybrid; status draft, published, done or cancelled. starts_on (the "
             "first session day, set by the sessions) tells apart runs with the same title; a "
             "new item keeps it until its sessions are imported. refund_deadline: the last day "
             "a cancellation gets the fee back (empty: the day before the first session)."))

