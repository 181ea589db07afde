"""Every save lands once, on the right record, and is never silently lost — in a real browser,
with two managers at once (ui/forms.py). For each area's main edit form: Maria and Mauro open
the same record; Maria saves; Mauro's save is refused below the form, naming Maria and when,
with what he typed still there; one click reloads the record with Maria's change, and his save
then lands beside hers. Also: a form is empty again after a save (a second tenant does not
get the first one's phone), and a new programme item is added once however often the button
is clicked, and opens where its sessions are added.

On SQLite only: what is tested is the way a save travels from the browser to hub/; the stale
check itself runs on both databases in each area's unit tests."""
from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect
from sqlmodel import Session, func, select

from db.engine import engine_for
from db.models import ProgrammeItem, Tenant
from tests.e2e.servers import ACCOUNTS, TIMEOUT_MS, click_to_send, count_sent, wait_idle
from tests.e2e.test_occupancy import choose
from tests.e2e.test_shell import expect_no_exception, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.parametrize("app_server", ["sqlite"], indirect=True)]
FORM = "[data-testid='stForm']"
MAIN = "[data-testid='stMain']"
MARIA = f"{ACCOUNTS['manager'].name} ({ACCOUNTS['manager'].username})"


@pytest.fixture(scope="module")
def managers(browser, app_server):
    """Maria and Mauro, each signed in in a browser of their own, for the module's tests."""
    contexts, pages = [], []
    for who in ("manager", "second_manager"):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        count_sent(page)
        sign_in(page, app_server.url, who)
        pages.append(page)
    yield pages
    for context in contexts:
        context.close()


def unique(text: str) -> str:
    return f"{text} {time.monotonic_ns() % 1_000_000}"


def open_at(page, url: str, tab: str | None = None) -> None:
    page.goto(url)
    wait_idle(page)
    if tab:
        page.get_by_role("tab", name=tab, exact=True).click()
        wait_idle(page)


def the_form(page, showing: str):
    form = page.locator(FORM).filter(has=page.get_by_role("button", name=showing, exact=True))
    expect(form).to_have_count(1)
    return form


def open_expander(page, title: str, button: str):
    """The form in the expander `title`, opened unless it is open already."""
    form = page.locator(FORM).filter(has=page.get_by_role("button", name=button, exact=True))
    if not form.is_visible():
        page.get_by_text(title, exact=True).click()
    expect(form).to_be_visible()
    return form


def fill_and_save(page, form, label: str, value: str, button: str) -> None:
    form.get_by_label(label, exact=True).fill(value)
    click_to_send(page, form.get_by_role("button", name=button, exact=True))
    wait_idle(page)


def second_save_refused_then_reloaded(page, button: str, theirs: tuple[str, str],
                                      mine: tuple[str, str], saved: str) -> None:
    """Mauro saves over Maria's change: refused, naming her; his value stays; reload shows
    hers; his save then lands, and the form shows both."""
    form = the_form(page, button)
    fill_and_save(page, form, mine[0], mine[1], button)
    refusal = page.locator("[data-testid='stAlert']").filter(has_text="after you opened it")
    expect(refusal).to_contain_text(f"was changed by {MARIA} on ")
    expect(the_form(page, button).get_by_label(mine[0], exact=True)).to_have_value(mine[1])
    click_to_send(page, page.get_by_role("button", name="Reload the record"))
    wait_idle(page)
    form = the_form(page, button)
    expect(form.get_by_label(theirs[0], exact=True)).to_have_value(theirs[1])
    expect(refusal).to_have_count(0)
    fill_and_save(page, form, mine[0], mine[1], button)
    expect_said(page, saved)
    form = the_form(page, button)
    expect(form.get_by_label(theirs[0], exact=True)).to_have_value(theirs[1])
    expect(form.get_by_label(mine[0], exact=True)).to_have_value(mine[1])
    expect_no_exception(page)


def expect_said(page, text: str) -> None:
    """What the page said below a form, visible: the box the form is in stayed open (a save
    that adds a line above an expander must not close it)."""
    expect(page.get_by_text(text, exact=False).first).to_be_visible()


def both_open(managers, opening) -> None:
    for page in managers:
        opening(page)


def test_two_managers_edit_the_same_tenant(managers, app_server):
    maria, mauro = managers

    def opening(page):
        open_at(page, f"{app_server.url}/tenants?site=OC", "Profile")
        open_expander(page, "Edit or retire", "Save tenant")
    both_open(managers, opening)
    business = unique("Bottega di Maria")
    fill_and_save(maria, the_form(maria, "Save tenant"), "Business", business, "Save tenant")
    expect_said(maria, " saved")
    second_save_refused_then_reloaded(mauro, "Save tenant", ("Business", business),
                                      ("Phone", "+39 055 210 0000"), " saved")


def test_two_managers_edit_the_same_partner(managers, app_server):
    maria, mauro = managers

    def opening(page):
        open_at(page, f"{app_server.url}/partners")
        choose(page, page.locator(MAIN), "Partner", "Artex")
        open_expander(page, "Edit this partner", "Save partner")
    both_open(managers, opening)
    city = unique("Firenze")
    fill_and_save(maria, the_form(maria, "Save partner"), "City", city, "Save partner")
    expect_said(maria, "Partner Artex saved.")
    second_save_refused_then_reloaded(mauro, "Save partner", ("City", city),
                                      ("Notes", "Call them before the fair."),
                                      "Partner Artex saved.")


def test_two_managers_edit_the_same_space(managers, app_server):
    maria, mauro = managers
    spaces = []

    def opening(page):
        open_at(page, f"{app_server.url}/occupancy?site=OC", "Manage")
        open_expander(page, "Add or edit a space", "Save space")
        box = page.locator(MAIN).get_by_label("Space to edit", exact=True)
        box.click()
        option = page.get_by_role("option").nth(1)       # the first space after "New space…"
        spaces.append(option.inner_text().strip())
        option.click()
        wait_idle(page)
        the_form(page, "Save space")
    both_open(managers, opening)
    assert spaces[0] == spaces[1], spaces
    name = unique("Laboratorio")
    fill_and_save(maria, the_form(maria, "Save space"), "Name", name, "Save space")
    code = spaces[0].split(" — ")[0]
    expect_said(maria, f"Space {code} saved.")
    second_save_refused_then_reloaded(mauro, "Save space", ("Name", name),
                                      ("Equipment", "Kiln, two wheels"), f"Space {code} saved.")


def test_two_managers_edit_the_same_issue(managers, app_server):
    maria, mauro = managers
    both_open(managers, lambda page: (open_at(page, f"{app_server.url}/building?site=OC"),
                                      the_form(page, "Save the issue")))
    contractor = unique("Ditta Rossi")
    fill_and_save(maria, the_form(maria, "Save the issue"), "Contractor", contractor,
                  "Save the issue")
    expect_said(maria, "saved.")
    second_save_refused_then_reloaded(mauro, "Save the issue", ("Contractor", contractor),
                                      ("Notes", "Call before nine."), "saved.")


def test_two_managers_edit_the_same_programme_item(managers, app_server):
    maria, mauro = managers

    def opening(page):
        open_at(page, f"{app_server.url}/courses?site=OC", "Item")
        open_expander(page, "Edit this item and its sessions", "Save item")
    both_open(managers, opening)
    group = unique("Young makers")
    fill_and_save(maria, the_form(maria, "Save item"), "Target group", group, "Save item")
    expect_said(maria, "” saved.")
    second_save_refused_then_reloaded(mauro, "Save item", ("Target group", group),
                                      ("Funding or partner", "CNA Firenze"), "” saved.")


def test_two_managers_edit_the_same_site(managers, app_server):
    maria, mauro = managers

    def opening(page):
        open_at(page, f"{app_server.url}/admin?tab=sites")
        choose(page, page.locator(MAIN), "Site", "OC ·")
        the_form(page, "Save site")
    both_open(managers, opening)
    address = unique("Via Villani 21")
    fill_and_save(maria, the_form(maria, "Save site"), "Address", address, "Save site")
    expect_said(maria, "Site OC saved.")
    second_save_refused_then_reloaded(mauro, "Save site", ("Address", address),
                                      ("City", "Firenze (Novoli)"), "Site OC saved.")


def test_a_form_is_empty_again_after_a_save(managers, app_server):
    maria = managers[0]
    open_at(maria, f"{app_server.url}/tenants?site=OC")
    open_expander(maria, "Add a tenant", "Add tenant")
    nora, marco = unique("Nora Bianchi"), unique("Marco Neri")
    form = the_form(maria, "Add tenant")
    for label, value in (("Name", nora), ("Business", "Ori di Nora"),
                         ("Email", "nora@example.org"), ("Phone", "+39 055 111 2222")):
        form.get_by_label(label, exact=True).fill(value)
    click_to_send(maria, form.get_by_role("button", name="Add tenant"))
    wait_idle(maria)
    expect_said(maria, f"{nora} added")
    form = the_form(maria, "Add tenant")
    for label in ("Name", "Business", "Email", "Phone"):
        expect(form.get_by_label(label, exact=True)).to_have_value("")
    for label, value in (("Name", marco), ("Business", "Vetri di Marco"),
                         ("Email", "marco@example.org")):
        form.get_by_label(label, exact=True).fill(value)
    click_to_send(maria, form.get_by_role("button", name="Add tenant"))
    wait_idle(maria)
    expect_said(maria, f"{marco} added")
    with Session(engine_for(app_server.env["DATABASE_URL"])) as session:
        phones = dict(session.exec(select(Tenant.name, Tenant.phone)
                                   .where(Tenant.name.in_([nora, marco]))).all())
    assert phones == {nora: "+39 055 111 2222", marco: None}
    expect_no_exception(maria)


def test_a_new_item_is_added_once_and_opens_where_its_sessions_are_added(managers, app_server):
    maria = managers[0]
    open_at(maria, f"{app_server.url}/courses?site=OC", "Plan")
    title = unique("Filigree evening")
    form = the_form(maria, "Add item")
    form.get_by_label("Title", exact=True).fill(title)
    form.get_by_role("button", name="Add item").dblclick()     # a second click, at once
    wait_idle(maria)
    expect_said(maria, f"“{title}” added as draft: add its sessions below.")
    expect(maria.get_by_role("tab", name="Item", selected=True)).to_be_visible()
    expect(the_form(maria, "Add session(s)")).to_be_visible()
    expect(maria.get_by_role("combobox", name="Item", exact=True)).to_have_value(
        f"{title} · draft · —")
    wait_idle(maria)
    with Session(engine_for(app_server.env["DATABASE_URL"])) as session:
        made = session.exec(select(func.count()).select_from(ProgrammeItem)
                            .where(ProgrammeItem.title == title)).one()
    assert made == 1
    expect_no_exception(maria)
