"""A space out of use for works cannot be newly leased, booked or given a session; each
refusal names the field and the works, word for word, and writes nothing."""
from datetime import date, time, timedelta

import pytest
from sqlalchemy import func
from sqlmodel import select

from db.engine import reading
from db.models import AuditEntry, Booking, Lease, ProgrammeSession
from hub.occupancy import works as occupancy_works
from hub.errors import Invalid
from hub.occupancy import bookings, leases
from hub.programme import items
from tests.worlds import add, lease, write

START, END = date(2027, 1, 11), date(2027, 2, 28)     # 11 January 2027 is a Monday
CLOSED_L1 = "L1 is closed for restoration from 11 Jan 2027 to 28 Feb 2027"
CLOSED_POT = "POT is closed for kiln service from 11 Jan 2027 to 28 Feb 2027"


def close(base, code, title):
    return write(occupancy_works.plan_works, actor=base["manager"], site_id=base["site"],
                 space_ids=[base[code]], title=title, starts_on=START, ends_on=END).works


def counts():
    with reading() as session:
        return tuple(session.exec(select(func.count()).select_from(model)).one()
                     for model in (Lease, Booking, ProgrammeSession, AuditEntry))


def refused(field, message, action, **arguments):
    before = counts()
    with pytest.raises(Invalid) as error:
        write(action, **arguments)
    assert (error.value.field, error.value.message) == (field, message)
    assert counts() == before


def test_a_new_lease_that_takes_a_day_of_the_works_is_refused(base):
    close(base, "L1", "Restoration")
    m = base["manager"]
    for starts_on, ends_on in ((START, None), (date(2026, 12, 1), START),
                               (END, date(2027, 6, 30)), (date(2026, 1, 1), None)):
        refused("start", CLOSED_L1, leases.lease_space, actor=m, space_id=base["L1"],
                tenant_id=base["giulia"], starts_on=starts_on, ends_on=ends_on,
                monthly_rent="100")
    # the days either side are free
    lease(base, space="L1", starts_on=date(2026, 12, 1), ends_on=START - timedelta(days=1))
    lease(base, space="L1", starts_on=END + timedelta(days=1), ends_on=None)


def test_renewing_into_the_works_is_refused(base):
    first = lease(base, space="L1", starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31))
    close(base, "L1", "Restoration")
    refused("start", CLOSED_L1, leases.renew_lease, actor=base["manager"], lease_id=first.id,
            version=None, until=date(2027, 12, 31))


def test_moving_a_tenant_into_a_closed_space_is_refused(base):
    held = lease(base, space="L2", starts_on=date(2026, 1, 1), ends_on=date(2027, 12, 31))
    close(base, "L1", "Restoration")
    refused("space", CLOSED_L1, leases.move_tenant, actor=base["manager"], lease_id=held.id,
            version=None, to_space_id=base["L1"], on=date(2026, 12, 1))


def test_a_booking_on_a_day_of_the_works_is_refused(base):
    close(base, "POT", "Kiln service")
    for day in (START, END - timedelta(days=1)):          # the first day; a Saturday
        refused("day", CLOSED_POT, bookings.book, actor=base["manager"], space_id=base["POT"],
                day=day, start=time(10), end=time(12), tenant_id=base["giulia"])
    write(bookings.book, actor=base["manager"], space_id=base["POT"],
          day=END + timedelta(days=1), start=time(10), end=time(12), tenant_id=base["giulia"])


def test_a_session_placed_or_moved_into_a_closed_room_is_refused(plan):
    moved = add(plan, day=START - timedelta(days=1))       # the Sunday before, in POT
    close(plan, "POT", "Kiln service")
    refused("space", CLOSED_POT, items.add_session, actor=plan["manager"],
            item_id=plan["wheel"], day=START + timedelta(days=1), start=time(18),
            end=time(21), space_id=plan["POT"])
    refused("space", CLOSED_POT, items.edit_session, actor=plan["communication"],
            session_id=moved.id, version=None, day=END, start=time(18), end=time(21),
            space_id=plan["POT"])
    refused("space", CLOSED_POT, items.add_weekly_series, actor=plan["manager"],
            item_id=plan["glaze"], first_day=START - timedelta(days=7), weeks=3,
            start=time(9), end=time(12), space_id=plan["POT"])
    add(plan, item_key="glaze", day=START, space="L3")     # another room that day is fine


def test_cancelled_works_close_nothing(base):
    works = close(base, "L1", "Restoration")
    write(occupancy_works.cancel_works, actor=base["manager"], works_id=works.id, version=None)
    lease(base, space="L1", starts_on=START, ends_on=END)
