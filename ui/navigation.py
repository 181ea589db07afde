"""The screens, who may open each, and the guard every page runs first."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from db.models import User
from db.vocabulary import ROLES
from ui.auth import signed_in_user


PAGES = Path(__file__).resolve().parents[1] / "pages"


@dataclass(frozen=True)
class Screen:
    key: str            # the file pages/<key>.py and the URL path
    title: str
    icon: str
    section: str
    roles: tuple[str, ...] = ROLES

    @property
    def path(self) -> Path:
        return PAGES / f"{self.key}.py"


SCREENS = (
    Screen("overview", "Overview", ":material/dashboard:", "Hub"),
    Screen("occupancy", "Lab occupancy", ":material/grid_view:", "Hub"),
    Screen("tenants", "Tenants", ":material/groups:", "Hub"),
    Screen("courses", "Courses", ":material/school:", "Hub"),
    Screen("partners", "Partners", ":material/handshake:", "Hub"),
    Screen("admin", "Admin", ":material/admin_panel_settings:", "Administration",
           roles=("manager",)),
)


def screens_for(role: str) -> list[Screen]:
    return [screen for screen in SCREENS if role in screen.roles]


def navigation_for(user: User) -> dict[str, list[st.Page]]:
    """st.navigation's sections for this user's role; a page left out is not reachable."""
    sections: dict[str, list[st.Page]] = {}
    for screen in screens_for(user.role):
        page = st.Page(screen.path, title=screen.title, icon=screen.icon,
                       url_path=screen.key, default=screen.key == "overview")
        sections.setdefault(screen.section, []).append(page)
    return sections


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
        st.warning("Please sign in on Bottega's start page first.")
        st.stop()
    if user.role not in screen.roles:
        st.error(f"The {screen.title} screen is not available to the {user.role} role.")
        st.stop()
    return user
