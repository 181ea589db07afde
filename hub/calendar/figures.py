"""The month view's figures: for each room of a site (or each site, for all sites) and each
day, how many events of each kind and how many hours they hold — added up in SQL, so a month
of a hundred sites is a few thousand rows, never the bookings themselves.

Works and lease markers count one a day per space (works: every day the space is out of
use; hours none). Sessions online or elsewhere count under "Online".
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func
from sqlmodel import Session, select

from db.models import Booking, Lease, ProgrammeItem, ProgrammeSession, Site, Space
from hub.calendar.events import KINDS, ONLINE
from hub.i18n import _
from hub.occupancy.closures import works_between
from hub.scope import in_use


@dataclass(frozen=True)
class DayTotal:
    place_id: int | None        # the space (one site) or the site (all sites); None: online
    place: str                  # "L07 · Laboratory 7", or the site's name
    day: date
    kind: str
    events: int
    hours: float | None         # booked or taught hours; None for works and lease markers


def day_totals(session: Session, *, site_id: int | None, first: date, last: date,
               kinds: tuple[str, ...] = KINDS) -> list[DayTotal]:
    """Events per place, day and kind on [first, last]: per room of the site, or per site
    when `site_id` is None (every site in use)."""
    by_site = site_id is None
    found: list[DayTotal] = []
    if "booking" in kinds:
        found += _grouped(session, "booking", by_site, site_id, Booking.day,
                          Booking.end_minute - Booking.start_minute, Space.site_id,
                          select_from=Booking, joins=[(Space, Space.id == Booking.space_id)],
                          where=[Booking.falls_between(first, last),
                                 Booking.status == "booked"], space=Booking.space_id)
    if "session" in kinds:
        found += _grouped(session, "session", by_site, site_id, ProgrammeSession.day,
                          ProgrammeSession.end_minute - ProgrammeSession.start_minute,
                          ProgrammeItem.site_id, select_from=ProgrammeSession,
                          joins=[(ProgrammeItem, ProgrammeItem.id == ProgrammeSession.item_id)],
                          where=[ProgrammeSession.falls_between(first, last),
                                 ProgrammeItem.status != "cancelled"],
                          space=ProgrammeSession.space_id)
    for kind, column in (("lease_start", Lease.starts_on), ("lease_end", Lease.ends_on)):
        if kind in kinds:
            found += _grouped(session, kind, by_site, site_id, column, None, Space.site_id,
                              select_from=Lease, joins=[(Space, Space.id == Lease.space_id)],
                              where=[column >= first, column <= last], space=Lease.space_id)
    if "works" in kinds:
        found += _works_days(session, by_site, site_id, first, last)
    return _named(session, found, by_site)


def _grouped(session, kind, by_site, site_id, day, minutes, site_column, *, select_from, joins,
             where, space) -> list[DayTotal]:
    """One GROUP BY place, day: the count of rows and the sum of their minutes."""
    place = site_column if by_site else space
    timed = minutes is not None
    query = select(place, day, func.count(), func.sum(minutes) if timed else func.count())
    query = query.select_from(select_from)
    for model, condition in joins:
        query = query.join(model, condition)
    query = query.where(*where, in_use(site_column, site_id)).group_by(place, day)
    return [DayTotal(place_id=place_id, place="", day=on, kind=kind, events=count,
                     hours=round(total / 60, 2) if timed else None)
            for place_id, on, count, total in session.exec(query)]


def _works_days(session, by_site, site_id, first, last) -> list[DayTotal]:
    """Every day a space is out of use, counted per space or per site (a space closed by two
    works periods at once counts once)."""
    closed = set()
    for span in works_between(session, site_id=site_id, first=first, last=last):
        start, end = max(span.starts_on, first), min(span.ends_on, last)
        for n in range((end - start).days + 1):
            closed.add((span.site_id if by_site else span.space_id, span.space_id,
                        start + timedelta(n)))
    counts = Counter((place, on) for place, __, on in closed)
    return [DayTotal(place_id=place, place="", day=on, kind="works", events=count, hours=None)
            for (place, on), count in counts.items()]


def _named(session, totals: list[DayTotal], by_site: bool) -> list[DayTotal]:
    ids = {total.place_id for total in totals if total.place_id is not None}
    if by_site:
        names = dict(session.exec(select(Site.id, Site.name).where(Site.id.in_(ids))).all()) \
            if ids else {}
    else:
        names = {space: f"{code} · {name}" for space, code, name in session.exec(
            select(Space.id, Space.code, Space.name).where(Space.id.in_(ids)))} if ids else {}
    named = [DayTotal(place_id=t.place_id, place=names.get(t.place_id, _(ONLINE)), day=t.day,
                      kind=t.kind, events=t.events, hours=t.hours) for t in totals]
    return sorted(named, key=lambda t: (t.place, t.day, KINDS.index(t.kind)))
