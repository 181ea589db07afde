"""Empty states: what a screen will show once there is something to show, and where to
start — instead of empty charts, "None" or a division by zero on a new hub."""
from __future__ import annotations

import streamlit as st

from db.models import User
from ui.navigation import link_to
from ui.widgets import site_choices
from hub.i18n import _


def require_site(user: User, shows: str) -> None:
    """Stop the page with its empty state while the hub has no site in use."""
    if site_choices():
        return
    st.info(_("{shows} There is no site yet: a site (a building of the hub) comes first.")
            .format(shows=shows), icon=":material/info:")
    if not link_to(user, "admin", _("Create the first site in Admin › Sites"),
                   icon=":material/arrow_forward:", tab="sites"):
        st.caption(_("The hub's manager creates the first site in Admin."))
    st.stop()


def nothing_yet(message: str, *, user: User | None = None, key: str | None = None,
                label: str | None = None, **query: str) -> None:
    """A short note where a list or chart would be, with a link to where to start."""
    st.info(message, icon=":material/info:")
    if user is not None and key and label:
        link_to(user, key, label, icon=":material/arrow_forward:", **query)
