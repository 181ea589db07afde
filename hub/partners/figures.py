"""Figures about the network, aggregated in SQL: small rows for charts and the Overview."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, extract, func
from sqlmodel import Session, select

from db.models import Interaction, Partner
from hub.dates import month_starts
from hub.partners.directory import filtered, PartnerFilter


def _year(column):
    return extract("year", column)


def active_partners(session: Session) -> int:
    return session.exec(select(func.count()).select_from(Partner)
                        .where(Partner.status == "active")).one()


def countries_reached(session: Session, *, statuses: tuple[str, ...] = ("active",)) -> int:
    """Distinct countries of partners in `statuses` (by default: active partners)."""
    return session.exec(select(func.count(Partner.country.distinct()))
                        .where(Partner.status.in_(statuses))).one()


def follow_ups_due(session: Session, *, today: date) -> int:
    """Open follow-ups whose date is today or past."""
    return session.exec(select(func.count()).select_from(Interaction).where(
        Interaction.follow_up_done_at.is_(None), Interaction.follow_up_on.is_not(None),
        Interaction.follow_up_on <= today)).one()


@dataclass(frozen=True)
class RegionKind:
    region: str
    kind: str
    partners: int


def partners_by_region_kind(session: Session, *, partner_filter: PartnerFilter | None = None
                            ) -> list[RegionKind]:
    query = filtered(select(Partner.region, Partner.kind, func.count())
                     .group_by(Partner.region, Partner.kind), partner_filter)
    return [RegionKind(region, kind, n) for region, kind, n in session.exec(query)]


def partners_by_region(session: Session) -> list[tuple[str, int]]:
    """(region, partners) for every region with a partner."""
    return [(region, n) for region, n in session.exec(
        select(Partner.region, func.count()).group_by(Partner.region).order_by(Partner.region))]


@dataclass(frozen=True)
class YearCount:
    year: int
    group: str      # a region or a kind
    partners: int


def partners_by_region_per_year(session: Session) -> list[YearCount]:
    """New partners per year and region (year of `since`, else of the record's creation)."""
    year = _year(func.coalesce(Partner.since, Partner.created_at))
    query = select(year, Partner.region, func.count()).group_by(year, Partner.region)
    return [YearCount(int(y), region, n) for y, region, n in session.exec(query) if y]


def new_partners_per_year(session: Session, *, partner_filter: PartnerFilter | None = None
                          ) -> list[YearCount]:
    """Partners by the year they joined the network (`since`), per kind."""
    year = _year(Partner.since)
    query = filtered(select(year, Partner.kind, func.count())
                     .where(Partner.since.is_not(None)).group_by(year, Partner.kind),
                     partner_filter)
    return [YearCount(int(y), kind, n) for y, kind, n in session.exec(query)]


@dataclass(frozen=True)
class MonthCount:
    month: date
    kind: str
    interactions: int


def interactions_per_month(session: Session, *, today: date, months: int = 36,
                           partner_filter: PartnerFilter | None = None) -> list[MonthCount]:
    """Interactions per calendar month and kind over the last `months` months."""
    first = month_starts(today, months)[0]
    year, month = _year(Interaction.day), extract("month", Interaction.day)
    query = (select(year, month, Interaction.kind, func.count())
             .join(Partner, Partner.id == Interaction.partner_id)
             .where(Interaction.day >= first, Interaction.day <= today)
             .group_by(year, month, Interaction.kind))
    return [MonthCount(date(int(y), int(m), 1), kind, n)
            for y, m, kind, n in session.exec(filtered(query, partner_filter))]


@dataclass(frozen=True)
class CountryCount:
    country: str
    partners: int
    active: int


def partners_by_country(session: Session, *, partner_filter: PartnerFilter | None = None
                        ) -> list[CountryCount]:
    """Partners per country (with how many are active), most first."""
    active = func.sum(case((Partner.status == "active", 1), else_=0))
    query = filtered(select(Partner.country, func.count(), active)
                     .group_by(Partner.country), partner_filter)
    rows = [CountryCount(country, n, int(a or 0)) for country, n, a in session.exec(query)]
    return sorted(rows, key=lambda row: (-row.partners, row.country))
