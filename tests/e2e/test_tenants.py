"""Tenants in a real browser: the communication team edits a bio, previews it (HTML stays
text) and saves it; a viewer sees no contacts; a name typed with Markdown reads as typed in
what the save says and in the profile's heading. On SQLite and PostgreSQL, on the demo hub."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.servers import TIMEOUT_MS, click_to_send, only_form, wait_idle
from tests.e2e.test_occupancy import choose
from tests.e2e.test_shell import expect_no_exception, go_to, sign_in

pytestmark = pytest.mark.e2e

BIO = "[data-testid='stMarkdownContainer']"
# Last in the lists by name, so the other tests' first choices stay theirs.
TYPED = "Zuzu **Atelier** _Verde_ [l](http://e.org) <b>h</b> :red[x] $m$ :smile: a -> b &amp;"
RENDERED = "strong, em, img, code, .katex, [class*='Colored']"   # what Markdown would make


def open_tenants(page, url: str, who: str) -> None:
    sign_in(page, url, who)
    go_to(page, "Tenants")


def test_communication_edits_a_bio_and_sees_the_preview_update(app_server, page):
    open_tenants(page, app_server.url, "communication")
    page.get_by_role("tab", name="Public listings").click()
    main = page.locator("[data-testid='stMain']")
    name = main.get_by_label("Edit the listing of", exact=True)
    name.click()
    first = page.get_by_role("option").first
    tenant = first.inner_text().strip().split(" — ")[0]  # "Name — Business"
    first.click()
    wait_idle(page)
    form = only_form(page, "Bio")
    bio = form.get_by_label("Bio", exact=True)
    bio.fill("Hand-raised **silver** bowls. <img src=x onerror=alert(1)>")
    click_to_send(page, form.get_by_role("button", name="Preview"))
    wait_idle(page)
    shown = main.locator(BIO).filter(has_text="Hand-raised")
    expect(shown).to_have_count(1)
    expect(shown.locator("strong", has_text="silver")).to_have_count(1)
    expect(shown).to_contain_text("<img src=x onerror=alert(1)>")
    expect(shown.locator("img")).to_have_count(0)
    expect(main.get_by_text("draft, not saved")).to_be_visible()

    click_to_send(page, form.get_by_role("button", name="Save listing"))
    wait_idle(page)
    expect(page.get_by_text(f"Listing of {tenant} saved")).to_be_visible()
    expect(main.get_by_text("draft, not saved")).to_have_count(0)
    expect(main.get_by_text("by carla", exact=False)).to_be_visible()
    expect_no_exception(page)


def test_a_viewer_sees_the_directory_without_contacts(app_server, page):
    open_tenants(page, app_server.url, "viewer")
    table = page.locator("[data-testid='stDataFrame']").first
    expect(table).to_be_visible()
    expect(table.get_by_text("Email")).to_have_count(0)
    expect(page.get_by_role("button", name="Add tenant")).to_have_count(0)
    page.get_by_role("tab", name="Profile").click()
    wait_idle(page)
    expect(page.get_by_text("Email:")).to_have_count(0)
    expect(page.get_by_role("button", name="Save listing")).to_have_count(0)
    expect_no_exception(page)


def shown_text(locator) -> str:
    """The text a person reads (the word joiners as_text puts inside :smile: and -> are
    invisible)."""
    return locator.inner_text().replace("\u2060", "").strip()


def test_a_name_typed_with_markdown_reads_as_typed(app_server, page):
    open_tenants(page, app_server.url, "manager")
    page.get_by_text("Add a tenant").click()
    form = only_form(page, "Add tenant")
    form.get_by_label("Name", exact=True).fill(TYPED)
    click_to_send(page, form.get_by_role("button", name="Add tenant"))
    # What the save says below the form (ui/forms.py): the name exactly as typed.
    said = page.locator("[data-testid='stAlertContentSuccess'] [data-testid='stMarkdownContainer']")
    expect(said).to_have_count(1, timeout=TIMEOUT_MS)
    assert shown_text(said) == f"{TYPED} added"
    expect(said.locator(RENDERED)).to_have_count(0)
    wait_idle(page)
    page.get_by_role("tab", name="Profile").click()
    main = page.locator("[data-testid='stMain']")
    choose(page, main, "Tenant", "Zuzu")
    heading = main.locator("h2").filter(has_text="Zuzu")
    expect(heading).to_have_count(1, timeout=TIMEOUT_MS)
    assert shown_text(heading) == TYPED
    expect(heading.locator(RENDERED)).to_have_count(0)
    # A web address stays clickable, reading as typed; the typed link is text.
    assert [shown_text(link) for link in heading.locator("a").all()] == ["http://e.org"]
    expect_no_exception(page)
