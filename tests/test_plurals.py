"""One of a thing reads as one: counts shown in a sentence take the singular at 1 (ngettext),
never a fixed plural ("1 spaces", "1 partners"), in chart descriptions and titles, KPIs and
refusals alike."""
from __future__ import annotations

from datetime import date, time

import pandas as pd
import pytest

from hub.calendar.clashes import clashes_between
from hub.errors import Invalid
from hub.i18n import speaking
from tests.apptest import open_page, signed_in_app
from tests.calendar.conftest import booking
from tests.worlds import book, item, read
from ui.format import points_change
from ui.occupancy import charts as occupancy_charts
from ui.overview import charts as overview_charts
from ui.tenants import charts as tenant_charts

JUNE = pd.Timestamp("2026-06-01")


def test_a_heatmap_of_one_space_and_of_one_site():
    cells = pd.DataFrame([{"space": "L1", "month": JUNE, "status": "vacant", "share": 0.0,
                           "leases": "vacant", "works": ""}])
    assert occupancy_charts.occupancy_heatmap(cells).to_dict()["description"].startswith(
        "Heatmap of 1 space by month")
    sites = pd.DataFrame([{"site": "Test Hub", "month": JUNE, "unit_rate": 0.5}])
    assert occupancy_charts.site_heatmap(sites).to_dict()["description"].startswith(
        "Heatmap of the unit occupancy of 1 site by month")


def test_a_week_of_one_booking():
    bookings = pd.DataFrame([{"id": 1, "day": date(2026, 6, 1), "day_label": "Mon 1 Jun",
                              "space": "POT", "start": 10.0, "end": 12.0, "who": "Giulia Neri",
                              "purpose": "", "places": 1, "time": "10:00–12:00"}])
    described = occupancy_charts.week_timeline(bookings, 8, 20).to_dict()["description"]
    assert described.startswith("Timeline of this week's 1 booking, one panel per day, 1 space")


def test_one_consenting_tenant_and_one_partner_country():
    frame = pd.DataFrame([{"group": "Female-led", "tenants": 1, "share": 1.0}])
    subtitle = tenant_charts.target_group_bars(frame, 1).to_dict()["title"]["subtitle"]
    assert " ".join(subtitle) == "Share of the 1 current tenant who consented to these flags"
    assert overview_charts.innocrafts_subtitle(1, 1) == (
        "Target groups among the 1 consenting tenant; 1 partner country")
    assert overview_charts.innocrafts_subtitle(2, 3) == (
        "Target groups among the 2 consenting tenants; 3 partner countries")


def title_of(chart) -> str:
    text = chart.to_dict()["title"]["text"]
    return " ".join(text) if isinstance(text, list) else text


def test_the_overview_counts_one_course_event_participant_artisan_and_partner():
    totals = pd.DataFrame([{"year": 2016, "courses": 1, "events": 1, "participants": 1,
                            "tenants": 1}])
    assert title_of(overview_charts.programme_growth(totals)) == (
        "1 course and 1 event since 2016")
    assert "1 course or workshop and 1 seminar, meeting or event so far" in \
        overview_charts.programme_growth(totals).to_dict()["description"]
    assert title_of(overview_charts.participants_total(totals)) == (
        "1 participant trained and hosted")
    assert title_of(overview_charts.tenants_total(totals)) == "1 artisan hosted since 2016"
    regions = pd.DataFrame([{"year": 2016, "region": "Tuscany", "partners": 1}])
    assert title_of(overview_charts.partners_by_region(regions)) == (
        "1 partner, 0 of them abroad")
    more = totals.assign(courses=3, events=2, participants=40, tenants=5)
    assert title_of(overview_charts.programme_growth(more)) == "3 courses and 2 events since 2016"
    assert title_of(overview_charts.participants_total(more)) == (
        "40 participants trained and hosted")


@pytest.mark.parametrize("language, one, two", [("en", "+1 pt", "-2 pts"),
                                                ("it", "+1 punto", "-2 punti")])
def test_a_change_of_one_percentage_point(language, one, two):
    with speaking(language):
        assert (points_change(1), points_change(-2)) == (one, two)
        assert points_change(-1) == one.replace("+", "-")


def test_a_full_space_of_one_place(base):
    book(base, space="B1", start=time(10), end=time(12))
    with pytest.raises(Invalid) as refused:
        book(base, space="B1", start=time(11), end=time(12))
    assert refused.value.message == ("B1 is full at 11:00–12:00 on 1 Jun 2026: 1 of 1 place "
                                     "already booked, 0 free")


def test_one_booking_over_a_rooms_capacity(base):
    booking(base, "POT", date(2026, 6, 2), 10, 12, places=3)   # imported: POT holds 2
    found = read(clashes_between, site_id=base["site"], first=date(2026, 6, 1),
                 last=date(2026, 6, 7))
    assert [clash.what for clash in found] == [
        "3 places booked at 10:00 in POT, which holds 2 (1 booking at once)"]


def test_an_item_of_one_place_says_so(plan):
    item(plan, title="Private lesson", capacity=1)
    at = open_page(signed_in_app("boss"), "courses")
    at.session_state["courses_tab"] = "Item"
    at.run()
    chosen = at.selectbox(key="courses_item")
    at = chosen.select_index(next(n for n, label in enumerate(chosen.options)
                                  if label.startswith("Private lesson"))).run()
    assert not at.exception
    assert "**Enrolled** — 0 of 1 place" in [markdown.value for markdown in at.markdown]
