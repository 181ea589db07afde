"""Figures of the programme since 2016, aggregated in SQL: items per year by kind (the "80+
courses" story), participants per year, average fill rate, waitlist pressure, hours taught
per sector. Only items that ran or are announced count: published or done."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, extract, func
from sqlmodel import Session, select

from db.models import ProgrammeItem, ProgrammeSession
from hub.programme.views import seat_counts
from hub.scope import in_use

COUNTED = ("published", "done")


@dataclass(frozen=True)
class KindYear:
    year: int
    kind: str
    items: int


@dataclass(frozen=True)
class ParticipantYear:
    year: int
    items: int
    participants: int       # seated: enrolled or attended
    fill_rate: float        # average over items of seated ÷ capacity
    filled: int             # items whose seats all went
    waitlisted: int         # people still waiting when the item ran


@dataclass(frozen=True)
class SectorHours:
    sector: str
    hours: float


def _counted(query, site_id: int | None):
    return query.where(ProgrammeItem.status.in_(COUNTED), ProgrammeItem.starts_on.is_not(None),
                       in_use(ProgrammeItem.site_id, site_id))


def items_per_year(session: Session, *, site_id: int | None = None) -> list[KindYear]:
    year = extract("year", ProgrammeItem.starts_on)
    query = _counted(select(year, ProgrammeItem.kind, func.count()), site_id)
    return [KindYear(int(y), kind, n) for y, kind, n in session.exec(
        query.group_by(year, ProgrammeItem.kind).order_by(year, ProgrammeItem.kind))]


def participants_per_year(session: Session, *, site_id: int | None = None,
                          year_of: int | None = None) -> list[ParticipantYear]:
    """Every year since 2016, or only `year_of` (for the screen's headline figures)."""
    counts = seat_counts(_counted(select(ProgrammeItem.id), site_id).where(
        extract("year", ProgrammeItem.starts_on) == year_of)) if year_of else seat_counts()
    year = extract("year", ProgrammeItem.starts_on)
    seated = func.coalesce(counts.c.seated, 0)
    query = _counted(select(
        year, func.count(), func.sum(seated),
        func.avg(seated * 1.0 / ProgrammeItem.capacity),
        func.sum(case((seated >= ProgrammeItem.capacity, 1), else_=0)),
        func.sum(func.coalesce(counts.c.waitlisted, 0)))
        .outerjoin(counts, counts.c.item_id == ProgrammeItem.id), site_id)
    if year_of is not None:
        query = query.where(year == year_of)
    return [ParticipantYear(int(y), n, int(people or 0), float(rate or 0), int(full or 0),
                            int(waiting or 0))
            for y, n, people, rate, full, waiting in session.exec(
                query.group_by(year).order_by(year))]


def courses_run(session: Session, *, site_id: int | None = None) -> int:
    """Published or done courses since 2016: the hub's "80+ courses"."""
    return session.exec(_counted(select(func.count()).select_from(ProgrammeItem), site_id)
                        .where(ProgrammeItem.kind == "course")).one()


def hours_by_sector(session: Session, *, site_id: int | None = None) -> list[SectorHours]:
    minutes = func.sum(ProgrammeSession.end_minute - ProgrammeSession.start_minute)
    query = _counted(select(ProgrammeItem.sector, minutes)
                     .join(ProgrammeSession, ProgrammeSession.item_id == ProgrammeItem.id),
                     site_id)
    return [SectorHours(sector, round(int(total) / 60, 1)) for sector, total in session.exec(
        query.group_by(ProgrammeItem.sector).order_by(minutes.desc()))]
