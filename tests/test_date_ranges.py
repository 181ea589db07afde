"""The date ranges of leases, works, bookings and sessions, written once on their models
(db/models/occupancy.py, db/models/programme.py): the SQL a query runs and the Python a
loaded record answers agree with each other and with the days themselves, on every day
(Hypothesis), open leases included."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, delete
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, select

from db.models import Booking, Lease, WorksPeriod

DAYS = st.dates(min_value=date(2027, 1, 1), max_value=date(2027, 3, 31))


@pytest.fixture(scope="module")
def engine():
    engine = create_engine("sqlite://", poolclass=StaticPool)   # one in-memory database
    for model in (Lease, WorksPeriod, Booking):
        model.__table__.create(engine)
    yield engine
    engine.dispose()


def days(first: date, last: date) -> set[date]:
    return {first + timedelta(days=n) for n in range((last - first).days + 1)}


def asked(engine, model, fields: dict, condition) -> bool:
    """Whether a record of `fields`, alone in its table, matches `condition` in SQL."""
    with Session(engine) as session, session.begin():
        session.exec(delete(model))
        session.add(model(**fields))
    with Session(engine) as session:
        return session.exec(select(model.id).where(condition)).first() is not None


@settings(max_examples=60, deadline=None)
@given(starts=DAYS, length=st.one_of(st.none(), st.integers(0, 40)), day=DAYS, first=DAYS,
       span=st.one_of(st.none(), st.integers(0, 40)))
def test_a_lease_holds_and_overlaps_the_same_days_in_sql_and_in_python(engine, starts, length,
                                                                       day, first, span):
    ends = None if length is None else starts + timedelta(days=length)
    last = None if span is None else first + timedelta(days=span)
    fields = dict(id=1, space_id=1, tenant_id=1, starts_on=starts, ends_on=ends, monthly_rent=1)
    lease = Lease(**fields)
    held = days(starts, ends or date(2028, 12, 31))
    wanted = days(first, last or date(2028, 12, 31))
    assert lease.holds(day) == (day in held)
    assert asked(engine, Lease, fields, Lease.holds(day)) == (day in held)
    assert lease.overlaps(first, last) == bool(held & wanted)
    assert asked(engine, Lease, fields, Lease.overlaps(first, last)) == \
        bool(held & wanted)


@settings(max_examples=40, deadline=None)
@given(starts=DAYS, length=st.integers(0, 20), cancelled=st.booleans(), day=DAYS, first=DAYS,
       span=st.integers(0, 20))
def test_works_close_their_days_unless_cancelled_in_sql_and_in_python(engine, starts, length,
                                                                      cancelled, day, first, span):
    ends, last = starts + timedelta(days=length), first + timedelta(days=span)
    fields = dict(id=1, site_id=1, title="Kiln", starts_on=starts, ends_on=ends,
                  cancelled_at=datetime(2027, 1, 1, tzinfo=UTC) if cancelled else None)
    works = WorksPeriod(**fields)
    closed = set() if cancelled else days(starts, ends)
    assert works.closes(day) == (day in closed)
    assert asked(engine, WorksPeriod, fields, WorksPeriod.closes(day)) == \
        (day in closed)
    assert works.closes_between(first, last) == bool(closed & days(first, last))
    assert asked(engine, WorksPeriod, fields,
                 WorksPeriod.closes_between(first, last)) == bool(closed & days(first, last))


@settings(max_examples=30, deadline=None)
@given(day=DAYS, first=DAYS, span=st.one_of(st.none(), st.integers(0, 20)))
def test_a_booking_falls_between_two_days_in_sql_and_in_python(engine, day, first, span):
    last = None if span is None else first + timedelta(days=span)
    fields = dict(id=1, space_id=1, tenant_id=1, day=day, start_minute=600, end_minute=660,
                  places=1)
    booking = Booking(**fields)
    inside = first <= day and (last is None or day <= last)
    assert booking.falls_between(first, last) == inside
    assert asked(engine, Booking, fields, Booking.falls_between(first, last)) == inside
