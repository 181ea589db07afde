"""WCAG 2.1 AA in a real browser: axe-core (pinned in package.json) on the sign-in page and on
every page and every tab a manager and a viewer see, in English and in Italian, on the demo
hub. Runs on SQLite and on PostgreSQL.

Every chart carries a description that a screen reader announces (Vega's aria-label).
A serious or critical violation (or a heading out of order) fails the test unless
tests/e2e/axe_known.json lists it: Streamlit's own markup that Bottega cannot change, each
entry with the rule, a pattern of the element and the reason. An entry that no screen shows
any more fails the test too, so the list can only shrink.
"""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import (Found, audit, known_entries, require_axe, sort_out,
                           undescribed_charts)
from tests.e2e.servers import ACCOUNTS, PASSWORD, wait_idle
from tests.e2e.test_language import ITALIAN
from tests.e2e.test_shell import (NAVIGATION, expect_no_exception, nav_link, open_app, sign_in,
                                  submit_login)

pytestmark = pytest.mark.e2e

ROLES = ("manager", "viewer")
TAB = "[data-testid='stMain'] [role='tablist']"


def sign_in_italian(page, url: str, role: str) -> None:
    """An account of the role whose language is Italian: its screens open in Italian."""
    open_app(page, url)
    submit_login(page, ACCOUNTS[f"{role}_it"].username, PASSWORD)
    expect(page.locator("h1")).to_have_text(["Panoramica"])
    wait_idle(page)


def italian_sign_in_page(page) -> None:
    page.get_by_role("radio", name="Italiano", exact=True).click()
    expect(page.get_by_role("button", name="Accedi", exact=True)).to_be_visible()
    wait_idle(page)


# The interface languages to audit: how a role signs in, its navigation, the sign-in page.
LANGUAGES = {
    "en": (sign_in, NAVIGATION, lambda page: None),
    "it": (sign_in_italian, {"manager": [*ITALIAN, "Fatturazione", "Amministrazione"],
                             "viewer": [*ITALIAN, "Fatturazione"]},
           italian_sign_in_page),
}


def screen_tabs(page) -> list[str]:
    """The names of the page's top-level tabs (none when the page has no tabs)."""
    if page.locator(TAB).count() == 0:
        return []
    return [name.strip() for name in page.locator(TAB).first.get_by_role("tab").all_inner_texts()]


def open_tab(page, name: str) -> None:
    tab = page.locator(TAB).first.get_by_role("tab", name=name, exact=True)
    tab.click()
    expect(tab).to_have_attribute("aria-selected", "true")
    wait_idle(page)


def walk(page, role: str, language: str):
    """Every page of the role and, on a page with tabs, every tab: yields the screen's name
    once it shows (signed in through the real form first)."""
    for title in LANGUAGES[language][1][role]:
        nav_link(page, title).click()
        expect(page.locator("h1")).to_have_text([title])
        wait_idle(page)
        expect_no_exception(page)
        tabs = screen_tabs(page)
        if not tabs:
            yield f"{language} {role} {title}"
        for name in tabs:
            open_tab(page, name)
            expect_no_exception(page)
            yield f"{language} {role} {title} › {name}"


def audit_everything(url: str, new_page) -> tuple[list[Found], list[str]]:
    """axe on the sign-in page and every screen of each role and language; the screens seen."""
    found, screens = [], []
    for language, (sign_in_as, _, sign_in_page) in LANGUAGES.items():
        page = new_page()
        open_app(page, url)
        sign_in_page(page)
        screens.append(f"{language} sign-in")
        found += audit(page, screens[-1])
        page.context.close()
        for role in ROLES:
            page = new_page()
            sign_in_as(page, url, role)
            for screen in walk(page, role, language):
                screens.append(screen)
                found += audit(page, screen) + undescribed_charts(page, screen)
            page.context.close()
    return found, screens


def test_every_screen_has_no_serious_violation_beyond_streamlits_known_ones(app_server, new_page):
    require_axe()
    known = known_entries()
    found, screens = audit_everything(app_server.url, new_page)
    # Every page and tab was reached: the manager's pages, the viewer's, with their tabs.
    assert {screen.split(" ")[2] for screen in screens if "sign-in" not in screen} >= {
        "Overview", "Lab", "Tenants", "Courses", "Partners", "Billing", "Admin"}
    assert len(screens) > 40, screens
    assert {screen.split(" ")[0] for screen in screens} == {"en", "it"}

    ours, gone = sort_out(found, known)
    problems = []
    if ours:
        problems.append(f"{len(ours)} element(s) break a rule and are not Streamlit's known "
                        "markup (tests/e2e/axe_known.json):\n" + "\n".join(
                            item.line() for item in ours))
    if gone:
        problems.append("no screen shows these known violations any more: remove them from "
                        "tests/e2e/axe_known.json\n" + "\n".join(
                            f"  {entry.rule}: {entry.element}" for entry in gone))
    assert not problems, "\n\n".join(problems)
