"""Clashes (hub/calendar/clashes.py) in a world of old or imported data: rows written straight
to the tables, bypassing the rules that would refuse them today."""
from datetime import date

from hub.calendar.clashes import clashes_between, clashing_events
from tests.calendar.conftest import MONDAY, SUNDAY, booking, session_row, works
from tests.worlds import read

TUESDAY, WEDNESDAY, THURSDAY = date(2026, 6, 2), date(2026, 6, 3), date(2026, 6, 4)


def found(base, first=MONDAY, last=SUNDAY, site_id="site"):
    return read(clashes_between, site_id=base[site_id] if site_id else None, first=first,
                last=last)


def brief(clashes):
    return [(c.kind, c.space_code, c.day.isoformat(), c.when, c.what) for c in clashes]


def test_the_rules_leave_a_clean_week_without_clashes(week):
    assert found(week) == []


def test_a_booking_overlapping_a_session_in_its_room_is_a_clash(week):
    # Wheel throwing is in POT on Wednesday 18–21; an old booking 17–19 overlaps it
    late = booking(week, "POT", WEDNESDAY, 17, 19, purpose="Kiln firing")
    booking(week, "POT", WEDNESDAY, 16, 18)                     # touches 18:00: no clash
    booking(week, "B1", WEDNESDAY, 18, 20)                      # another room: no clash
    assert brief(found(week)) == [
        ("booking_session", "POT", "2026-06-03", "18:00–19:00",
         "the booking “Kiln firing” (17:00–19:00) and the session “Wheel throwing” "
         "(18:00–21:00)")]
    assert clashing_events(found(week)) == {("booking", late),
                                            ("session", week["wheel_session"])}


def test_two_sessions_in_one_room_at_once_are_one_clash(week):
    second = session_row(week, "wheel", "POT", WEDNESDAY, 20, 21)
    session_row(week, "wheel", "POT", WEDNESDAY, 21, 22)        # touches both ends at 21:00
    clashes = [c for c in found(week) if c.kind == "session_session"]
    assert [(c.when, c.events) for c in clashes] == [
        ("20:00–21:00", (("session", week["wheel_session"]), ("session", second)))]


def test_a_cancelled_item_or_booking_never_clashes(week):
    # the cancelled seminar sits in POT on Thursday 10–12; so does this old booking
    booking(week, "POT", THURSDAY, 10, 12, places=2)
    booking(week, "POT", THURSDAY, 11, 12, status="cancelled")   # would be 3 of 2
    assert found(week) == []


def test_bookings_and_sessions_during_works_are_clashes(week):
    # L3 is out of use from 25 May to 3 June; the bench B1 from Thursday to Saturday
    inside = booking(week, "L3", TUESDAY, 9, 11, purpose="Old habit")
    booking(week, "L3", THURSDAY, 9, 11)                        # the day after the works
    shut = works(week, ["B1"], THURSDAY, date(2026, 6, 6), title="Bench maintenance")
    taught = session_row(week, "wheel", "B1", date(2026, 6, 6), 10, 12)
    assert brief([c for c in found(week) if c.kind == "works"]) == [
        ("works", "L3", "2026-06-02", "09:00–11:00",
         "the booking “Old habit” (09:00–11:00) during the works “Floor restoration” "
         "(25 May 2026 to 3 Jun 2026)"),
        ("works", "B1", "2026-06-06", "10:00–12:00",
         "the session “Wheel throwing” (10:00–12:00) during the works “Bench maintenance” "
         "(4 Jun 2026 to 6 Jun 2026)")]
    assert clashing_events(found(week)) == {("booking", inside), ("works", week["restoration"]),
                                            ("session", taught), ("works", shut)}


def test_cancelled_works_leave_no_clash(week):
    works(week, ["POT"], MONDAY, SUNDAY, cancelled=True)
    assert found(week) == []


def test_more_places_than_the_room_holds_is_one_clash_at_its_fullest_instant(week):
    # POT holds 2; Giulia's "Glazing" holds one place on Tuesday 10–12
    a = booking(week, "POT", TUESDAY, 11, 13)
    b = booking(week, "POT", TUESDAY, 11, 12, who="aiko")        # 3 places at 11:00–12:00
    booking(week, "POT", TUESDAY, 13, 14, places=2)             # full at 13:00, not over
    assert brief([c for c in found(week) if c.kind == "over_capacity"]) == [
        ("over_capacity", "POT", "2026-06-02", "11:00–12:00",
         "3 places booked at 11:00 in POT, which holds 2 (3 bookings at once)")]
    assert clashing_events(found(week)) == {("booking", week["glazing"]), ("booking", a),
                                            ("booking", b)}


def test_clashes_are_found_in_the_period_only_and_for_every_site(week):
    booking(week, "POT", WEDNESDAY, 17, 19)
    assert found(week, first=MONDAY, last=TUESDAY) == []
    assert found(week, first=WEDNESDAY, last=WEDNESDAY) != []
    assert [c.site for c in found(week, site_id=None)] == ["Test Hub"]
