"""The shell in a real browser: first start, sign-in per role, navigation, page guards by URL,
wrong password, log-out and the sign-in cookie. Runs on SQLite and on PostgreSQL.

Signing in through the form costs seconds in a fresh browser context, so checks that follow
one another share a sign-in: per role, the sign-in and every page of the role; for the
cookie, reload-keeps-you-signed-in and log-out-ends-it."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.servers import (ACCOUNTS, PASSWORD, TIMEOUT_MS, click_to_send, wait_idle,
                               wait_until)

pytestmark = pytest.mark.e2e

NAV_LINK = "[data-testid='stSidebarNavLink']"
SIDEBAR = "[data-testid='stSidebar']"
EXCEPTION = "[data-testid='stException']"
ALERT = "[data-testid='stAlert']"
EVERYONE = ["Overview", "Lab occupancy", "Building", "Tenants", "Courses", "Calendar",
            "Partners"]
# Billing: the manager's, and a viewer's sums; the communication team sees no money.
NAVIGATION = {"manager": [*EVERYONE, "Billing", "Admin"], "communication": EVERYONE,
              "viewer": [*EVERYONE, "Billing"]}
ADMIN_CAPTION = "Users and roles, the audit log, imports and exports, backup."
WRONG_PASSWORD = "Username or password is incorrect"
COOKIE = "bottega_sign_in"
COOKIE_MANAGER = "iframe[title='extra_streamlit_components.CookieManager.cookie_manager']"


# --- reading and driving the screen ---------------------------------------------------------

def nav_links(page):
    return page.locator(NAV_LINK)


def nav_titles(page) -> list[str]:
    """The navigation's page titles (the link text without its Material icon's name)."""
    links = nav_links(page)
    return [links.nth(i).locator("[data-testid='stMarkdownContainer']").inner_text().strip()
            for i in range(links.count())]


def nav_link(page, title: str):
    return nav_links(page).filter(
        has=page.locator("[data-testid='stMarkdownContainer']",
                         has_text=re.compile(rf"^\s*{re.escape(title)}\s*$")))


def go_to(page, title: str) -> None:
    """Open a page from the navigation and wait until its own run is done. Waiting for idle
    alone is not enough: until the browser has sent the click, the page before it still
    reads as idle, and a click made then lands on a page still being drawn."""
    nav_link(page, title).click()
    expect(page.locator("h1")).to_have_text([title], timeout=TIMEOUT_MS)
    wait_idle(page)


def login_button(page):
    return page.get_by_role("button", name="Login", exact=True)


def open_app(page, url: str) -> None:
    page.goto(url)
    wait_idle(page)


def expect_login_form(page) -> None:
    expect(login_button(page)).to_be_visible()
    expect(page.get_by_label("Username", exact=True)).to_be_visible()
    expect(page.get_by_label("Password", exact=True)).to_be_visible()
    expect(nav_links(page)).to_have_count(0)
    # One heading for the form (the authenticator's own, left empty, is not drawn).
    expect(page.get_by_role("heading")).to_have_text(["Bottega", "Sign in"])


def submit_login(page, username: str, password: str) -> None:
    page.get_by_label("Username", exact=True).fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    click_to_send(page, login_button(page))


def sign_in(page, url: str, who: str) -> None:
    """Open the app and sign in through the real form as ACCOUNTS[who]; lands on Overview."""
    open_app(page, url)
    submit_login(page, ACCOUNTS[who].username, PASSWORD)
    expect(nav_links(page).first).to_be_visible()
    wait_idle(page)
    expect(page.locator("h1")).to_have_text(["Overview"])
    # Signed in means kept signed in: the server has set the sign-in cookie, out of scripts'
    # reach.
    wait_until(lambda: has_sign_in_cookie(page), what="the sign-in cookie")
    kept = sign_in_cookie(page)
    assert (kept["httpOnly"], kept["sameSite"], kept["path"]) == (True, "Strict", "/"), kept
    assert page.evaluate("document.cookie").find(COOKIE) == -1


def sign_in_cookie(page) -> dict | None:
    return next((cookie for cookie in page.context.cookies()
                 if cookie["name"] == COOKIE and cookie["value"]), None)


def has_sign_in_cookie(page) -> bool:
    return sign_in_cookie(page) is not None


def wait_cookie_sign_in(page) -> None:
    """After a new page load: a cookie sign-in, when there is one, follows the cookie
    component's first report. Wait until the navigation shows (signed in again) or, on the
    sign-in form, until that component has loaded and the run it starts is over."""
    wait_idle(page)
    signed_in, component = nav_links(page).first, page.locator(COOKIE_MANAGER)
    expect(signed_in.or_(component).first).to_be_attached()
    if signed_in.count() == 0:
        handle = component.element_handle(timeout=5_000) if component.count() else None
        if handle is not None and handle.content_frame() is not None:
            handle.content_frame().wait_for_load_state()
        wait_idle(page)


def expect_no_exception(page) -> None:
    expect(page.locator(EXCEPTION)).to_have_count(0)


# --- first start ----------------------------------------------------------------------------

def test_first_manager_form_on_an_empty_install(empty_server, page):
    open_app(page, empty_server.url)
    expect(page.get_by_text("Create the first manager account")).to_be_visible()
    expect(login_button(page)).to_have_count(0)

    def fill(password: str, code: str = empty_server.setup_code()) -> None:
        for label, value in (("Setup code", code), ("Username", "ada"),
                             ("Full name", "Ada Lovelace"), ("Email", "ada@example.org"),
                             ("Password", password), ("Repeat password", password)):
            page.get_by_label(label, exact=True).fill(value)
        click_to_send(page, page.get_by_role("button", name="Create manager account"))

    fill("nine-char")  # 9 characters
    expect(page.locator(ALERT, has_text="at least 10 characters")).to_be_visible()
    wait_idle(page)
    expect(page.get_by_text("Create the first manager account")).to_be_visible()
    expect(login_button(page)).to_have_count(0)

    fill(PASSWORD, code="ABCD-EFGH-JKLM")   # whoever comes first, without the server's log
    expect(page.locator(ALERT, has_text="not the setup code")).to_be_visible()
    wait_idle(page)
    expect(login_button(page)).to_have_count(0)

    fill(PASSWORD)
    expect(login_button(page)).to_be_visible()
    wait_idle(page)
    expect(page.get_by_text("Account ada created")).to_be_visible()
    expect(page.get_by_text("Create the first manager account")).to_have_count(0)

    submit_login(page, "ada", PASSWORD)
    expect(nav_links(page).first).to_be_visible()
    wait_idle(page)
    expect(page.locator("h1")).to_have_text(["Overview"])
    assert nav_titles(page) == NAVIGATION["manager"]
    expect(page.locator(SIDEBAR)).to_contain_text("Ada Lovelace")
    expect_no_exception(page)


# --- signing in -----------------------------------------------------------------------------

@pytest.mark.parametrize("role", ["manager", "communication", "viewer"])
def test_each_role_signs_in_gets_its_navigation_and_every_page_renders(app_server, page, role):
    # Signing in through the real form lands on the Overview (checked by sign_in) with the
    # role's navigation and the user's name in the sidebar.
    sign_in(page, app_server.url, role)
    assert nav_titles(page) == NAVIGATION[role]
    expect(page.locator(SIDEBAR)).to_contain_text(ACCOUNTS[role].name)
    expect(login_button(page)).to_have_count(0)
    expect_no_exception(page)
    # Every page in the navigation opens with its own heading and without an exception.
    for title in NAVIGATION[role]:
        nav_link(page, title).click()
        expect(page.locator("h1")).to_have_text([title])
        wait_idle(page)
        expect(page.locator("h1")).to_have_text([title])
        assert page.locator(EXCEPTION).count() == 0, f"{role}: {title} shows an exception"
    assert nav_titles(page) == NAVIGATION[role]


@pytest.mark.parametrize("role", ["communication", "viewer"])
def test_a_page_outside_the_role_is_not_reachable_by_url(app_server, page, role):
    sign_in(page, app_server.url, role)
    page.goto(app_server.url + "/admin")
    wait_cookie_sign_in(page)
    # Still signed in (the cookie signed us in again), on the default page instead of Admin.
    expect(nav_links(page).first).to_be_visible()
    assert nav_titles(page) == NAVIGATION[role]
    expect(page.get_by_role("heading", name="Admin", exact=True)).to_have_count(0)
    expect(page.get_by_text(ADMIN_CAPTION)).to_have_count(0)
    expect(page.get_by_text("The Admin screen is not available")).to_have_count(0)
    fell_back = page.locator("h1", has_text="Overview").or_(page.get_by_text("Page not found"))
    expect(fell_back.first).to_be_visible()
    expect_no_exception(page)


def test_an_unauthenticated_visitor_going_to_admin_gets_the_login_form(app_server, page):
    page.goto(app_server.url + "/admin")
    wait_idle(page)
    expect_login_form(page)
    expect(page.get_by_role("heading", name="Admin", exact=True)).to_have_count(0)
    expect(page.get_by_text(ADMIN_CAPTION)).to_have_count(0)
    expect_no_exception(page)


def test_wrong_password_is_refused_and_stays_on_the_form(app_server, page):
    open_app(page, app_server.url)
    submit_login(page, ACCOUNTS["forgetful"].username, PASSWORD + "-wrong")
    expect(page.locator(ALERT, has_text=WRONG_PASSWORD)).to_be_visible()
    wait_idle(page)
    expect(page.locator(ALERT, has_text=WRONG_PASSWORD)).to_be_visible()
    expect_login_form(page)
    expect(page.locator("h1")).to_have_text(["Bottega"])


def test_a_stranger_s_guesses_pause_a_name_at_their_address_only(app_server, new_page):
    """Behind a proxy on this machine (here the test itself sends the header nginx would),
    failures count against the forwarded address: the stranger's address is paused, the
    owner's browser elsewhere still signs in."""
    stranger, owner = new_page(), new_page()
    stranger.set_extra_http_headers({"X-Forwarded-For": "203.0.113.7"})
    owner.set_extra_http_headers({"X-Forwarded-For": "198.51.100.20"})
    open_app(stranger, app_server.url)
    for attempt in range(5):
        submit_login(stranger, ACCOUNTS["guessed"].username, f"{PASSWORD}-guess-{attempt}")
        wait_idle(stranger)
    paused = "Too many failed sign-ins with this username from this address"
    expect(stranger.locator(ALERT, has_text=paused)).to_be_visible()
    submit_login(stranger, ACCOUNTS["guessed"].username, PASSWORD)
    wait_idle(stranger)
    expect(stranger.locator(ALERT, has_text=paused)).to_be_visible()
    expect(nav_links(stranger)).to_have_count(0)
    open_app(owner, app_server.url)
    submit_login(owner, ACCOUNTS["guessed"].username, PASSWORD)
    expect(nav_links(owner).first).to_be_visible()
    expect_no_exception(owner)


# --- the sign-in cookie ---------------------------------------------------------------------

def test_reload_keeps_you_signed_in_until_you_log_out(app_server, page):
    sign_in(page, app_server.url, "leaver")
    # A reload starts a new Streamlit session: the sign-in cookie signs you in again.
    page.reload()
    wait_idle(page)
    expect(nav_links(page).first).to_be_visible()
    assert nav_titles(page) == NAVIGATION["viewer"]
    expect(page.locator(SIDEBAR)).to_contain_text(ACCOUNTS["leaver"].name)
    expect(page.locator("h1")).to_have_text(["Overview"])
    expect(login_button(page)).to_have_count(0)

    # Log out: the sign-in form is back ...
    click_to_send(page, page.locator(SIDEBAR).get_by_role("button", name="Log out"))
    expect(login_button(page)).to_be_visible()
    wait_idle(page)
    expect_login_form(page)
    expect(page.get_by_role("heading", name="Overview", exact=True)).to_have_count(0)

    # ... the browser drops the sign-in cookie ...
    wait_until(lambda: not has_sign_in_cookie(page), what="the sign-in cookie to go")

    # ... and a reload shows the plain form: no cookie sign-in, no "sign-in has ended" notice.
    page.reload()
    wait_cookie_sign_in(page)
    expect_login_form(page)
    expect(page.get_by_role("heading", name="Overview", exact=True)).to_have_count(0)
    expect(page.get_by_text("has ended")).to_have_count(0)
