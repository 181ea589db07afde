"""The calendar's small world: the test hub with one of each event, some of them written
straight to the tables the way an import of old data would, bypassing the rules."""
from datetime import date, time

import pytest

from db.engine import writing
from db.models import Booking, ProgrammeSession
from hub.occupancy import bookings
from hub.programme import items
from tests.worlds import add, item, lease, write
from tests.worlds import close_for_works as works  # noqa: F401  (the calendar tests' name)

# A week of June 2026: Monday 1 to Sunday 7.
MONDAY = date(2026, 6, 1)
SUNDAY = date(2026, 6, 7)


def insert(*rows):
    """Rows written straight to the tables; returns their ids."""
    with writing() as session, session.begin():
        session.add_all(rows)
        session.flush()
        return [row.id for row in rows]


def booking(base, space, day, start, end, *, places=1, who="giulia", guest=None, purpose="",
            status="booked"):
    return insert(Booking(space_id=base[space], day=day, start_minute=start * 60,
                          end_minute=end * 60, places=places,
                          tenant_id=None if guest else base[who], guest_name=guest,
                          purpose=purpose, status=status))[0]


def session_row(base, item_key, space, day, start, end):
    return insert(ProgrammeSession(item_id=base[item_key], space_id=base[space], day=day,
                                   start_minute=start * 60, end_minute=end * 60))[0]


@pytest.fixture
def week(base):
    """One of each kind in the week of 1 June 2026, made through the rules:
    - Tuesday: Giulia books POT 10–12 ("Glazing"); a guest, Marta Bianchi, books B1 14–16;
    - Wednesday: "Wheel throwing" (published) in POT 18–21, taught by Paolo Conti (outside);
    - Thursday: a cancelled seminar's session in POT 10–12 (never shown);
    - Aiko's lease of L2 starts on Monday 1 June; Giulia's of L1 ends on Sunday 7 June;
    - L3 is out of use from 25 May to 3 June ("Floor restoration");
    - a booking cancelled on Friday."""
    manager = base["manager"]
    base["outsider"] = write(items.add_instructor, actor=manager, name="Paolo Conti",
                            email="paolo@example.org").id
    base["wheel"] = item(base, title="Wheel throwing").id
    base["wheel_session"] = add(base, day=date(2026, 6, 3), start=time(18), end=time(21),
                               instructor="outsider").id
    write(items.edit_item, actor=manager, item_id=base["wheel"], version=None,
          status="published")
    base["talk"] = item(base, title="Craft and export", kind="seminar").id
    base["talk_session"] = add(base, item_key="talk", day=date(2026, 6, 4), start=time(10),
                              end=time(12)).id
    write(items.edit_item, actor=manager, item_id=base["talk"], version=None,
          status="cancelled")
    base["glazing"] = write(bookings.book, actor=manager, space_id=base["POT"],
                           day=date(2026, 6, 2), start=time(10), end=time(12),
                           tenant_id=base["giulia"], purpose="Glazing").id
    base["guest_booking"] = booking(base, "B1", date(2026, 6, 2), 14, 16, guest="Marta Bianchi",
                                   purpose="Stone setting")
    base["cancelled_booking"] = booking(base, "POT", date(2026, 6, 5), 9, 10, status="cancelled")
    base["ending"] = lease(base, space="L1", starts_on=date(2026, 1, 1), ends_on=SUNDAY).id
    base["starting"] = lease(base, space="L2", tenant="aiko", starts_on=MONDAY).id
    base["restoration"] = works(base, ["L3"], date(2026, 5, 25), date(2026, 6, 3),
                               title="Floor restoration")
    return base
