"""The hub calendar in a real browser, on the demo hub (SQLite and PostgreSQL): the manager
opens the Calendar, sees the month of every site, picks Officina Creativa, switches to the
week, reads an event off the screen (the demo follows the calendar, so nothing is
hard-coded), goes to that event's day and finds it again, and downloads the site's .ics."""
from __future__ import annotations

import re
from datetime import datetime

import icalendar
import pytest
from playwright.sync_api import expect

from tests.e2e.servers import TIMEOUT_MS, wait_idle, wait_until
from tests.e2e.test_building import shown_day, type_day
from tests.e2e.test_occupancy import CHART, choose, grid_rows
from tests.e2e.test_shell import expect_no_exception, go_to, sign_in

pytestmark = pytest.mark.e2e
DATAFRAME = "[data-testid='stDataFrame']"


def switch_view(page, view: str) -> None:
    page.locator("[data-testid='stRadio']").get_by_text(view, exact=True).click()
    wait_idle(page)


def expect_chart_described(page, start: str) -> None:
    """What the chart says it shows (Vega puts the description in its aria-label) starts with
    `start`, once the rerun has drawn the new chart: the last view's stays until then."""
    expect(page.locator(".vega-embed").first).to_have_attribute(
        "aria-label", re.compile("^" + re.escape(start)), timeout=TIMEOUT_MS)


def events_table(page) -> list[dict[str, str]]:
    """The events of the day or week view, once the rerun has drawn them: until then the last
    table on the page may still be the month's grid of counts (no Room column)."""
    shown: list[list[dict[str, str]]] = [[]]

    def drawn() -> bool:       # the same rows twice in a row: the grid has finished drawing
        rows = grid_rows(page.locator(DATAFRAME).last)
        settled = bool(rows) and "Room" in rows[0] and rows == shown[0]
        shown[0] = rows
        return settled
    wait_until(drawn, what="the events table of the view", timeout_ms=TIMEOUT_MS, every_ms=500)
    return shown[0]


def test_manager_switches_views_and_finds_an_event_of_the_week_on_its_day(app_server, page):
    sign_in(page, app_server.url, "manager")
    go_to(page, "Calendar")
    expect(page.locator(CHART).first).to_be_visible()
    expect_chart_described(page, "Grid of ")                   # the month, every site
    expect(page.get_by_text("Events by site and day")).to_be_visible()

    main = page.locator("[data-testid='stMain']")
    choose(page, main, "Site", "Officina Creativa")
    opened_on = shown_day(main, "On")          # the server's today: a link leaves it out
    switch_view(page, "Week")
    expect(page.get_by_role("heading", name="Events", exact=True)).to_be_visible()
    assert "view=week" in page.url
    rows = [row for row in events_table(page) if row.get("Time", "").count(":") == 2]
    assert rows, f"no booking or session in this week of Officina Creativa's demo data: {events_table(page)[:3]}"
    event = rows[0]                                   # a booking or a session, with its time
    day = datetime.strptime(event["Day"], "%d %b %Y").date()

    type_day(main, "On", day, page)
    wait_idle(page)
    switch_view(page, "Day")
    expect(page.get_by_text(f"{day:%a} {day.day} {day:%b %Y}:").first).to_be_visible()
    expect_chart_described(page, f"Timeline of {day:%a} {day.day} {day:%b %Y} by room")
    found = [row for row in events_table(page)
             if (row["Room"], row["Time"], row["What"]) ==
             (event["Room"], event["Time"], event["What"])]
    assert found, f"{event} is not on its day"
    assert "view=day" in page.url
    if day == opened_on:                       # the week's event may well be today's
        assert "on=" not in page.url, page.url
    else:
        assert f"on={day.isoformat()}" in page.url, page.url
    expect_no_exception(page)

    with page.expect_download() as download:
        page.get_by_role("button", name="Download Officina Creativa's calendar (.ics)").click()
    calendar = icalendar.Calendar.from_ical(open(download.value.path(), "rb").read())
    summaries = [str(item["summary"]) for item in calendar.walk("VEVENT")]
    assert f"{event['Room'].split(' · ')[0]} · {event['What']}" in summaries
