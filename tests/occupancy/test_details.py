"""Details of occupancy rules that mutation testing found unguarded: what a booking keeps,
what a move carries over, whose booking a clash names, and the week view per site."""
from datetime import date, time
from decimal import Decimal

import pytest

from db.engine import reading, writing
from db.models import Booking, Lease, Site, Space
from hub.errors import Invalid
from hub.occupancy import bookings, leases
from tests.worlds import MONDAY, TUESDAY, add, book, read, write


def test_a_booking_keeps_its_purpose_trimmed(base):
    booking = write(bookings.book, actor=base["manager"], space_id=base["POT"], day=MONDAY,
                    start=time(10), end=time(12), tenant_id=base["giulia"],
                    purpose="  Glaze firing  ")
    with reading() as session:
        assert session.get(Booking, booking.id).purpose == "Glaze firing"


def test_moving_a_tenant_carries_the_notes_deposit_and_end_date(base):
    first = write(leases.lease_space, actor=base["manager"], space_id=base["L1"],
                  tenant_id=base["giulia"], starts_on=date(2026, 1, 1),
                  ends_on=date(2026, 12, 31), monthly_rent="100", deposit="300",
                  notes="Kiln in the corner")
    moved = write(leases.move_tenant, actor=base["manager"], lease_id=first.id, version=None,
                  to_space_id=base["L2"], on=date(2026, 7, 1))
    with reading() as session:
        old, new = session.get(Lease, first.id), session.get(Lease, moved.id)
        assert old.ends_on == date(2026, 6, 30)
        assert (new.space_id, new.starts_on, new.ends_on) == (base["L2"], date(2026, 7, 1),
                                                              date(2026, 12, 31))
        assert (new.notes, new.deposit, new.monthly_rent) == ("Kiln in the corner",
                                                              Decimal("300.00"),
                                                              Decimal("200.00"))


def test_a_session_over_a_booking_names_who_booked_it(plan):
    write(bookings.book, actor=plan["manager"], space_id=plan["POT"], day=TUESDAY,
          start=time(18), end=time(20), tenant_id=plan["giulia"], purpose="Throwing practice")
    with pytest.raises(Invalid) as refused:
        add(plan, day=TUESDAY, start=time(19), end=time(21))
    assert refused.value.message == (
        "POT is taken at 19:00–21:00 on 2 Jun 2026 by “Throwing practice” "
        "(18:00–20:00, booked by Giulia Neri)")


def test_the_week_view_names_each_bookings_own_site(base):
    with writing() as session, session.begin():
        other = Site(code="U", name="Other Hub", city="Prato", total_area_m2=100)
        session.add(other)
        session.flush()
        room = Space(site_id=other.id, code="R1", name="Room", kind="conference_room",
                     area_m2=30, capacity=10, hourly_rate=Decimal(20), bookable=True)
        session.add(room)
        session.flush()
        room_id = room.id
    book(base, day=MONDAY, start=time(9), end=time(10))
    write(bookings.book, actor=base["manager"], space_id=room_id, day=MONDAY, start=time(11),
          end=time(12), guest_name="Visitor")
    rows = read(bookings.week_bookings, site_id=None, monday=MONDAY)
    assert [(row.site, row.space, row.tenant, row.guest_name) for row in rows] == [
        ("Test Hub", "POT", "Giulia Neri", None), ("Other Hub", "R1", None, "Visitor")]
    only = read(bookings.week_bookings, site_id=base["site"], monday=MONDAY)
    assert [row.space for row in only] == ["POT"]
