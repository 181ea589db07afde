"""The calendar as an .ics file (hub/calendar/ics.py): it parses (with three parsers), its
UIDs stay the same from one download to the next, a room's file holds that room only, its
time zone is the site's, and a viewer gets none."""
from datetime import date

import icalendar
import pytest

from db.engine import writing
from db.models import Site
from hub.calendar.ics import calendar_ics
from hub.errors import Forbidden, Invalid
from tests.calendar.conftest import MONDAY, SUNDAY, booking
from tests.icalendars import read_everywhere
from tests.worlds import read


def download(base, role="manager", **where):
    where = where or {"site_id": base["site"]}
    return read(calendar_ics, actor=base[role], first=MONDAY, last=SUNDAY, **where)


def events_of(data: bytes, zone: str = "Europe/Rome") -> list:
    return read_everywhere(data, zone=zone).walk("VEVENT")


def test_the_site_file_parses_with_one_event_per_calendar_event(week):
    events = events_of(download(week))
    assert sorted(str(e["summary"]) for e in events) == sorted([
        "L3 · Floor restoration", "L2 · Aiko Tanaka's lease of L2 starts", "POT · Glazing",
        "B1 · Stone setting", "POT · Wheel throwing", "L1 · Giulia Neri's lease of L1 ends"])
    glazing = next(e for e in events if str(e["summary"]) == "POT · Glazing")
    start = glazing.decoded("dtstart")
    assert (start.isoformat(), str(start.tzinfo)) == ("2026-06-02T10:00:00+02:00",
                                                      "Europe/Rome")
    assert str(glazing["location"]) == "Pottery, Test Hub"
    assert str(glazing["description"]) == "Booking · Giulia Neri"
    works = next(e for e in events if "restoration" in str(e["summary"]))
    assert (works.decoded("dtstart"), works.decoded("dtend")) == (date(2026, 5, 25),
                                                                  date(2026, 6, 4))


def test_uids_are_unique_and_stable_between_downloads(week):
    first = [str(e["uid"]) for e in events_of(download(week))]
    booking(week, "B1", date(2026, 6, 5), 9, 10)            # a new event meanwhile
    second = [str(e["uid"]) for e in events_of(download(week))]
    assert len(set(first)) == len(first) == 6
    assert set(first) < set(second) and len(second) == 7
    assert f"calendar-booking-{week['glazing']}@bottega" in first


def test_a_room_file_holds_that_room_only(week):
    events = events_of(download(week, space_id=week["POT"]))
    assert [str(e["summary"]) for e in events] == ["POT · Glazing", "POT · Wheel throwing"]
    calendar = icalendar.Calendar.from_ical(download(week, space_id=week["POT"]))
    assert str(calendar["x-wr-calname"]) == "Test Hub · POT Pottery"


def test_communication_may_download_and_a_viewer_is_refused(week):
    assert events_of(download(week, "communication"))
    with pytest.raises(Forbidden):
        download(week, "viewer")


def test_a_file_needs_a_site_or_a_room(week):
    with pytest.raises(Invalid) as refused:
        read(calendar_ics, actor=week["manager"], first=MONDAY, last=SUNDAY)
    assert (refused.value.field, refused.value.message) == (
        "site", "choose a site or a room for the calendar file")


def test_a_site_in_another_time_zone_gets_its_own(week):
    with writing() as session, session.begin():
        session.get(Site, week["site"]).timezone = "Asia/Tokyo"
    events = events_of(download(week), zone="Asia/Tokyo")
    glazing = next(e for e in events if str(e["summary"]) == "POT · Glazing")
    assert glazing.decoded("dtstart").isoformat() == "2026-06-02T10:00:00+09:00"
    assert b"Europe/Rome" not in download(week)


def test_a_file_with_no_timed_event_still_holds_its_time_zone(week):
    """Works and lease markers are whole days: the file still says the site's zone."""
    data = read(calendar_ics, actor=week["manager"], site_id=week["site"], first=MONDAY,
                last=SUNDAY, kinds=("works",))
    assert [str(e["summary"]) for e in events_of(data)] == ["L3 · Floor restoration"]
