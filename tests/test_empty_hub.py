"""A hub set up from scratch (BOTTEGA_DEMO=0), page by page through AppTest: with no site,
each screen says what it will show and where to start (the Overview a checklist for the
manager); with a site and nothing in it, no screen raises, draws a chart of nothing, or
shows "None", NaN or a division by zero."""
from __future__ import annotations

import re

import pytest

from hub import sites
from tests.apptest import open_page, signed_in_app, text_of
from tests.worlds import write

SCREENS = ("overview", "occupancy", "tenants", "courses", "partners", "admin")
NOT_A_NUMBER = re.compile(r"\b(None|nan|NaN|inf)\b|NaN%|nan%")


@pytest.fixture
def empty(db_url, make_user):
    """A migrated database with accounts and nothing else."""
    return {"manager": make_user("boss", "manager"),
            "communication": make_user("carla", "communication"),
            "viewer": make_user("vera", "viewer")}


def links(at) -> list[str]:
    return [element.proto.label for element in at.get("page_link")]


def shown(at) -> str:
    tables = " ".join(frame.value.to_string() for frame in at.dataframe)
    return text_of(at) + tables


def test_the_manager_sees_the_first_steps_with_only_the_site_to_create(empty):
    at = open_page(signed_in_app("boss"), "overview")
    assert not at.exception
    text = text_of(at)
    assert "First steps — 0 of 6 done" in text
    for step in ("1. Create a site", "2. Add its spaces", "3. Add the tenants",
                 "4. Lease spaces to tenants", "5. Plan the programme", "6. Record the partners"):
        assert step in text
    assert links(at) == ["Admin › Sites: create the site"]
    assert not at.get("vega_lite_chart") and not at.metric


@pytest.mark.parametrize("screen", ["occupancy", "tenants", "courses"])
def test_a_screen_that_needs_a_site_says_what_it_will_show_and_where_to_start(empty, screen):
    at = open_page(signed_in_app("boss"), screen)
    assert not at.exception
    assert "There is no site yet: a site (a building of the hub) comes first." in text_of(at)
    assert links(at) == ["Create the first site in Admin › Sites"]
    assert not at.get("vega_lite_chart") and not at.metric and not at.dataframe


@pytest.mark.parametrize("username", ["carla", "vera"])
def test_others_are_told_the_manager_creates_the_first_site(empty, username):
    for screen in ("overview", "occupancy", "tenants", "courses"):
        at = open_page(signed_in_app(username), screen)
        assert not at.exception, screen
        assert "The hub's manager creates the first site in Admin." in text_of(at), screen
        assert links(at) == [], screen


def test_partners_and_admin_work_without_a_site(empty):
    for screen in ("partners", "admin"):
        at = open_page(signed_in_app("boss"), screen)
        assert not at.exception, screen
        assert not NOT_A_NUMBER.search(shown(at)), screen
        assert not at.get("vega_lite_chart"), screen


@pytest.mark.parametrize("screen", SCREENS)
def test_with_a_site_and_nothing_in_it_no_screen_shows_nothing_as_a_number(empty, screen):
    write(sites.add_site, actor=empty["manager"], code="ON", name="Officine Nora",
          city="Florence")
    at = open_page(signed_in_app("boss"), screen)
    assert not at.exception
    assert not at.error
    text = shown(at)
    assert not NOT_A_NUMBER.search(text), NOT_A_NUMBER.search(text)
    assert not at.get("vega_lite_chart"), "a chart of nothing"


def test_the_checklist_ticks_the_site_and_offers_the_next_steps(empty):
    write(sites.add_site, actor=empty["manager"], code="ON", name="Officine Nora",
          city="Florence")
    at = open_page(signed_in_app("boss"), "overview")
    assert [expander.label for expander in at.expander] == ["First steps — 1 of 6 done"]
    assert ":material/check_circle: **1. Create a site** (1)" in text_of(at)
    assert "Admin › Sites: create the site" not in links(at)
    assert links(at) == ["Lab occupancy › Manage: add a space",
                         "Admin › Import / export: import a spreadsheet of spaces",
                         "Tenants: add a tenant", "Lab occupancy › Manage: lease a space",
                         "Courses: plan an item", "Partners: add a partner"]


@pytest.mark.parametrize(("screen", "words", "link"), [
    ("tenants", "No tenant yet: the directory will list", "Admin › Import / export: import tenants"),
    ("courses", "No programme yet: this screen will show", "Admin › Import / export: import the programme"),
    ("partners", "No partner yet: this screen will hold", "Admin › Import / export: import partners"),
])
def test_a_screen_with_nothing_yet_says_what_it_will_hold_and_where_to_start(empty, screen,
                                                                            words, link):
    write(sites.add_site, actor=empty["manager"], code="ON", name="Officine Nora",
          city="Florence")
    at = open_page(signed_in_app("boss"), screen)
    assert not at.exception and words in text_of(at)
    assert link in links(at)
    viewer = open_page(signed_in_app("vera"), screen)
    assert not viewer.exception and words in text_of(viewer)
    assert links(viewer) == [] and "import a spreadsheet" not in text_of(viewer)
