"""The Tenants and Courses screens show the chosen site's live feed addresses, each in a
code box (which has a copy button); turned off, they say so."""
import pytest

from tests.apptest import open_page, signed_in_app


def on_site(at, key, site="Test Hub"):
    box = at.selectbox(key=key)
    return box.select_index(next(i for i, o in enumerate(box.options) if site in o)).run()


def opened(username, page, site_key, tab_key, tab):
    at = open_page(signed_in_app(username), page)
    at = on_site(at, site_key)
    at.session_state[tab_key] = tab
    return at.run()


def addresses(at) -> list[str]:
    return [code.value for code in at.code]


@pytest.mark.parametrize("username", ["boss", "vera"])
def test_the_tenants_screen_shows_the_listing_feeds(base, username):
    at = opened(username, "tenants", "tenants_site", "tenants_tab", "Public listings")
    assert not at.exception
    shown = addresses(at)
    assert [url.rsplit("/feeds/", 1)[1] for url in shown] == [
        "T/listings.json", "T/listings.csv", "T/public.html"]


def test_the_courses_screen_shows_the_programme_feeds_at_the_public_address(base, monkeypatch):
    monkeypatch.setenv("BOTTEGA_PUBLIC_URL", "https://bottega.example.org/")
    at = opened("carla", "courses", "courses_site", "courses_tab", "Calendar")
    assert not at.exception
    assert addresses(at) == [f"https://bottega.example.org/feeds/T/{name}"
                             for name in ("programme.ics", "programme.json", "public.html")]


def test_with_the_feeds_off_the_screens_say_so_and_show_no_address(base, monkeypatch):
    monkeypatch.setenv("BOTTEGA_FEEDS", "0")
    at = opened("boss", "courses", "courses_site", "courses_tab", "Calendar")
    assert addresses(at) == []
    assert any("turned off" in caption.value for caption in at.caption)
