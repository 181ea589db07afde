"""The month view's figures (hub/calendar/figures.py), added up in SQL, checked by hand."""
from datetime import date

from hub.calendar.figures import day_totals
from tests.calendar.conftest import booking, works
from tests.worlds import read

JUNE = (date(2026, 6, 1), date(2026, 6, 30))


def totals(base, site_id="site", first=JUNE[0], last=JUNE[1], **options):
    return [(t.place, t.day.isoformat(), t.kind, t.events, t.hours) for t in read(
        day_totals, site_id=base[site_id] if site_id else None, first=first, last=last,
        **options)]


def test_each_room_and_day_counts_its_events_and_hours(week):
    booking(week, "POT", date(2026, 6, 2), 14, 15, places=2)      # a second on Tuesday
    assert totals(week) == [
        ("B1 · Bench 1", "2026-06-02", "booking", 1, 2.0),
        ("L1 · Lab 1", "2026-06-07", "lease_end", 1, None),
        ("L2 · Lab 2", "2026-06-01", "lease_start", 1, None),
        ("L3 · Lab 3", "2026-06-01", "works", 1, None),   # June's days of the works only
        ("L3 · Lab 3", "2026-06-02", "works", 1, None),
        ("L3 · Lab 3", "2026-06-03", "works", 1, None),
        ("POT · Pottery", "2026-06-02", "booking", 2, 3.0),   # 10–12 and 14–15
        ("POT · Pottery", "2026-06-03", "session", 1, 3.0),   # the cancelled seminar: none
    ]


def test_every_site_adds_up_per_site_and_day(week):
    works(week, ["L4"], date(2026, 6, 2), date(2026, 6, 2))     # two spaces closed that day
    rows = totals(week, site_id=None, kinds=("booking", "works"))
    assert rows == [
        ("Test Hub", "2026-06-01", "works", 1, None),
        ("Test Hub", "2026-06-02", "booking", 2, 4.0),
        ("Test Hub", "2026-06-02", "works", 2, None),
        ("Test Hub", "2026-06-03", "works", 1, None)]


def test_overlapping_works_on_one_space_count_the_day_once(week):
    works(week, ["L3"], date(2026, 6, 3), date(2026, 6, 5), title="Wiring")
    assert totals(week, kinds=("works",)) == [
        ("L3 · Lab 3", f"2026-06-0{n}", "works", 1, None) for n in range(1, 6)]


def test_cancelled_bookings_and_days_outside_the_month_are_left_out(week):
    assert not [row for row in totals(week) if row[1] == "2026-06-05"]   # cancelled booking
    assert totals(week, first=date(2026, 7, 1), last=date(2026, 7, 31)) == []
