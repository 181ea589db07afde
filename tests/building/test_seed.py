"""Demo and scale data of the building (db/seed/building.py): what the demo holds, relative
to today; works keep to the rules (no live session or booking in a closed space); budgets;
a second run adds nothing; the scale data closes laboratories."""
from datetime import date

from sqlalchemy import and_, func
from sqlmodel import Session, select

from db.models import (Booking, BuildingIssue, ProgrammeItem, ProgrammeSession, Site, Space,
                       WorksPeriod, WorksSpace)
from db.seed.driver import seed_demo, seed_scale
from hub.building import figures
from hub.occupancy.closures import works_between


def demo(engine):
    with Session(engine) as session, session.begin():
        return seed_demo(session, billing=False)   # billing is tests/billing/'s


def test_the_demo_holds_issues_and_works_of_both_hubs_around_today(engine):
    added = demo(engine)
    assert (added["building_issues"], added["works_periods"]) == (9, 4)
    today = date.today()
    with Session(engine) as session:
        sites = {site.code: site for site in session.exec(select(Site))}
        assert sites["OC"].building_budget == 40000 and sites["ON"].building_budget == 6000
        spans = works_between(session, site_id=None, first=date(2000, 1, 1),
                              last=date(2100, 1, 1))
        by_title = {}
        for span in spans:
            by_title.setdefault((span.site_id, span.title), []).append(span)
        oc, on = sites["OC"].id, sites["ON"].id
        assert by_title[oc, "Roof repair"][0].ends_on < today                 # past
        assert by_title[oc, "Kiln service"][0].space_code == "POT"
        assert by_title[oc, "Kiln service"][0].starts_on > today              # coming up
        running, = by_title[oc, "Restoration"]
        assert running.starts_on <= today <= running.ends_on                  # now
        assert running.space_code.startswith("L")
        assert sorted(s.space_code for s in by_title[on, "Bench maintenance"]) == [
            "B01", "B02", "B03", "B04"]
        titles = set(session.exec(select(BuildingIssue.title)))
        assert {"Roof repair over the first floor", "Kiln service", "Restoration",
                "Bench maintenance: flex shafts and extraction"} <= titles
        counts = figures.open_issues_by_priority(session, site_id=oc, today=today)
        assert sum(c.issues for c in counts) == 5          # kiln, restoration, tap, latch, lamp
        assert sum(c.issues for c in counts if c.age == "over a year") == 1


def test_no_live_session_or_booking_lies_in_a_closed_space(engine):
    demo(engine)
    seed_scale(engine, 1)
    with Session(engine) as session:
        closed = (select(WorksSpace.space_id, WorksPeriod.starts_on, WorksPeriod.ends_on)
                  .join(WorksPeriod, WorksPeriod.id == WorksSpace.works_id)
                  .where(WorksPeriod.cancelled_at.is_(None)).subquery())
        booked = session.exec(select(func.count()).select_from(Booking).join(
            closed, and_(closed.c.space_id == Booking.space_id,
                         Booking.day.between(closed.c.starts_on, closed.c.ends_on)))
            .where(Booking.status == "booked")).one()
        taught = session.exec(select(func.count()).select_from(ProgrammeSession)
                              .join(ProgrammeItem, ProgrammeItem.id == ProgrammeSession.item_id)
                              .join(closed, and_(closed.c.space_id == ProgrammeSession.space_id,
                                                 ProgrammeSession.day.between(
                                                     closed.c.starts_on, closed.c.ends_on)))
                              .where(ProgrammeItem.status != "cancelled")).one()
        cancelled = session.exec(select(func.count()).select_from(Booking).join(
            closed, and_(closed.c.space_id == Booking.space_id,
                         Booking.day.between(closed.c.starts_on, closed.c.ends_on)))
            .where(Booking.status == "cancelled")).one()
    assert (booked, taught) == (0, 0)
    assert cancelled > 0           # the bookings the works took were cancelled, records kept


def test_a_second_demo_run_adds_no_building_rows(engine):
    demo(engine)
    again = demo(engine)
    assert (again["building_issues"], again["works_periods"]) == (0, 0)


def test_scale_gives_each_copy_a_budget_issues_and_works_on_laboratories(engine):
    added = seed_scale(engine, 1)
    assert added["building"] == 8 + 8 + 3      # issues of OC1 and ON1; works on 3 of OC1's labs
    with Session(engine) as session:
        budgets = dict(session.exec(select(Site.code, Site.building_budget)).all())
        kinds = set(session.exec(select(Space.kind).join(WorksSpace,
                                                         WorksSpace.space_id == Space.id)))
    assert budgets == {"OC1": 40000, "ON1": 6000}
    assert kinds == {"laboratory"}
    assert seed_scale(engine, 1)["building"] == 0
