"""What already holds a space at a time of day: a live programme session or a booking.
Bookings (occupancy) and programme sessions both ask before they take a space.

Times are minutes from midnight on one day: two stretches [a, b) and [c, d) overlap when
a < d and c < b (touching ends are fine). Sessions of cancelled items free their rooms.
"""
from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from db.models import Booking, ProgrammeItem, ProgrammeSession, Tenant
from hub.dates import clock
from hub.i18n import _


def live_sessions(day: date, first: int, last: int, other_than: int | None):
    query = (select(ProgrammeItem.title, ProgrammeSession.start_minute,
                    ProgrammeSession.end_minute)
             .join(ProgrammeItem, ProgrammeItem.id == ProgrammeSession.item_id)
             .where(ProgrammeSession.day == day, ProgrammeSession.start_minute < last,
                    ProgrammeSession.end_minute > first, ProgrammeItem.status != "cancelled"))
    if other_than is not None:
        query = query.where(ProgrammeSession.id != other_than)
    return query.order_by(ProgrammeSession.start_minute)


def session_in_space(session: Session, *, space_id: int, day: date, first: int, last: int,
                     other_than: int | None = None) -> str | None:
    """A sentence naming the programme item already in the space then, or None."""
    row = session.exec(live_sessions(day, first, last, other_than)
                       .where(ProgrammeSession.space_id == space_id)).first()
    if row is None:
        return None
    title, start, end = row
    return f"“{title}” ({clock(start)}–{clock(end)})"


def booking_in_space(session: Session, *, space_id: int, day: date, first: int,
                     last: int) -> str | None:
    """A sentence naming a live booking of the space then, or None."""
    row = session.exec(
        select(Booking.start_minute, Booking.end_minute, Booking.purpose, Booking.guest_name,
               Tenant.name)
        .outerjoin(Tenant, Tenant.id == Booking.tenant_id)
        .where(Booking.space_id == space_id, Booking.day == day, Booking.status == "booked",
               Booking.start_minute < last, Booking.end_minute > first)
        .order_by(Booking.start_minute)).first()
    if row is None:
        return None
    start, end, purpose, guest, tenant = row
    who = tenant or guest or _("someone")
    if purpose:
        return _("“{purpose}” ({start}–{end}, booked by {who})").format(
            purpose=purpose, start=clock(start), end=clock(end), who=who)
    return _("a booking ({start}–{end}, booked by {who})").format(
        start=clock(start), end=clock(end), who=who)
