"""Building in a real browser: the manager plans works on a bench that has a booking,
confirms in the dialog, sees the booking cancelled and the bench's heatmap cell marked as
works on Lab occupancy. Runs on SQLite and on PostgreSQL, on the demo hub; the demo follows
the calendar, so the bench and the day are read from the data (a bench free that day, with
nothing else on it), and the booking is made through the hub as the manager would."""
from __future__ import annotations

import re
from datetime import date, time, timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import or_
from sqlmodel import Session, select

from db.engine import engine_for
from db.models import (Booking, Lease, ProgrammeItem, ProgrammeSession, Site, Space, User,
                       WorksPeriod, WorksSpace)
from hub.occupancy import bookings
from tests.e2e.servers import (ACCOUNTS, TIMEOUT_MS, click_to_send, only_form, wait_idle,
                               wait_until)
from tests.e2e.test_occupancy import choose, grid_rows
from tests.e2e.test_shell import expect_no_exception, sign_in

pytestmark = pytest.mark.e2e

GUEST = "Bruna Ferri"
WORKS = "Bench repair"


def _taken(session: Session, space_id: int, day: date) -> bool:
    leased = session.exec(select(Lease.id).where(
        Lease.space_id == space_id, Lease.starts_on <= day,
        or_(Lease.ends_on.is_(None), Lease.ends_on >= day))).first()
    booked = session.exec(select(Booking.id).where(
        Booking.space_id == space_id, Booking.day == day, Booking.status == "booked")).first()
    taught = session.exec(select(ProgrammeSession.id).join(
        ProgrammeItem, ProgrammeItem.id == ProgrammeSession.item_id).where(
        ProgrammeSession.space_id == space_id, ProgrammeSession.day == day,
        ProgrammeItem.status != "cancelled")).first()
    closed = session.exec(select(WorksPeriod.id).join(
        WorksSpace, WorksSpace.works_id == WorksPeriod.id).where(
        WorksSpace.space_id == space_id, WorksPeriod.cancelled_at.is_(None),
        WorksPeriod.starts_on <= day, WorksPeriod.ends_on >= day)).first()
    return any((leased, booked, taught, closed))


def book_a_free_bench(url: str) -> tuple[str, date, int]:
    """A bench of Officine Nora with nothing on it some day 2-6 weeks ahead, booked 10-12."""
    engine = engine_for(url)
    with Session(engine, expire_on_commit=False) as session, session.begin():
        site = session.exec(select(Site).where(Site.code == "ON")).one()
        benches = session.exec(select(Space).where(Space.site_id == site.id,
                                                   Space.kind == "bench", Space.active)
                               .order_by(Space.code)).all()
        manager = session.exec(select(User).where(
            User.username == ACCOUNTS["manager"].username)).one()
        for offset in range(14, 45):
            day = date.today() + timedelta(days=offset)
            if str(day.weekday()) not in site.open_weekdays:
                continue
            free = next((bench for bench in benches if not _taken(session, bench.id, day)), None)
            if free is not None:
                opens = site.opens_at
                booking = bookings.book(session, actor=manager, space_id=free.id, day=day,
                                        start=opens, end=time(opens.hour + 2, opens.minute),
                                        guest_name=GUEST, purpose="Stone setting")
                return free.code, day, booking.id
    raise AssertionError("no bench of Officine Nora is free on any day 2-6 weeks ahead")


def booking_status(url: str, booking_id: int) -> str:
    with Session(engine_for(url)) as session:
        return session.get(Booking, booking_id).status


def works_cells(page) -> int:
    """How many heatmap cells of the last month shown are marked as works (the chart's
    description, which Vega puts in its container's aria-label)."""
    chart = page.locator(".vega-embed").first
    expect(chart).to_have_attribute("aria-label", re.compile("closed for works"))
    found = re.search(r"(\d+) closed for works", chart.get_attribute("aria-label"))
    return int(found.group(1))


def type_day(form, label: str, day: date, page) -> None:
    """A date field of segments (dd / mm / yyyy): type into the first, it moves on itself."""
    form.get_by_label(label, exact=True).get_by_role("spinbutton").first.click()
    page.keyboard.type(day.strftime("%d%m%Y"))
    page.keyboard.press("Tab")


def shown_day(container, label: str) -> date:
    """The day a date field of segments shows (its day, month and year spinbuttons)."""
    segments = container.get_by_label(label, exact=True).get_by_role("spinbutton")
    expect(segments).to_have_count(3)
    parts = {segment.get_attribute("data-type"): int(segment.get_attribute("aria-valuenow"))
             for segment in segments.all()}
    return date(parts["year"], parts["month"], parts["day"])


def test_manager_plans_works_over_a_booking_confirms_and_sees_it_cancelled(app_server, page):
    url = app_server.env["DATABASE_URL"]
    bench, day, booking_id = book_a_free_bench(url)
    sign_in(page, app_server.url, "manager")

    page.goto(f"{app_server.url}/occupancy?site=ON&on={day.isoformat()}")
    wait_idle(page)
    expect(page.locator("h1")).to_have_text(["Lab occupancy"])
    works_before = works_cells(page)

    page.goto(f"{app_server.url}/building?site=ON")
    wait_idle(page)
    expect(page.locator("h1")).to_have_text(["Building"])
    page.get_by_role("tab", name="Works").click()
    form = only_form(page, "Plan works")
    choose(page, form, "Spaces out of use", f"{bench} —")
    page.keyboard.press("Escape")
    form.get_by_label("Works", exact=True).fill(WORKS)
    type_day(form, "From", day, page)
    type_day(form, "To (included)", day, page)
    click_to_send(page, form.get_by_role("button", name="Plan the works"))
    wait_idle(page)

    dialog = page.get_by_role("dialog")
    shown = f"{day.day} {day:%b %Y}"                  # 18 Dec 2026
    expect(dialog).to_contain_text("1 booking(s) lie in these days and will be cancelled")
    expect(dialog).to_contain_text(f"{bench} {shown}")
    expect(dialog).to_contain_text(f"booked by {GUEST}")
    assert booking_status(url, booking_id) == "booked"       # nothing written before the yes
    click_to_send(page, dialog.get_by_role("button", name="Cancel the bookings and plan"))
    wait_idle(page)
    expect(page.get_by_text(f"{WORKS} planned from {shown} to {shown}; "
                            f"1 booking(s) cancelled; tell {GUEST}.")).to_be_visible(
        timeout=TIMEOUT_MS)
    expect_no_exception(page)
    assert booking_status(url, booking_id) == "cancelled"

    page.goto(f"{app_server.url}/occupancy?site=ON&on={day.isoformat()}")
    wait_idle(page)
    expect(page.locator("h1")).to_have_text(["Lab occupancy"])
    wait_until(lambda: works_cells(page) == works_before + 1,
               what="the bench's heatmap cell to be marked as works")
    expect_no_exception(page)

    # The hub calendar shows the works on that day, on the bench, and no clash there.
    page.goto(f"{app_server.url}/calendar?site=ON&on={day.isoformat()}&view=day")
    wait_idle(page)
    expect(page.locator("h1")).to_have_text(["Calendar"])
    rows = grid_rows(page.locator("[data-testid='stDataFrame']").last)
    works = [row for row in rows if row["What"] == WORKS]
    assert [(row["Kind"], row["Room"].split(" · ")[0], row["Clash"]) for row in works] == [
        ("Works", bench, "")], rows
    assert GUEST not in [row["Who"] for row in rows]          # the booking is cancelled
    expect_no_exception(page)
