"""Partners in a real browser: the communication team logs an interaction with a follow-up
and finds it in the due list; a viewer sees no contact data. On SQLite and PostgreSQL, on
the demo network."""
from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from tests.e2e.servers import click_to_send, only_form, wait_idle
from tests.e2e.test_occupancy import choose, metric, metric_value
from tests.e2e.test_shell import expect_no_exception, go_to, sign_in

pytestmark = pytest.mark.e2e


def open_partners(page, url: str, who: str) -> None:
    sign_in(page, url, who)
    go_to(page, "Partners")


def test_communication_logs_an_interaction_and_sees_the_follow_up_due(app_server, page):
    open_partners(page, app_server.url, "communication")
    main = page.locator("[data-testid='stMain']")
    due_before = int(metric(page, "Follow-ups due"))
    choose(page, main, "Partner", "Confartigianato Firenze")
    expect(main.locator("h3", has_text="Confartigianato Firenze")).to_be_visible()

    form = only_form(page, "Log interaction")
    form.get_by_label("Summary", exact=True).fill("Phoned about the Christmas market stands")
    # A date field of segments (dd / mm / yyyy): type into the first, it moves on by itself.
    follow_up = form.get_by_label("Follow-up on (optional)", exact=True)
    follow_up.get_by_role("spinbutton").first.click()
    page.keyboard.type(date.today().strftime("%d%m%Y"))
    page.keyboard.press("Tab")
    click_to_send(page, form.get_by_role("button", name="Log interaction"))
    wait_idle(page)
    expect(page.get_by_text("Interaction logged; follow-up on", exact=False)).to_be_visible()
    expect_no_exception(page)
    expect(metric_value(page, "Follow-ups due")).to_have_text(str(due_before + 1))

    page.get_by_role("tab", name="Follow-ups").click()
    wait_idle(page)
    done = only_form(page, "Mark done")
    done.get_by_label("Follow-up", exact=True).filter(visible=True).first.click()
    page.keyboard.type("Christmas market")
    expect(page.get_by_role("option").filter(
        has_text="Confartigianato Firenze · Phoned about the Christmas market")).to_have_count(1)
    page.keyboard.press("Escape")
    expect_no_exception(page)


def test_a_viewer_sees_partners_without_contacts_or_forms(app_server, page):
    open_partners(page, app_server.url, "viewer")
    main = page.locator("[data-testid='stMain']")
    expect(page.get_by_role("tab", name="Follow-ups")).to_have_count(0)
    expect(page.get_by_role("tab", name="Add partner")).to_have_count(0)
    choose(page, main, "Partner", "Artex")
    expect(main.locator("h3", has_text="Artex")).to_be_visible()
    expect(main.get_by_text("Contacts", exact=True)).to_have_count(0)
    expect(main.get_by_text("@example.", exact=False)).to_have_count(0)
    expect(page.get_by_role("button", name="Log interaction")).to_have_count(0)
    page.get_by_role("tab", name="World").click()
    expect(main.locator("[data-testid='stVegaLiteChart']").filter(visible=True).first).to_be_visible()
    expect_no_exception(page)
