"""The calendar's events (hub/calendar/events.py): each kind, the edges of the period, what a
viewer sees, and the days of each view."""
from datetime import date

import pytest

from hub.calendar import events as calendar_events
from tests.calendar.conftest import MONDAY, SUNDAY, works
from tests.worlds import read


def shown(base, role="manager", first=MONDAY, last=SUNDAY, **options):
    return read(calendar_events.events_between, actor=base[role], site_id=base["site"], first=first,
                last=last, **options)


def brief(events):
    return [(e.kind, e.space_code, e.day.isoformat(), e.start_minute, e.title, e.who)
            for e in events]


def test_each_kind_is_read_with_its_room_time_title_and_who(week):
    events = brief(shown(week))
    assert events == [
        ("works", "L3", "2026-05-25", None, "Floor restoration", ""),
        ("lease_start", "L2", "2026-06-01", None, "Aiko Tanaka's lease of L2 starts",
         "Aiko Tanaka"),
        ("booking", "POT", "2026-06-02", 600, "Glazing", "Giulia Neri"),
        ("booking", "B1", "2026-06-02", 840, "Stone setting", "Marta Bianchi"),
        ("session", "POT", "2026-06-03", 1080, "Wheel throwing", "Paolo Conti"),
        ("lease_end", "L1", "2026-06-07", None, "Giulia Neri's lease of L1 ends",
         "Giulia Neri"),
    ]
    restoration = shown(week)[0]
    assert (restoration.last_day, restoration.all_day, restoration.space_name) == (
        date(2026, 6, 3), True, "Lab 3")
    assert restoration.ends.isoformat() == "2026-06-04T00:00:00"   # the whole last day


def test_a_cancelled_item_shows_no_session_and_a_cancelled_booking_only_when_asked(week):
    assert "Craft and export" not in [e.title for e in shown(week)]
    assert [e.record_id for e in shown(week) if e.cancelled] == []
    marked = [e for e in shown(week, cancelled=True) if e.cancelled]
    assert [(e.kind, e.record_id) for e in marked] == [("booking", week["cancelled_booking"])]


def test_the_period_holds_its_first_and_last_day_and_nothing_outside(week):
    assert [e.kind for e in shown(week, first=MONDAY, last=MONDAY)] == ["works", "lease_start"]
    assert [e.kind for e in shown(week, first=SUNDAY, last=SUNDAY)] == ["lease_end"]
    # the works end on Wednesday 3 June: shown that day, not on the Thursday
    assert "works" in [e.kind for e in shown(week, first=date(2026, 6, 3),
                                              last=date(2026, 6, 3))]
    assert shown(week, first=date(2026, 6, 4), last=date(2026, 6, 6)) == []
    # the works began before the period: they are shown from their own first day
    assert [e.day for e in shown(week, kinds=("works",))] == [date(2026, 5, 25)]


def test_a_running_lease_with_no_end_has_no_end_marker(week):
    ends = [e for e in shown(week, first=date(2026, 1, 1), last=date(2030, 12, 31),
                              kinds=("lease_end",))]
    assert [e.record_id for e in ends] == [week["ending"]]


def test_filters_by_kind_and_room(week):
    assert {e.kind for e in shown(week, kinds=("booking",))} == {"booking"}
    assert [e.space_code for e in shown(week, space_id=week["POT"])] == ["POT", "POT"]


def test_a_viewer_sees_guest_for_outside_people_and_the_staff_see_names(week):
    for role in ("manager", "communication"):
        names = {e.who for e in shown(week, role)}
        assert {"Marta Bianchi", "Paolo Conti"} <= names
    viewer = shown(week, "viewer")
    names = {e.who for e in viewer}
    assert "Marta Bianchi" not in names and "Paolo Conti" not in names
    assert [e.who for e in viewer if e.kind in ("booking", "session")] == [
        "Giulia Neri", "Guest", "Guest"]      # a tenant is named, as on Lab occupancy


def test_cancelled_works_close_nothing_and_show_nowhere(week):
    works(week, ["L4"], MONDAY, SUNDAY, title="Never done", cancelled=True)
    assert "Never done" not in [e.title for e in shown(week)]


def test_every_site_lists_the_events_of_each_site(week):
    events = read(calendar_events.events_between, actor=week["viewer"], site_id=None, first=MONDAY,
                  last=SUNDAY)
    assert {e.site for e in events} == {"Test Hub"} and len(events) == 6


def test_the_views_show_a_day_its_week_or_its_month():
    thursday = date(2026, 2, 26)
    assert calendar_events.view_days("day", thursday) == (thursday, thursday)
    assert calendar_events.view_days("week", thursday) == (date(2026, 2, 23), date(2026, 3, 1))
    assert calendar_events.view_days("month", thursday) == (date(2026, 2, 1), date(2026, 2, 28))
    assert calendar_events.view_days("month", date(2028, 2, 29)) == (date(2028, 2, 1),
                                                               date(2028, 2, 29))
    with pytest.raises(ValueError):
        calendar_events.view_days("year", thursday)


def test_uids_name_the_kind_and_the_record(week):
    uids = [e.uid for e in shown(week)]
    assert len(set(uids)) == len(uids)
    assert f"calendar-booking-{week['glazing']}@bottega" in uids
