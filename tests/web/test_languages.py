"""The public feeds' language: BOTTEGA_LANGUAGE, or ?lang=it|en; any other value is a 400 that
names the parameter. Keys stay English; the page's words and <html lang> follow the language."""
from __future__ import annotations

import json

from icalendar import Calendar

from tests.web.test_feeds import coming_session, listing


def test_an_unknown_language_is_a_400_naming_the_parameter(base, get):
    answer = get("/feeds/T/public.html?lang=fr")
    assert answer.status == 400 and "lang" in answer.text and "it" in answer.text
    assert answer.headers["content-type"].startswith("text/plain")


def test_the_public_page_speaks_english_by_default_and_italian_when_asked(published, get,
                                                                          monkeypatch):
    monkeypatch.delenv("BOTTEGA_LANGUAGE", raising=False)
    listing(published)
    coming = coming_session(published)
    english = get("/feeds/T/public.html").text
    assert '<html lang="en">' in english and "<h2>Tenants</h2>" in english
    assert coming.day.strftime("%a %d %b %Y") in english
    italian = get("/feeds/T/public.html?lang=it").text
    assert '<html lang="it">' in italian and "<h2>Artigiani</h2>" in italian
    assert "<h2>Prossimamente</h2>" in italian and "<title>Test Hub — artigiani e programma" \
        in italian
    assert "Tenants" not in italian and "Giulia Neri" in italian


def test_bottega_language_sets_the_feeds_language(published, get, monkeypatch):
    monkeypatch.setenv("BOTTEGA_LANGUAGE", "it")
    page = get("/feeds/T/public.html").text
    assert '<html lang="it">' in page and "<h2>Artigiani</h2>" in page
    assert '<html lang="en">' in get("/feeds/T/public.html?lang=en").text


def test_the_json_keys_stay_english_and_the_calendar_is_named_in_italian(published, get):
    listing(published)
    english = json.loads(get("/feeds/T/listings.json?lang=en").body)
    italian = json.loads(get("/feeds/T/listings.json?lang=it").body)
    assert [tuple(row) for row in italian] == [tuple(row) for row in english]
    assert json.loads(get("/feeds/T/programme.json?lang=it").body) == json.loads(
        get("/feeds/T/programme.json").body)
    assert Calendar.from_ical(get("/feeds/T/programme.ics?lang=it").body)["x-wr-calname"] == \
        "Test Hub: programma"
    assert Calendar.from_ical(get("/feeds/T/programme.ics?lang=en").body)["x-wr-calname"] == \
        "Test Hub: programme"
