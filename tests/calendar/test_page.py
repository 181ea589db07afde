"""The Calendar screen through AppTest, per role: the views, the filters in the URL, clashes
highlighted, names hidden from a viewer, the .ics files for staff only."""
from datetime import date, timedelta

import pytest

from tests.apptest import open_page, signed_in_app, text_of
from tests.calendar.conftest import booking
from tests.worlds import book

TODAY = date.today()
TOMORROW = TODAY + timedelta(days=1)


@pytest.fixture
def booked(base):
    """Tomorrow (or the next open day): Giulia books POT 10–12, a guest books B1 14–16, and an
    old imported booking of POT 11–13 takes the third place of two."""
    day = TOMORROW if TOMORROW.weekday() != 6 else TOMORROW + timedelta(days=1)
    base["day"] = day
    book(base, day=day)
    booking(base, "B1", day, 14, 16, guest="Marta Bianchi", purpose="Stone setting")
    booking(base, "POT", day, 11, 13, who="aiko")
    booking(base, "POT", day, 11, 12, who="aiko")
    return base


def calendar_page(username, view=None, site="Test Hub", on=None):
    at = open_page(signed_in_app(username), "calendar")
    picker = at.selectbox(key="calendar_site")
    at = picker.select(next(o for o in picker.options if (site or "All sites") in o)).run()
    if on is not None:
        at = at.date_input(key="calendar_on").set_value(on).run()
    if view is not None:
        at = at.radio(key="calendar_view").set_value(view).run()
    return at


def frames(at):
    return [frame.value for frame in at.dataframe]


def test_the_manager_sees_the_week_by_room_with_names_clashes_and_files(booked):
    at = calendar_page("boss", view="week", on=booked["day"])
    assert not at.exception
    assert [t.value for t in at.title] == ["Calendar"]
    assert len(at.get("vega_lite_chart")) == 1
    clashes, events = frames(at)
    assert list(clashes["Kind"]) == ["Over capacity"]
    assert set(events["Who"]) == {"Giulia Neri", "Aiko Tanaka", "Marta Bianchi"}
    assert list(events["Clash"]).count("clash") == 3
    assert {b.label for b in at.get("download_button")} >= {
        "Download Test Hub's calendar (.ics)"}
    assert "4 bookings in 2 rooms; 1 clash, highlighted." in text_of(at)


def test_a_viewer_sees_guest_and_no_calendar_file(booked):
    at = calendar_page("vera", view="week", on=booked["day"])
    assert not at.exception
    _, events = frames(at)
    assert "Marta Bianchi" not in set(events["Who"]) and "Guest" in set(events["Who"])
    assert not at.get("download_button")
    assert "Calendar files (.ics) are for the manager and the communication team" in text_of(at)


def test_communication_sees_names_and_may_download(booked):
    at = calendar_page("carla", view="day", on=booked["day"])
    assert not at.exception
    _, events = frames(at)
    assert "Marta Bianchi" in set(events["Who"])
    assert at.get("download_button")


def test_the_month_view_draws_counts_per_room_and_day(booked):
    at = calendar_page("boss", on=booked["day"])     # the month is the first view
    assert not at.exception
    assert at.radio(key="calendar_view").value == "month"
    clashes, counts = frames(at)
    assert list(counts.columns[:2]) == ["Room", "Day"]
    pottery = counts[counts["Room"] == "POT · Pottery"]
    assert pottery["Booking"].sum() == 3
    assert len(at.get("vega_lite_chart")) == 1


def test_every_site_is_counted_per_site(booked):
    at = calendar_page("vera", site=None, view="week", on=booked["day"])
    assert not at.exception
    _, counts = frames(at)
    assert list(counts["Site"].unique()) == ["Test Hub"]
    assert "choose a site to see its rooms hour by hour" in text_of(at)


def test_the_kind_filter_and_the_view_live_in_the_url(booked):
    at = calendar_page("boss", view="week", on=booked["day"])
    at = at.multiselect(key="calendar_kinds").select("session").run()
    assert at.query_params["view"] == "week" and at.query_params["kinds"] == "session"
    assert at.query_params["on"] == booked["day"].isoformat()
    assert "nothing on the calendar" in text_of(at).lower()
