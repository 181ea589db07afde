"""A programme session in a room outside the site's opening hours — an evening course, a
Sunday event — is kept (the hub holds them; the session form itself proposes 18:00–21:00),
but no longer silently: the item says which sessions fall outside the hours and why, so that
someone opens the building. A session online or elsewhere is never flagged; a booking
outside the hours is still refused (hub/occupancy/bookings.py)."""
from __future__ import annotations

from datetime import date, time

import pytest

from hub.errors import Invalid
from hub.programme import views
from tests.programme.test_page import courses_page
from tests.worlds import add, book, read

TUESDAY, SUNDAY = date(2026, 6, 2), date(2026, 6, 7)
HOURS = "Test Hub (Mon–Sat 08:00–20:00)"


def flags(plan) -> list[tuple[str, str | None]]:
    return [(f"{row.day:%a} {row.start_minute // 60}h {row.place}", row.outside_hours)
            for row in read(views.item_sessions, item_id=plan["wheel"])]


def test_sessions_outside_the_opening_hours_are_kept_and_said(plan):
    add(plan, day=TUESDAY, start=time(18), end=time(21))                     # after closing
    add(plan, day=date(2026, 6, 3), start=time(10), end=time(12))            # within
    add(plan, day=SUNDAY, start=time(10), end=time(12))                      # a closed day
    add(plan, day=date(2026, 6, 4), start=time(7), end=time(9), space=None,
        location="Online")                                                   # not in a room
    assert flags(plan) == [
        ("Tue 18h POT — Pottery", f"18:00–21:00 is outside the opening hours of {HOURS}"),
        ("Wed 10h POT — Pottery", None),
        ("Thu 7h Online", None),
        ("Sun 10h POT — Pottery", "Test Hub is closed on Sundays (open Mon–Sat 08:00–20:00)")]


def test_a_booking_at_the_same_time_is_still_refused(plan):
    with pytest.raises(Invalid, match="18:00–21:00 is outside the opening hours of") as refused:
        book(plan, space="POT", day=TUESDAY, start=time(18), end=time(21))
    assert refused.value.field == "start"


def test_the_item_tells_the_manager_which_sessions(published):
    at = courses_page("boss")
    assert not at.exception
    # Shown as Markdown: what people typed (the site's name) is escaped, as_text's way.
    assert [w.value.replace("\\", "") for w in at.warning] == [
        "1 session falls outside the site's opening hours; Bottega keeps it (evening courses "
        "and weekend events are common), but someone must open the building: 2 Jun 2026, "
        "POT — Pottery: 18:00–21:00 is outside the opening hours of Test Hub (Mon–Sat "
        "08:00–20:00)."]


def test_a_viewer_is_not_asked_to_open_the_building(published):
    at = courses_page("vera")
    assert not at.exception and not at.warning
