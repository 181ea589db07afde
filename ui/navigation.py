"""The screens, who may open each, the guard every page runs first, and the run of the whole
(app.py calls `run_screens` for every rerun of a browser's session)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit.util import calc_hash

from db.models import User
from db.vocabulary import ROLES
from hub.i18n import N_, _
from hub.words import label
from ui import database, language
from ui.charts import vega  # noqa: F401 (the charts' locale and theme)
from ui.sign_in import auth
from ui.sign_in.auth import signed_in_user
from ui.focus import focus_ring
from ui.format import as_text, listed
from ui.forms import say_the_unsaid
from ui.widgets import show_flash
from web import start


PAGES = Path(__file__).resolve().parents[1] / "pages"


@dataclass(frozen=True)
class Screen:
    key: str            # the file pages/<key>.py and the URL path
    title: str
    roles: tuple[str, ...] = ROLES

    @property
    def path(self) -> Path:
        return PAGES / f"{self.key}.py"


SCREENS = (
    Screen("overview", N_("Overview")),
    Screen("occupancy", N_("Lab occupancy")),
    Screen("building", N_("Building")),
    Screen("tenants", N_("Tenants")),
    Screen("courses", N_("Courses")),
    Screen("calendar", N_("Calendar")),
    Screen("partners", N_("Partners")),
    # The communication team sees no money; a viewer sees sums only, never a payer's name.
    Screen("billing", N_("Billing"), roles=("manager", "viewer")),
    Screen("admin", N_("Admin"), roles=("manager",)),
)


def screens_for(role: str) -> list[Screen]:
    return [screen for screen in SCREENS if role in screen.roles]


def navigation_for(user: User) -> list[st.Page]:
    """st.navigation's pages for this user's role; a page left out is not reachable. One flat
    list: Streamlit draws sections as <div>s inside the navigation's <ul>, which screen
    readers cannot count as a list (axe: list, listitem)."""
    # No icons in the navigation: their ligature names would read as part of each title.
    return [st.Page(screen.path, title=_(screen.title), url_path=screen.key,
                    default=screen.key == "overview") for screen in screens_for(user.role)]


def requested_screen() -> Screen | None:
    """The screen the browser asked for on this run: the URL path typed or opened from a link
    (/admin), or the screen whose link the user followed to the sign-in form. None when the
    run asks for no screen by name (a widget's rerun on the page already open)."""
    context = get_script_run_ctx()
    if context is None:
        return None
    pages = context.pages_manager
    for screen in SCREENS:
        # A page's hash is its URL path's, the same before and after signing in.
        if pages.intended_page_name == screen.key or \
                pages.intended_page_script_hash == calc_hash(screen.key):
            return screen
    return None


def refused_screen_notice(user: User) -> str | None:
    """Why the user landed on the Overview instead of the screen they asked for (a screen
    their role does not have: st.navigation falls back to the default page without a word)."""
    screen = requested_screen()
    if screen is None or user.role in screen.roles:
        return None
    return _("{screen} is for the {roles} role; you are signed in as {name} with the {role} "
             "role, so Bottega opened the Overview instead.").format(
        screen=_(screen.title), roles=listed([label("role", role) for role in screen.roles]),
        name=as_text(user.name), role=label("role", user.role))


def explain_refused_screen(user: User) -> None:
    """On the page the user lands on: the notice above, when there is one."""
    if notice := refused_screen_notice(user):
        st.warning(notice, icon=":material/lock:")


def signed_out_navigation(sign_in) -> list[st.Page]:
    """Before sign-in every screen's URL shows the sign-in form, so a bookmarked link
    (/occupancy) opens that screen once the user is in, if their role allows it."""
    title = _("Sign in")
    return [st.Page(sign_in, title=title, url_path="sign-in", default=True)] + [
        st.Page(lambda: sign_in(), title=title, url_path=screen.key) for screen in SCREENS]


def guard(key: str) -> User:
    """First line of every page: the signed-in user if their role may open this screen.
    Stops the page otherwise, even when it is reached some other way than the navigation."""
    if PagesManager.uses_pages_directory:
        # Streamlit's legacy pages/ mode ran this file without app.py (it can, for the very
        # first request a server gets). Switch it off and start again through the gate.
        PagesManager.uses_pages_directory = False
        st.rerun()
    screen = next(screen for screen in SCREENS if screen.key == key)
    user = signed_in_user()
    if user is None:
        st.warning(_("Please sign in on Bottega's start page first."))
        st.stop()
    if user.role not in screen.roles:
        st.error(_("The {screen} screen is not available to the {role} role.").format(
            screen=_(screen.title), role=label("role", user.role)))
        st.stop()
    return user


def link_to(user: User, key: str, label: str, *, icon: str | None = None,
            **query: str) -> bool:
    """A link to a screen the user may open (with query parameters, e.g. tab="import");
    nothing for a screen their role does not have. True when drawn."""
    screen = next(screen for screen in SCREENS if screen.key == key)
    if user.role not in screen.roles:
        return False
    st.page_link(str(screen.path), label=label, icon=icon, query_params=query or None)
    return True


def run_screens() -> None:
    """One rerun: the page's frame, the sign-in gate, then the page the person asked for."""
    st.set_page_config(page_title="Bottega", page_icon="🏺", layout="wide")
    focus_ring()
    start.start()  # done as the server started; again only if that failed
    database.read_data_version()  # once per rerun: every cached figure is keyed on it

    user = signed_in_user()
    if user is not None:
        language.follow(user)
    if user is None:
        st.navigation(signed_out_navigation(auth.sign_in_page), position="hidden").run()
    else:
        auth.sidebar(user)
        show_flash()
        page = st.navigation(navigation_for(user))
        explain_refused_screen(user)
        page.run()
        say_the_unsaid()
