"""The events of a site in a period, by room: bookings, programme sessions (of items not
cancelled), works periods, and lease starts and ends (one-day markers on the space).

Times are minutes from midnight on the site's day, as bookings and sessions keep them; works
and lease markers take whole days (no minutes). A viewer sees "Guest" where an outside
person's name would be (a guest who booked, an instructor who is not a tenant), as on Lab
occupancy; tenants are named, as on every screen.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlmodel import Session, select

from db.models import (Booking, Instructor, Lease, ProgrammeItem, ProgrammeSession, Site, Space,
                       Tenant, User)
from hub.dates import month_end
from hub.i18n import N_, _
from hub.occupancy.closures import works_between
from hub.roles import require_role, sees_contacts
from hub.scope import in_use

KINDS = ("booking", "session", "works", "lease_start", "lease_end")
# English names, shown with _(KIND_LABELS[kind])
KIND_LABELS = {"booking": N_("Booking"), "session": N_("Session"), "works": N_("Works"),
               "lease_start": N_("Lease starts"), "lease_end": N_("Lease ends")}
VIEWS = ("day", "week", "month")
GUEST = N_("Guest")         # shown translated where a name is kept from a viewer
ONLINE = N_("Online")
EVENT_LIMIT = 3000          # per kind: a day or a week of one site holds far fewer


@dataclass(frozen=True)
class CalendarEvent:
    kind: str                   # one of KINDS
    record_id: int              # the booking, session, works period or lease
    site_id: int
    site: str
    space_id: int | None        # None: a session online or elsewhere
    space_code: str
    space_name: str
    day: date
    last_day: date              # the same day but for works
    start_minute: int | None    # None: the whole day(s)
    end_minute: int | None
    title: str
    who: str                    # tenant, booker or instructor; "" when nobody is named
    cancelled: bool = False
    places: int | None = None   # of a booking

    @property
    def all_day(self) -> bool:
        return self.start_minute is None

    @property
    def starts(self) -> datetime:
        return datetime.combine(self.day, time()) + timedelta(minutes=self.start_minute or 0)

    @property
    def ends(self) -> datetime:
        if self.end_minute is None:
            return datetime.combine(self.last_day + timedelta(days=1), time())
        return datetime.combine(self.last_day, time()) + timedelta(minutes=self.end_minute)

    @property
    def uid(self) -> str:
        """Stable across downloads: the kind and the record it shows."""
        return f"calendar-{self.kind.replace('_', '-')}-{self.record_id}@bottega"


def view_days(view: str, on: date) -> tuple[date, date]:
    """The first and last day a view shows around `on`: the day, its week (Monday to Sunday)
    or its month."""
    if view == "day":
        return on, on
    if view == "week":
        monday = on - timedelta(days=on.weekday())
        return monday, monday + timedelta(days=6)
    if view == "month":
        first = on.replace(day=1)
        return first, month_end(first)
    raise ValueError(f"unknown view {view!r}: one of {', '.join(VIEWS)}")


def events_between(session: Session, *, actor: User, site_id: int | None, first: date,
                   last: date, kinds: tuple[str, ...] = KINDS, cancelled: bool = False,
                   space_id: int | None = None, limit: int = EVENT_LIMIT) -> list[CalendarEvent]:
    """Every event of one site (None: every site in use) on the days [first, last], in time
    order, then room. `cancelled`: cancelled bookings too (marked). At most `limit` of each
    kind."""
    require_role(actor, "manager", "communication", "viewer")
    staff = sees_contacts(actor)
    found: list[CalendarEvent] = []
    if "booking" in kinds:
        found += _bookings(session, site_id, first, last, cancelled, space_id, staff, limit)
    if "session" in kinds:
        found += _sessions(session, site_id, first, last, space_id, staff, limit)
    if "works" in kinds:
        found += _works(session, site_id, first, last, space_id)[:limit]
    if {"lease_start", "lease_end"} & set(kinds):
        found += [event for event in _lease_marks(session, site_id, first, last, space_id, limit)
                  if event.kind in kinds]
    return sorted(found, key=lambda e: (e.day, e.start_minute or -1, e.space_code, e.kind,
                                        e.record_id))


def _in_site(query, site_column, site_id, space_column, space_id):
    query = query.where(in_use(site_column, site_id))
    return query.where(space_column == space_id) if space_id is not None else query


def _bookings(session, site_id, first, last, cancelled, space_id, staff, limit):
    query = (select(Booking.id, Booking.day, Booking.start_minute, Booking.end_minute,
                    Booking.purpose, Booking.guest_name, Booking.places, Booking.status,
                    Tenant.name, Space.id, Space.code, Space.name, Site.id, Site.name)
             .join(Space, Space.id == Booking.space_id).join(Site, Site.id == Space.site_id)
             .outerjoin(Tenant, Tenant.id == Booking.tenant_id)
             .where(Booking.falls_between(first, last)))
    query = _in_site(query, Space.site_id, site_id, Booking.space_id, space_id)
    if not cancelled:
        query = query.where(Booking.status == "booked")
    query = query.order_by(Booking.day, Booking.start_minute, Space.code).limit(limit)
    return [CalendarEvent(
        kind="booking", record_id=booking_id, site_id=site, site=site_name, space_id=space,
        space_code=code, space_name=name, day=day, last_day=day, start_minute=start,
        end_minute=end, title=purpose or _("Booking"),
        who=tenant or (guest if staff else _(GUEST)) or "", cancelled=status == "cancelled",
        places=places)
        for (booking_id, day, start, end, purpose, guest, places, status, tenant, space, code,
             name, site, site_name) in session.exec(query)]


def _sessions(session, site_id, first, last, space_id, staff, limit):
    query = (select(ProgrammeSession.id, ProgrammeSession.day, ProgrammeSession.start_minute,
                    ProgrammeSession.end_minute, ProgrammeSession.location, ProgrammeItem.title,
                    Instructor.name, Instructor.tenant_id, Space.id, Space.code, Space.name,
                    Site.id, Site.name)
             .join(ProgrammeItem, ProgrammeItem.id == ProgrammeSession.item_id)
             .join(Site, Site.id == ProgrammeItem.site_id)
             .outerjoin(Space, Space.id == ProgrammeSession.space_id)
             .outerjoin(Instructor, Instructor.id == ProgrammeSession.instructor_id)
             .where(ProgrammeSession.falls_between(first, last),
                    ProgrammeItem.status != "cancelled"))
    query = _in_site(query, ProgrammeItem.site_id, site_id, ProgrammeSession.space_id, space_id)
    query = query.order_by(ProgrammeSession.day, ProgrammeSession.start_minute).limit(limit)
    return [CalendarEvent(
        kind="session", record_id=session_id, site_id=site, site=site_name, space_id=space,
        space_code=code or "", space_name=name or location or _(ONLINE), day=day, last_day=day,
        start_minute=start, end_minute=end, title=title,
        who=(instructor if staff or taught_by_tenant else _(GUEST)) if instructor else "")
        for (session_id, day, start, end, location, title, instructor, taught_by_tenant, space,
             code, name, site, site_name) in session.exec(query)]


def _works(session, site_id, first, last, space_id):
    spans = [span for span in works_between(session, site_id=site_id, first=first, last=last)
             if space_id is None or span.space_id == space_id]
    if not spans:
        return []
    places = {space: (name, site, site_name) for space, name, site, site_name in session.exec(
        select(Space.id, Space.name, Site.id, Site.name).join(Site, Site.id == Space.site_id)
        .where(Space.id.in_({span.space_id for span in spans})))}
    return [CalendarEvent(
        kind="works", record_id=span.works_id, site_id=span.site_id,
        site=places[span.space_id][2], space_id=span.space_id, space_code=span.space_code,
        space_name=places[span.space_id][0], day=span.starts_on, last_day=span.ends_on,
        start_minute=None, end_minute=None, title=span.title, who="") for span in spans]


def _lease_marks(session, site_id, first, last, space_id, limit):
    found = []
    for kind, column in (("lease_start", Lease.starts_on), ("lease_end", Lease.ends_on)):
        query = (select(Lease.id, column, Tenant.name, Space.id, Space.code, Space.name,
                        Site.id, Site.name)
                 .join(Space, Space.id == Lease.space_id).join(Site, Site.id == Space.site_id)
                 .join(Tenant, Tenant.id == Lease.tenant_id)
                 .where(column >= first, column <= last))
        query = _in_site(query, Space.site_id, site_id, Lease.space_id, space_id)
        found += [CalendarEvent(
            kind=kind, record_id=lease_id, site_id=site, site=site_name, space_id=space,
            space_code=code, space_name=name, day=day, last_day=day, start_minute=None,
            end_minute=None, title=(_("{tenant}'s lease of {space} starts") if kind == "lease_start"
                                    else _("{tenant}'s lease of {space} ends")).format(
                tenant=tenant, space=code),
            who=tenant)
            for lease_id, day, tenant, space, code, name, site, site_name in session.exec(
                query.order_by(column, Space.code).limit(limit))]
    return found
