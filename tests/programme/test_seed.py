"""The demo and scale programme keep the programme's rules and look like the two hubs."""
from collections import Counter
from datetime import date

import pytest
from sqlalchemy import and_, func
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from db.models import (Booking, Enrolment, Lease, ProgrammeItem, ProgrammeSession, Site,
                       Space)
from db.seed.driver import seed_demo, seed_scale


@pytest.fixture
def seeded(engine):
    with Session(engine) as session, session.begin():
        seed_demo(session)
    with Session(engine) as session:
        yield session


def years_since_2016() -> int:
    """The programme grows every year: the seed plans each year from 2016 to this one."""
    return date.today().year - 2016 + 1


def test_80_plus_courses_and_about_5_seminars_and_events_a_year_since_2016(seeded):
    kinds = Counter(seeded.exec(select(ProgrammeItem.kind)).all())
    years = years_since_2016()   # 8.5 courses and 5.5 other items a year on average
    assert kinds["course"] >= 80 and 7 * years <= kinds["course"] <= 10.5 * years
    assert 4 * years <= sum(n for kind, n in kinds.items() if kind != "course") <= 7 * years
    years = {day.year for day in seeded.exec(select(ProgrammeItem.starts_on)).all()}
    assert min(years) == 2016 and date.today().year in years
    rooms = set(seeded.exec(select(Space.code).join(
        ProgrammeSession, ProgrammeSession.space_id == Space.id)).all())
    assert {"CONF", "POT"} <= rooms and any(code.startswith("B") for code in rooms)
    statuses = Counter(seeded.exec(select(ProgrammeItem.status)).all())
    assert statuses["done"] > 100 and statuses["published"] >= 3 and statuses["cancelled"] >= 1
    waiting = seeded.exec(select(func.count()).where(Enrolment.status == "waitlisted")).one()
    assert waiting > 50


def test_a_second_demo_run_adds_no_programme(engine, seeded):
    with Session(engine) as session, session.begin():
        again = seed_demo(session)
    assert not any(again.get(table) for table in
                   ("instructors", "programme_items", "programme_sessions", "enrolments"))


def _overlap(a, b):
    return and_(a.day == b.day, a.start_minute < b.end_minute, b.start_minute < a.end_minute,
                a.id < b.id)


def test_no_session_clashes_with_a_session_a_booking_or_its_instructor(seeded):
    first, second = aliased(ProgrammeSession), aliased(ProgrammeSession)
    live = select(ProgrammeItem.id).where(ProgrammeItem.status != "cancelled")
    pairs = select(func.count()).select_from(first).join(second, _overlap(first, second)).where(
        first.item_id.in_(live), second.item_id.in_(live))
    assert seeded.exec(pairs.where(first.space_id == second.space_id)).one() == 0
    assert seeded.exec(pairs.where(first.instructor_id == second.instructor_id)).one() == 0
    booked = seeded.exec(select(func.count()).select_from(ProgrammeSession).join(
        Booking, and_(Booking.space_id == ProgrammeSession.space_id,
                      Booking.day == ProgrammeSession.day, Booking.status == "booked",
                      Booking.start_minute < ProgrammeSession.end_minute,
                      ProgrammeSession.start_minute < Booking.end_minute))).one()
    assert booked == 0
    leased = seeded.exec(select(func.count()).select_from(ProgrammeSession).join(
        Lease, and_(Lease.space_id == ProgrammeSession.space_id,
                    Lease.starts_on <= ProgrammeSession.day,
                    (Lease.ends_on.is_(None)) | (Lease.ends_on >= ProgrammeSession.day)))).one()
    assert leased == 0


def test_seats_never_pass_capacity_and_item_dates_follow_sessions(seeded):
    seated = (select(Enrolment.item_id, func.count().label("n"))
              .where(Enrolment.status.in_(("enrolled", "attended")))
              .group_by(Enrolment.item_id).subquery())
    over = seeded.exec(select(func.count()).select_from(ProgrammeItem).join(
        seated, seated.c.item_id == ProgrammeItem.id).where(seated.c.n > ProgrammeItem.capacity))
    assert over.one() == 0
    spans = dict(((item_id, (first, last)) for item_id, first, last in seeded.exec(
        select(ProgrammeSession.item_id, func.min(ProgrammeSession.day),
               func.max(ProgrammeSession.day)).group_by(ProgrammeSession.item_id))))
    for item in seeded.exec(select(ProgrammeItem)):
        assert spans[item.id] == (item.starts_on, item.ends_on), item.title
    drafts = select(ProgrammeItem.id).where(ProgrammeItem.status == "draft")
    assert seeded.exec(select(func.count()).where(Enrolment.item_id.in_(drafts))).one() == 0


def test_scale_adds_a_programme_to_every_copy(engine):
    with Session(engine) as session, session.begin():
        seed_demo(session)
    added = seed_scale(engine, 1)
    assert added["programme"] > 0
    with Session(engine) as session:
        per_site = dict(session.exec(select(Site.code, func.count()).join(
            ProgrammeItem, ProgrammeItem.site_id == Site.id).group_by(Site.code)).all())
        copies = select(Site.id).where(Site.code.in_(("OC1", "ON1")))
        enrolled = session.exec(select(func.count()).select_from(Enrolment).join(
            ProgrammeItem, ProgrammeItem.id == Enrolment.item_id)
            .where(ProgrammeItem.site_id.in_(copies))).one()
    # factor 50 = 50 such pairs: about 15,000 items and 150,000 enrolments (in 2026)
    years = years_since_2016()
    assert 11 * years <= per_site["OC1"] <= 16.5 * years
    assert 11 * years <= per_site["ON1"] <= 16.5 * years
    assert 180 * years <= enrolled <= 410 * years
    assert seed_scale(engine, 1)["programme"] == 0
