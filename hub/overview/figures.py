"""Figures about the hub for the Overview and the stakeholder report, computed live from the
tables (no stored totals that can drift). Site-level figures take `site_id` (None: every site);
partners belong to the network, so their figures never take a site."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import extract, func, or_
from sqlmodel import Session, select

from db.models import Enrolment, Partner, ProgrammeItem, Site, Space, Tenant
from db.vocabulary import PARTNER_REGIONS
from hub.dates import year_before
from hub.i18n import N_, _
from hub.occupancy import figures
from hub.partners import figures as partner_figures
from hub.programme import figures as programme_figures
from hub.tenants import figures as tenant_figures
from hub.scope import in_use

FIRST_YEAR = 2016
SEATED = ("enrolled", "attended")
COURSE_KINDS = ("course", "workshop")


@dataclass(frozen=True)
class HubSummary:
    sites: int
    spaces: int
    leasable_spaces: int
    leasable_area_m2: float
    active_tenants: int
    countries: int


def hub_summary(session: Session, *, on: date | None = None) -> HubSummary:
    """Counts across all sites in use, each one SQL aggregate."""
    on = on or date.today()
    spaces = session.exec(select(
        func.count(Space.id),
        func.count(Space.id).filter(Space.leasable),
        func.coalesce(func.sum(Space.area_m2).filter(Space.leasable), 0),
    ).where(Space.active, in_use(Space.site_id, None))).one()
    active = (Tenant.joined_on <= on, or_(Tenant.left_on.is_(None), Tenant.left_on >= on),
              in_use(Tenant.site_id, None))
    tenants = session.exec(select(func.count(Tenant.id),
                                  func.count(func.distinct(Tenant.origin_country)))
                           .where(*active)).one()
    sites = session.exec(select(func.count(Site.id)).where(Site.archived_at.is_(None))).one()
    return HubSummary(sites=sites,
                      spaces=spaces[0], leasable_spaces=spaces[1],
                      leasable_area_m2=float(spaces[2]), active_tenants=tenants[0],
                      countries=tenants[1])


# --- the period and its KPIs ----------------------------------------------------------------

@dataclass(frozen=True)
class Period:
    """From `start` to `end`, both days included."""
    start: date
    end: date

    def year_before(self) -> Period:
        return Period(year_before(self.start), year_before(self.end))

    def day_for(self, today: date) -> date:
        """The day a snapshot figure (occupancy, tenants present) is taken: the period's end,
        or today while the period is still running."""
        return min(self.end, today)


def periods(today: date) -> dict[str, Period]:
    """The periods the Overview offers: this year so far, the last twelve months (the day
    after the same day a year ago up to today), and every whole year since 2016. The names
    are English (a widget's stable value); period_name gives them in the reader's language."""
    return {N_("This year so far"): Period(date(today.year, 1, 1), today),
            N_("Last 12 months"): Period(year_before(today) + timedelta(days=1), today),
            **{f"Year {year}": Period(date(year, 1, 1), date(year, 12, 31))
               for year in range(today.year - 1, FIRST_YEAR - 1, -1)}}


def period_name(name: str) -> str:
    """A name of `periods` in the reader's language: "Year 2024" is "Anno 2024" in Italian."""
    if name.startswith("Year "):
        return _("Year {year}").format(year=name.removeprefix("Year "))
    return _(name)


@dataclass(frozen=True)
class Snapshot:
    """The hub as it stood on one day, plus what the period around it brought."""
    unit_rate: float | None
    area_rate: float | None
    residents: int
    visitors: int
    items: int
    participants: int
    partners: int
    countries: int


def snapshot(session: Session, *, site_id: int | None, period: Period, today: date) -> Snapshot:
    on = period.day_for(today)
    rates = figures.occupancy_on(session, site_id=site_id, day=on)
    residents, visitors = _tenants_present(session, site_id, on)
    items, participants = _programme_in(session, site_id, period)
    partners, countries = _partners_by(session, on)
    return Snapshot(rates.unit_rate, rates.area_rate, residents, visitors, items, participants,
                    partners, countries)


def _tenants_present(session: Session, site_id: int | None, on: date) -> tuple[int, int]:
    query = select(Tenant.residency, func.count()).where(
        Tenant.joined_on <= on, or_(Tenant.left_on.is_(None), Tenant.left_on >= on),
        in_use(Tenant.site_id, site_id))
    counts = dict(session.exec(query.group_by(Tenant.residency)).all())
    return counts.get("resident", 0), counts.get("visiting", 0)


def _programme_in(session: Session, site_id: int | None, period: Period) -> tuple[int, int]:
    """Items that started in the period (published or done) and the people seated in them."""
    within = (ProgrammeItem.status.in_(programme_figures.COUNTED),
              ProgrammeItem.starts_on >= period.start, ProgrammeItem.starts_on <= period.end,
              in_use(ProgrammeItem.site_id, site_id))
    items = select(func.count()).select_from(ProgrammeItem).where(*within)
    people = (select(func.count()).select_from(Enrolment)
              .join(ProgrammeItem, ProgrammeItem.id == Enrolment.item_id)
              .where(*within, Enrolment.status.in_(SEATED)))
    return session.exec(items).one(), session.exec(people).one()


def _partners_by(session: Session, on: date) -> tuple[int, int]:
    """Active partners that had joined the network by `on`, and their countries."""
    joined = (Partner.status == "active", or_(Partner.since.is_(None), Partner.since <= on))
    row = session.exec(select(func.count(), func.count(Partner.country.distinct()))
                       .where(*joined)).one()
    return row[0], row[1]


def follow_ups_due(session: Session, *, today: date) -> int:
    return partner_figures.follow_ups_due(session, today=today)


# --- evidence of success since 2016 ---------------------------------------------------------

@dataclass(frozen=True)
class YearTotals:
    """Running totals at the end of `year`, counted from 2016."""
    year: int
    courses: int            # courses and workshops
    events: int             # seminars, meetings, exhibitions, events
    participants: int
    tenants: int            # tenants hosted so far (joined by the end of the year)


def evidence(session: Session, *, site_id: int | None, until: int) -> list[YearTotals]:
    courses, events, people, tenants = (defaultdict(int) for __ in range(4))
    for row in programme_figures.items_per_year(session, site_id=site_id):
        (courses if row.kind in COURSE_KINDS else events)[row.year] += row.items
    for row in programme_figures.participants_per_year(session, site_id=site_id):
        people[row.year] += row.participants
    year = extract("year", Tenant.joined_on)
    query = select(year, func.count()).where(in_use(Tenant.site_id, site_id)).group_by(year)
    for joined, count in session.exec(query):
        tenants[max(int(joined), FIRST_YEAR)] += count
    totals, running = [], [0, 0, 0, 0]
    for year in range(FIRST_YEAR, until + 1):
        for i, series in enumerate((courses, events, people, tenants)):
            running[i] += series.get(year, 0)
        totals.append(YearTotals(year, *running))
    return totals


def partners_by_region_cumulative(session: Session, *, until: int) -> list[tuple[int, str, int]]:
    """(year, region, partners that had joined by the end of that year)."""
    joined = defaultdict(int)
    for row in partner_figures.partners_by_region_per_year(session):
        joined[(max(row.year, FIRST_YEAR), row.group)] += row.partners
    rows = []
    for region in PARTNER_REGIONS:
        total = 0
        for year in range(FIRST_YEAR, until + 1):
            total += joined.get((year, region), 0)
            rows.append((year, region, total))
    return rows


@dataclass(frozen=True)
class Innocrafts:
    """The INNOCRAFTS indicators: target groups among consenting tenants, internationalisation."""
    groups: tenant_figures.TargetGroups
    tenants_from_abroad: float | None
    partner_countries: int
    partners_abroad: float | None


def innocrafts(session: Session, *, site_id: int | None, on: date) -> Innocrafts:
    origins = dict(tenant_figures.by_origin(session, site_id=site_id, today=on))
    total = sum(origins.values())
    regions = dict(partner_figures.partners_by_region(session))
    partners = sum(regions.values())
    italian = regions.get("Tuscany", 0) + regions.get("rest of Italy", 0)
    return Innocrafts(tenant_figures.target_groups(session, site_id=site_id, today=on),
                      (total - origins["Italy"]) / total if total else None,
                      partner_figures.countries_reached(session),
                      (partners - italian) / partners if partners else None)
