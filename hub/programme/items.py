"""The programme: courses, workshops, seminars, meetings, exhibitions and events, and their
sessions. The manager and the communication team keep it; a viewer only reads it.

An item goes draft → published → done, or is cancelled (a cancelled item frees its rooms and
instructors). Its sessions never clash with another session or a booking of the same space,
nor with another session of the same instructor; `starts_on`/`ends_on` follow its sessions.
"""
from __future__ import annotations

from datetime import date, time, timedelta

from sqlalchemy import func
from sqlmodel import Session, select

from db.models import Instructor, Lease, ProgrammeItem, ProgrammeSession, Site, Space, Tenant, User
from db.vocabulary import PROGRAMME_FORMATS, PROGRAMME_KINDS, PROGRAMME_STATUSES, SECTORS
from hub.checks import FieldChecks, day as checked_day, money, optional_email
from hub.dates import clock
from hub.errors import Invalid
from hub.i18n import N_, _, day_text, ngettext
from hub.occupancy import claims
from hub.occupancy.spaces import lock_space
from hub.occupancy.closures import closed_message, closure_of
from hub.programme import clashes
from hub.programme.drafts import refuse_twin
from hub.programme.seats import fill_from_waitlist, taken_seats
from hub.records import flush, load_for_edit, record, save_changes
from hub.roles import EDITORS, IMPORTERS, require_role
from hub.scope import open_site
from hub.words import label

ITEM_FIELDS = ("kind", "title", "sector", "description", "format", "capacity", "price",
               "status", "funding", "target_group", "refund_deadline")
NEXT_STATUSES = {"draft": {"published", "cancelled"},
                 "published": {"draft", "done", "cancelled"},
                 "done": set(), "cancelled": set()}
MAX_CAPACITY = 1000
MAX_SERIES_WEEKS = 52


# --- items ----------------------------------------------------------------------------------

def _text(values: dict, field: str, limit: int, *, required: bool = False) -> str | None:
    """`field` is marked with N_ where it is written (it is shown translated)."""
    text = str(values.get(field) or "").strip()
    name = _(field).replace("_", " ")
    if required and not text:
        raise Invalid(field, _("{field} is required").format(field=name))
    if len(text) > limit:
        raise Invalid(field, _("{field} is longer than {limit} characters").format(
            field=name, limit=limit))
    return text or None


def _one_of(values: dict, field: str, allowed: tuple[str, ...]) -> str:
    value = str(values.get(field) or "").strip().lower().replace(" ", "_")
    if field == "sector":
        value = value.replace("_", " ")
    if value not in allowed:
        raise Invalid(field, _("{field} must be one of {allowed}").format(
            field=_(field), allowed=", ".join(allowed)))
    return value


def _capacity(value) -> int:
    try:
        capacity = int(str(value).strip())
    except (TypeError, ValueError):
        raise Invalid("capacity", _("capacity must be a whole number of places")) from None
    if not 1 <= capacity <= MAX_CAPACITY:
        raise Invalid("capacity", _("capacity must be between 1 and {limit} places").format(
            limit=MAX_CAPACITY))
    return capacity


def check_item(values: dict) -> dict:
    """Validate an item's fields; returns them cleaned. Every message names its field, and
    every bad field is reported at once."""
    found = FieldChecks()
    clean = {"kind": found.run(_one_of, values, N_("kind"), PROGRAMME_KINDS),
             "title": found.run(_text, values, N_("title"), 160, required=True),
             "sector": found.run(_one_of, values, N_("sector"), SECTORS),
             "description": found.run(_text, values, N_("description"), 4000) or "",
             "format": found.run(_one_of, values, N_("format"), PROGRAMME_FORMATS),
             "status": found.run(_one_of, values, N_("status"), PROGRAMME_STATUSES),
             "funding": found.run(_text, values, N_("funding"), 200),
             "target_group": found.run(_text, values, N_("target_group"), 120),
             "capacity": found.run(_capacity, values.get("capacity")),
             "price": found.run(money, values.get("price"), N_("price"), required=True),
             "refund_deadline": found.run(checked_day, values.get("refund_deadline"),
                                          N_("refund deadline"))}
    found.done()
    return clean


def add_item(session: Session, *, actor: User, site_id: int, kind: str, title: str,
             sector: str, description: str = "", format: str = "in_situ", capacity,
             price, status: str = "draft", funding: str | None = None,
             target_group: str | None = None, starts_on: date | None = None,
             refund_deadline: date | None = None) -> ProgrammeItem:
    """A new programme item (no sessions yet: add them with add_session / add_weekly_series).
    `starts_on`, its first day before its sessions are added (an import brings the item before
    its sessions), tells it apart from another run of the same title; the sessions then set
    it."""
    require_role(actor, *EDITORS)
    clean = check_item(dict(kind=kind, title=title, sector=sector, description=description,
                            format=format, capacity=capacity, price=price, status=status,
                            funding=funding, target_group=target_group,
                            refund_deadline=refund_deadline))
    if site_id is None or session.get(Site, site_id) is None:
        raise Invalid("site", _("choose the site that runs this item"))
    open_site(session, site_id)
    if starts_on is not None and not isinstance(starts_on, date):
        raise Invalid("starts_on", _("the first day must be a date"))
    refuse_twin(session, site_id=site_id, title=clean["title"], starts_on=starts_on)
    item = ProgrammeItem(site_id=site_id, starts_on=starts_on, ends_on=starts_on, **clean)
    session.add(item)
    record(session, actor, "create", item)
    return item


def lock_item(session: Session, item_id: int) -> ProgrammeItem:
    """The item, locked until the transaction ends (PostgreSQL row lock; SQLite writers are
    one at a time already), so enrolments into its last seat are served one after another."""
    item = session.exec(select(ProgrammeItem).where(ProgrammeItem.id == item_id)
                        .with_for_update().execution_options(populate_existing=True)).first()
    if item is None:
        raise Invalid("item", _("that programme item does not exist"))
    return item


def edit_item(session: Session, *, actor: User, item_id: int, version: int | None,
              **values) -> ProgrammeItem:
    """Change an item's fields (any of ITEM_FIELDS; the others keep their value)."""
    require_role(actor, *EDITORS)
    unknown = set(values) - set(ITEM_FIELDS)
    if unknown:
        raise Invalid(sorted(unknown)[0], _("{fields} cannot be changed here").format(
            fields=", ".join(sorted(unknown))))
    item = load_for_edit(session, ProgrammeItem, item_id, version, N_("this programme item"))
    clean = check_item({field: getattr(item, field) for field in ITEM_FIELDS} | values)
    if clean["title"].strip().lower() != item.title.strip().lower():
        refuse_twin(session, site_id=item.site_id, title=clean["title"],
                    starts_on=item.starts_on, other_than=item.id)
    if clean["status"] != item.status and clean["status"] not in NEXT_STATUSES[item.status]:
        allowed = ", ".join(label("programme status", status)
                            for status in sorted(NEXT_STATUSES[item.status]))
        sentence = (_("a {status} item cannot become {new} (it may become {allowed})")
                    if allowed else _("a {status} item cannot become {new} "
                                      "(it may become nothing else)"))
        raise Invalid("status", sentence.format(
            status=label("programme status", item.status),
            new=label("programme status", clean["status"]), allowed=allowed))
    # Imported here: enrolments build on this module (lock_item), not the other way round.
    taken = taken_seats(session, item.id)
    if clean["capacity"] < taken:
        # English says "people" for one too (as it always has); Italian agrees with the count.
        raise Invalid("capacity", ngettext(
            "capacity cannot be below the {taken} people already enrolled; cancel or move "
            "some first",
            "capacity cannot be below the {taken} people already enrolled; cancel or move "
            "some first", taken).format(taken=taken))
    save_changes(session, actor=actor, row=item, values=clean, what=f"“{item.title}”")
    if item.status in ("draft", "published"):
        fill_from_waitlist(session, actor=actor, item=item)
    return item


# --- instructors ----------------------------------------------------------------------------

def add_instructor(session: Session, *, actor: User, name: str | None = None,
                   tenant_id: int | None = None, email: str | None = None,
                   phone: str | None = None) -> Instructor:
    """An instructor: a tenant of the hub (named after them) or an outside person."""
    require_role(actor, *EDITORS)
    if tenant_id is not None:
        tenant = session.get(Tenant, tenant_id)
        if tenant is None:
            raise Invalid("tenant", _("that tenant does not exist"))
        if session.exec(select(Instructor.id).where(Instructor.tenant_id == tenant_id)).first():
            raise Invalid("tenant", _("{name} is already an instructor").format(name=tenant.name))
        name = name or tenant.name
    instructor = Instructor(tenant_id=tenant_id, **check_instructor(
        {"name": name, "email": email, "phone": phone}))
    session.add(instructor)
    record(session, actor, "create", instructor)
    return instructor


INSTRUCTOR_FIELDS = ("name", "email", "phone")


def check_instructor(values: dict) -> dict:
    """Validate an instructor's name, email and phone; every message names its field."""
    return {"name": _text(values, N_("name"), 120, required=True),
            "email": optional_email(values.get("email")),
            "phone": _text(values, N_("phone"), 40)}


def edit_instructor(session: Session, *, actor: User, instructor_id: int,
                    version: int | None, **values) -> Instructor:
    """Change an instructor's name, email or phone (the others keep their value)."""
    require_role(actor, *EDITORS)
    unknown = set(values) - set(INSTRUCTOR_FIELDS)
    if unknown:
        raise Invalid(sorted(unknown)[0], _("{fields} cannot be changed here").format(
            fields=", ".join(sorted(unknown))))
    instructor = load_for_edit(session, Instructor, instructor_id, version, N_("this instructor"))
    clean = check_instructor({field: getattr(instructor, field)
                              for field in INSTRUCTOR_FIELDS} | values)
    save_changes(session, actor=actor, row=instructor, values=clean,
                 what=_("instructor {name}").format(name=instructor.name))
    return instructor


# --- sessions -------------------------------------------------------------------------------

def _minutes(day: date | None, start: time | None, end: time | None) -> tuple[int, int]:
    if day is None or start is None or end is None:
        raise Invalid("day", _("day, start and end time are required"))
    first, last = start.hour * 60 + start.minute, end.hour * 60 + end.minute
    if last == first:
        raise Invalid("end", _("end time equals start time: a session must last at least a "
                               "minute"))
    if last < first:
        raise Invalid("end", _("end time {end} is before start time {start}").format(
            end=f"{end:%H:%M}", start=f"{start:%H:%M}"))
    return first, last


def _check_place(session: Session, item: ProgrammeItem, space_id: int | None,
                 location: str | None) -> tuple[Space | None, str | None]:
    location = _text({"location": location}, N_("location"), 200)
    if space_id is None:
        if item.format != "online" and location is None:
            raise Invalid("space", _("choose a space, or write where the session takes place "
                                     "(an online item needs neither)"))
        return None, location
    space = lock_space(session, space_id)  # bookings of it wait until this session is saved
    if not space.active:
        raise Invalid("space", _("that space does not exist or is no longer in use"))
    if space.site_id != item.site_id:
        raise Invalid("space", _("{space} belongs to another site than this item").format(
            space=space.code))
    return space, location


def _check_free(session: Session, *, space: Space | None, instructor_id: int | None,
                day: date, first: int, last: int, other_than: int | None) -> None:
    """Refuse a clash in the space (session, booking, a lease of a bench) or of the instructor."""
    if space is not None:
        works = closure_of(session, space_id=space.id, first=day, last=day)
        if works is not None:
            raise Invalid("space", closed_message(space.code, works))
        taken = claims.session_in_space(session, space_id=space.id, day=day, first=first,
                                         last=last, other_than=other_than)
        taken = taken or claims.booking_in_space(session, space_id=space.id, day=day,
                                                  first=first, last=last)
        if taken:
            raise Invalid("space", _("{space} is taken at {start}–{end} on {day} by {taken}")
                          .format(space=space.code, start=clock(first), end=clock(last),
                                  day=day_text(day), taken=taken))
        if space.leasable and session.exec(select(Lease.id).where(
                Lease.space_id == space.id, Lease.holds(day))).first():
            raise Invalid("space", _("{space} is leased on {day}; choose another space").format(
                space=space.code, day=day_text(day)))
    if instructor_id is not None:
        teaching = clashes.session_of_instructor(session, instructor_id=instructor_id, day=day,
                                                 first=first, last=last, other_than=other_than)
        if teaching:
            raise Invalid("instructor", _("the instructor already teaches {session} on {day}")
                          .format(session=teaching, day=day_text(day)))


def _open_item(session: Session, item_id: int) -> ProgrammeItem:
    item = session.get(ProgrammeItem, item_id)
    if item is None:
        raise Invalid("item", _("that programme item does not exist"))
    if item.status == "cancelled":
        raise Invalid("item", _("“{title}” is cancelled: it takes no sessions").format(
            title=item.title))
    return item


def _check_instructor(session: Session, instructor_id: int | None) -> None:
    if instructor_id is not None and session.get(Instructor, instructor_id) is None:
        raise Invalid("instructor", _("that instructor does not exist"))


def refresh_dates(session: Session, item: ProgrammeItem) -> None:
    """Keep the item's first and last session day in step with its sessions."""
    session.flush()
    first, last = session.exec(select(func.min(ProgrammeSession.day),
                                      func.max(ProgrammeSession.day))
                               .where(ProgrammeSession.item_id == item.id)).one()
    if (item.starts_on, item.ends_on) != (first, last):
        item.starts_on, item.ends_on = first, last
        session.flush()


def add_session(session: Session, *, actor: User, item_id: int, day: date, start: time,
                end: time, space_id: int | None = None, location: str | None = None,
                instructor_id: int | None = None) -> ProgrammeSession:
    """One session of an item, in a space (or online / elsewhere), with an instructor."""
    require_role(actor, *EDITORS)
    item = _open_item(session, item_id)
    first, last = _minutes(day, start, end)
    space, location = _check_place(session, item, space_id, location)
    _check_instructor(session, instructor_id)
    _check_free(session, space=space, instructor_id=instructor_id, day=day, first=first,
                last=last, other_than=None)
    row = ProgrammeSession(item_id=item.id, day=day, start_minute=first, end_minute=last,
                           space_id=space_id, location=location, instructor_id=instructor_id)
    session.add(row)
    record(session, actor, "create", row)
    refresh_dates(session, item)
    return row


def keep_session(session: Session, *, actor: User, item_id: int, day: date, start: time,
                 end: time, space_id: int | None = None, location: str | None = None,
                 instructor_id: int | None = None) -> ProgrammeSession:
    """A session of a cancelled item, kept as the record of what was planned (an import
    brings it back). It holds neither its space nor its instructor, as every session of a
    cancelled item: nothing can clash with it. Manager only, as imports are."""
    require_role(actor, *IMPORTERS)
    item = session.get(ProgrammeItem, item_id)
    if item is None:
        raise Invalid("item", _("that programme item does not exist"))
    if item.status != "cancelled":
        raise Invalid("item", _("“{title}” is not cancelled: add its sessions as usual").format(
            title=item.title))
    first, last = _minutes(day, start, end)
    __, location = _check_place(session, item, space_id, location)
    _check_instructor(session, instructor_id)
    row = ProgrammeSession(item_id=item.id, day=day, start_minute=first, end_minute=last,
                           space_id=space_id, location=location, instructor_id=instructor_id)
    session.add(row)
    record(session, actor, "create", row)
    refresh_dates(session, item)
    return row


def add_weekly_series(session: Session, *, actor: User, item_id: int, first_day: date,
                      weeks: int, start: time, end: time, space_id: int | None = None,
                      location: str | None = None,
                      instructor_id: int | None = None) -> list[ProgrammeSession]:
    """The same slot every week for `weeks` weeks from `first_day` ("every Tuesday
    18:00–21:00 for 8 weeks"). All or nothing: one clash refuses the whole series."""
    try:
        weeks = int(weeks)
    except (TypeError, ValueError):
        weeks = 0
    if not 1 <= weeks <= MAX_SERIES_WEEKS:
        raise Invalid("weeks", _("weeks must be between 1 and {limit}").format(
            limit=MAX_SERIES_WEEKS))
    if first_day is None:
        raise Invalid("day", _("the first day of the series is required"))
    return [add_session(session, actor=actor, item_id=item_id,
                        day=first_day + timedelta(weeks=week), start=start, end=end,
                        space_id=space_id, location=location, instructor_id=instructor_id)
            for week in range(weeks)]


def edit_session(session: Session, *, actor: User, session_id: int, version: int | None,
                 day: date, start: time, end: time, space_id: int | None = None,
                 location: str | None = None,
                 instructor_id: int | None = None) -> ProgrammeSession:
    """Move a session or change its space or instructor; the same clash rules apply."""
    require_role(actor, *EDITORS)
    row = load_for_edit(session, ProgrammeSession, session_id, version, N_("this session"))
    item = _open_item(session, row.item_id)
    first, last = _minutes(day, start, end)
    space, location = _check_place(session, item, space_id, location)
    _check_instructor(session, instructor_id)
    _check_free(session, space=space, instructor_id=instructor_id, day=day, first=first,
                last=last, other_than=row.id)
    save_changes(session, actor=actor, row=row, what=N_("this session"), values={
        "day": day, "start_minute": first, "end_minute": last, "space_id": space_id,
        "location": location, "instructor_id": instructor_id})
    refresh_dates(session, item)
    return row


def remove_session(session: Session, *, actor: User, session_id: int,
                   version: int | None) -> ProgrammeItem:
    """Delete a session (its item stays); returns the item, its dates refreshed."""
    require_role(actor, *EDITORS)
    row = load_for_edit(session, ProgrammeSession, session_id, version, N_("this session"))
    item = session.get(ProgrammeItem, row.item_id)
    record(session, actor, "delete", row, {"day": [str(row.day), None]})
    session.delete(row)
    flush(session, N_("this session"))  # a session changed meanwhile is Stale, not a crash
    refresh_dates(session, item)
    return item
