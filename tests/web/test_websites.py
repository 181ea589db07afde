"""The feeds as another website reads them, over HTTP: from a page on another origin (CORS,
a preflight), as typed JSON that its schema describes, and in either encoding (each with
its own ETag, so no cache takes one for the other)."""
from __future__ import annotations

import gzip
import json
from decimal import Decimal

import jsonschema
import pytest

from db.engine import writing
from db.seed.driver import seed_demo
from hub.programme import items as programme
from tests.web.test_feeds import listing
from tests.icalendars import read_everywhere
from tests.worlds import write
from web import feeds

ORIGIN = "https://www.hub.example.org"
JSON_FEEDS = {"programme.json": "programme.schema.json", "listings.json": "listings.schema.json"}


# --- another origin ------------------------------------------------------------------------------

@pytest.mark.parametrize("name", feeds.FEEDS)
def test_every_feed_may_be_read_from_another_origin(base, get, name):
    answer = get(f"/feeds/T/{name}", Origin=ORIGIN)
    assert answer.status == 200
    assert answer.headers["access-control-allow-origin"] == "*"
    assert "ETag" in answer.headers["access-control-expose-headers"]
    again = get(f"/feeds/T/{name}", Origin=ORIGIN, If_None_Match=answer.headers["etag"])
    assert again.status == 304 and again.headers["access-control-allow-origin"] == "*"


def test_a_preflight_is_answered_without_a_body(base, get):
    answer = get("/feeds/T/programme.json", method="OPTIONS", Origin=ORIGIN,
                 Access_Control_Request_Method="GET",
                 Access_Control_Request_Headers="if-none-match")
    assert answer.status == 204 and answer.body == b""
    assert answer.headers["access-control-allow-origin"] == "*"
    assert answer.headers["access-control-allow-methods"] == "GET, HEAD, OPTIONS"
    assert "If-None-Match" in answer.headers["access-control-allow-headers"]
    assert int(answer.headers["access-control-max-age"]) > 0
    assert get("/feeds/T/secrets.json", method="OPTIONS", Origin=ORIGIN).status == 404


def test_a_missing_feed_still_says_so_to_another_origin(base, get):
    for path in ("/feeds/NOPE/programme.json", "/feeds/T/secrets.json"):
        answer = get(path, Origin=ORIGIN)
        assert answer.status == 404 and answer.headers["access-control-allow-origin"] == "*"
    head = get("/feeds/T/listings.json", method="HEAD", Origin=ORIGIN)
    assert head.status == 200 and head.headers["access-control-allow-origin"] == "*"


@pytest.mark.parametrize("path", ["/healthz", "/sign-in/cookie?ticket=x"])
def test_the_app_s_other_routes_stay_closed_to_other_origins(base, get, path):
    answer = get(path, Origin=ORIGIN)
    assert not [name for name in answer.headers if name.startswith("access-control-")]
    assert get(path, method="OPTIONS", Origin=ORIGIN,
               Access_Control_Request_Method="GET").status == 405


# --- typed JSON and its schema -------------------------------------------------------------------

def schema_of(get, feed: str, site: str = "T") -> dict:
    answer = get(f"/feeds/{site}/{JSON_FEEDS[feed]}")
    assert answer.status == 200 and answer.headers["content-type"].startswith("application/json")
    assert answer.headers["access-control-allow-origin"] == "*"
    assert "etag" in answer.headers and "max-age" in answer.headers["cache-control"]
    schema = json.loads(answer.body)
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def valid(get, feed: str, site: str = "T") -> list[dict]:
    """The feed's rows, checked against the schema it names in its Link header."""
    answer = get(f"/feeds/{site}/{feed}")
    assert f"<{JSON_FEEDS[feed]}>" in answer.headers["link"]
    rows = json.loads(answer.body)
    jsonschema.Draft202012Validator(
        schema_of(get, feed, site), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    ).validate(rows)
    return rows


def test_the_programme_json_is_typed_and_its_ids_are_the_calendar_s_uids(published, get):
    write(programme.edit_item, actor=published["manager"], item_id=published["wheel"],
          version=None, price=Decimal("45.50"))
    rows = valid(get, "programme.json")
    assert rows and all(isinstance(row["capacity"], int) for row in rows)
    assert {row["price"] for row in rows} == {45.5}
    calendar = read_everywhere(get("/feeds/T/programme.ics").body, zone="Europe/Rome")
    starts = {str(event["UID"]): event["DTSTART"].dt for event in calendar.walk("VEVENT")}
    for row in rows:
        assert row["id"] in starts
        assert row["start"] == starts[row["id"]].isoformat()   # the same moment, with offset
        assert row["start"][-6:] in ("+01:00", "+02:00")


def test_listings_are_typed_and_valid(base, get):
    listing(base)
    [row] = valid(get, "listings.json")
    assert row["id"].startswith("tenant-") and row["country_code"] == "IT"
    assert row["keywords"] == ["stoneware", "glaze"]


@pytest.mark.parametrize("feed", JSON_FEEDS)
def test_an_empty_hub_s_feeds_are_valid_too(base, get, feed):
    assert valid(get, feed) == []


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_demo_hub_s_feeds_are_valid(db_url, get):
    with writing() as session, session.begin():
        seed_demo(session, billing=False)   # billing is tests/billing/'s
    for site in ("OC", "ON"):
        rows = valid(get, "programme.json", site)
        assert rows and all(row["id"].startswith("programme-session-") for row in rows)
        assert valid(get, "listings.json", site)


# --- encodings -----------------------------------------------------------------------------------

def test_each_encoding_has_its_own_etag_and_304(published, get):
    plain = get("/feeds/T/programme.ics")
    zipped = get("/feeds/T/programme.ics", Accept_Encoding="gzip")
    assert "content-encoding" not in plain.headers
    assert zipped.headers["content-encoding"] == "gzip"
    assert gzip.decompress(zipped.body) == plain.body
    assert zipped.headers["etag"] != plain.headers["etag"]
    for answer in (plain, zipped):
        assert answer.headers["vary"] == "Accept-Encoding"
    assert get("/feeds/T/programme.ics", Accept_Encoding="gzip",
               If_None_Match=zipped.headers["etag"]).status == 304
    # a copy of the other encoding is not the one this reader would get: sent afresh
    assert get("/feeds/T/programme.ics", Accept_Encoding="gzip",
               If_None_Match=plain.headers["etag"]).status == 200
    other = get("/feeds/T/programme.ics", Accept_Encoding="br, identity")
    assert other.body == plain.body and other.headers["etag"] == plain.headers["etag"]


def test_a_small_feed_is_sent_plain_and_still_varies_by_encoding(base, get):
    answer = get("/feeds/T/listings.json", Accept_Encoding="gzip")
    assert answer.body == b"[]" and "content-encoding" not in answer.headers
    assert answer.headers["vary"] == "Accept-Encoding"
    assert get("/feeds/T/listings.json", Accept_Encoding="gzip",
               If_None_Match=answer.headers["etag"]).headers["vary"] == "Accept-Encoding"


@pytest.mark.parametrize("header, accepted", [
    ("gzip", True), ("gzip, deflate, br", True), ("br;q=1.0, gzip;q=0.8", True), ("*", True),
    ("gzip;q=0", False), ("identity", False), ("", False), ("gzip;q=0, *", False),
    ("deflate, *;q=0", False), ("GZIP", True)])
def test_gzip_accepted_reads_the_header(header, accepted):
    assert feeds.gzip_accepted(header) is accepted

