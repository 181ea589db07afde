"""The tenant indicators INNOCRAFTS asks a hub for: sectors, origins, residency over time,
young- and female-led businesses and start-ups, how long tenants stay. Aggregated in SQL;
target-group shares count only tenants who consented to those flags being held."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, extract, func, literal, or_
from sqlmodel import Session, select

from db.models import Tenant
from db.vocabulary import origin_group
from hub.sql import days_between, earlier_of
from hub.scope import in_use

FIRST_YEAR = 2016


def _current(today: date):
    return (Tenant.joined_on <= today, or_(Tenant.left_on.is_(None), Tenant.left_on >= today))


def _on_site(query, site_id: int | None):
    return query.where(in_use(Tenant.site_id, site_id))


def by_sector(session: Session, *, site_id: int | None, today: date) -> list[tuple[str, int]]:
    """(sector, current tenants), largest first."""
    query = _on_site(select(Tenant.sector, func.count()).where(*_current(today)), site_id)
    rows = session.exec(query.group_by(Tenant.sector).order_by(func.count().desc(), Tenant.sector))
    return [tuple(row) for row in rows]


def by_origin(session: Session, *, site_id: int | None, today: date) -> list[tuple[str, int]]:
    """(Italy / rest of Europe / outside Europe, current tenants), in that order."""
    query = _on_site(select(Tenant.origin_country, func.count()).where(*_current(today)), site_id)
    counts = Counter()
    for country, count in session.exec(query.group_by(Tenant.origin_country)):
        counts[origin_group(country)] += count
    return [(group, counts[group]) for group in ("Italy", "rest of Europe", "outside Europe")]


def residency_by_year(session: Session, *, site_id: int | None,
                      today: date) -> list[tuple[int, str, int]]:
    """(year, resident/visiting, tenants present at some point that year), 2016 to now.
    SQL groups tenants by (residency, year joined, year left); the spread over years is cheap."""
    left_year = func.coalesce(extract("year", Tenant.left_on), literal(today.year))
    query = _on_site(select(Tenant.residency, extract("year", Tenant.joined_on), left_year,
                            func.count()).where(Tenant.joined_on <= today), site_id)
    counts = Counter()
    for residency, joined, left, count in session.exec(
            query.group_by(Tenant.residency, extract("year", Tenant.joined_on), left_year)):
        for year in range(max(int(joined), FIRST_YEAR), min(int(left), today.year) + 1):
            counts[(year, residency)] += count
    return [(year, residency, counts[(year, residency)])
            for year in range(FIRST_YEAR, today.year + 1) for residency in ("resident", "visiting")]


@dataclass(frozen=True)
class TargetGroups:
    consenting: int           # current tenants with a recorded consent
    young: int
    female_led: int
    startup: int

    def share(self, count: int) -> float | None:
        return count / self.consenting if self.consenting else None


def target_groups(session: Session, *, site_id: int | None, today: date) -> TargetGroups:
    def yes(column):
        return func.coalesce(func.sum(case((column.is_(True), 1), else_=0)), 0)
    query = _on_site(select(func.count(), yes(Tenant.young_entrepreneur), yes(Tenant.female_led),
                            yes(Tenant.startup))
                     .where(*_current(today), Tenant.consent_on.is_not(None)), site_id)
    return TargetGroups(*(int(value) for value in session.exec(query).one()))


def average_tenancy_years(session: Session, *, site_id: int | None, today: date) -> float | None:
    """Mean stay of every tenant so far, in years: joining day to leaving day (or today)."""
    # so far: a leaving day still ahead counts as today
    stay = days_between(Tenant.joined_on,
                        earlier_of(func.coalesce(Tenant.left_on, literal(today)), literal(today)))
    query = _on_site(select(func.avg(stay)).where(Tenant.joined_on <= today), site_id)
    days = session.exec(query).one()
    return None if days is None else float(days) / 365.25


def countries(session: Session, *, site_id: int | None, today: date) -> list[str]:
    """The origin countries of the current tenants."""
    query = _on_site(select(Tenant.origin_country).where(*_current(today)).distinct(), site_id)
    return sorted(session.exec(query).all())


@dataclass(frozen=True)
class TenantFigures:
    """Everything the Indicators tab shows, for one site or all."""
    sectors: list[tuple[str, int]]
    origins: list[tuple[str, int, float]]        # group, current tenants, share of them
    years: list[tuple[int, str, int]]
    groups: TargetGroups
    average_stay_years: float | None
    countries: int
    this_year: dict[str, int]                    # resident / visiting present this year

    @property
    def current(self) -> int:
        return sum(count for _, count, _ in self.origins)


def tenant_figures(session: Session, *, site_id: int | None, today: date) -> TenantFigures:
    origins = by_origin(session, site_id=site_id, today=today)
    total = sum(count for _, count in origins)
    years = residency_by_year(session, site_id=site_id, today=today)
    return TenantFigures(
        sectors=by_sector(session, site_id=site_id, today=today),
        origins=[(group, count, count / total if total else 0.0) for group, count in origins],
        years=years, groups=target_groups(session, site_id=site_id, today=today),
        average_stay_years=average_tenancy_years(session, site_id=site_id, today=today),
        countries=len(countries(session, site_id=site_id, today=today)),
        this_year={residency: count for year, residency, count in years if year == today.year})
