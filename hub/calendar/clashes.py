"""Where the calendar collides: two things in one room at one time. The rules refuse these
when they are entered (hub/occupancy/bookings.py, hub/programme/items.py, works periods),
but data entered before a rule existed, or imported, can still hold them.

A clash is one of:
- a booking and a programme session in the same space overlapping in time;
- two sessions in the same space overlapping in time;
- a booking or a session on a day its space is out of use for works;
- more places booked in a space at some instant than it holds (over capacity).
Stretches [a, b) and [c, d) overlap when a < d and c < b: touching ends are fine. Cancelled
bookings and sessions of cancelled items never clash. Found in SQL (self-joins on the space
and day), but for works, whose few periods are read first. The sentences name no person, so
every role may read them.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from db.models import Booking, ProgrammeItem, ProgrammeSession, Site, Space
from hub.dates import clock
from hub.occupancy.works import works_between
from hub.scope import in_use

CLASH_KINDS = {"booking_session": "Booking and session", "session_session": "Two sessions",
               "works": "During works", "over_capacity": "Over capacity"}
CLASH_LIMIT = 500


@dataclass(frozen=True)
class Clash:
    kind: str                   # one of CLASH_KINDS
    site: str
    space_id: int
    space_code: str
    space_name: str
    day: date
    start_minute: int | None    # the stretch that collides; None: the whole day
    end_minute: int | None
    what: str                   # "the booking “Kiln firing” (10:00–12:00) and …"
    events: tuple[tuple[str, int], ...]   # (kind, record id) of each event involved

    @property
    def when(self) -> str:
        if self.start_minute is None:
            return "all day"
        return f"{clock(self.start_minute)}–{clock(self.end_minute)}"


def _booking_words(purpose: str, start: int, end: int) -> str:
    return (f"the booking “{purpose}”" if purpose else "a booking") + \
        f" ({clock(start)}–{clock(end)})"


def _session_words(title: str, start: int, end: int) -> str:
    return f"the session “{title}” ({clock(start)}–{clock(end)})"


def clashes_between(session: Session, *, site_id: int | None, first: date, last: date,
                    limit: int = CLASH_LIMIT) -> list[Clash]:
    """Every clash on the days [first, last] in one site (None: every site in use), by day,
    time and room; at most `limit` of each kind."""
    found = (_bookings_and_sessions(session, site_id, first, last, limit)
             + _two_sessions(session, site_id, first, last, limit)
             + _during_works(session, site_id, first, last, limit)
             + _over_capacity(session, site_id, first, last, limit))
    return sorted(found, key=lambda c: (c.day, c.start_minute or -1, c.space_code, c.kind))


def clashing_events(clashes: list[Clash]) -> set[tuple[str, int]]:
    """(kind, record id) of every event in some clash, to highlight them."""
    return {event for clash in clashes for event in clash.events}


def _live_session(alias=ProgrammeSession):
    item = aliased(ProgrammeItem)
    return item, and_(item.id == alias.item_id, item.status != "cancelled")


def _bookings_and_sessions(session, site_id, first, last, limit) -> list[Clash]:
    item, live = _live_session()
    query = (select(Booking.id, Booking.purpose, Booking.start_minute, Booking.end_minute,
                    ProgrammeSession.id, item.title, ProgrammeSession.start_minute,
                    ProgrammeSession.end_minute, Booking.day, Space.id, Space.code, Space.name,
                    Site.name)
             .join(ProgrammeSession, and_(ProgrammeSession.space_id == Booking.space_id,
                                          ProgrammeSession.day == Booking.day,
                                          ProgrammeSession.start_minute < Booking.end_minute,
                                          ProgrammeSession.end_minute > Booking.start_minute))
             .join(item, live)
             .join(Space, Space.id == Booking.space_id).join(Site, Site.id == Space.site_id)
             .where(Booking.status == "booked", Booking.day >= first, Booking.day <= last,
                    in_use(Space.site_id, site_id))
             .order_by(Booking.day, Booking.start_minute).limit(limit))
    return [Clash(kind="booking_session", site=site, space_id=space, space_code=code,
                  space_name=name, day=day, start_minute=max(b_start, s_start),
                  end_minute=min(b_end, s_end),
                  what=f"{_booking_words(purpose, b_start, b_end)} and "
                       f"{_session_words(title, s_start, s_end)}",
                  events=(("booking", booking), ("session", session_id)))
            for (booking, purpose, b_start, b_end, session_id, title, s_start, s_end, day, space,
                 code, name, site) in session.exec(query)]


def _two_sessions(session, site_id, first, last, limit) -> list[Clash]:
    other = aliased(ProgrammeSession)
    item, live = _live_session()
    other_item, other_live = _live_session(other)
    query = (select(ProgrammeSession.id, item.title, ProgrammeSession.start_minute,
                    ProgrammeSession.end_minute, other.id, other_item.title, other.start_minute,
                    other.end_minute, ProgrammeSession.day, Space.id, Space.code, Space.name,
                    Site.name)
             .join(item, live)
             .join(other, and_(other.space_id == ProgrammeSession.space_id,
                               other.day == ProgrammeSession.day,
                               other.id > ProgrammeSession.id,
                               other.start_minute < ProgrammeSession.end_minute,
                               other.end_minute > ProgrammeSession.start_minute))
             .join(other_item, other_live)
             .join(Space, Space.id == ProgrammeSession.space_id)
             .join(Site, Site.id == Space.site_id)
             .where(ProgrammeSession.day >= first, ProgrammeSession.day <= last,
                    in_use(Space.site_id, site_id))
             .order_by(ProgrammeSession.day, ProgrammeSession.start_minute).limit(limit))
    return [Clash(kind="session_session", site=site, space_id=space, space_code=code,
                  space_name=name, day=day, start_minute=max(a_start, b_start),
                  end_minute=min(a_end, b_end),
                  what=f"{_session_words(a_title, a_start, a_end)} and "
                       f"{_session_words(b_title, b_start, b_end)}",
                  events=(("session", a), ("session", b)))
            for (a, a_title, a_start, a_end, b, b_title, b_start, b_end, day, space, code, name,
                 site) in session.exec(query)]


def _during_works(session, site_id, first, last, limit) -> list[Clash]:
    """Bookings and sessions in a space on a day of its works (the periods are few)."""
    found: list[Clash] = []
    for span in works_between(session, site_id=site_id, first=first, last=last):
        start, end = max(span.starts_on, first), min(span.ends_on, last)
        works = (f"the works “{span.title}” ({span.starts_on.isoformat()} to "
                 f"{span.ends_on.isoformat()})")
        bookings = session.exec(
            select(Booking.id, Booking.day, Booking.purpose, Booking.start_minute,
                   Booking.end_minute, Space.name, Site.name)
            .join(Space, Space.id == Booking.space_id).join(Site, Site.id == Space.site_id)
            .where(Booking.space_id == span.space_id, Booking.status == "booked",
                   Booking.day >= start, Booking.day <= end)
            .order_by(Booking.day, Booking.start_minute).limit(limit))
        found += [Clash(kind="works", site=site, space_id=span.space_id,
                        space_code=span.space_code, space_name=name, day=day,
                        start_minute=b_start, end_minute=b_end,
                        what=f"{_booking_words(purpose, b_start, b_end)} during {works}",
                        events=(("booking", booking), ("works", span.works_id)))
                  for booking, day, purpose, b_start, b_end, name, site in bookings]
        item, live = _live_session()
        sessions = session.exec(
            select(ProgrammeSession.id, ProgrammeSession.day, item.title,
                   ProgrammeSession.start_minute, ProgrammeSession.end_minute, Space.name,
                   Site.name)
            .join(item, live).join(Space, Space.id == ProgrammeSession.space_id)
            .join(Site, Site.id == Space.site_id)
            .where(ProgrammeSession.space_id == span.space_id, ProgrammeSession.day >= start,
                   ProgrammeSession.day <= end)
            .order_by(ProgrammeSession.day, ProgrammeSession.start_minute).limit(limit))
        found += [Clash(kind="works", site=site, space_id=span.space_id,
                        space_code=span.space_code, space_name=name, day=day,
                        start_minute=s_start, end_minute=s_end,
                        what=f"{_session_words(title, s_start, s_end)} during {works}",
                        events=(("session", session_id), ("works", span.works_id)))
                  for session_id, day, title, s_start, s_end, name, site in sessions]
    return found[:limit]


def _over_capacity(session, site_id, first, last, limit) -> list[Clash]:
    """The places booked at the start of each booking (the most at any instant is reached at
    some booking's start), where they exceed the space's capacity: one clash a space and day,
    at its fullest instant."""
    other = aliased(Booking)
    taken = func.sum(other.places)
    query = (select(Booking.id, Booking.day, Booking.start_minute, Space.id, Space.code,
                    Space.name, Space.capacity, Site.name, taken, func.min(other.end_minute),
                    func.count(other.id))
             .join(other, and_(other.space_id == Booking.space_id, other.day == Booking.day,
                               other.status == "booked",
                               other.start_minute <= Booking.start_minute,
                               other.end_minute > Booking.start_minute))
             .join(Space, Space.id == Booking.space_id).join(Site, Site.id == Space.site_id)
             .where(Booking.status == "booked", Booking.day >= first, Booking.day <= last,
                    in_use(Space.site_id, site_id))
             .group_by(Booking.id, Booking.day, Booking.start_minute, Space.id, Space.code,
                       Space.name, Space.capacity, Site.name)
             .having(taken > Space.capacity)
             .order_by(Booking.day, Space.code, taken.desc(), Booking.start_minute))
    fullest: dict[tuple[int, date], Clash] = {}
    for booking, day, start, space, code, name, capacity, site, places, ends, count in \
            session.exec(query):
        if (space, day) in fullest:
            continue
        fullest[(space, day)] = Clash(
            kind="over_capacity", site=site, space_id=space, space_code=code, space_name=name,
            day=day, start_minute=start, end_minute=ends,
            what=f"{places} places booked at {clock(start)} in {code}, which holds {capacity} "
                 f"({count} bookings at once)",
            events=tuple(("booking", held) for held in session.exec(
                select(Booking.id).where(Booking.space_id == space, Booking.day == day,
                                         Booking.status == "booked",
                                         Booking.start_minute <= start,
                                         Booking.end_minute > start).order_by(Booking.id))))
        if len(fullest) >= limit:
            break
    return list(fullest.values())
