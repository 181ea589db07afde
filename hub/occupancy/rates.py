"""Occupancy figures, aggregated in SQL. Each rate says which one it is (SPEC.md):

- unit rate: leased units / leasable units (on a date, or averaged over a month's days)
- area rate: leased m² / leasable m² (same)
- utilisation: booked place-hours / open place-hours of bookable spaces in a week

Leasable units are the active leasable spaces as they are now.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import String, and_, case, cast, exists, func, literal, or_, true, union_all
from sqlmodel import Session, select

from db.models import Booking, Lease, Site, Space, Tenant
from hub.dates import month_end
from hub.sql import days_between, earlier_of, later_of, week_start
from hub.scope import in_use


@dataclass(frozen=True)
class Rates:
    leased_units: int
    units: int
    leased_area: float
    area: float

    @property
    def unit_rate(self) -> float | None:
        return self.leased_units / self.units if self.units else None

    @property
    def area_rate(self) -> float | None:
        return self.leased_area / self.area if self.area else None


def _in_scope(site_id: int | None):
    """Active leasable spaces, of one site or of every site in use."""
    return and_(Space.leasable, Space.active, in_use(Space.site_id, site_id))


def _covers(day: date):
    return and_(Lease.starts_on <= day, or_(Lease.ends_on.is_(None), Lease.ends_on >= day))


def occupancy_on(session: Session, *, site_id: int | None, day: date) -> Rates:
    leased = exists().where(Lease.space_id == Space.id, _covers(day))
    row = session.exec(select(
        func.count(Space.id), func.coalesce(func.sum(Space.area_m2), 0),
        func.count(Space.id).filter(leased),
        func.coalesce(func.sum(Space.area_m2).filter(leased), 0),
    ).where(_in_scope(site_id))).one()
    return Rates(leased_units=row[2], units=row[0], leased_area=float(row[3]),
                 area=float(row[1]))


# --- months ---------------------------------------------------------------------------------

def _months(months: list[date]):
    """A small table of months (start, end, days) built in SQL, portable to both backends."""
    rows = [select(literal(start).label("month_start"), literal(month_end(start)).label("month_end"),
                   literal(month_end(start).day).label("days")) for start in months]
    return union_all(*rows).cte("months")


def _lease_days(months):
    """Days of a lease inside a month (joined rows only)."""
    return days_between(later_of(Lease.starts_on, months.c.month_start),
                        earlier_of(func.coalesce(Lease.ends_on, months.c.month_end),
                                   months.c.month_end)) + 1


def _overlaps(months):
    return and_(Lease.starts_on <= months.c.month_end,
                or_(Lease.ends_on.is_(None), Lease.ends_on >= months.c.month_start))


@dataclass(frozen=True)
class MonthRates:
    month: date
    unit_rate: float | None
    area_rate: float | None


def occupancy_by_month(session: Session, *, site_id: int | None,
                       months: list[date]) -> list[MonthRates]:
    """Unit and area rate of each month, averaged over its days."""
    table = _months(months)
    days = _lease_days(table)
    used = dict((row[0], row[1:]) for row in session.exec(
        select(table.c.month_start, func.sum(days), func.sum(days * Space.area_m2))
        .select_from(table).join(Lease, _overlaps(table))
        .join(Space, and_(Space.id == Lease.space_id, _in_scope(site_id)))
        .group_by(table.c.month_start)))
    totals = occupancy_on(session, site_id=site_id, day=date.today())
    result = []
    for start in months:
        unit_days, area_days = used.get(start, (0, 0))
        length = month_end(start).day
        result.append(MonthRates(
            month=start,
            unit_rate=(unit_days or 0) / (totals.units * length) if totals.units else None,
            area_rate=float(area_days or 0) / (totals.area * length) if totals.area else None))
    return result


@dataclass(frozen=True)
class SpaceMonth:
    space: str
    month: date
    occupied_days: int
    days: int
    leases: str   # "tenant (start → end); …" for the tooltip


def space_months(session: Session, *, site_id: int, months: list[date]) -> list[SpaceMonth]:
    """One cell per leasable space and month: how many days were leased, and to whom."""
    table = _months(months)
    label = (Tenant.name + " (" + cast(Lease.starts_on, String) + " → "
             + func.coalesce(cast(Lease.ends_on, String), "open end") + ")")
    rows = session.exec(
        select(Space.code, table.c.month_start, table.c.days,
               func.sum(case((Lease.id.is_(None), 0), else_=_lease_days(table))),
               func.aggregate_strings(label, "; "))
        .select_from(Space).join(table, true())
        .outerjoin(Lease, and_(Lease.space_id == Space.id, _overlaps(table)))
        .outerjoin(Tenant, Tenant.id == Lease.tenant_id)
        .where(_in_scope(site_id))
        .group_by(Space.code, table.c.month_start, table.c.days)
        .order_by(Space.code, table.c.month_start))
    return [SpaceMonth(space=code, month=_as_date(month), days=days, occupied_days=int(used),
                       leases=leases or "vacant") for code, month, days, used, leases in rows]


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


@dataclass(frozen=True)
class SiteMonth:
    site: str
    month: date
    unit_rate: float


def site_months(session: Session, *, months: list[date]) -> list[SiteMonth]:
    """The unit rate of every site in every month: the network at a glance."""
    table = _months(months)
    units = dict(session.exec(select(Space.site_id, func.count(Space.id))
                              .where(_in_scope(None)).group_by(Space.site_id)).all())
    used = session.exec(
        select(Space.site_id, table.c.month_start, table.c.days, func.sum(_lease_days(table)))
        .select_from(table).join(Lease, _overlaps(table))
        .join(Space, and_(Space.id == Lease.space_id, _in_scope(None)))
        .group_by(Space.site_id, table.c.month_start, table.c.days))
    leased_days = {(site, _as_date(month)): total or 0 for site, month, _, total in used}
    names = dict(session.exec(select(Site.id, Site.name)).all())
    return [SiteMonth(site=names[site], month=month,
                      unit_rate=leased_days.get((site, month), 0) / (count * month_end(month).day))
            for site, count in sorted(units.items(), key=lambda item: names[item[0]])
            for month in months]


# --- bookings -------------------------------------------------------------------------------

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
    leased by the month is not open for booking on the days of its lease."""
    scope = [Space.bookable, Space.active, in_use(Space.site_id, site_id)]
    week = week_start(Booking.day)
    booked = dict((_as_date(w), minutes) for w, minutes in session.exec(
        select(week, func.sum((Booking.end_minute - Booking.start_minute) * Booking.places))
        .join(Space, and_(Space.id == Booking.space_id, *scope))
        .where(Booking.status == "booked", Booking.day >= weeks[0],
               Booking.day <= weeks[-1] + timedelta(days=6))
        .group_by(week)))
    sites = session.exec(select(Site.open_weekdays, Site.opens_at, Site.closes_at,
                                func.sum(Space.capacity))
                         .join(Space, and_(Space.site_id == Site.id, *scope))
                         .group_by(Site.id, Site.open_weekdays, Site.opens_at, Site.closes_at)
                         ).all()
    weekly_open = sum(len(weekdays) * _minutes(opens, closes) * capacity
                      for weekdays, opens, closes, capacity in sites)
    leased = _leased_open_minutes(session, scope, weeks)
    return [WeekUse(week=start, booked_hours=(booked.get(start) or 0) / 60,
                    open_hours=(weekly_open - leased.get(start, 0)) / 60) for start in weeks]


def _leased_open_minutes(session: Session, scope: list, weeks: list[date]) -> dict[date, int]:
    """Open place-minutes of bookable spaces taken out of booking by a monthly lease."""
    first, last = weeks[0], weeks[-1] + timedelta(days=6)
    rows = session.exec(
        select(Lease.starts_on, Lease.ends_on, Space.capacity, Site.open_weekdays,
               Site.opens_at, Site.closes_at)
        .select_from(Lease)
        .join(Space, and_(Space.id == Lease.space_id, Space.leasable, *scope))
        .join(Site, Site.id == Space.site_id)
        .where(Lease.starts_on <= last, or_(Lease.ends_on.is_(None), Lease.ends_on >= first)))
    lost: dict[date, int] = {}
    for starts, ends, capacity, weekdays, opens, closes in rows:
        for monday in weeks:
            begin, end = max(starts, monday), min(ends or last, monday + timedelta(days=6))
            open_days = sum(str((begin + timedelta(days=n)).weekday()) in weekdays
                            for n in range((end - begin).days + 1))
            lost[monday] = lost.get(monday, 0) + open_days * _minutes(opens, closes) * capacity
    return lost


def _minutes(opens, closes) -> int:
    return (closes.hour * 60 + closes.minute) - (opens.hour * 60 + opens.minute)


# --- lists ----------------------------------------------------------------------------------

def rent_roll(session: Session, *, site_id: int | None, day: date) -> Decimal:
    """Monthly rent of the leases running on `day`."""
    total = session.exec(select(func.coalesce(func.sum(Lease.monthly_rent), 0))
                         .join(Space, Space.id == Lease.space_id)
                         .where(_covers(day), _in_scope(site_id))).one()
    return Decimal(str(total)).quantize(Decimal("0.01"))
