"""The Calendar's charts (ui/calendar/charts.py) on small frames: valid Vega-Lite, a
description with the figures, and the one-line summary."""
from datetime import date, datetime

import pandas as pd

from ui.calendar import charts
from ui.calendar.data import EVENT_COLUMNS

DAY = date(2026, 6, 2)


def event(kind, label, room, starts, ends, clash=False, cancelled=False):
    return {"kind": kind, "label": label, "record_id": 1, "site": "Test Hub", "room": room,
            "space_id": 1, "space_code": room.split(" ")[0], "starts": starts, "ends": ends,
            "day": starts.date(), "when": "", "title": "t", "who": "", "cancelled": cancelled,
            "clash": clash}


EVENTS = pd.DataFrame([
    event("booking", "Booking", "POT · Pottery", datetime(2026, 6, 2, 10), datetime(2026, 6, 2, 12),
          clash=True),
    event("session", "Session", "POT · Pottery", datetime(2026, 6, 2, 11), datetime(2026, 6, 2, 13),
          clash=True),
    event("works", "Works", "L3 · Lab 3", datetime(2026, 5, 25), datetime(2026, 6, 4)),
], columns=EVENT_COLUMNS)


def test_the_day_and_week_timelines_are_valid_and_described():
    for first, last in ((DAY, DAY), (date(2026, 6, 1), date(2026, 6, 7))):
        chart = charts.room_timeline(EVENTS, first, last, "the period")
        spec = chart.to_dict()              # validates against the Vega-Lite schema
        assert spec["description"] == (
            "Timeline of the period by room: 3 events in 2 rooms, 1 booking, 1 session and "
            "1 works; 2 events in a clash, outlined.")


def test_the_day_timeline_shows_the_opening_hours_at_least_and_works_clipped_to_the_day():
    chart = charts.room_timeline(EVENTS, DAY, DAY, "Tue 2 Jun 2026")
    domain = chart.to_dict()["encoding"]["x"]["scale"]["domain"]
    assert [(d["hours"], d["date"]) for d in domain] == [(8, 2), (20, 2)]
    shown = chart.data
    works = shown[shown["kind"] == "works"].iloc[0]
    assert (works.starts, works.ends) == (datetime(2026, 6, 2, 8), datetime(2026, 6, 2, 20))


def test_the_month_grid_counts_per_place_and_day_and_marks_clashes():
    totals = pd.DataFrame([
        {"place": "POT · Pottery", "day": DAY, "kind": "booking", "label": "Booking",
         "events": 3, "hours": 5.0},
        {"place": "POT · Pottery", "day": DAY, "kind": "session", "label": "Session",
         "events": 1, "hours": 2.0},
        {"place": "L3 · Lab 3", "day": DAY, "kind": "works", "label": "Works", "events": 1,
         "hours": None}])
    cells = charts.month_cells(totals, {("POT · Pottery", DAY)})
    pottery = cells[cells["place"] == "POT · Pottery"].iloc[0]
    assert (pottery.events, pottery.booking, pottery.session, pottery.hours, pottery.clash) == (
        4, 3, 1, 7.0, True)
    lab = cells[cells["place"] == "L3 · Lab 3"].iloc[0]
    assert (lab.events, lab.works, lab.clash) == (0, 1, False)
    spec = charts.month_grid(cells, "June 2026", "room").to_dict()
    assert spec["description"].startswith(
        "Grid of June 2026: 2 rooms down and the days across, darker for more events; 4 events "
        "in all, the most on one room-day 4 (POT · Pottery, 2 Jun); 1 room-day with works; 1 "
        "with a clash")


def test_the_summary_says_what_is_on_and_the_clashes():
    assert charts.summary({"booking": 27, "session": 1}, 2, "room", 0, "the week of 30 Nov "
                          "2026") == ("The week of 30 Nov 2026: 27 bookings and 1 session in 2 "
                                      "rooms; no clash.")
    assert charts.summary({"works": 1}, 1, "room", 2, "June 2026") == (
        "June 2026: 1 works period in 1 room; 2 clashes, highlighted.")
    assert charts.summary({}, 0, "site", 0, "June 2026") == "June 2026: nothing on the calendar."
    assert charts.summary({"booking": 3}, 2, "room", 0, "December 2026", with_works=1) == (
        "December 2026: 3 bookings in 2 rooms; works in 1 room; no clash.")
    assert charts.summary({}, 0, "site", 1, "December 2026", with_works=2) == (
        "December 2026: works in 2 sites; 1 clash, highlighted.")
