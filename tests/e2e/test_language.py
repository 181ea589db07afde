"""Italian in a real browser: a user switches the sidebar's language to Italiano, and the
navigation, the page and a chart's title (drawn by Vega as SVG text) read in Italian at once;
a reload keeps it (it is the account's); switching back brings English back. Runs on SQLite and
on PostgreSQL, on the demo hub, with an account of its own."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from hub.i18n import _, speaking
from tests.e2e.servers import wait_idle
from tests.e2e.test_shell import (EVERYONE, expect_no_exception, nav_titles, sign_in,
                                  wait_cookie_sign_in)

pytestmark = pytest.mark.e2e

SIDEBAR = "[data-testid='stSidebar']"
ITALIAN = ["Panoramica", "Occupazione laboratori", "Edificio", "Artigiani", "Corsi",
           "Calendario", "Partner"]
CHART_TEXT = ".vega-embed svg text"
# An Overview chart's title (ui/overview/charts.py), and what it reads in Italian.
CHART_TITLE = "INNOCRAFTS indicators"
ITALIAN_CHART_TITLE = "Indicatori INNOCRAFTS"


def choose_language(page, name: str) -> None:
    page.locator(SIDEBAR).locator("[data-testid='stSelectbox']").click()
    page.get_by_role("option", name=name, exact=True).click()
    wait_idle(page)


def chart_texts(page) -> list[str]:
    return [text.strip() for text in page.locator(CHART_TEXT).all_text_contents()]


def test_switching_to_italian_translates_the_screens_at_once(app_server, page):
    with speaking("it"):
        assert _(CHART_TITLE) == ITALIAN_CHART_TITLE     # the catalog says so too
    sign_in(page, app_server.url, "speaker")
    expect(page.locator(CHART_TEXT).filter(has_text=CHART_TITLE).first).to_be_visible()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    choose_language(page, "Italiano")
    expect(page.locator("h1")).to_have_text(["Panoramica"])
    expect(page.locator("html")).to_have_attribute("lang", "it")   # screen readers' voice
    assert nav_titles(page) == ITALIAN
    expect(page.locator(CHART_TEXT).filter(
        has_text=re.compile(rf"^{re.escape(ITALIAN_CHART_TITLE)}")).first).to_be_visible()
    assert not any(text.startswith(CHART_TITLE) for text in chart_texts(page))
    expect(page.locator(SIDEBAR).get_by_text("Esci", exact=True)).to_be_visible()

    page.reload()                       # signed in again by the cookie: still Italian
    wait_cookie_sign_in(page)
    expect(page.locator("h1")).to_have_text(["Panoramica"])

    choose_language(page, "English")
    expect(page.locator("h1")).to_have_text(["Overview"])
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert nav_titles(page) == EVERYONE
    expect_no_exception(page)
