"""Bookings: short use of a bench, the conference room or the pottery workshop.

A booking lies within one day and the site's opening hours, in minutes from midnight. The
places booked at any instant never exceed the space's capacity; a cancellation keeps the
record (status `cancelled`, who and when) and frees the places.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

from sqlmodel import Session, select

from db.models import Booking, Lease, Site, Space, Tenant, User, utcnow
from hub.dates import clock
from hub.errors import Invalid
from hub.i18n import _, day_text, locale, ngettext
from hub.occupancy.claims import session_in_space
from hub.occupancy.spaces import lock_space
from hub.occupancy.closures import closed_message, closure_of
from hub.records import load_for_edit, record, save_changes
from hub.roles import SPACE_KEEPERS, require_role
from hub.scope import open_site

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def weekday_name(day: int, width: str = "wide") -> str:
    """Monday (0) … Sunday (6) in the reader's language; `width` "abbreviated": Mon, lun."""
    return locale().days["format"][width][day]


def minute_of(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def opening_hours(site: Site) -> str:
    days = [weekday_name(int(d), "abbreviated") for d in site.open_weekdays]
    span = f"{days[0]}–{days[-1]}" if len(days) > 1 else (days[0] if days else _("closed"))
    return f"{span} {site.opens_at:%H:%M}–{site.closes_at:%H:%M}"


def outside_opening_hours(site: Site, day: date, first: int, last: int) -> Invalid | None:
    """Why `first`–`last` (minutes) on `day` is outside the site's opening hours, or None:
    a booking is refused with it; a programme session is told (hub/programme/views.py)."""
    if str(day.weekday()) not in site.open_weekdays:
        return Invalid("day", _("{site} is closed on {weekday}s (open {hours})").format(
            site=site.name, weekday=weekday_name(day.weekday()), hours=opening_hours(site)))
    if first < minute_of(site.opens_at) or last > minute_of(site.closes_at):
        return Invalid("start", _("{start}–{end} is outside the opening hours of {site} "
                                  "({hours})").format(start=clock(first), end=clock(last),
                                                      site=site.name, hours=opening_hours(site)))
    return None


def _check_times(site: Site, day: date, start: time, end: time) -> tuple[int, int]:
    if day is None or start is None or end is None:
        raise Invalid("day", _("day, start and end time are required"))
    first, last = minute_of(start), minute_of(end)
    if last == first:
        raise Invalid("end", _("end time equals start time: a booking must last at least a minute"))
    if last < first:
        raise Invalid("end", _("end time {end} is before start time {start}: a booking cannot "
                               "run past midnight; book the next day separately").format(
            end=f"{end:%H:%M}", start=f"{start:%H:%M}"))
    if (outside := outside_opening_hours(site, day, first, last)) is not None:
        raise outside
    return first, last


def places_in_use(bookings: list[Booking], first: int, last: int) -> int:
    """The most places taken at any instant of [first, last) by these bookings."""
    changes = []
    for booking in bookings:
        begin, end = max(booking.start_minute, first), min(booking.end_minute, last)
        if begin < end:
            changes += [(begin, booking.places), (end, -booking.places)]
    peak = taken = 0
    for __, delta in sorted(changes, key=lambda change: (change[0], change[1])):
        taken += delta
        peak = max(peak, taken)
    return peak


def bookings_on(session: Session, space_id: int, day: date) -> list[Booking]:
    return list(session.exec(select(Booking).where(
        Booking.space_id == space_id, Booking.day == day, Booking.status == "booked")
        .order_by(Booking.start_minute)))


def _who_and_places(space: Space, tenant_id: int | None, guest_name: str | None,
                    places) -> tuple[str | None, int]:
    """A booking names a tenant or an outside person, for 1 to the space's capacity places."""
    guest_name = (guest_name or "").strip() or None
    if tenant_id is None and guest_name is None:
        raise Invalid("who", _("choose a tenant or write the name of the outside person"))
    try:
        places = int(places)
    except (TypeError, ValueError):
        places = 0
    if not 1 <= places <= space.capacity:
        raise Invalid("places", _("places must be between 1 and {capacity} (the capacity of "
                                  "{space})").format(capacity=space.capacity, space=space.code))
    return guest_name, places


def book(session: Session, *, actor: User, space_id: int, day: date, start: time | None,
         end: time | None, places: int = 1, tenant_id: int | None = None,
         guest_name: str | None = None, purpose: str = "", whole_day: bool = False) -> Booking:
    """Book places in a space for one stretch of one day (`whole_day`: the opening hours)."""
    require_role(actor, *SPACE_KEEPERS)
    space = lock_space(session, space_id)  # one booking of this space at a time
    if not space.bookable or not space.active:
        raise Invalid("space", _("space {space} cannot be booked").format(space=space.code))
    site = open_site(session, space.site_id)
    if whole_day:
        start, end = site.opens_at, site.closes_at
    first, last = _check_times(site, day, start, end)
    works = closure_of(session, space_id=space.id, first=day, last=day)
    if works is not None:
        raise Invalid("day", closed_message(space.code, works))
    if space.leasable:
        holder = session.exec(select(Tenant.name).join(Lease, Lease.tenant_id == Tenant.id).where(
            Lease.space_id == space.id, Lease.holds(day))).first()
        if holder:
            raise Invalid("day", _("{space} is leased to {tenant} on {day}; choose another day "
                                   "or space").format(space=space.code, tenant=holder,
                                                      day=day_text(day)))
    guest_name, places = _who_and_places(space, tenant_id, guest_name, places)
    course = session_in_space(session, space_id=space.id, day=day, first=first, last=last)
    if course:
        raise Invalid("start", _("{space} is taken at {start}–{end} on {day} by the programme "
                                 "session {session}").format(space=space.code, start=clock(first),
                                                             end=clock(last), day=day_text(day),
                                                             session=course))
    taken = places_in_use(bookings_on(session, space.id, day), first, last)
    if taken + places > space.capacity:
        free = space.capacity - taken
        raise Invalid("start", ngettext(
            "{space} is full at {start}–{end} on {day}: {taken} of {capacity} place already "
            "booked, {free} free",
            "{space} is full at {start}–{end} on {day}: {taken} of {capacity} places already "
            "booked, {free} free", space.capacity).format(
            space=space.code, start=clock(first), end=clock(last), day=day_text(day), taken=taken,
            capacity=space.capacity, free=max(free, 0)))
    if len(purpose or "") > 200:
        raise Invalid("purpose", _("purpose is longer than 200 characters"))
    booking = Booking(space_id=space.id, tenant_id=tenant_id, guest_name=guest_name, day=day,
                      start_minute=first, end_minute=last, places=places,
                      purpose=(purpose or "").strip(), created_by=actor.username)
    session.add(booking)
    record(session, actor, "create", booking)
    return booking


def keep_cancelled_booking(session: Session, *, actor: User, space_id: int, day: date,
                           start: time | None, end: time | None, places: int = 1,
                           tenant_id: int | None = None, guest_name: str | None = None,
                           purpose: str = "") -> Booking:
    """A cancelled booking, kept as the record of what was asked (an import brings it back).
    It holds no place, so it is checked as a booking is but for what it would take: the
    space's other bookings, sessions and leases. Manager only."""
    require_role(actor, *SPACE_KEEPERS)
    space = lock_space(session, space_id)
    if not space.bookable:
        raise Invalid("space", _("space {space} cannot be booked").format(space=space.code))
    site = session.get(Site, space.site_id)
    first, last = _check_times(site, day, start, end)
    guest_name, places = _who_and_places(space, tenant_id, guest_name, places)
    if len(purpose or "") > 200:
        raise Invalid("purpose", _("purpose is longer than 200 characters"))
    booking = Booking(space_id=space.id, tenant_id=tenant_id, guest_name=guest_name, day=day,
                      start_minute=first, end_minute=last, places=places,
                      purpose=(purpose or "").strip(), created_by=actor.username,
                      status="cancelled", cancelled_at=utcnow(), cancelled_by=actor.username)
    session.add(booking)
    record(session, actor, "create", booking)
    return booking


def cancel_booking(session: Session, *, actor: User, booking_id: int,
                   version: int | None) -> Booking:
    require_role(actor, *SPACE_KEEPERS)
    booking = load_for_edit(session, Booking, booking_id, version, _("this booking"))
    if booking.status == "cancelled":
        raise Invalid("status", _("this booking is already cancelled"))
    save_changes(session, actor=actor, row=booking, action="cancel", what=_("this booking"),
                 values={"status": "cancelled", "cancelled_at": utcnow(),
                         "cancelled_by": actor.username})
    return booking


@dataclass(frozen=True)
class BookingRow:
    id: int
    version: int
    site: str
    space: str
    day: date
    start_minute: int
    end_minute: int
    places: int
    tenant: str | None
    guest_name: str | None
    purpose: str


def week_bookings(session: Session, *, site_id: int | None, monday: date,
                  limit: int = 1500) -> list[BookingRow]:
    """The live bookings of one week (Monday to Sunday), for the week view."""
    query = (select(Booking, Site.name, Space.code, Tenant.name)
             .join(Space, Space.id == Booking.space_id).join(Site, Site.id == Space.site_id)
             .outerjoin(Tenant, Tenant.id == Booking.tenant_id)
             .where(Booking.status == "booked",
                    Booking.falls_between(monday, monday + timedelta(days=6)))
             .order_by(Booking.day, Booking.start_minute, Space.code))
    if site_id is not None:
        query = query.where(Space.site_id == site_id)
    return [BookingRow(id=b.id, version=b.version, site=site, space=code, day=b.day,
                       start_minute=b.start_minute, end_minute=b.end_minute, places=b.places,
                       tenant=tenant, guest_name=b.guest_name, purpose=b.purpose)
            for b, site, code, tenant in session.exec(query.limit(limit))]
