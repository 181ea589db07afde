"""The language on screen: the signed-in user's (kept in the database, chosen in the sidebar,
applied at once); before sign-in the sign-in page's switch, starting at BOTTEGA_LANGUAGE."""
from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from db.models import User
from hub import i18n
from hub.admin import users
from hub.i18n import _
from ui.database import save

KEY = "bottega_language"        # this session's language, in st.session_state
SIDEBAR_KEY = "sidebar_language"
SIGN_IN_KEY = "sign_in_language"
# streamlit-authenticator's form: in English its own default labels, in Italian Italian ones.
# No form name: the sign-in page's own heading names it (ui/sign_in/auth.py).
SIGN_IN_FIELDS = {"en": {"Form name": "", "Username": "Username", "Password": "Password",
                         "Login": "Login", "Captcha": "Captcha"},
                  "it": {"Form name": "", "Username": "Nome utente", "Password": "Password",
                         "Login": "Accedi", "Captcha": "Captcha"}}


def _this_run() -> str | None:
    if get_script_run_ctx(suppress_warning=True) is None:
        return None
    return st.session_state.get(KEY)


i18n.find_language_with(_this_run)


def follow(user: User) -> None:
    """Every signed-in run speaks the user's language as the database has it now."""
    st.session_state[KEY] = user.language


def mark_page() -> None:
    """<html lang> follows the reader's language (WCAG 3.1.1: a screen reader then reads
    Italian with an Italian voice). The code is one of LANGUAGES' keys, never user text."""
    st.html(f"<script>document.documentElement.lang = {i18n.language()!r};</script>",
            unsafe_allow_javascript=True, width="content")


def sign_in_fields() -> dict[str, str]:
    return SIGN_IN_FIELDS.get(i18n.language(), SIGN_IN_FIELDS["en"])


def sign_in_switch() -> None:
    """A visible switch on the sign-in page, in both languages' own names."""
    st.session_state.setdefault(KEY, i18n.default_language())
    st.session_state[SIGN_IN_KEY] = st.session_state[KEY]
    st.segmented_control("Language · Lingua", list(i18n.LANGUAGES), key=SIGN_IN_KEY,
                         format_func=i18n.LANGUAGES.get, on_change=_signed_out_choice)
    mark_page()


def _signed_out_choice() -> None:
    chosen = st.session_state.get(SIGN_IN_KEY)
    if chosen in i18n.LANGUAGES:  # a click on the chosen segment clears it: keep the language
        st.session_state[KEY] = chosen


def sidebar_switch(user: User) -> None:
    st.session_state[SIDEBAR_KEY] = user.language
    st.selectbox(_("Language"), list(i18n.LANGUAGES), key=SIDEBAR_KEY,
                 format_func=i18n.LANGUAGES.get, on_change=_signed_in_choice, args=(user,),
                 help=_("What Bottega speaks to you: kept with your account."))
    mark_page()


def _signed_in_choice(user: User) -> None:
    chosen = st.session_state.get(SIDEBAR_KEY)
    if save(users.set_language, actor=user, language=chosen) is not None:
        st.session_state[KEY] = chosen
