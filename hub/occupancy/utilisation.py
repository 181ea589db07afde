"""Utilisation of bookable spaces (../shared/SPEC.md): booked place-hours / open place-hours, week by
week. Open place-hours are the site's opening hours times the space's capacity, on the days
the space is open for booking: not a day a monthly lease holds it (a bench), not a day it is
out of use for works, and not a day before it became part of the hub (its opening day)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, func
from sqlmodel import Session, select

from db.models import Booking, Lease, Site, Space, WorksPeriod, WorksSpace
from hub.dates import as_date
from hub.occupancy.spaces import in_use_from
from hub.scope import in_use
from hub.sql import week_start


@dataclass(frozen=True)
class WeekUse:
    week: date
    booked_hours: float
    open_hours: float

    @property
    def rate(self) -> float | None:
        return self.booked_hours / self.open_hours if self.open_hours else None


def utilisation_by_week(session: Session, *, site_id: int | None,
                        weeks: list[date]) -> list[WeekUse]:
    """Booked place-hours / open place-hours of active bookable spaces, week by week. A bench
    leased by the month is not open for booking on the days of its lease, nor is a space
    before the day it became part of the hub."""
    scope = [Space.bookable, Space.active, in_use(Space.site_id, site_id)]
    week = week_start(Booking.day)
    booked = dict((as_date(w), minutes) for w, minutes in session.exec(
        select(week, func.sum((Booking.end_minute - Booking.start_minute) * Booking.places))
        .join(Space, and_(Space.id == Booking.space_id, *scope))
        .where(Booking.status == "booked",
               Booking.falls_between(weeks[0], weeks[-1] + timedelta(days=6)))
        .group_by(week)))
    sites = session.exec(select(Site.open_weekdays, Site.opens_at, Site.closes_at,
                                func.sum(Space.capacity))
                         .join(Space, and_(Space.site_id == Site.id, *scope))
                         .group_by(Site.id, Site.open_weekdays, Site.opens_at, Site.closes_at)
                         ).all()
    weekly_open = sum(len(weekdays) * _minutes(opens, closes) * capacity
                      for weekdays, opens, closes, capacity in sites)
    lost = [_leased_open_minutes(session, scope, weeks),
            _closed_open_minutes(session, scope, weeks),
            _not_yet_open_minutes(session, scope, weeks)]
    return [WeekUse(week=start, booked_hours=(booked.get(start) or 0) / 60,
                    open_hours=(weekly_open - sum(part.get(start, 0) for part in lost)) / 60)
            for start in weeks]


def _not_yet_open_minutes(session: Session, scope: list, weeks: list[date]) -> dict[date, int]:
    """Open place-minutes of bookable spaces on the days before they became part of the hub
    (none of them leased: a space is in use from its first lease at the latest)."""
    since = in_use_from()
    rows = session.exec(
        select(since, Space.capacity, Site.open_weekdays, Site.opens_at, Site.closes_at)
        .join(Site, Site.id == Space.site_id).where(*scope, since > weeks[0])).all()
    lost: dict[date, int] = {}
    for opened, capacity, weekdays, opens, closes in rows:
        for monday in weeks:
            days = [monday + timedelta(days=n) for n in range(7)]
            before = sum(day < as_date(opened) and str(day.weekday()) in weekdays
                         for day in days)
            lost[monday] = lost.get(monday, 0) + before * _minutes(opens, closes) * capacity
    return lost


def _leased_open_minutes(session: Session, scope: list, weeks: list[date]) -> dict[date, int]:
    """Open place-minutes of bookable spaces taken out of booking by a monthly lease."""
    first, last = weeks[0], weeks[-1] + timedelta(days=6)
    rows = session.exec(
        select(Lease.starts_on, Lease.ends_on, Space.capacity, Site.open_weekdays,
               Site.opens_at, Site.closes_at)
        .select_from(Lease)
        .join(Space, and_(Space.id == Lease.space_id, Space.leasable, *scope))
        .join(Site, Site.id == Space.site_id)
        .where(Lease.overlaps(first, last)))
    lost: dict[date, int] = {}
    for starts, ends, capacity, weekdays, opens, closes in rows:
        for monday in weeks:
            begin, end = max(starts, monday), min(ends or last, monday + timedelta(days=6))
            open_days = sum(str((begin + timedelta(days=n)).weekday()) in weekdays
                            for n in range((end - begin).days + 1))
            lost[monday] = lost.get(monday, 0) + open_days * _minutes(opens, closes) * capacity
    return lost


def _closed_open_minutes(session: Session, scope: list, weeks: list[date]) -> dict[date, int]:
    """Open place-minutes of bookable spaces out of use for works (days a monthly lease
    already took out are not taken out twice)."""
    first, last = weeks[0], weeks[-1] + timedelta(days=6)
    rows = session.exec(
        select(Space.id, WorksPeriod.starts_on, WorksPeriod.ends_on, Space.capacity,
               Site.open_weekdays, Site.opens_at, Site.closes_at)
        .select_from(WorksPeriod)
        .join(WorksSpace, WorksSpace.works_id == WorksPeriod.id)
        .join(Space, and_(Space.id == WorksSpace.space_id, *scope))
        .join(Site, Site.id == Space.site_id)
        .where(WorksPeriod.closes_between(first, last))).all()
    leases: dict[int, list] = {}
    if rows:
        for space_id, starts, ends in session.exec(
                select(Lease.space_id, Lease.starts_on, Lease.ends_on)
                .where(Lease.space_id.in_({row[0] for row in rows}), Lease.overlaps(first, last))):
            leases.setdefault(space_id, []).append((starts, ends or last))
    lost: dict[date, int] = {}
    for space_id, starts, ends, capacity, weekdays, opens, closes in rows:
        for monday in weeks:
            begin, end = max(starts, monday), min(ends, monday + timedelta(days=6))
            days = [begin + timedelta(days=n) for n in range((end - begin).days + 1)]
            open_days = sum(str(day.weekday()) in weekdays and not any(
                a <= day <= b for a, b in leases.get(space_id, [])) for day in days)
            lost[monday] = lost.get(monday, 0) + open_days * _minutes(opens, closes) * capacity
    return lost


def _minutes(opens, closes) -> int:
    return (closes.hour * 60 + closes.minute) - (opens.hour * 60 + opens.minute)
