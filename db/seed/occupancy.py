"""Leases and bookings for the demo and scale data, planned so that they keep hub/'s rules.

db/ knows nothing of hub/, so the plans keep the rules by construction instead of calling it:
a unit passes to its next tenant only from the day after the last lease ends; a bench is
booked only on days nobody leases it; every booking lies within the site's opening hours on
an open day; the places booked at any instant never pass the space's capacity (conference
events and bench bookings follow each other, pottery bookings are counted per half hour).
tests/test_seed.py checks each rule with hub/'s own queries.
"""
from __future__ import annotations

import calendar
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import insert
from sqlmodel import Session, SQLModel, select

from db.seed.names import (BENCH_USES, CONFERENCE_EVENTS, LEASE_NOTES, PEOPLE, POTTERY_USES,
                           SURNAME_FIRST, VISITOR_LEASE_NOTE)
from db.models import Booking, Lease, Site, Space, Tenant
from db.seed.sites import runs_the_cafe

RENT_YEAR = 2026  # spaces list this year's rents
YEARLY_RISE = Decimal("0.02")  # a lease that started earlier pays 2 % less per year before
LEASE_NOTE_SHARE = 0.12
GUESTS = 80  # outside people who book a site's spaces, again and again

# ---------------------------------------------------------------- what a site holds


@dataclass(frozen=True)
class Stay:
    """A tenant, as the plans see them."""
    id: int
    residency: str
    sector: str
    joined_on: date
    left_on: date | None
    runs_cafe: bool

    def here_on(self, day: date) -> bool:
        return self.joined_on <= day and (self.left_on is None or day <= self.left_on)


@dataclass(frozen=True)
class Unit:
    """A space of the site."""
    id: int
    kind: str
    capacity: int
    rent: Decimal | None
    leasable: bool
    bookable: bool


@dataclass(frozen=True)
class SiteFacts:
    """What a site's leases and bookings are planned from, as the database holds it."""
    country: str
    opens: int  # minutes from midnight
    closes: int
    weekdays: str  # Monday = 0
    units: list[Unit]
    stays: list[Stay]


def _minute(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def read_site(session: Session, site_id: int) -> SiteFacts:
    country, opens, closes, weekdays = session.exec(
        select(Site.country, Site.opens_at, Site.closes_at, Site.open_weekdays)
        .where(Site.id == site_id)).one()
    units = [Unit(*row) for row in session.exec(
        select(Space.id, Space.kind, Space.capacity, Space.monthly_rent, Space.leasable,
               Space.bookable).where(Space.site_id == site_id, Space.active)
        .order_by(Space.code))]
    stays = [Stay(id, residency, sector, joined, left, runs_the_cafe(business))
             for id, residency, sector, joined, left, business in session.exec(
                 select(Tenant.id, Tenant.residency, Tenant.sector, Tenant.joined_on,
                        Tenant.left_on, Tenant.business)
                 .where(Tenant.site_id == site_id).order_by(Tenant.id))]
    return SiteFacts(country, _minute(opens), _minute(closes), weekdays, units, stays)


def has_any(session: Session, model: type[Lease] | type[Booking], site_id: int) -> bool:
    """Whether the site already has leases (or bookings): then the seed leaves it alone."""
    return session.exec(select(model.id).join(Space, Space.id == model.space_id)
                        .where(Space.site_id == site_id).limit(1)).first() is not None


def insert_rows(session: Session, model: type[SQLModel], rows: list[dict]) -> int:
    if rows:
        session.exec(insert(model.__table__), params=rows)
    return len(rows)


# ---------------------------------------------------------------- leases


@dataclass(frozen=True)
class Claim:
    """A tenant asking for a unit of a kind from a day to a day (None: open-ended)."""
    stay: Stay
    kind: str
    starts_on: date
    ends_on: date | None
    note: str | None = None


def site_leases(session: Session, site_id: int, rng: random.Random, now: datetime) -> list[dict]:
    """The site's lease history, derived from its tenants' stays."""
    site = read_site(session, site_id)
    claims = sorted(_claims(rng, site), key=lambda claim: (claim.starts_on, claim.stay.id))
    rows = []
    for kind in sorted({claim.kind for claim in claims}):
        units = [unit for unit in site.units if unit.kind == kind and unit.leasable]
        wanted = [claim for claim in claims if claim.kind == kind]
        rows += [_lease_row(rng, unit, claim, starts_on, now)
                 for unit, claim, starts_on in _allocate(rng, wanted, units)]
    return rows


def _claims(rng: random.Random, site: SiteFacts) -> Iterator[Claim]:
    """Residents hold a laboratory (a bench where there are none) for their whole stay;
    whoever runs the café holds the coffee-shop; visiting artists lease a bench briefly."""
    home = "laboratory" if any(unit.kind == "laboratory" for unit in site.units) else "bench"
    for stay in sorted(site.stays, key=lambda stay: (stay.joined_on, stay.id)):
        if stay.runs_cafe:
            yield Claim(stay, "coffee_shop", stay.joined_on, stay.left_on)
        elif stay.residency == "resident":
            yield Claim(stay, home, stay.joined_on, stay.left_on)
        else:
            starts_on = stay.joined_on + timedelta(rng.randint(0, 10))
            ends_on = months_later(starts_on, rng.randint(1, 3)) - timedelta(days=1)
            ends_on = min(ends_on, stay.left_on or ends_on)
            if starts_on <= ends_on:
                yield Claim(stay, "bench", starts_on, ends_on, VISITOR_LEASE_NOTE)


def months_later(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return day.replace(year=year, month=month,
                       day=min(day.day, calendar.monthrange(year, month)[1]))


def _allocate(rng: random.Random, claims: Iterable[Claim],
              units: list[Unit]) -> Iterator[tuple[Unit, Claim, date]]:
    """First fit, in order of arrival: a unit free on the claim's first day (one never leased
    before if any), else the unit that frees up first, if before the claim would end.
    A unit is handed on only from the day after its last lease ends: never an overlap."""
    free_from: dict[int, date | None] = {unit.id: date.min for unit in units}  # None: held
    for claim in claims:
        open_units = [unit for unit in units if free_from[unit.id] is not None]
        free = [unit for unit in open_units if free_from[unit.id] <= claim.starts_on]
        if free:
            fresh = [unit for unit in free if free_from[unit.id] == date.min]
            unit, starts_on = rng.choice(fresh or free), claim.starts_on
        elif open_units:  # every unit is taken: the tenant waits for the first one to free up
            unit = min(open_units, key=lambda unit: free_from[unit.id])
            starts_on = free_from[unit.id]
            if claim.ends_on is not None and starts_on > claim.ends_on:
                continue
        else:
            continue
        free_from[unit.id] = None if claim.ends_on is None else claim.ends_on + timedelta(days=1)
        yield unit, claim, starts_on


def _lease_row(rng: random.Random, unit: Unit, claim: Claim, starts_on: date,
               now: datetime) -> dict:
    years = max(0, RENT_YEAR - starts_on.year)
    rent = (unit.rent * (1 - YEARLY_RISE * years)).quantize(Decimal(1))
    note = claim.note or (rng.choice(LEASE_NOTES) if rng.random() < LEASE_NOTE_SHARE else None)
    signed = datetime.combine(starts_on - timedelta(rng.randint(3, 30)),
                              time(rng.randint(9, 17), rng.choice((0, 15, 30, 45))), UTC)
    return {"space_id": unit.id, "tenant_id": claim.stay.id, "starts_on": starts_on,
            "ends_on": claim.ends_on, "monthly_rent": rent, "deposit": 2 * rent, "notes": note,
            "created_at": min(signed, now)}


# ---------------------------------------------------------------- bookings


@dataclass(frozen=True)
class Pace:
    """How busy the bookable spaces are on an open day."""
    meetings: float  # conference-room events, on average
    pottery: float  # pottery bookings tried, on average (a full slot turns some away)
    bench: float  # chance that a bench nobody leases is booked
    whole_day: float  # share of those booked for the whole day, the rest by the hour
    by_the_hour: int  # at most so many bookings of a bench by the hour in a day
    cancelled: float  # share of bookings cancelled afterwards


@dataclass
class BookingPlan:
    """One site's bookings, one open day after another."""
    rng: random.Random
    site: SiteFacts
    pace: Pace
    created_by: str
    now: datetime
    space_leases: dict[int, list[tuple[date, date | None]]] = field(default_factory=dict)
    tenant_leases: dict[int, list[tuple[date, date | None]]] = field(default_factory=dict)
    guests: list[str] = field(default_factory=list)

    def days(self, first: date, last: date) -> Iterator[dict]:
        planners = {"conference_room": self.conference, "workshop": self.pottery,
                    "bench": self.bench}
        bookable = [unit for unit in self.site.units if unit.bookable and unit.kind in planners]
        day = first
        while day <= last:
            if str(day.weekday()) in self.site.weekdays:
                here = [stay for stay in self.site.stays if stay.here_on(day)]
                for unit in bookable:
                    for slot in planners[unit.kind](unit, day, here):
                        yield self.row(unit, day, *slot)
            day += timedelta(days=1)

    def who(self, people: list[Stay], share: float) -> tuple[int | None, str | None]:
        """One of `people`, `share` of the time; else one of the outside people."""
        if people and self.rng.random() < share:
            return self.rng.choice(people).id, None
        return None, self.rng.choice(self.guests)

    def conference(self, unit: Unit, day: date, here: list[Stay]) -> Iterator[tuple]:
        """Meetings, seminars and presentations, one after another."""
        rng, site = self.rng, self.site
        residents = [stay for stay in here if stay.residency == "resident"]
        start = site.opens + 30 * rng.randint(0, 3)
        for _ in range(how_many(rng, self.pace.meetings)):
            purposes, shortest, longest, fewest, most = rng.choice(CONFERENCE_EVENTS)
            end = start + 30 * rng.randint(shortest, longest)
            if end > site.closes:
                break
            places = rng.randint(min(fewest, unit.capacity), min(most, unit.capacity))
            yield start, end, places, rng.choice(purposes), *self.who(residents, 0.3)
            start = end + 30 * rng.randint(0, 3)

    def pottery(self, unit: Unit, day: date, here: list[Stay]) -> Iterator[tuple]:
        """Open studio, firings and course sessions side by side, within capacity."""
        rng, site = self.rng, self.site
        halves = (site.closes - site.opens) // 30
        taken = [0] * halves  # places booked in each half hour of the day
        potters = [stay for stay in here if stay.sector == "ceramics"]
        for _ in range(how_many(rng, self.pace.pottery)):
            purposes, shortest, longest, fewest, most = rng.choice(POTTERY_USES)
            length = rng.randint(min(shortest, halves), min(longest, halves))
            first = rng.randint(0, halves - length)
            free = unit.capacity - max(taken[first:first + length])
            places = min(rng.randint(fewest, most), free)
            if places < min(fewest, unit.capacity):
                continue
            for half in range(first, first + length):
                taken[half] += places
            start = site.opens + 30 * first
            yield start, start + 30 * length, places, rng.choice(purposes), *self.who(potters, 0.4)

    def bench(self, unit: Unit, day: date, here: list[Stay]) -> Iterator[tuple]:
        """A bench nobody leases that day, by the day or for a few hours at a time."""
        rng, site = self.rng, self.site
        if covered(self.space_leases.get(unit.id, ()), day) or rng.random() >= self.pace.bench:
            return
        visitors = [stay for stay in here if stay.residency == "visiting"
                    and not covered(self.tenant_leases.get(stay.id, ()), day)]
        if rng.random() < self.pace.whole_day:
            yield site.opens, site.closes, 1, BENCH_USES[0], *self.who(visitors, 0.5)
            return
        start = site.opens + 60 * rng.randint(0, 2)
        for _ in range(rng.randint(1, self.pace.by_the_hour)):
            end = start + 60 * rng.randint(1, 3)
            if end > site.closes:
                break
            yield start, end, 1, rng.choice(BENCH_USES[1:]), *self.who(visitors, 0.5)
            start = end + 60 * rng.randint(0, 1)

    def row(self, unit: Unit, day: date, start: int, end: int, places: int, purpose: str,
            tenant_id: int | None, guest_name: str | None) -> dict:
        row = {"space_id": unit.id, "tenant_id": tenant_id, "guest_name": guest_name,
               "purpose": purpose, "day": day, "start_minute": start, "end_minute": end,
               "places": places, "status": "booked", "created_by": self.created_by,
               "cancelled_at": None, "cancelled_by": None}
        rng = self.rng
        if rng.random() < self.pace.cancelled:
            called_off = datetime.combine(day - timedelta(rng.randint(1, 14)),
                                          time(rng.randint(8, 19), rng.randrange(0, 60, 5)), UTC)
            row.update(status="cancelled", cancelled_at=min(called_off, self.now),
                       cancelled_by=self.created_by)
        return row


def how_many(rng: random.Random, mean: float) -> int:
    return int(rng.uniform(0, 2 * mean) + 0.5)


def covered(periods: Iterable[tuple[date, date | None]], day: date) -> bool:
    return any(start <= day and (end is None or day <= end) for start, end in periods)


def guest_names(rng: random.Random, home: str, count: int) -> list[str]:
    """Outside people, most from the site's own country."""
    names = []
    for _ in range(count):
        country = home if rng.random() < 0.6 else rng.choice(sorted(PEOPLE))
        females, males, surnames = PEOPLE.get(country, PEOPLE["IT"])
        given, surname = rng.choice(females if rng.random() < 0.55 else males), rng.choice(surnames)
        names.append(f"{surname} {given}" if country in SURNAME_FIRST else f"{given} {surname}")
    return names


def site_bookings(session: Session, site_id: int, rng: random.Random, *, first: date,
                  last: date, pace: Pace, created_by: str, now: datetime) -> Iterator[dict]:
    """The site's bookings from `first` to `last`, around the leases it already has."""
    site = read_site(session, site_id)
    plan = BookingPlan(rng, site, pace, created_by, now,
                       guests=guest_names(rng, site.country, GUESTS))
    for space_id, tenant_id, starts_on, ends_on in session.exec(
            select(Lease.space_id, Lease.tenant_id, Lease.starts_on, Lease.ends_on)
            .join(Space, Space.id == Lease.space_id).where(Space.site_id == site_id)
            .order_by(Lease.id)):
        plan.space_leases.setdefault(space_id, []).append((starts_on, ends_on))
        plan.tenant_leases.setdefault(tenant_id, []).append((starts_on, ends_on))
    return plan.days(first, last)
