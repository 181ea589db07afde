"""The keyboard alone, in a real browser (WCAG 2.1.1 keyboard, 2.4.7 focus visible): a manager
signs in, reaches every page, switches tabs, fills and submits a form and downloads an export
with Tab, Shift+Tab, the arrow keys, Enter and typing — no click — and whatever has the focus
on the way shows a focus ring. Runs on SQLite and on PostgreSQL, on the demo hub.

Locators only say where the focus should get to; the keys take it there."""
from __future__ import annotations

import csv
import io
import secrets
import tomllib

import pytest
from playwright.sync_api import expect

from tests.conftest import ROOT
from tests.e2e.servers import ACCOUNTS, PASSWORD, wait_idle, wait_until
from tests.e2e.test_shell import NAVIGATION, expect_no_exception, has_sign_in_cookie, nav_link

pytestmark = pytest.mark.e2e

TAB_LIST = "[data-testid='stMain'] [role='tablist']"
MOST_PRESSES = 120
PRIMARY = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["theme"]["primaryColor"]

HAS_FOCUS = "element => element === document.activeElement || element.contains(document.activeElement)"
# The focused element's ring: an outline or a box shadow on it or on the wrapper Streamlit draws
# the ring on, or (text inputs and select boxes) the frame's border turned the primary colour.
FOCUS_RING = """primary => {
    const ring = element => {
        const style = getComputedStyle(element);
        const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
        const frame = parseFloat(style.borderTopWidth) > 0 && style.borderTopColor === primary;
        return outline ? `outline ${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}`
             : style.boxShadow !== 'none' ? `box-shadow ${style.boxShadow}`
             : frame ? `border ${style.borderTopWidth} ${style.borderTopColor}` : null;
    };
    let element = document.activeElement;
    for (let up = 0; element && element !== document.body && up < 4; up++, element = element.parentElement) {
        const found = ring(element);
        if (found) return found;
    }
    return null;
}"""


def focused(page) -> str:
    return page.evaluate("() => { const e = document.activeElement; "
                         "return e ? e.outerHTML.slice(0, 160) : 'nothing'; }")


def expect_focus_ring(page, what: str) -> None:
    """Polled: Streamlit fades a frame's border into the primary colour."""
    red, green, blue = (int(PRIMARY[i:i + 2], 16) for i in (1, 3, 5))
    try:
        wait_until(lambda: page.evaluate(FOCUS_RING, f"rgb({red}, {green}, {blue})"),
                   what="a focus ring", timeout_ms=3_000, every_ms=100)
    except AssertionError:
        raise AssertionError(f"{what} has the focus but shows no focus ring: "
                             f"{focused(page)}") from None


def tab_to(page, target, what: str) -> None:
    """Press Tab (Shift+Tab when the target lies before the focus) until `target` holds the
    focus, then check its focus ring."""
    target.wait_for()
    before = page.evaluate("""target => { const active = document.activeElement;
        return !!active && active !== document.body &&
               !!(target.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_FOLLOWING); }""",
                           target.element_handle())
    key = "Shift+Tab" if before else "Tab"
    for _ in range(MOST_PRESSES):
        if target.evaluate(HAS_FOCUS):
            expect_focus_ring(page, what)
            return
        page.keyboard.press(key)
    raise AssertionError(f"{what}: not reached with {MOST_PRESSES} × {key}; "
                         f"the focus is on {focused(page)}")


def type_into(page, label: str, text: str, scope=None) -> None:
    tab_to(page, (scope or page).get_by_label(label, exact=True), label)
    page.keyboard.type(text)


def go_to(page, title: str) -> None:
    tab_to(page, nav_link(page, title), f"the navigation's {title}")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text([title])
    wait_idle(page)
    expect_no_exception(page)


FOCUSED_TAB = """() => { const tab = document.activeElement && document.activeElement.closest('[role=tab]');
    return tab ? tab.innerText.trim() : null; }"""


def switch_tab(page, name: str) -> None:
    """Tab into the tab list (its selected tab), then arrow keys to `name`. A tab that reruns
    the page when chosen is waited for after each key."""
    tabs = page.locator(TAB_LIST).first.get_by_role("tab")
    selected = tabs.and_(page.locator("[aria-selected='true']"))
    tab_to(page, selected, "the selected tab")
    wanted = page.locator(TAB_LIST).first.get_by_role("tab", name=name, exact=True)
    for _ in range(tabs.count()):
        if wanted.evaluate(HAS_FOCUS):
            break
        before = page.evaluate(FOCUSED_TAB)
        page.keyboard.press("ArrowRight")
        wait_until(lambda: page.evaluate(FOCUSED_TAB) != before,
                   what="the arrow key to move the focus", timeout_ms=5_000, every_ms=50)
        wait_idle(page)
        if page.evaluate(FOCUSED_TAB) is None:       # redrawn by the rerun: back to the tab
            tab_to(page, selected, "the selected tab")
    assert wanted.evaluate(HAS_FOCUS), f"the arrow keys never reached the {name} tab"
    expect_focus_ring(page, f"the {name} tab")
    if wanted.get_attribute("aria-selected") != "true":
        page.keyboard.press("Enter")
    expect(wanted).to_have_attribute("aria-selected", "true")
    wait_idle(page)
    expect_no_exception(page)


def test_a_manager_does_everything_with_the_keyboard_alone(app_server, page):
    page.goto(app_server.url)
    wait_idle(page)
    manager = ACCOUNTS["manager"]
    type_into(page, "Username", manager.username)
    type_into(page, "Password", PASSWORD)
    page.keyboard.press("Enter")                          # submits the sign-in form
    expect(page.locator("h1")).to_have_text(["Overview"])
    wait_idle(page)
    wait_until(lambda: has_sign_in_cookie(page), what="the sign-in cookie")

    # Every page, from the navigation; on the way back, Shift+Tab.
    for title in NAVIGATION["manager"][1:] + ["Overview"]:
        go_to(page, title)

    # Tabs: Partners › Figures with the arrow keys, and back to the Directory. (Partners'
    # tabs switch in the browser; Tenants' and Courses' rerun the page on a switch, which
    # redraws the tab list under the focus on a busy machine.)
    go_to(page, "Partners")
    switch_tab(page, "Figures")
    expect(page.locator("[data-testid='stMain'] [data-testid='stVegaLiteChart']")
           .filter(visible=True).first).to_be_visible()
    switch_tab(page, "Directory")

    # An export: the tenant directory's CSV (its first tab), downloaded with Enter.
    go_to(page, "Tenants")
    button = page.get_by_role("button", name="Directory (CSV)")
    tab_to(page, button, "the Directory (CSV) button")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    rows = list(csv.DictReader(io.StringIO(open(download.value.path(), encoding="utf-8-sig").read())))
    assert download.value.suggested_filename == "tenants.csv"
    assert rows and "Name" in rows[0], rows[:1]

    # A form: Admin › Users, add a viewer account, submitted with Enter on its button.
    go_to(page, "Admin")
    switch_tab(page, "Users")
    form = page.locator("[data-testid='stForm']").filter(has_text="Add a user")
    username = f"kbd{secrets.token_hex(3)}"
    type_into(page, "Username", username, scope=form)
    type_into(page, "Full name", "Kim Tastiera", scope=form)
    type_into(page, "Email", f"{username}@example.org", scope=form)
    tab_to(page, form.get_by_role("combobox", name="Role"), "the Role select box")
    page.keyboard.type("viewer")
    page.keyboard.press("Enter")
    expect(form.get_by_role("combobox", name="Role")).to_have_value("viewer")
    type_into(page, "Password", PASSWORD, scope=form)
    type_into(page, "Repeat password", PASSWORD, scope=form)
    tab_to(page, form.get_by_role("button", name="Add user"), "the Add user button")
    page.keyboard.press("Enter")
    expect(page.get_by_text(f"Added {username}")).to_be_visible()   # said below the form
    wait_idle(page)
    expect_no_exception(page)
