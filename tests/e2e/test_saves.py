"""Every save lands once, on the right record, and is never silently lost — in a real browser,
with two managers at once (ui/forms.py). For each area's main edit form: Maria and Mauro open
the same record; Maria saves; Mauro's save is refused below the form, naming Maria and when,
with what he typed still there; one click reloads the record with Maria's change, and his save
then lands beside hers. Also: a form is empty again after a save (a second tenant does not
get the first one's phone), the same tenant is not added twice, and a new programme item is
added once however often the button is clicked, opens where its sessions are added, and the
same item added again is refused, naming it.

On SQLite only: what is tested is the way a save travels from the browser to hub/; the stale
check itself runs on both databases in each area's unit tests."""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

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
    wait_idle(page)      # the refusal's run (st.rerun) has drawn all of the form anew
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
    that adds a line above an expander must not close it). It is said by the run a save
    starts (st.rerun), after the window between two runs that wait_idle may take for the end:
    that run's end is awaited too, for until then the form of the run before may still be on
    the page beside the new one."""
    expect(page.get_by_text(text, exact=False).first).to_be_visible()
    wait_idle(page)


def first_space(page) -> None:
    """Lab occupancy's space box: the first space after "New space…" (the same for both)."""
    page.locator(MAIN).get_by_label("Space to edit", exact=True).click()
    page.get_by_role("option").nth(1).click()
    wait_idle(page)


@dataclass(frozen=True)
class Area:
    """An area's main edit form: where it is, the field Maria changes, Mauro's, and what a
    save of it says."""
    address: str
    button: str
    hers: str
    his: tuple[str, str]
    said: str
    tab: str | None = None
    box: str | None = None                  # the expander the form is in
    pick: tuple[str, str] | None = None     # (select box, option) that opens the record
    pick_first: Callable | None = None


AREAS = {
    "tenant": Area("/tenants?site=OC", "Save tenant", "Business", ("Phone", "+39 055 210 0000"),
                   " saved", tab="Profile", box="Edit or retire"),
    "partner": Area("/partners", "Save partner", "City",
                    ("Notes", "Call them before the fair."), "Partner Artex saved.",
                    box="Edit this partner", pick=("Partner", "Artex")),
    "space": Area("/occupancy?site=OC", "Save space", "Name", ("Equipment", "Kiln, two wheels"),
                  " saved.", tab="Manage", box="Add or edit a space", pick_first=first_space),
    "building issue": Area("/building?site=OC", "Save the issue", "Contractor",
                           ("Notes", "Call before nine."), " saved."),
    "programme item": Area("/courses?site=OC", "Save item", "Target group",
                           ("Funding or partner", "CNA Firenze"), "” saved.", tab="Item",
                           box="Edit this item and its sessions"),
    "site": Area("/admin?tab=sites", "Save site", "Address", ("City", "Firenze (Novoli)"),
                 "Site OC saved.", pick=("Site", "OC ·")),
}


def open_the_form(page, url: str, area: Area) -> None:
    open_at(page, url + area.address, area.tab)
    if area.box and area.pick_first:          # the space box is inside the expander
        open_expander(page, area.box, area.button)
    if area.pick:
        choose(page, page.locator(MAIN), *area.pick)
    if area.pick_first:
        area.pick_first(page)
    if area.box:
        open_expander(page, area.box, area.button)
    the_form(page, area.button)


@pytest.mark.parametrize("area", list(AREAS))
def test_two_managers_save_the_same_record(managers, app_server, area):
    maria, mauro = managers
    where = AREAS[area]
    for page in managers:
        open_the_form(page, app_server.url, where)
    hers = unique(f"Maria's {where.hers.lower()}")
    fill_and_save(maria, the_form(maria, where.button), where.hers, hers, where.button)
    expect_said(maria, where.said)
    second_save_refused_then_reloaded(mauro, where.button, (where.hers, hers), where.his,
                                      where.said)


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


def test_the_same_tenant_twice_is_refused_naming_the_one_that_exists(managers, app_server):
    """Same name and e-mail (any case), another business: the same person, never twice."""
    maria = managers[0]
    open_at(maria, f"{app_server.url}/tenants?site=OC")
    open_expander(maria, "Add a tenant", "Add tenant")
    nora = unique("Nora Verdi")
    for business, email in (("Ori di Nora", "nora.verdi@example.org"),
                            ("Smalti Verdi", "Nora.Verdi@Example.org")):
        form = the_form(maria, "Add tenant")
        for label, value in (("Name", nora), ("Business", business), ("Email", email)):
            form.get_by_label(label, exact=True).fill(value)
        click_to_send(maria, form.get_by_role("button", name="Add tenant"))
        wait_idle(maria)
    expect(maria.locator("[data-testid='stAlert']").filter(
        has_text=f"{nora} (nora.verdi@example.org) is already a tenant, since ")).to_be_visible()
    wait_idle(maria)
    form = the_form(maria, "Add tenant")
    expect(form.get_by_label("Business", exact=True)).to_have_value("Smalti Verdi")  # kept
    with Session(engine_for(app_server.env["DATABASE_URL"])) as session:
        assert session.exec(select(func.count()).select_from(Tenant)
                            .where(Tenant.name == nora)).one() == 1
    expect_no_exception(maria)


def add_item(page, url: str, title: str, *, twice: bool = False) -> None:
    open_at(page, f"{url}/courses?site=OC", "Plan")
    form = the_form(page, "Add item")
    form.get_by_label("Title", exact=True).fill(title)
    button = form.get_by_role("button", name="Add item")
    if twice:
        button.dblclick()            # a second click, at once
    else:
        click_to_send(page, button)
    wait_idle(page)


def items_titled(app_server, title: str) -> int:
    with Session(engine_for(app_server.env["DATABASE_URL"])) as session:
        return session.exec(select(func.count()).select_from(ProgrammeItem)
                            .where(ProgrammeItem.title == title)).one()


def test_a_new_item_opens_where_its_sessions_are_added(managers, app_server):
    maria = managers[0]
    title = unique("Filigree evening")
    add_item(maria, app_server.url, title)
    expect_said(maria, f"“{title}” added as draft: add its sessions below.")
    expect(maria.get_by_role("tab", name="Item", selected=True)).to_be_visible()
    expect(the_form(maria, "Add session(s)")).to_be_visible()
    expect(maria.get_by_role("combobox", name="Item", exact=True)).to_have_value(
        f"{title} · draft · —")
    # The same item again, on purpose this time: refused, naming the one that exists.
    maria.get_by_role("tab", name="Plan", exact=True).click()
    wait_idle(maria)
    form = the_form(maria, "Add item")
    form.get_by_label("Title", exact=True).fill(title)
    click_to_send(maria, form.get_by_role("button", name="Add item"))
    wait_idle(maria)
    expect(maria.locator("[data-testid='stAlert']").filter(
        has_text=f"“{title}” is already in the programme of this site, with no session yet "
                 "(added ")).to_be_visible()
    wait_idle(maria)
    expect(form.get_by_label("Title", exact=True)).to_have_value(title)   # kept, as typed
    assert items_titled(app_server, title) == 1
    expect_no_exception(maria)


def test_a_double_click_adds_one_item_and_says_so(managers, app_server):
    """Wherever the page ends: on the item (the first click's run came last) or back on Plan
    (the second click, sent before the page moved, asked for the tab it was on)."""
    maria = managers[0]
    title = unique("Granulation evening")
    add_item(maria, app_server.url, title, twice=True)
    expect_said(maria, f"“{title}” added as draft: ")
    wait_idle(maria)
    assert items_titled(app_server, title) == 1
    expect_no_exception(maria)
