"""The programme's reads: exports (.ics, CSV, enrolment list), list filters and figures."""
from datetime import date

import pytest

from db.engine import reading, writing
from db.models import Site
from hub.programme import exports as programme_exports
from hub.programme import figures as programme_figures
from hub.programme import views as programme_views
from tests.icalendars import read_everywhere


def test_the_ics_parses_and_holds_exactly_the_published_sessions(published):
    with reading() as session:
        rows = programme_exports.published_sessions(session)
    calendar = read_everywhere(programme_exports.programme_ics(rows), zone="Europe/Rome")
    events = list(calendar.walk("VEVENT"))
    assert [(str(e["SUMMARY"]), e.decoded("DTSTART").isoformat(), str(e["LOCATION"]))
            for e in events] == [
        ("Wheel throwing for beginners", "2026-06-02T18:00:00+02:00",
         "Pottery, Test Hub, Florence"),
        ("Wheel throwing for beginners", "2026-06-09T18:00:00+02:00", "Online")]
    assert len({str(e["UID"]) for e in events}) == 2
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Rome"]
    assert {str(e["UID"]) for e in events} == {
        programme_exports.session_uid(row["session_id"]) for row in rows}


def test_the_ics_puts_each_session_in_its_site_s_time_zone(published):
    """The Courses screen's download: a hub in New York gets New York times, not Rome's."""
    with writing() as session, session.begin():
        session.get(Site, published["site"]).timezone = "America/New_York"
    with reading() as session:
        rows = programme_exports.published_sessions(session, site_id=published["site"])
    calendar = read_everywhere(programme_exports.programme_ics(rows), zone="America/New_York")
    assert [e.decoded("DTSTART").isoformat() for e in calendar.walk("VEVENT")] == [
        "2026-06-02T18:00:00-04:00", "2026-06-09T18:00:00-04:00"]
    assert [tz.tz_name for tz in calendar.timezones] == ["America/New_York"]


def test_drafts_and_cancelled_items_are_never_in_the_csv_export(published):
    with reading() as session:
        rows = programme_exports.programme_csv_rows(
            programme_exports.published_sessions(session))
    assert {row["title"] for row in rows} == {"Wheel throwing for beginners"}
    assert [row["day"] for row in rows] == [date(2026, 6, 2), date(2026, 6, 9)]
    assert "description" not in rows[0] and rows[0]["start"] == "18:00"


def test_the_enrolment_list_hides_emails_unless_the_reader_may_see_them(published):
    with reading() as session:
        full = programme_exports.enrolment_list(session, published["old"], with_contacts=True)
        bare = programme_exports.enrolment_list(session, published["old"], with_contacts=False)
    assert [(r["name"], r["status"]) for r in full] == [
        ("Anna", "enrolled"), ("Bruno", "enrolled"), ("Chiara", "enrolled"),
        ("Dario", "waitlisted")]
    assert full[0]["email"] == "anna@example.org"
    assert all("email" not in row for row in bare) and "@" not in str(bare)


def test_the_list_filters_by_kind_status_sector_and_period(published):
    def titles(**filters):
        with reading() as session:
            return [row.title for row in programme_views.item_rows(session, **filters)]
    assert titles(kinds=["seminar"]) == ["Craft and export"]
    assert titles(statuses=["draft"]) == ["Glazes and firing"]
    assert titles(sectors=["design"]) == ["Craft and export"]
    assert titles(start=date(2019, 1, 1), end=date(2019, 12, 31)) == ["Raku 2019"]
    with reading() as session:
        wheel = next(r for r in programme_views.item_rows(session) if r.id == published["wheel"])
    assert (wheel.seated, wheel.waitlisted, wheel.fill_rate) == (1, 0, 0.5)
    assert (wheel.starts_on, wheel.ends_on) == (date(2026, 6, 2), date(2026, 6, 9))


def test_figures_count_published_and_done_items_only(published):
    with reading() as session:
        kinds = programme_figures.items_per_year(session)
        people = programme_figures.participants_per_year(session)
        hours = programme_figures.hours_by_sector(session)
    assert [(k.year, k.kind, k.items) for k in kinds] == [(2019, "course", 1), (2026, "course", 1)]
    assert [(p.year, p.items, p.participants, p.filled, p.waitlisted) for p in people] == [
        (2019, 1, 3, 1, 1), (2026, 1, 1, 0, 0)]
    assert people[0].fill_rate == pytest.approx(1.0) and people[1].fill_rate == pytest.approx(0.5)
    assert [(h.sector, h.hours) for h in hours] == [("ceramics", 10.0)]  # 4 + 3 + 3 hours


def test_the_calendar_reads_live_sessions_with_their_place(published):
    with reading() as session:
        rows = programme_views.sessions_between(session, site_id=published["site"],
                                                first=date(2026, 6, 1), last=date(2026, 6, 30))
    assert [(r.item, r.day.day, r.place) for r in rows] == [
        ("Wheel throwing for beginners", 2, "POT — Pottery"),
        ("Glazes and firing", 3, "POT — Pottery"),
        ("Wheel throwing for beginners", 9, "Online")]
    assert rows[0].instructor == "Giulia Neri"


def test_sessions_per_day_are_counted_in_sql_like_the_calendar(published):
    window = dict(site_id=published["site"], first=date(2026, 6, 1), last=date(2026, 6, 30))
    with reading() as session:
        counted = programme_views.sessions_per_day(session, **window)
        listed = programme_views.sessions_between(session, **window)
    expected = {}
    for row in listed:
        expected[(row.day, row.kind)] = expected.get((row.day, row.kind), 0) + 1
    assert {(day, kind): n for day, kind, n in counted} == expected
    assert [day.day for day, _, _ in counted] == [2, 3, 9]


def test_the_headline_counts_courses_run_and_this_years_items_only(published):
    with reading() as session:
        assert programme_figures.courses_run(session) == 2  # wheel (published), Raku (done)
        only = programme_figures.participants_per_year(session, year_of=2019)
        assert programme_figures.courses_run(session, site_id=published["site"] + 99) == 0
    assert [(p.year, p.items, p.participants) for p in only] == [(2019, 1, 3)]
