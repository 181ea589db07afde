"""Building figures, aggregated in SQL:
- open issues by priority and age (days since reported, in bands);
- works spending per year against the yearly building budget: a year's spending is the final
  cost of the issues closed as done that year; what open issues are estimated to cost is
  shown apart, as committed for the current year;
- days out of use per space in a period (days of works periods not cancelled, clipped to it).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import and_, case, extract, func, literal
from sqlmodel import Session, select

from db.models import BuildingIssue, Site, Space, WorksPeriod, WorksSpace
from db.vocabulary import ISSUE_PRIORITIES
from hub.building.issues import OPEN_STATUSES
from hub.i18n import N_
from hub.scope import in_use
from hub.sql import days_between, earlier_of, later_of

# The bands are English words (the chart translates them where it shows them).
AGE_BANDS = (N_("under a month"), N_("1–3 months"), N_("3–12 months"), N_("over a year"))


@dataclass(frozen=True)
class IssueCount:
    priority: str
    age: str
    issues: int


def open_issues_by_priority(session: Session, *, site_id: int | None,
                            today: date) -> list[IssueCount]:
    """Open issues (reported, planned, in progress) by priority and age band; every
    priority and band is listed, zeros included, in order."""
    band = case((BuildingIssue.reported_on > today - timedelta(days=30), 0),
                (BuildingIssue.reported_on > today - timedelta(days=91), 1),
                (BuildingIssue.reported_on > today - timedelta(days=365), 2), else_=3)
    counts = {(priority, int(age)): count for priority, age, count in session.exec(
        select(BuildingIssue.priority, band, func.count(BuildingIssue.id))
        .where(BuildingIssue.status.in_(OPEN_STATUSES), BuildingIssue.reported_on <= today,
               in_use(BuildingIssue.site_id, site_id))
        .group_by(BuildingIssue.priority, band))}
    return [IssueCount(priority=priority, age=AGE_BANDS[n], issues=counts.get((priority, n), 0))
            for priority in reversed(ISSUE_PRIORITIES) for n in range(len(AGE_BANDS))]


@dataclass(frozen=True)
class YearSpending:
    year: int
    spent: Decimal
    committed: Decimal     # estimates of open issues, counted in the current year only
    budget: Decimal | None

    @property
    def share(self) -> float | None:
        return float((self.spent + self.committed) / self.budget) if self.budget else None


def spending_by_year(session: Session, *, site_id: int | None, years: list[int],
                     today: date) -> list[YearSpending]:
    """Final costs of issues done each year, and this year's open estimates, against the
    site's yearly building budget (all sites: the sum of their budgets)."""
    year = extract("year", BuildingIssue.closed_on)
    spent = {int(y): Decimal(str(total or 0)) for y, total in session.exec(
        select(year, func.sum(BuildingIssue.final_cost))
        .where(BuildingIssue.status == "done", BuildingIssue.closed_on.is_not(None),
               in_use(BuildingIssue.site_id, site_id))
        .group_by(year))}
    committed = Decimal(str(session.exec(
        select(func.coalesce(func.sum(BuildingIssue.cost_estimate), 0))
        .where(BuildingIssue.status.in_(("planned", "in_progress")),
               in_use(BuildingIssue.site_id, site_id))).one() or 0))
    budget = session.exec(select(func.sum(Site.building_budget))
                          .where(in_use(Site.id, site_id))).one()
    budget = Decimal(str(budget)) if budget is not None else None
    return [YearSpending(year=y, spent=spent.get(y, Decimal(0)).quantize(Decimal("0.01")),
                         committed=(committed if y == today.year else Decimal(0))
                         .quantize(Decimal("0.01")),
                         budget=budget) for y in years]


@dataclass(frozen=True)
class SpaceDaysOut:
    space: str
    days: int


def days_out_of_use(session: Session, *, site_id: int, first: date,
                    last: date) -> list[SpaceDaysOut]:
    """Days each space was (or will be) out of use in [first, last], most first; spaces
    never closed then are left out."""
    days = days_between(later_of(WorksPeriod.starts_on, literal(first)),
                        earlier_of(WorksPeriod.ends_on, literal(last))) + 1
    rows = session.exec(
        select(Space.code, func.sum(days))
        .select_from(WorksSpace)
        .join(WorksPeriod, and_(WorksPeriod.id == WorksSpace.works_id,
                                WorksPeriod.closes_between(first, last)))
        .join(Space, Space.id == WorksSpace.space_id)
        .where(Space.site_id == site_id)
        .group_by(Space.code))
    return sorted((SpaceDaysOut(space=code, days=int(total)) for code, total in rows),
                  key=lambda row: (-row.days, row.space))
