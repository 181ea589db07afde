"""A hub set up from scratch in a real browser (BOTTEGA_DEMO=0, no CLI): the first manager
creates their account, follows the Overview's first steps to Admin › Sites, creates a site,
imports its 26 laboratories from a spreadsheet, adds a tenant, leases one lab, and sees
1 of the 26 occupied. Runs on SQLite and on PostgreSQL."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.servers import TIMEOUT_MS, click_to_send, only_form, wait_idle
from tests.e2e.test_admin import upload
from tests.e2e.test_occupancy import choose, metric_value
from tests.e2e.test_shell import (PASSWORD, expect_no_exception, go_to, login_button,
                                  nav_links, submit_login)

pytestmark = pytest.mark.e2e

LABS = "site,code,name,kind,area_m2,monthly_rent,leasable\n" + "".join(
    f"ON,L{n:02},Laboratorio {n},laboratory,{20 + n},{300 + 10 * n}.00,yes\n"
    for n in range(1, 27))


def first_manager(page, server) -> None:
    """The first manager's account, with the setup code from the server's log."""
    page.goto(server.url)
    wait_idle(page)
    for label, value in (("Setup code", server.setup_code()), ("Username", "ada"),
                         ("Full name", "Ada Lovelace"),
                         ("Email", "ada@example.org"), ("Password", PASSWORD),
                         ("Repeat password", PASSWORD)):
        page.get_by_label(label, exact=True).fill(value)
    click_to_send(page, page.get_by_role("button", name="Create manager account"))
    expect(login_button(page)).to_be_visible()
    wait_idle(page)
    expect(page.get_by_text("Account ada created")).to_be_visible()
    submit_login(page, "ada", PASSWORD)
    expect(nav_links(page).first).to_be_visible()
    wait_idle(page)
    expect(page.locator("h1")).to_have_text(["Overview"])


def saved(page, message: str) -> None:
    """What the save says, and then the going of any toast (an import says it in one): for
    its 4 s a toast lies over the lower right of the page, where a click meant for a button
    there (Add tenant) lands on the toast."""
    expect(page.get_by_text(message)).to_be_visible(timeout=TIMEOUT_MS)
    wait_idle(page)
    expect(page.locator("[data-testid='stToast']")).to_have_count(0, timeout=TIMEOUT_MS)


def test_a_manager_sets_up_a_hub_in_the_browser_alone(empty_server, page):
    first_manager(page, empty_server)
    expect(page.get_by_text("First steps — 0 of 6 done")).to_be_visible()
    page.get_by_role("link", name="Admin › Sites: create the site").click()
    wait_idle(page)
    expect(page.get_by_role("tab", name="Sites", selected=True)).to_be_visible()

    form = only_form(page, "Add site")
    for label, value in (("Code", "ON"), ("Name", "Officine Nora"), ("City", "Firenze"),
                         ("Address", "Via dei Serragli 104")):
        form.get_by_label(label, exact=True).fill(value)
    click_to_send(page, form.get_by_role("button", name="Add site"))
    saved(page, "Site ON added")
    expect_no_exception(page)

    page.get_by_role("tab", name="Import / export").click()
    choose(page, page.locator("[data-testid='stMain']"), "What to import", "Spaces")
    upload(page, "labs.csv", LABS.encode())
    expect(page.get_by_text("Ready to import: 26 row(s): 26 new")).to_be_visible()
    click_to_send(page, page.get_by_role("button", name="Import 26 row(s)"))
    saved(page, "Imported spaces from labs.csv")

    go_to(page, "Tenants")
    page.get_by_text("Add a tenant").click()
    form = only_form(page, "Add tenant")
    form.get_by_label("Name", exact=True).fill("Nora Bianchi")
    click_to_send(page, form.get_by_role("button", name="Add tenant"))
    saved(page, "Nora Bianchi added")
    expect_no_exception(page)

    go_to(page, "Lab occupancy")
    # the Tenants page's form (with its own Site box) may linger until this run is drawn
    expect(page.locator("[data-testid='stForm']").filter(has_text="Add tenant")).to_have_count(0)
    choose(page, page.locator("[data-testid='stMain']"), "Site", "Officine Nora")
    expect(metric_value(page, "Unit occupancy")).to_have_text("0%")
    expect(metric_value(page, "Vacant units")).to_have_text("26")
    page.get_by_role("tab", name="Manage").click()
    form = only_form(page, "New lease")
    choose(page, form, "Space", "L07 —")
    form.get_by_text("Open-ended").click()
    click_to_send(page, form.get_by_role("button", name="Create lease"))
    wait_idle(page)
    expect(page.get_by_text("Lease of L07 created.")).to_be_visible(timeout=TIMEOUT_MS)
    expect(metric_value(page, "Unit occupancy")).to_have_text("4%")
    expect(metric_value(page, "Vacant units")).to_have_text("25")
    expect_no_exception(page)

    go_to(page, "Overview")
    expect(page.get_by_text("First steps — 4 of 6 done")).to_be_visible()
    expect_no_exception(page)
