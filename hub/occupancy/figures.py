"""Occupancy figures, aggregated in SQL. Each rate says which one it is (../shared/SPEC.md):

- unit rate: leased units / leasable units (on a date, or averaged over a month's days)
- area rate: leased m² / leasable m² (same)
- utilisation: booked place-hours / open place-hours of bookable spaces in a week (a
  space out of use for works is not open those days): hub/occupancy/utilisation.py

Leasable units are the active leasable spaces as they are now, each from the day it became
part of the hub (hub.occupancy.spaces.in_use_from: its opening day, or its first lease if
earlier): a lab added today is no vacant lab last year.

Works (hub/occupancy/closures.py): a space out of use on a day is not leasable that day. It
leaves both sides of the rate for those days: the leasable denominator loses its unit-days
(and m²-days), and a lease running through the works does not count as leased on them
either. So a 30-day month with 3 labs, one closed 10 days and another leased all month,
reads 30 leased lab-days of 3 x 30 - 10 = 80. On a single day a closed space is simply left
out. A month with every space closed has no rate (None).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import String, and_, case, cast, exists, func, literal, union_all
from sqlmodel import Session, select

from db.models import Lease, Site, Space, Tenant, WorksPeriod, WorksSpace
from hub.dates import as_date, month_end
from hub.i18n import _
from hub.occupancy.spaces import in_use_from
from hub.sql import days_between, earlier_of, later_of
from hub.scope import in_use
from hub.occupancy.utilisation import WeekUse, utilisation_by_week  # noqa: F401 (re-exported)


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


def _closed_on(day: date):
    """The space is out of use on `day` (works not cancelled cover it)."""
    return exists().where(WorksSpace.space_id == Space.id, WorksSpace.works_id == WorksPeriod.id,
                          WorksPeriod.closes(day))


def occupancy_on(session: Session, *, site_id: int | None, day: date) -> Rates:
    """Leased / leasable on `day`; a space out of use for works that day, or not yet part
    of the hub, is left out."""
    leased = exists().where(Lease.space_id == Space.id, Lease.holds(day))
    row = session.exec(select(
        func.count(Space.id), func.coalesce(func.sum(Space.area_m2), 0),
        func.count(Space.id).filter(leased),
        func.coalesce(func.sum(Space.area_m2).filter(leased), 0),
    ).where(_in_scope(site_id), ~_closed_on(day), in_use_from() <= day)).one()
    return Rates(leased_units=row[2], units=row[0], leased_area=float(row[3]),
                 area=float(row[1]))


# --- months ---------------------------------------------------------------------------------

def _months(months: list[date]):
    """A small table of months (start, end, days) built in SQL, portable to both backends."""
    rows = [select(literal(start).label("month_start"), literal(month_end(start)).label("month_end"),
                   literal(month_end(start).day).label("days")) for start in months]
    return union_all(*rows).cte("months")


def _open_days(months):
    """Days of a month a space is part of the hub (rows where it is, some day of it)."""
    return days_between(later_of(in_use_from(), months.c.month_start), months.c.month_end) + 1


def _in_use_in(months):
    return in_use_from() <= months.c.month_end


def _inventory_query(table, site_id: int | None, *group):
    """Unit-days and m²-days of leasable spaces in use, per month (and `group`)."""
    return (select(table.c.month_start, *group, func.sum(_open_days(table)),
                   func.sum(_open_days(table) * Space.area_m2))
            .select_from(table).join(Space, and_(_in_scope(site_id), _in_use_in(table)))
            .group_by(table.c.month_start, *group))


def _lease_days(months):
    """Days of a lease inside a month (joined rows only)."""
    return days_between(later_of(Lease.starts_on, months.c.month_start),
                        earlier_of(func.coalesce(Lease.ends_on, months.c.month_end),
                                   months.c.month_end)) + 1


def _overlaps(months):
    return Lease.overlaps(months.c.month_start, months.c.month_end)


def _works_in(months):
    """Works not cancelled sharing a day with the month."""
    return WorksPeriod.closes_between(months.c.month_start, months.c.month_end)


def _works_days(months):
    """Days of a works period inside a month (joined rows only)."""
    return days_between(later_of(WorksPeriod.starts_on, months.c.month_start),
                        earlier_of(WorksPeriod.ends_on, months.c.month_end)) + 1


def _leased_works_days(months):
    """Days a lease and a works period of its space share inside a month (joined rows only)."""
    return days_between(
        later_of(Lease.starts_on, WorksPeriod.starts_on, months.c.month_start),
        earlier_of(func.coalesce(Lease.ends_on, months.c.month_end), WorksPeriod.ends_on,
                   months.c.month_end)) + 1


def _closed_query(table, site_id: int | None, *group):
    """Unit-days and m²-days out of use for works, per month (and `group`)."""
    return (select(table.c.month_start, *group, func.sum(_works_days(table)),
                   func.sum(_works_days(table) * Space.area_m2))
            .select_from(table).join(WorksPeriod, _works_in(table))
            .join(WorksSpace, WorksSpace.works_id == WorksPeriod.id)
            .join(Space, and_(Space.id == WorksSpace.space_id, _in_scope(site_id)))
            .group_by(table.c.month_start, *group))


def _leased_closed_query(table, site_id: int | None, *group):
    """Lease unit-days and m²-days that fall on works days of the leased space, per month."""
    return (select(table.c.month_start, *group, func.sum(_leased_works_days(table)),
                   func.sum(_leased_works_days(table) * Space.area_m2))
            .select_from(table).join(Lease, _overlaps(table))
            .join(Space, and_(Space.id == Lease.space_id, _in_scope(site_id)))
            .join(WorksSpace, WorksSpace.space_id == Lease.space_id)
            .join(WorksPeriod, and_(WorksPeriod.id == WorksSpace.works_id, _works_in(table),
                                    Lease.overlaps(WorksPeriod.starts_on, WorksPeriod.ends_on)))
            .group_by(table.c.month_start, *group))


def _by_month(rows) -> dict:
    return {as_date(row[0]): tuple(float(value or 0) for value in row[1:]) for row in rows}


@dataclass(frozen=True)
class MonthRates:
    month: date
    unit_rate: float | None
    area_rate: float | None


def occupancy_by_month(session: Session, *, site_id: int | None,
                       months: list[date]) -> list[MonthRates]:
    """Unit and area rate of each month, averaged over its days; days out of use for works
    leave both the leased and the leasable side (module docstring)."""
    table = _months(months)
    days = _lease_days(table)
    used = _by_month(session.exec(
        select(table.c.month_start, func.sum(days), func.sum(days * Space.area_m2))
        .select_from(table).join(Lease, _overlaps(table))
        .join(Space, and_(Space.id == Lease.space_id, _in_scope(site_id)))
        .group_by(table.c.month_start)))
    closed = _by_month(session.exec(_closed_query(table, site_id)))
    leased_closed = _by_month(session.exec(_leased_closed_query(table, site_id)))
    inventory = _by_month(session.exec(_inventory_query(table, site_id)))
    result = []
    for start in months:
        unit_days, area_days = used.get(start, (0, 0))
        out_units, out_area = closed.get(start, (0, 0))
        both_units, both_area = leased_closed.get(start, (0, 0))
        units, area = inventory.get(start, (0, 0))
        unit_base, area_base = units - out_units, area - out_area
        result.append(MonthRates(
            month=start,
            unit_rate=(unit_days - both_units) / unit_base if unit_base > 0 else None,
            area_rate=(area_days - both_area) / area_base if area_base > 0 else None))
    return result


@dataclass(frozen=True)
class SpaceMonth:
    space: str
    month: date
    occupied_days: int
    days: int
    leases: str   # "tenant (start → end); …" for the tooltip
    works_days: int = 0   # days out of use for works this month
    works: str = ""       # "Roof repair (start → end)" for the tooltip


def space_months(session: Session, *, site_id: int, months: list[date]) -> list[SpaceMonth]:
    """One cell per leasable space and month it was part of the hub: how many of its days
    (those it was in use) were leased, and to whom, and how many it was out of use for works."""
    table = _months(months)
    label = (Tenant.name + " (" + cast(Lease.starts_on, String) + " → "
             + func.coalesce(cast(Lease.ends_on, String), _("open end")) + ")")
    rows = session.exec(
        select(Space.code, table.c.month_start, func.max(_open_days(table)),
               func.sum(case((Lease.id.is_(None), 0), else_=_lease_days(table))),
               func.aggregate_strings(label, "; "))
        .select_from(Space).join(table, _in_use_in(table))
        .outerjoin(Lease, and_(Lease.space_id == Space.id, _overlaps(table)))
        .outerjoin(Tenant, Tenant.id == Lease.tenant_id)
        .where(_in_scope(site_id))
        .group_by(Space.code, table.c.month_start)
        .order_by(Space.code, table.c.month_start))
    works_label = (WorksPeriod.title + " (" + cast(WorksPeriod.starts_on, String) + " → "
                   + cast(WorksPeriod.ends_on, String) + ")")
    closed = {(code, as_date(month)): (int(days or 0), titles) for code, month, days, titles
              in session.exec(
                  select(Space.code, table.c.month_start, func.sum(_works_days(table)),
                         func.aggregate_strings(works_label, "; "))
                  .select_from(table).join(WorksPeriod, _works_in(table))
                  .join(WorksSpace, WorksSpace.works_id == WorksPeriod.id)
                  .join(Space, and_(Space.id == WorksSpace.space_id, _in_scope(site_id)))
                  .group_by(Space.code, table.c.month_start))}
    cells = []
    for code, month, days, used, leases in rows:
        works_days, works = closed.get((code, as_date(month)), (0, ""))
        cells.append(SpaceMonth(space=code, month=as_date(month), days=days,
                                occupied_days=int(used), leases=leases or _("vacant"),
                                works_days=works_days, works=works or ""))
    return cells


@dataclass(frozen=True)
class SiteMonth:
    site: str
    month: date
    unit_rate: float | None   # None: every space of the site out of use all month


def site_months(session: Session, *, months: list[date]) -> list[SiteMonth]:
    """The unit rate of every site in every month: the network at a glance (works days out,
    as in occupancy_by_month)."""
    table = _months(months)
    in_use = {(site, as_date(month)): days or 0 for month, site, days, __ in session.exec(
        _inventory_query(table, None, Space.site_id))}
    units = dict(session.exec(select(Space.site_id, func.count(Space.id))
                              .where(_in_scope(None)).group_by(Space.site_id)).all())
    used = session.exec(
        select(Space.site_id, table.c.month_start, table.c.days, func.sum(_lease_days(table)))
        .select_from(table).join(Lease, _overlaps(table))
        .join(Space, and_(Space.id == Lease.space_id, _in_scope(None)))
        .group_by(Space.site_id, table.c.month_start, table.c.days))
    leased_days = {(site, as_date(month)): total or 0 for site, month, __, total in used}
    closed = {(site, as_date(month)): days or 0 for month, site, days, _ in session.exec(
        _closed_query(table, None, Space.site_id))}
    both = {(site, as_date(month)): days or 0 for month, site, days, _ in session.exec(
        _leased_closed_query(table, None, Space.site_id))}
    names = dict(session.exec(select(Site.id, Site.name)).all())
    result = []
    for site in sorted(units, key=names.get):
        for month in months:
            key = (site, month)
            base = in_use.get(key, 0) - closed.get(key, 0)
            result.append(SiteMonth(site=names[site], month=month, unit_rate=(
                (leased_days.get(key, 0) - both.get(key, 0)) / base if base > 0 else None)))
    return result


# --- lists ----------------------------------------------------------------------------------

def rent_roll(session: Session, *, site_id: int | None, day: date) -> Decimal:
    """Monthly rent of the leases running on `day`."""
    total = session.exec(select(func.coalesce(func.sum(Lease.monthly_rent), 0))
                         .join(Space, Space.id == Lease.space_id)
                         .where(Lease.holds(day), _in_scope(site_id))).one()
    return Decimal(str(total)).quantize(Decimal("0.01"))
