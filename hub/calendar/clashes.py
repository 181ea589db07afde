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

from sqlalchemy import and_, func, union_all
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from db.models import (Booking, ProgrammeItem, ProgrammeSession, Site, Space, WorksPeriod,
                       WorksSpace)
from hub.dates import clock
from hub.i18n import N_, _, day_text, ngettext
from hub.scope import in_use

# English names, shown with _(CLASH_KINDS[kind])
CLASH_KINDS = {"booking_session": N_("Booking and session"),
               "session_session": N_("Two sessions"), "works": N_("During works"),
               "over_capacity": N_("Over capacity")}
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
            return _("all day")
        return f"{clock(self.start_minute)}–{clock(self.end_minute)}"


def _booking_words(purpose: str, start: int, end: int) -> str:
    if purpose:
        return _("the booking “{purpose}” ({start}–{end})").format(
            purpose=purpose, start=clock(start), end=clock(end))
    return _("a booking ({start}–{end})").format(start=clock(start), end=clock(end))


def _session_words(title: str, start: int, end: int) -> str:
    return _("the session “{title}” ({start}–{end})").format(title=title, start=clock(start),
                                                              end=clock(end))


def _and(first: str, second: str) -> str:
    return _("{first} and {second}").format(first=first, second=second)


def _during(event: str, works: str) -> str:
    return _("{event} during {works}").format(event=event, works=works)


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
             .where(Booking.status == "booked", Booking.falls_between(first, last),
                    in_use(Space.site_id, site_id))
             .order_by(Booking.day, Booking.start_minute).limit(limit))
    return [Clash(kind="booking_session", site=site, space_id=space, space_code=code,
                  space_name=name, day=day, start_minute=max(b_start, s_start),
                  end_minute=min(b_end, s_end),
                  what=_and(_booking_words(purpose, b_start, b_end),
                            _session_words(title, s_start, s_end)),
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
             .where(ProgrammeSession.falls_between(first, last),
                    in_use(Space.site_id, site_id))
             .order_by(ProgrammeSession.day, ProgrammeSession.start_minute).limit(limit))
    return [Clash(kind="session_session", site=site, space_id=space, space_code=code,
                  space_name=name, day=day, start_minute=max(a_start, b_start),
                  end_minute=min(a_end, b_end),
                  what=_and(_session_words(a_title, a_start, a_end),
                            _session_words(b_title, b_start, b_end)),
                  events=(("session", a), ("session", b)))
            for (a, a_title, a_start, a_end, b, b_title, b_start, b_end, day, space, code, name,
                 site) in session.exec(query)]


def _during_works(session, site_id, first, last, limit) -> list[Clash]:
    """Bookings and sessions in a space on a day of its works: driven from the works periods
    (few) to each space's bookings and sessions of those days (by the space-and-day index)."""
    def closed(day_column, space_column):
        return (select(WorksPeriod.id, WorksPeriod.title, WorksPeriod.starts_on,
                       WorksPeriod.ends_on, day_column, Space.id, Space.code, Space.name,
                       Site.name)
                .select_from(WorksPeriod)
                .join(WorksSpace, WorksSpace.works_id == WorksPeriod.id)
                .join(Space, Space.id == WorksSpace.space_id)
                .join(Site, Site.id == Space.site_id)
                .where(WorksPeriod.closes_between(first, last),
                       in_use(WorksPeriod.site_id, site_id),
                       space_column == WorksSpace.space_id, day_column >= first,
                       day_column <= last, day_column >= WorksPeriod.starts_on,
                       day_column <= WorksPeriod.ends_on))

    def works_words(title, starts_on, ends_on):
        return _("the works “{title}” ({start} to {end})").format(
            title=title, start=day_text(starts_on), end=day_text(ends_on))

    booked = closed(Booking.day, Booking.space_id).add_columns(
        Booking.id, Booking.purpose, Booking.start_minute, Booking.end_minute).join(
        Booking, and_(Booking.space_id == WorksSpace.space_id, Booking.status == "booked"))
    found = [Clash(kind="works", site=site, space_id=space, space_code=code, space_name=name,
                   day=day, start_minute=start, end_minute=end,
                   what=_during(_booking_words(purpose, start, end),
                                works_words(title, starts_on, ends_on)),
                   events=(("booking", booking), ("works", works)))
             for (works, title, starts_on, ends_on, day, space, code, name, site, booking,
                  purpose, start, end) in session.exec(
                booked.order_by(Booking.day, Booking.start_minute).limit(limit))]
    item, live = _live_session()
    taught = closed(ProgrammeSession.day, ProgrammeSession.space_id).add_columns(
        ProgrammeSession.id, item.title, ProgrammeSession.start_minute,
        ProgrammeSession.end_minute).join(
        ProgrammeSession, ProgrammeSession.space_id == WorksSpace.space_id).join(item, live)
    found += [Clash(kind="works", site=site, space_id=space, space_code=code, space_name=name,
                    day=day, start_minute=start, end_minute=end,
                    what=_during(_session_words(session_title, start, end),
                                 works_words(title, starts_on, ends_on)),
                    events=(("session", session_id), ("works", works)))
              for (works, title, starts_on, ends_on, day, space, code, name, site, session_id,
                   session_title, start, end) in session.exec(
                taught.order_by(ProgrammeSession.day, ProgrammeSession.start_minute)
                .limit(limit))]
    return found[:limit]


def _over_capacity(session, site_id, first, last, limit) -> list[Clash]:
    """More places booked at some instant than the space holds: one clash a space and day, at
    its fullest stretch. The places taken are a running sum over each space-day's starts (+)
    and ends (−) in time order, ends first at a tie (touching bookings do not add up) — one
    window function in SQL rather than a comparison of every pair of bookings."""
    live = (Booking.status == "booked", Booking.falls_between(first, last))
    if site_id is not None:
        live += (Booking.space_id.in_(select(Space.id).where(Space.site_id == site_id)),)
    changes = union_all(
        select(Booking.space_id, Booking.day, Booking.start_minute.label("minute"),
               Booking.places.label("delta")).where(*live),
        select(Booking.space_id, Booking.day, Booking.end_minute.label("minute"),
               (-Booking.places).label("delta")).where(*live)).subquery("changes")
    in_order = {"partition_by": (changes.c.space_id, changes.c.day),
                "order_by": (changes.c.minute, changes.c.delta)}
    running = select(changes.c.space_id, changes.c.day, changes.c.minute,
                     func.sum(changes.c.delta).over(rows=(None, 0), **in_order).label("taken"),
                     func.lead(changes.c.minute).over(**in_order).label("until")
                     ).subquery("running")
    query = (select(running.c.space_id, running.c.day, running.c.minute, running.c.until,
                    running.c.taken, Space.code, Space.name, Space.capacity, Site.name)
             .join(Space, Space.id == running.c.space_id).join(Site, Site.id == Space.site_id)
             .where(running.c.taken > Space.capacity, in_use(Space.site_id, site_id))
             .order_by(running.c.day, Space.code, running.c.taken.desc(), running.c.minute))
    fullest: dict[tuple[int, date], Clash] = {}
    for space, day, start, until, places, code, name, capacity, site in session.exec(query):
        if (space, day) in fullest:
            continue
        held = session.exec(select(Booking.id).where(
            Booking.space_id == space, Booking.day == day, Booking.status == "booked",
            Booking.start_minute < until, Booking.end_minute > start).order_by(Booking.id)).all()
        fullest[(space, day)] = Clash(
            kind="over_capacity", site=site, space_id=space, space_code=code, space_name=name,
            day=day, start_minute=start, end_minute=until,
            what=ngettext("{places} places booked at {start} in {space}, which holds "
                          "{capacity} ({bookings} booking at once)",
                          "{places} places booked at {start} in {space}, which holds "
                          "{capacity} ({bookings} bookings at once)", len(held)).format(
                places=places, start=clock(start), space=code, capacity=capacity,
                bookings=len(held)),
            events=tuple(("booking", booking) for booking in held))
        if len(fullest) >= limit:
            break
    return list(fullest.values())
