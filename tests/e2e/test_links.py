"""Shareable views in a real browser: a link to a screen's view, opened while signed out,
lands on that view once signed in; the address bar follows the widgets, and the browser's
Back button brings the previous view back. Runs on SQLite and on PostgreSQL, on the demo hub.
"""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.e2e.servers import ACCOUNTS, PASSWORD, wait_idle, wait_until
from tests.e2e.test_occupancy import choose
from tests.e2e.test_shell import (expect_login_form, expect_no_exception, open_app,
                                  submit_login)

pytestmark = pytest.mark.e2e


def site_shown(page):
    return page.get_by_role("combobox", name="Site", exact=True)


def test_a_link_opened_signed_out_lands_on_its_view_after_sign_in(app_server, page):
    on = date.today() - timedelta(days=45)
    open_app(page, f"{app_server.url}/occupancy?site=on&on={on.isoformat()}")
    expect_login_form(page)
    submit_login(page, ACCOUNTS["viewer"].username, PASSWORD)
    expect(page.locator("h1")).to_have_text(["Lab occupancy"])
    wait_idle(page)
    expect(site_shown(page)).to_have_value("Officine Nora")
    as_of = page.locator("[data-testid='stDateInput']").filter(has_text="As of").locator("input")
    expect(as_of).to_have_value(on.isoformat())
    expect(page.get_by_text(f"Vacant on {on.day} {on:%b %Y}")).to_be_attached()  # its tab
    # The address keeps the view, the site by its code as stored.
    wait_until(lambda: page.url.endswith(f"/occupancy?site=ON&on={on.isoformat()}"),
               what="the view in the address bar")
    expect_no_exception(page)

    choose(page, page, "Site", "Officina Creativa")
    wait_until(lambda: "site=OC" in page.url, what="the new site in the address bar")
    page.go_back()
    wait_idle(page)
    expect(site_shown(page)).to_have_value("Officine Nora")
    wait_until(lambda: "site=ON" in page.url, what="the previous site back in the address")
    expect_no_exception(page)
