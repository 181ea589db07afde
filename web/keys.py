"""The server's secret for the sign-in cookie, and the first manager's setup code made from it.

Kept apart from ui/sign_in/auth.py, which imports streamlit-authenticator and its cookie component: a
component module imported outside a script run (web/start.py prints the setup code as the
server starts) is never registered, and its frame would never load on the sign-in page.
"""
from __future__ import annotations

import os
import secrets

import streamlit as st

from db.engine import data_dir
from hub.admin import users
from hub.i18n import _

MIN_KEY_LENGTH = 32


def cookie_key() -> str:
    """From secrets.toml ([auth] cookie_key) or BOTTEGA_COOKIE_KEY; else generated once into
    data/cookie_key, readable by the owner only. Never a key written in the repository."""
    try:
        configured = st.secrets.get("auth", {}).get("cookie_key")
    except FileNotFoundError:  # no secrets.toml at all
        configured = None
    configured = configured or os.environ.get("BOTTEGA_COOKIE_KEY")
    if configured and len(str(configured)) < MIN_KEY_LENGTH:
        st.error(_("The configured cookie key is shorter than {length} characters; set a long "
                   "random value (see .streamlit/secrets.toml.example).").format(
                       length=MIN_KEY_LENGTH))
        st.stop()
    if configured:
        return str(configured)
    return _generated_key(data_dir() / "cookie_key")


def _generated_key(path) -> str:
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        os.chmod(path, 0o600)
        return path.read_text().strip()
    with os.fdopen(descriptor, "w") as file:
        key = secrets.token_urlsafe(48)
        file.write(key)
    return key


def setup_code() -> str:
    """The code the first-manager form asks for (hub.admin.users.setup_code of the cookie key,
    the same in every process of an install); web/start.py prints it in the server's log."""
    return users.setup_code(cookie_key())
