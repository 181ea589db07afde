"""Courses › Figures worked out by hand (hub/programme/figures.py): the year an item counts
in, which statuses count, seats and waitlists, the fill rate as an average of items, hours
per sector. Every expected number is written in the test, with the arithmetic beside it.
Items are built through hub/ (add_item, add_session, edit_item, enrol); sessions are held
"in the studio" so they take no room of the hub."""
from datetime import date, time

import pytest

from hub.programme import figures
from hub.programme import items
from hub.programme.enrolments import cancel_enrolment, enrol, mark_attendance
from tests.worlds import read, write

STEPS = {"draft": [], "published": ["published"], "done": ["published", "done"],
         "cancelled": ["cancelled"]}


def run(base, title, days, *, kind="course", sector="ceramics", capacity=10,
        status="published", start=time(18), end=time(21), site="site"):
    """An item with one session on each of `days`, taken to `status`."""
    manager = base["manager"]
    item = write(items.add_item, actor=manager, site_id=base[site], kind=kind, title=title,
                 sector=sector, capacity=capacity, price="0")
    for day in days:
        write(items.add_session, actor=manager, item_id=item.id, day=day, start=start,
              end=end, location="Studio")
    for step in STEPS[status]:
        write(items.edit_item, actor=manager, item_id=item.id, version=None, status=step)
    return item.id


def seat(base, item_id, *names):
    return [write(enrol, actor=base["manager"], item_id=item_id, participant_name=name)
            for name in names]


def per_year(base, site="site", **options):
    rows = read(figures.participants_per_year, site_id=base[site] if site else None, **options)
    return [(row.year, row.items, row.participants, round(row.fill_rate, 6), row.filled,
             row.waitlisted) for row in rows]


# --- items per year -------------------------------------------------------------------------

def test_an_item_counts_in_the_year_of_its_first_session(base):
    run(base, "New Year's Eve", [date(2025, 12, 31)])
    run(base, "Across the new year", [date(2025, 12, 30), date(2026, 1, 2)])   # starts 2025
    run(base, "New Year's Day", [date(2026, 1, 1)])
    run(base, "Last day", [date(2026, 12, 31)], kind="workshop")
    rows = read(figures.items_per_year, site_id=base["site"])
    assert [(row.year, row.kind, row.items) for row in rows] == [
        (2025, "course", 2), (2026, "course", 1), (2026, "workshop", 1)]


def test_only_published_and_done_items_with_a_session_count(base):
    run(base, "Published", [date(2026, 3, 2)])
    run(base, "Done", [date(2026, 3, 3)], status="done")
    run(base, "Draft", [date(2026, 3, 4)], status="draft")
    run(base, "Called off", [date(2026, 3, 5)], status="cancelled")
    run(base, "No session yet", [])                        # published, but no day to count
    rows = read(figures.items_per_year, site_id=base["site"])
    assert [(row.year, row.kind, row.items) for row in rows] == [(2026, "course", 2)]
    assert read(figures.courses_run, site_id=base["site"]) == 2


def test_items_of_another_site_count_only_for_all_sites(second_site):
    run(second_site, "Here", [date(2026, 5, 4)])
    run(second_site, "There", [date(2026, 5, 5)], site="S")
    here = read(figures.items_per_year, site_id=second_site["site"])
    everywhere = read(figures.items_per_year, site_id=None)
    assert [(row.year, row.items) for row in here] == [(2026, 1)]
    assert [(row.year, row.items) for row in everywhere] == [(2026, 2)]


def test_courses_run_are_courses_only_published_or_done_since_any_year(second_site):
    run(second_site, "Raku 2019", [date(2019, 5, 7)], status="done")
    run(second_site, "Wheel", [date(2026, 6, 2)])
    run(second_site, "Glazes", [date(2026, 6, 3)], kind="workshop")        # a workshop
    run(second_site, "Export talk", [date(2026, 6, 4)], kind="seminar")
    run(second_site, "Planned", [date(2026, 6, 5)], status="draft")
    run(second_site, "Siena course", [date(2026, 6, 6)], site="S")
    assert read(figures.courses_run, site_id=second_site["site"]) == 2    # Raku, Wheel
    assert read(figures.courses_run, site_id=None) == 3                 # + Siena course
    assert read(figures.courses_run, site_id=second_site["S"]) == 1


# --- participants, fill rate, waitlist ------------------------------------------------------

@pytest.fixture
def seats(second_site):
    """2026 at T: A (2 places: Ann attended, Ben, Cid waiting), B (4 places: Dan; Eli
    cancelled), C (10 places, nobody); a draft with one seat taken. 2025 at T: D (3 places:
    Fay, Gus). 2026 at S: E (1 place: Hal)."""
    base = second_site
    a = run(base, "A", [date(2026, 4, 7)], capacity=2)
    ann, _, _ = seat(base, a, "Ann", "Ben", "Cid")                   # Cid: waitlisted
    write(mark_attendance, actor=base["manager"], item_id=a, attended=[ann.id])
    b = run(base, "B", [date(2026, 4, 8)], capacity=4)
    _, eli = seat(base, b, "Dan", "Eli")
    write(cancel_enrolment, actor=base["manager"], enrolment_id=eli.id, version=eli.version)
    run(base, "C", [date(2026, 4, 9)], kind="workshop", capacity=10)
    seat(base, run(base, "Draft", [date(2026, 4, 10)], capacity=1, status="draft"), "Ida")
    seat(base, run(base, "D", [date(2025, 4, 8)], capacity=3, status="done"), "Fay", "Gus")
    seat(base, run(base, "E", [date(2026, 4, 8)], capacity=1, site="S"), "Hal")
    return base


def test_participants_are_the_seated_and_the_fill_rate_averages_the_items(seats):
    # (year, items, seated, fill rate, items full, still waiting)
    assert per_year(seats) == [
        # D: 2 of 3 seated
        (2025, 1, 2, 0.666667, 0, 0),
        # A 2 (attended counts) + B 1 (cancelled does not) + C 0 = 3 seated, Cid waiting;
        # fill rate (2/2 + 1/4 + 0/10) / 3 = 1.25 / 3, not the pooled 3 / 16 = 0.1875
        (2026, 3, 3, 0.416667, 1, 1)]


def test_all_sites_add_the_other_sites_items_to_each_year(seats):
    # 2026 + E (1 of 1): 4 items, 4 seated, (1 + 0.25 + 0 + 1) / 4 = 0.5625, 2 full
    assert per_year(seats, site=None) == [
        (2025, 1, 2, 0.666667, 0, 0), (2026, 4, 4, 0.5625, 2, 1)]


def test_the_headline_year_is_that_year_only(seats):
    assert per_year(seats, year_of=2026) == [(2026, 3, 3, 0.416667, 1, 1)]
    assert per_year(seats, year_of=2025) == [(2025, 1, 2, 0.666667, 0, 0)]
    assert per_year(seats, year_of=2024) == []


def test_an_item_is_full_when_every_seat_is_taken_not_before(base):
    full = run(base, "Full", [date(2026, 9, 1)], capacity=2)
    seat(base, full, "Ann", "Ben")
    almost = run(base, "Almost", [date(2026, 9, 2)], capacity=3)
    seat(base, almost, "Cid", "Dan")
    # one full of two; (2/2 + 2/3) / 2 = 0.833333
    assert per_year(base) == [(2026, 2, 4, 0.833333, 1, 0)]


# --- hours per sector -----------------------------------------------------------------------

def test_hours_per_sector_add_the_sessions_of_counted_items(second_site):
    base = second_site
    run(base, "Wheel", [date(2026, 3, 3), date(2026, 3, 10)])           # 2 x 3 h = 6 h
    run(base, "Glazes", [date(2026, 3, 4)], kind="workshop", status="done",
        start=time(10), end=time(11, 30))                                # 1.5 h
    run(base, "Export", [date(2026, 3, 5)], kind="seminar", sector="design",
        start=time(9), end=time(17))                                     # 8 h
    run(base, "Glass draft", [date(2026, 3, 6)], sector="glass", status="draft")
    run(base, "Textile off", [date(2026, 3, 7)], sector="textile", status="cancelled")
    run(base, "Siena wood", [date(2026, 3, 8)], sector="wood", start=time(9), end=time(13),
        site="S")                                                        # 4 h, site S
    here = read(figures.hours_by_sector, site_id=base["site"])
    everywhere = read(figures.hours_by_sector, site_id=None)
    # most first: design 8 h, ceramics 6 + 1.5 = 7.5 h
    assert [(row.sector, row.hours) for row in here] == [("design", 8.0), ("ceramics", 7.5)]
    assert [(row.sector, row.hours) for row in everywhere] == [
        ("design", 8.0), ("ceramics", 7.5), ("wood", 4.0)]


def test_hours_keep_the_minutes_to_a_tenth(base):
    run(base, "Short", [date(2026, 3, 3)], start=time(10), end=time(10, 20))    # 20 min
    run(base, "Long", [date(2026, 3, 4)], start=time(9), end=time(10, 50))      # 110 min
    # 130 minutes = 2.1667 h, to a tenth 2.2 (not 2, not 130 / 60 floored)
    assert [(row.sector, row.hours) for row in read(figures.hours_by_sector,
                                                    site_id=base["site"])] == [("ceramics", 2.2)]
