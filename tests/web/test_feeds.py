"""The public feeds over HTTP: what each holds (published and public only), the calendar's
UIDs, SEQUENCE, cancellations and time zone, 304s, user text kept as text, a site code
unknown. CORS, typed JSON and its schemas, encodings: test_websites.py."""
from __future__ import annotations

import csv
import io
import json
from datetime import date, time, timedelta

import pytest
from icalendar import Calendar

from db.engine import writing
from db.models import ProgrammeSession, Site
from hub.programme import items
from hub.tenants.listings import PUBLIC_FIELDS, edit_listing
from hub.feeds.listings import CSV_FIELDS
from sqlmodel import select
from tests.icalendars import read_everywhere
from tests.worlds import TUESDAY, write
from web import feeds

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def events(answer, zone: str = "Europe/Rome") -> list:
    assert answer.status == 200 and answer.headers["content-type"].startswith("text/calendar")
    return list(read_everywhere(answer.body, zone=zone).walk("VEVENT"))


def by_uid(answer) -> dict:
    return {str(e["UID"]): e for e in events(answer)}


def session_ids(world, item_key="wheel") -> list[int]:
    with writing() as s:
        return list(s.exec(select(ProgrammeSession.id).where(
            ProgrammeSession.item_id == world[item_key]).order_by(ProgrammeSession.day)))


def coming_session(world, item_key="wheel"):
    """A session of the item next week (a Tuesday, whatever today is), 18:00-21:00."""
    today = date.today()
    day = today + timedelta(days=7 + (1 - today.weekday()) % 7)
    return write(items.add_session, actor=world["manager"], item_id=world[item_key],
                 day=day, start=time(18), end=time(21), space_id=world["POT"])


def listing(world, tenant="giulia", role="communication", **values):
    fields = {"bio": "Thrown **stoneware**.", "website": "https://neri.example.org",
              "keywords": "stoneware, glaze", "published": True} | values
    return write(edit_listing, actor=world[role], tenant_id=world[tenant], version=None, **fields)


# --- programme.ics ------------------------------------------------------------------------------

def test_the_calendar_holds_one_event_per_session_of_published_items_only(published, get):
    answer = get("/feeds/T/programme.ics")
    found = events(answer)
    assert sorted(str(e["SUMMARY"]) for e in found) == ["Wheel throwing for beginners"] * 2
    # the draft, the seminar cancelled while a draft and the done 2019 course stay out
    assert b"Glazes" not in answer.body and b"Craft and export" not in answer.body
    assert b"Raku" not in answer.body
    assert {str(e["STATUS"]) for e in found} == {"CONFIRMED"}
    assert sorted(str(e["LOCATION"]) for e in found) == ["Online", "Pottery, Test Hub, Florence"]
    assert {str(e["UID"]) for e in found} == {f"programme-session-{i}@bottega"
                                            for i in session_ids(published)}
    calendar = Calendar.from_ical(answer.body)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Rome"]
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT1H" in answer.body   # for subscribing apps
    assert b"X-PUBLISHED-TTL:PT1H\r\n" in answer.body                # Outlook's, a duration too
    first = min(found, key=lambda e: e["DTSTART"].dt)
    assert str(first["DTSTART"].dt.tzinfo) == "Europe/Rome"
    assert (first["DTSTART"].dt.date(), first["DTSTART"].dt.time()) == (TUESDAY, time(18))
    # nobody's name or contact: the instructor is a tenant with an email address
    assert b"Giulia" not in answer.body and b"@example.org" not in answer.body


def test_uids_and_bytes_stay_the_same_across_two_builds(published, get):
    first = get("/feeds/T/programme.ics")
    feeds.cache.clear()
    second = get("/feeds/T/programme.ics")
    assert by_uid(first).keys() == by_uid(second).keys()
    assert first.body == second.body and first.headers["etag"] == second.headers["etag"]


def test_a_change_moves_sequence_on_for_the_events_it_touches(published, get):
    before = {uid: int(e["SEQUENCE"]) for uid, e in by_uid(get("/feeds/T/programme.ics")).items()}
    moved, kept = session_ids(published)
    write(items.edit_session, actor=published["manager"], session_id=moved, version=None,
          day=TUESDAY, start=time(17), end=time(20), space_id=published["POT"])
    after = {uid: int(e["SEQUENCE"]) for uid, e in by_uid(get("/feeds/T/programme.ics")).items()}
    assert after.keys() == before.keys()
    assert after[web_uid(moved)] == before[web_uid(moved)] + 1
    assert after[web_uid(kept)] == before[web_uid(kept)]
    write(items.edit_item, actor=published["manager"], item_id=published["wheel"],
          version=None, title="Wheel throwing, first steps")
    renamed = by_uid(get("/feeds/T/programme.ics"))
    assert {uid: int(e["SEQUENCE"]) for uid, e in renamed.items()} == \
        {uid: n + 1 for uid, n in after.items()}
    assert {str(e["SUMMARY"]) for e in renamed.values()} == {"Wheel throwing, first steps"}


def web_uid(session_id: int) -> str:
    return f"programme-session-{session_id}@bottega"


def test_an_item_cancelled_after_publishing_stays_as_cancelled_events(published, get):
    before = by_uid(get("/feeds/T/programme.ics"))
    write(items.edit_item, actor=published["manager"], item_id=published["wheel"],
          version=None, status="cancelled")
    after = by_uid(get("/feeds/T/programme.ics"))
    assert after.keys() == before.keys()
    assert {str(e["STATUS"]) for e in after.values()} == {"CANCELLED"}
    assert all(int(after[uid]["SEQUENCE"]) > int(before[uid]["SEQUENCE"]) for uid in after)
    # and the screens' export leaves it out, as it always did
    assert json.loads(get("/feeds/T/programme.json").body) == []


def test_an_unchanged_calendar_answers_304_and_a_changed_one_200(published, get):
    first = get("/feeds/T/programme.ics")
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert get("/feeds/T/programme.ics", If_None_Match=etag).status == 304
    assert get("/feeds/T/programme.ics", If_Modified_Since=modified).status == 304
    assert get("/feeds/T/programme.ics", If_None_Match='"other"').status == 200
    write(items.edit_item, actor=published["manager"], item_id=published["wheel"],
          version=None, title="Wheel throwing, first steps")
    changed = get("/feeds/T/programme.ics", If_None_Match=etag)
    assert changed.status == 200 and changed.headers["etag"] != etag
    # Last-Modified counts whole seconds (the ETag is exact): a copy older than the change
    assert get("/feeds/T/programme.ics",
               If_Modified_Since="Thu, 01 Jan 2015 00:00:00 GMT").status == 200


def test_a_burst_of_requests_builds_the_feed_once_per_data_version(published, get):
    builds = feeds.cache.builds
    for _ in range(5):
        assert get("/feeds/T/programme.json").status == 200
    assert feeds.cache.builds == builds + 1
    write(items.edit_item, actor=published["manager"], item_id=published["wheel"],
          version=None, title="Wheel throwing, first steps")
    assert "first steps" in get("/feeds/T/programme.json").text
    assert feeds.cache.builds == builds + 2


# --- programme.json, listings.json and .csv -------------------------------------------------------

def test_the_programme_json_holds_the_calendar_s_sessions(published, get):
    rows = json.loads(get("/feeds/T/programme.json").body)
    assert [row["title"] for row in rows] == ["Wheel throwing for beginners"] * 2
    assert [row["id"] for row in rows] == [web_uid(i) for i in session_ids(published)]
    assert rows[0]["day"] == TUESDAY.isoformat()
    assert (rows[0]["start"], rows[0]["end"]) == (f"{TUESDAY}T18:00:00+02:00",
                                                  f"{TUESDAY}T21:00:00+02:00")   # summer in Rome


def test_a_site_in_another_time_zone_gets_its_own_in_every_feed(published, get):
    with writing() as session, session.begin():
        session.get(Site, published["site"]).timezone = "America/New_York"
    feeds.cache.clear()
    found = events(get("/feeds/T/programme.ics"), zone="America/New_York")
    first = min(found, key=lambda e: e["DTSTART"].dt)
    assert str(first["DTSTART"].dt.tzinfo) == "America/New_York"
    assert (first["DTSTART"].dt.date(), first["DTSTART"].dt.time()) == (TUESDAY, time(18))
    assert b"Europe/Rome" not in get("/feeds/T/programme.ics").body
    row = json.loads(get("/feeds/T/programme.json").body)[0]
    assert (row["start"], row["timezone"]) == (f"{TUESDAY}T18:00:00-04:00", "America/New_York")


def test_an_empty_programme_is_still_a_calendar_with_its_time_zone(base, get):
    assert events(get("/feeds/T/programme.ics")) == []


def test_listings_hold_published_listings_and_public_fields_only(base, get):
    listing(base)
    listing(base, tenant="aiko", bio="Not ready yet.", published=False)
    rows = json.loads(get("/feeds/T/listings.json").body)
    assert [row["name"] for row in rows] == ["Giulia Neri"]
    assert tuple(rows[0]) == PUBLIC_FIELDS
    assert rows[0]["keywords"] == ["stoneware", "glaze"]
    assert "<strong>stoneware</strong>" in rows[0]["bio_html"]
    table = list(csv.DictReader(io.StringIO(
        get("/feeds/T/listings.csv").body.decode("utf-8-sig"))))
    assert [row["name"] for row in table] == ["Giulia Neri"]
    assert tuple(table[0]) == CSV_FIELDS and table[0]["keywords"] == "stoneware, glaze"
    assert "Aiko" not in get("/feeds/T/public.html").text


def test_a_formula_in_a_listing_leaves_the_csv_as_text(base, get):
    listing(base, bio="=HYPERLINK(\"http://evil\")")
    table = list(csv.DictReader(io.StringIO(
        get("/feeds/T/listings.csv").body.decode("utf-8-sig"))))
    assert table[0]["bio"].startswith("'=")


def test_user_text_stays_text_in_the_page_and_the_json(published, get):
    listing(published, bio=XSS)
    coming_session(published)
    write(items.edit_item, actor=published["manager"], item_id=published["wheel"],
          version=None, title=XSS[:150])
    page = get("/feeds/T/public.html")
    assert page.status == 200 and page.headers["content-type"].startswith("text/html")
    assert "<script>" not in page.text and "<img" not in page.text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page.text
    assert page.text.count("&lt;img src=x onerror=alert(1)&gt;") >= 2   # the bio and the title
    rows = json.loads(get("/feeds/T/listings.json").body)
    assert rows[0]["bio"] == XSS                       # the JSON gives the text as typed
    assert "<script>" not in rows[0]["bio_html"]       # and its HTML escapes it
    assert json.loads(get("/feeds/T/programme.json").body)[0]["title"] == XSS[:150]
    assert get("/feeds/T/programme.json").headers["content-type"].startswith("application/json")


def test_the_public_page_shows_the_site_its_tenants_and_the_coming_programme(published, get):
    listing(published)
    coming = coming_session(published)
    page = get("/feeds/T/public.html").text
    assert "<h1>Test Hub</h1>" in page
    assert "Giulia Neri" in page and "<strong>stoneware</strong>" in page
    assert coming.day.strftime("%a %d %b %Y") in page and "18:00–21:00" in page
    assert page.count("Wheel throwing for beginners") == 1   # past sessions are not coming up
    assert "Glazes" not in page and "Craft and export" not in page


# --- addresses ------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/feeds/NOPE/programme.ics", "/feeds/T/secrets.json",
                                  "/feeds/T/../../healthz"])
def test_an_unknown_site_or_feed_gets_a_short_404(base, get, path):
    answer = get(path)
    assert answer.status == 404 and len(answer.body) < 80


def test_site_codes_are_read_in_any_case_and_archived_sites_have_no_feeds(base, get):
    assert get("/feeds/t/listings.json").status == 200
    with writing() as session, session.begin():
        site = session.get(Site, base["site"])
        site.archived_at = site.archived_at or __import__("db.models", fromlist=["utcnow"]).utcnow()
    feeds.cache.clear()
    assert get("/feeds/T/listings.json").status == 404


def test_bottega_feeds_0_turns_every_feed_off(base, get, monkeypatch):
    monkeypatch.setenv("BOTTEGA_FEEDS", "0")
    for name in feeds.FEEDS:
        assert get(f"/feeds/T/{name}").status == 404


def test_made_up_site_codes_leave_nothing_in_the_cache(base, get):
    for n in range(20):
        assert get(f"/feeds/X{n}/programme.ics").status == 404
    assert feeds.cache._built == {}
