"""sessions: the days and hours of programme items, their space (or where they are held) and
instructor. Key: site + item + item_starts_on + day + start; two sessions of an item at the
same hour (in two rooms) are two rows, matched one to one. Imported after the programme: they
set each item's first and last day."""
from __future__ import annotations

from sqlmodel import Session, select

from db.models import Instructor, ProgrammeItem, ProgrammeSession, Site, Space, User
from hub.admin.transfer.instructors import find_instructor
from hub.admin.transfer.kind import Kind, Lookup
from hub.admin.transfer.programme import item_of
from hub.admin.transfer.spaces import find_space
from hub.admin.transfer.values import cell, clock_time, day, minutes_text, required, text
from hub.checks import FieldChecks
from hub.i18n import N_
from hub.programme import items

COLUMNS = ("site", "item", "item_starts_on", "day", "start", "end", "space", "location",
           "instructor", "instructor_email")


def export_rows(session: Session):
    query = (select(Site.code, ProgrammeItem.title, ProgrammeItem.starts_on, ProgrammeSession,
                    Space.code, Instructor.name, Instructor.email)
             .join(ProgrammeItem, ProgrammeItem.id == ProgrammeSession.item_id)
             .join(Site, Site.id == ProgrammeItem.site_id)
             .join(Space, Space.id == ProgrammeSession.space_id, isouter=True)
             .join(Instructor, Instructor.id == ProgrammeSession.instructor_id, isouter=True)
             .order_by(Site.code, ProgrammeItem.title, ProgrammeItem.starts_on, ProgrammeItem.id,
                       ProgrammeSession.day, ProgrammeSession.start_minute, ProgrammeSession.id))
    for site, title, starts_on, row, space, instructor, email in session.exec(query):
        yield [site, title, cell(starts_on), cell(row.day), minutes_text(row.start_minute),
               minutes_text(row.end_minute), cell(space), cell(row.location), cell(instructor),
               cell(email)]


def _cells(session: Session, values: dict, lookup: Lookup) -> tuple[int, dict]:
    """The row's item and the session's fields, or every bad cell at once."""
    found = FieldChecks()
    item = found.run(item_of, session, lookup, values)
    fields = {"day": found.run(lambda: day(required(values.get("day"), "day"), "day")),
              "start": found.run(lambda: clock_time(required(values.get("start"), "start"),
                                                    "start")),
              "end": found.run(lambda: clock_time(required(values.get("end"), "end"), "end")),
              "location": text(values.get("location")), "space_id": None,
              "instructor_id": None}
    if text(values.get("space")) and item:
        fields["space_id"] = found.run(find_space, session,
                                       session.get(ProgrammeItem, item).site_id,
                                       values["space"])
    if text(values.get("instructor")):
        fields["instructor_id"] = found.run(find_instructor, session, lookup,
                                            values["instructor"], values.get("instructor_email"))
    found.done()
    return item, fields


def _same(row: ProgrammeSession, fields: dict) -> bool:
    end = fields["end"].hour * 60 + fields["end"].minute
    return (row.end_minute, row.space_id, row.location or None, row.instructor_id) == \
        (end, fields["space_id"], fields["location"], fields["instructor_id"])


def row_key(values: dict) -> None:
    """No repeated-row check: an item may meet in two rooms at the same hour."""
    return None


def _existing(session: Session, lookup: Lookup, item_id: int,
              fields: dict) -> ProgrammeSession | None:
    """The session this row is, among those no earlier row of the file matched; the one in
    the same place first."""
    matched = lookup.cache.setdefault("sessions matched", set())
    start = fields["start"].hour * 60 + fields["start"].minute
    same = [row for row in session.exec(select(ProgrammeSession).where(
        ProgrammeSession.item_id == item_id, ProgrammeSession.day == fields["day"],
        ProgrammeSession.start_minute == start).order_by(ProgrammeSession.id))
        if row.id not in matched]
    if not same:
        return None
    found = min(same, key=lambda row: (row.space_id, row.location or None) !=
                (fields["space_id"], fields["location"]))
    matched.add(found.id)
    return found


def import_row(session: Session, actor: User, values: dict, lookup: Lookup) -> str:
    item_id, fields = _cells(session, values, lookup)
    existing = _existing(session, lookup, item_id, fields)
    if existing is None:
        cancelled = session.get(ProgrammeItem, item_id).status == "cancelled"
        add = items.keep_session if cancelled else items.add_session
        created = add(session, actor=actor, item_id=item_id, **fields)
        lookup.cache["sessions matched"].add(created.id)
        return "created"
    if _same(existing, fields):
        return "unchanged"
    items.edit_session(session, actor=actor, session_id=existing.id, version=None, **fields)
    return "updated"


KIND = Kind(
    name="sessions", title=N_("Sessions"), columns=COLUMNS,
    required=("site", "item", "day", "start", "end"),
    key=("site", "item", "item_starts_on", "day", "start"),
    example=("OC", "Raku firing weekend", "", "2026-05-16", "10:00", "17:00", "POT", "",
             "Paolo Conti", "paolo@example.org"),
    export_rows=export_rows, import_row=import_row, row_key=row_key,
    notes=N_("Import after the programme and the instructors. item and item_starts_on name "
             "the programme item as the programme file does (item_starts_on empty for an item "
             "without sessions yet); day as 2026-05-16, start and end as 18:30; a space code of "
             "the item's site, or a location (an online item needs neither); the instructor "
             "by name and email, as the instructors file has them."))
