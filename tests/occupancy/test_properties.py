"""Occupancy rules checked on generated sequences (Hypothesis): leases of one space never
overlap, and the places booked at any minute never exceed a space's capacity.

Each example starts from the hub world with the space's leases or bookings wiped, runs the
generated attempts through hub/, and compares every answer with a plain model of the rule."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

import pytest
from hypothesis import example, given, HealthCheck, settings
from hypothesis import strategies as st
from sqlmodel import delete, select

from db.engine import reading, writing
from db.models import Booking, Lease
from hub.errors import Invalid
from hub.i18n import day_text
from hub.occupancy import bookings
from tests.worlds import book, lease, MONDAY, write

SETTINGS = settings(max_examples=60, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])
FOREVER = date.max


# --- leases ---------------------------------------------------------------------------------

BASE = date(2026, 1, 1)


@dataclass(frozen=True)
class LeaseAttempt:
    starts_on: date
    ends_on: date | None

    def overlaps(self, other: LeaseAttempt) -> bool:
        """Days are both included; an open end runs for ever."""
        return (self.starts_on <= (other.ends_on or FOREVER)
                and other.starts_on <= (self.ends_on or FOREVER))


def _attempt(offset: int, length: int | None) -> LeaseAttempt:
    start = BASE + timedelta(days=offset)
    return LeaseAttempt(start, None if length is None else start + timedelta(days=length))


@dataclass(frozen=True)
class NextTo:
    """A lease touching an accepted one: from the day after it ends, or ending the day
    before it starts (`days` long, or open-ended)."""
    pick: int
    after: bool
    days: int | None

    def attempt(self, accepted: list[LeaseAttempt]) -> LeaseAttempt | None:
        if not accepted:
            return None
        other = accepted[self.pick % len(accepted)]
        if self.after:
            if other.ends_on is None:
                return None
            return _attempt((other.ends_on - BASE).days + 1, self.days)
        ends_on = other.starts_on - timedelta(days=1)
        return LeaseAttempt(ends_on - timedelta(days=self.days or 0), ends_on)


# Starts within three months and lengths of a few weeks, so clashes, touching ends (one lease
# ending the day before the next starts) and open ends all come up; -2..-1 is an end before
# its start.
lengths = st.none() | st.integers(-2, 40)
lease_attempts = st.lists(st.one_of(st.builds(_attempt, st.integers(0, 90), lengths),
                                    st.builds(NextTo, st.integers(0, 20), st.booleans(),
                                              st.none() | st.integers(0, 40))),
                          min_size=1, max_size=10)


def wipe(model, **where) -> None:
    with writing() as session, session.begin():
        session.exec(delete(model).where(*(getattr(model, column) == value
                                           for column, value in where.items())))


def leases_of(space_id: int) -> list[LeaseAttempt]:
    with reading() as session:
        return [LeaseAttempt(row.starts_on, row.ends_on) for row in session.exec(
            select(Lease).where(Lease.space_id == space_id).order_by(Lease.starts_on))]


@SETTINGS
@example(attempts=[_attempt(0, 30), _attempt(31, None), _attempt(30, 0), _attempt(200, 1)])
@given(attempts=lease_attempts)
def test_accepted_leases_of_a_space_never_overlap(base, attempts):
    wipe(Lease, space_id=base["L1"])
    accepted: list[LeaseAttempt] = []
    for n, attempt in enumerate(attempts):
        if isinstance(attempt, NextTo):
            attempt = attempt.attempt(accepted)
        if attempt is None:
            continue
        clashes = sorted((held for held in accepted if held.overlaps(attempt)),
                         key=lambda held: held.starts_on)
        tenant = ("giulia", "aiko")[n % 2]
        if attempt.ends_on is not None and attempt.ends_on < attempt.starts_on:
            with pytest.raises(Invalid, match="end date is before start date") as refused:
                lease(base, tenant=tenant, starts_on=attempt.starts_on, ends_on=attempt.ends_on)
            assert refused.value.field == "end"
        elif clashes:
            first = clashes[0]
            with pytest.raises(Invalid) as refused:
                lease(base, tenant=tenant, starts_on=attempt.starts_on, ends_on=attempt.ends_on)
            assert refused.value.field == "start"
            assert refused.value.message == (
                f"space L1 is already leased from {day_text(first.starts_on)} "
                f"to {day_text(first.ends_on) if first.ends_on else 'open end'}")
        else:
            lease(base, tenant=tenant, starts_on=attempt.starts_on, ends_on=attempt.ends_on)
            accepted.append(attempt)
    held = leases_of(base["L1"])
    assert held == sorted(accepted, key=lambda row: row.starts_on)
    for i, one in enumerate(held):
        for other in held[i + 1:]:
            assert not one.overlaps(other), f"{one} and {other} share a day"


# --- bookings -------------------------------------------------------------------------------

OPENS, CLOSES = 8 * 60, 20 * 60   # the hub world's site: Monday–Saturday 08:00–20:00
TUESDAY = MONDAY + timedelta(days=1)
SUNDAY = MONDAY + timedelta(days=6)
POTTERY_CAPACITY = 2


@dataclass(frozen=True)
class Book:
    day: date
    first: int
    last: int
    places: int


@dataclass(frozen=True)
class Cancel:
    pick: int   # which of the live bookings, modulo how many there are


@dataclass(frozen=True)
class Beside:
    """A booking touching a live one: ending as it starts, or starting as it ends."""
    pick: int
    before: bool
    minutes: int
    places: int

    def booking(self, live: list[Book]) -> Book | None:
        if not live:
            return None
        other = live[self.pick % len(live)]
        if self.before:
            first = max(other.first - self.minutes, OPENS)
            return Book(other.day, first, other.first, self.places) \
                if first < other.first else None
        last = min(other.last + self.minutes, CLOSES)
        return Book(other.day, other.last, last, self.places) if other.last < last else None


def _book(day: date, first: int, minutes: int, places: int) -> Book:
    return Book(day, first, min(first + minutes, CLOSES), places)


# Mostly half-hour slots of one busy morning, so bookings often touch (one ending as the next
# begins) or overlap; else any minute of the day. Two working days and a closed Sunday; one
# place more than the workshop holds now and then.
minute = st.one_of(st.sampled_from(range(9 * 60, 13 * 60, 30)), st.integers(OPENS, CLOSES - 1))
length = st.one_of(st.sampled_from([30, 60, 90]), st.integers(1, CLOSES - OPENS))
booking_steps = st.lists(st.one_of(
    st.builds(_book, st.sampled_from([MONDAY, MONDAY, TUESDAY, SUNDAY]), minute, length,
              st.integers(1, POTTERY_CAPACITY + 1)),
    st.builds(Beside, st.integers(0, 20), st.booleans(), length,
              st.integers(1, POTTERY_CAPACITY)),
    st.builds(Cancel, st.integers(0, 20))), min_size=1, max_size=12)


def at(minute_of_day: int) -> time:
    return time(minute_of_day // 60, minute_of_day % 60)


def peak_per_minute(rows) -> dict[date, list[int]]:
    """Places in use at each minute of each day, counted minute by minute."""
    used: dict[date, list[int]] = {}
    for row in rows:
        minutes = used.setdefault(row.day, [0] * (24 * 60))
        for m in range(row.first, row.last):
            minutes[m] += row.places
    return used


def live_bookings(space_id: int) -> list[Book]:
    with reading() as session:
        return [Book(row.day, row.start_minute, row.end_minute, row.places)
                for row in session.exec(select(Booking).where(
                    Booking.space_id == space_id, Booking.status == "booked")
                    .order_by(Booking.id))]


@SETTINGS
@example(steps=[Book(MONDAY, 600, 720, 2), Book(MONDAY, 660, 690, 1), Cancel(0),
                Book(MONDAY, 660, 690, 2), Book(MONDAY, 690, 700, 1)])
@given(steps=booking_steps)
def test_places_in_use_never_exceed_the_capacity(base, steps):
    wipe(Booking, space_id=base["POT"])
    live: list[tuple[int, Book]] = []     # (booking id, booking) the model holds
    for step in steps:
        if isinstance(step, Beside):
            step = step.booking([row for _, row in live])
        if step is None:
            continue
        if isinstance(step, Cancel):
            if not live:
                continue
            booking_id, _ = live.pop(step.pick % len(live))
            write(bookings.cancel_booking, actor=base["manager"], booking_id=booking_id,
                  version=None)
        else:
            in_use = peak_per_minute(row for _, row in live).get(step.day, [0] * 1440)
            taken = max(in_use[step.first:step.last])
            attempt = dict(day=step.day, start=at(step.first), end=at(step.last),
                           places=step.places)
            if step.day == SUNDAY:
                with pytest.raises(Invalid, match="is closed on Sundays"):
                    book(base, **attempt)
            elif step.places > POTTERY_CAPACITY:
                with pytest.raises(Invalid, match="places must be between 1 and 2") as refused:
                    book(base, **attempt)
                assert refused.value.field == "places"
            elif taken + step.places > POTTERY_CAPACITY:
                with pytest.raises(Invalid) as refused:
                    book(base, **attempt)
                assert refused.value.field == "start"
                assert f"POT is full at {at(step.first):%H:%M}–{at(step.last):%H:%M} on " \
                       f"{day_text(step.day)}: {taken} of 2 places already booked" in refused.value.message
            else:
                live.append((book(base, **attempt).id, step))
        held = live_bookings(base["POT"])
        assert held == [row for _, row in live]
        for day, minutes in peak_per_minute(held).items():
            busiest = max(range(len(minutes)), key=minutes.__getitem__)
            assert minutes[busiest] <= POTTERY_CAPACITY, \
                f"{minutes[busiest]} places in use at {at(busiest)} on {day}"
