"""The edges of the programme's clash rules (hub/programme/items.py _check_free,
hub/programme/clashes.py, hub/occupancy/claims.py): a session never clashes with itself,
cancelled bookings and cancelled items free what they held, touching ends are fine, a space
of another site is refused, and an instructor cannot be in two places at once. Every
refusal is word for word and leaves nothing written. Also: a session changed by someone
else between reading and writing is refused with the STALE sentence."""
import re
from datetime import time
from decimal import Decimal

import pytest
from sqlalchemy import func
from sqlmodel import select

from db.engine import reading, writing
from db.models import AuditEntry, Booking, ProgrammeSession, Site, Space
from hub.errors import Invalid, Stale
from hub.occupancy import bookings
from hub.programme import items
from tests.occupancy.test_refusals import on_postgres, saved_meanwhile
from tests.worlds import MONDAY, SOMEONE_ELSE, TUESDAY, add, book, item, stale, write

WHEEL = "“Wheel throwing for beginners”"


def sessions() -> list[tuple[str, int, int, int | None, int | None]]:
    """(day, start, end, space, instructor) of every session, in time order."""
    with reading() as session:
        return [(s.day.isoformat(), s.start_minute, s.end_minute, s.space_id, s.instructor_id)
                for s in session.exec(select(ProgrammeSession).order_by(
                    ProgrammeSession.day, ProgrammeSession.start_minute, ProgrammeSession.id))]


def audit_count() -> int:
    with reading() as session:
        return session.exec(select(func.count()).select_from(AuditEntry)).one()


def move(plan, row, start, end, space="POT", instructor=None, day=TUESDAY, **extra):
    return write(items.edit_session, actor=plan["manager"], session_id=row.id,
                 version=row.version, day=day, start=start, end=end,
                 space_id=plan[space] if space else None,
                 instructor_id=plan[instructor] if instructor else None, **extra)


def refused(action, *arguments, **keywords) -> tuple[str, str]:
    """(field, message) of the Invalid raised; nothing may have been written meanwhile."""
    rows, logged = sessions(), audit_count()
    with pytest.raises(Invalid) as refusal:
        action(*arguments, **keywords)
    assert (sessions(), audit_count()) == (rows, logged)
    return refusal.value.field, refusal.value.message


@pytest.fixture
def prato(plan):
    """A second site, with a studio of its own and an item run there."""
    with writing() as session, session.begin():
        site = Site(code="P", name="Prato Hub", city="Prato", total_area_m2=200)
        session.add(site)
        session.flush()
        studio = Space(site_id=site.id, code="S1", name="Studio 1", kind="workshop", area_m2=40,
                       capacity=6, hourly_rate=Decimal(10), bookable=True)
        session.add(studio)
        session.flush()
        plan["prato"], plan["S1"] = site.id, studio.id
    plan["weaving"] = item(plan, site_id=plan["prato"], title="Weaving in Prato").id
    return plan


# --- a session and itself -------------------------------------------------------------------

def test_moving_a_session_onto_hours_it_holds_does_not_clash_with_its_own_room(plan):
    held = add(plan, start=time(18), end=time(21))
    moved = move(plan, held, time(17), time(20))
    assert (moved.start_minute, moved.end_minute, moved.space_id) == (17 * 60, 20 * 60,
                                                                      plan["POT"])
    assert len(sessions()) == 1


def test_moving_a_session_onto_hours_it_holds_does_not_clash_with_its_own_instructor(plan):
    held = add(plan, space=None, location="Online", start=time(10), end=time(12),
               instructor="teacher")
    moved = move(plan, held, time(11), time(13), space=None, location="Online",
                 instructor="teacher")
    assert (moved.start_minute, moved.end_minute) == (11 * 60, 13 * 60)


def test_moving_a_session_onto_another_session_is_still_refused(plan):
    add(plan, item_key="glaze", start=time(14), end=time(16))
    held = add(plan, start=time(18), end=time(21), instructor="teacher")
    assert refused(move, plan, held, time(15), time(17), instructor="teacher") == (
        "space", "POT is taken at 15:00–17:00 on 2 Jun 2026 by “Glazes and firing” "
                 "(14:00–16:00)")


# --- what is cancelled blocks nothing -------------------------------------------------------

def test_a_cancelled_booking_does_not_block_a_session(plan):
    full = book(plan, day=MONDAY, start=time(10), end=time(12), places=2)
    write(bookings.cancel_booking, actor=plan["manager"], booking_id=full.id,
          version=full.version)
    add(plan, day=MONDAY, start=time(10), end=time(12))
    assert sessions() == [("2026-06-01", 600, 720, plan["POT"], None)]


def test_a_cancelled_booking_does_not_block_moving_a_session_onto_its_hours(plan):
    full = book(plan, day=MONDAY, start=time(14), end=time(16), places=2)
    write(bookings.cancel_booking, actor=plan["manager"], booking_id=full.id,
          version=full.version)
    held = add(plan, day=MONDAY, start=time(10), end=time(12))
    move(plan, held, time(14), time(16), day=MONDAY)
    assert sessions() == [("2026-06-01", 840, 960, plan["POT"], None)]


def test_a_cancelled_items_session_blocks_neither_a_booking_nor_a_session_in_its_room(plan):
    talk = item(plan, title="Craft and export", kind="seminar", capacity=40)
    write(items.add_session, actor=plan["manager"], item_id=talk.id, day=TUESDAY,
          start=time(10), end=time(13), space_id=plan["POT"], instructor_id=plan["teacher"])
    assert refused(add, plan, start=time(11), end=time(13)) == (
        "space", "POT is taken at 11:00–13:00 on 2 Jun 2026 by “Craft and export” "
                 "(10:00–13:00)")
    write(items.edit_item, actor=plan["manager"], item_id=talk.id, version=None,
          status="cancelled")
    book(plan, day=TUESDAY, start=time(10), end=time(11), places=2)
    add(plan, start=time(11), end=time(13), instructor="teacher")   # touches the booking
    with reading() as session:
        assert len(session.exec(select(Booking)).all()) == 1
    assert [(start, end) for _, start, end, _, _ in sessions()] == [(600, 780), (660, 780)]


def test_a_cancelled_items_session_does_not_block_moving_another_session_there(plan):
    talk = item(plan, title="Craft and export", kind="seminar", capacity=40)
    write(items.add_session, actor=plan["manager"], item_id=talk.id, day=TUESDAY,
          start=time(9), end=time(12), space_id=plan["POT"])
    write(items.edit_item, actor=plan["manager"], item_id=talk.id, version=None,
          status="cancelled")
    held = add(plan, start=time(18), end=time(21))
    moved = move(plan, held, time(9), time(12))
    assert (moved.start_minute, moved.end_minute) == (540, 720)


# --- touching ends --------------------------------------------------------------------------

def test_touching_ends_are_fine_for_rooms_instructors_and_bookings(plan):
    add(plan, start=time(10), end=time(12), instructor="teacher")
    add(plan, item_key="glaze", start=time(12), end=time(14), instructor="teacher")
    book(plan, day=TUESDAY, start=time(8), end=time(10), places=2)
    book(plan, day=TUESDAY, start=time(14), end=time(16), places=2)
    assert [(start, end) for _, start, end, _, _ in sessions()] == [(600, 720), (720, 840)]
    with reading() as session:
        assert len(session.exec(select(Booking)).all()) == 2


def test_one_minute_of_overlap_is_a_clash(plan):
    add(plan, start=time(10), end=time(12), instructor="teacher")
    book(plan, day=TUESDAY, start=time(14), end=time(16))
    assert refused(add, plan, item_key="glaze", start=time(11, 59), end=time(12, 30)) == (
        "space", f"POT is taken at 11:59–12:30 on 2 Jun 2026 by {WHEEL} (10:00–12:00)")
    assert refused(add, plan, item_key="glaze", start=time(12), end=time(14, 1)) == (
        "space", "POT is taken at 12:00–14:01 on 2 Jun 2026 by a booking (14:00–16:00, "
                 "booked by Giulia Neri)")
    assert refused(add, plan, item_key="glaze", space=None, location="Museo Bardini",
                   start=time(9), end=time(10, 1), instructor="teacher") == (
        "instructor", f"the instructor already teaches {WHEEL} (10:00–12:00) on 2 Jun 2026")


# --- places and people ----------------------------------------------------------------------

def test_a_space_of_another_site_is_refused(prato):
    assert refused(add, prato, space="S1") == (
        "space", "S1 belongs to another site than this item")
    held = add(prato)
    assert refused(move, prato, held, time(18), time(21), space="S1") == (
        "space", "S1 belongs to another site than this item")
    assert refused(add, prato, item_key="weaving", space="POT") == (
        "space", "POT belongs to another site than this item")


def test_an_instructor_teaching_in_another_room_at_the_same_time_is_refused(plan):
    add(plan, start=time(18), end=time(21), instructor="teacher")
    assert refused(add, plan, item_key="glaze", space="L2", start=time(20),
                   end=time(22), instructor="teacher") == (
        "instructor", f"the instructor already teaches {WHEEL} (18:00–21:00) on 2 Jun 2026")
    add(plan, item_key="glaze", space="L2", start=time(20), end=time(22), instructor="outsider")
    add(plan, item_key="glaze", space="L2", day=MONDAY, start=time(18), end=time(21),
        instructor="teacher")


def test_an_instructor_teaching_at_another_site_at_the_same_time_is_refused(prato):
    add(prato, start=time(18), end=time(21), instructor="teacher")
    assert refused(add, prato, item_key="weaving", space="S1", start=time(17),
                   end=time(19), instructor="teacher") == (
        "instructor", f"the instructor already teaches {WHEEL} (18:00–21:00) on 2 Jun 2026")
    other = add(prato, item_key="weaving", space="S1", start=time(14), end=time(17),
                instructor="teacher")
    assert refused(move, prato, other, time(16), time(18, 30), space="S1",
                   instructor="teacher") == (
        "instructor", f"the instructor already teaches {WHEEL} (18:00–21:00) on 2 Jun 2026")


# --- a session changed meanwhile ------------------------------------------------------------

def test_the_second_of_two_session_edits_is_refused_and_the_first_kept(plan):
    opened = add(plan, start=time(18), end=time(21))
    move(plan, opened, time(17), time(20))
    with pytest.raises(Stale) as refusal:
        move(plan, opened, time(9), time(12))
    assert re.fullmatch(stale("This session"), str(refusal.value))
    assert sessions() == [("2026-06-02", 1020, 1200, plan["POT"], None)]


@pytest.mark.parametrize("change", ["edit", "remove"])
def test_a_session_change_meeting_another_save_at_the_write_is_refused(plan, monkeypatch,
                                                                       change):
    opened = add(plan, start=time(18), end=time(21))
    logged = audit_count()
    saved_meanwhile(monkeypatch, items, start_minute=17 * 60)
    with pytest.raises(Stale) as refusal:
        if change == "edit":
            move(plan, opened, time(9), time(12))
        else:
            write(items.remove_session, actor=plan["manager"], session_id=opened.id,
                  version=opened.version)
    assert re.fullmatch(stale("This session", by=SOMEONE_ELSE), str(refusal.value))
    start = 17 * 60 if on_postgres() else 18 * 60
    assert sessions() == [("2026-06-02", start, 21 * 60, plan["POT"], None)]
    assert audit_count() == logged
