"""Admin › Users: the accounts, and the forms that add them and change their role or state."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd
import streamlit as st

from db.models import User, utcnow
from db.vocabulary import ROLES
from hub.admin import sign_in, users
from hub.i18n import LANGUAGES, N_, _, ngettext
from ui.database import cached, reading
from ui.format import label, moment_text
from ui.forms import form
from ui.widgets import choice_box

# The radio's options (stable across languages), their names, and what each one says when done.
ACTIONS = {"deactivate": users.deactivate, "reactivate": users.reactivate,
           "unlock": users.unlock}
ACTION_NAMES = {"deactivate": N_("Deactivate"), "reactivate": N_("Reactivate"),
                "unlock": N_("Unlock")}
ACTION_DONE = {"deactivate": N_("{username} is deactivated"),
               "reactivate": N_("{username} is active again"),
               "unlock": N_("{username} is unlocked")}


@dataclass(frozen=True)
class Account:
    username: str
    name: str
    email: str
    role: str
    language: str
    active: bool
    paused_at: int           # addresses where its username is paused after failed sign-ins
    last_login_at: datetime | None
    version: int


@cached(ttl=60)
def load_accounts() -> list[Account]:
    with reading() as session:
        paused = sign_in.paused_accounts(session, utcnow())
        return [Account(u.username, u.name, u.email, u.role, u.language, u.active,
                        paused.get(u.username, 0), u.last_login_at, u.version)
                for u in users.list_users(session)]


def _state(account: Account) -> str:
    if not account.active:
        return _("deactivated")
    if account.paused_at:
        return ngettext("active; sign-in paused at {count} address after failed attempts",
                        "active; sign-in paused at {count} addresses after failed attempts",
                        account.paused_at).format(count=account.paused_at)
    return _("active")


def _table(accounts: list[Account]) -> None:
    st.dataframe(pd.DataFrame([{
        _("Username"): a.username, _("Name"): a.name, _("Email"): a.email,
        _("Role"): label("role", a.role), _("Language"): LANGUAGES.get(a.language, a.language),
        _("State"): _state(a), _("Last sign-in"): moment_text(a.last_login_at)}
        for a in accounts]), hide_index=True, width="stretch")


def _role_names() -> dict[str, str]:
    """The roles' names, made during the run (a format_func may be called outside it)."""
    return {role: label("role", role) for role in ROLES}


def _add_form(user: User) -> None:
    with form("admin_add_user") as add:
        key = add.key
        st.markdown("**{}**".format(_("Add a user")))
        left, right = st.columns(2)
        username = left.text_input(_("Username"), key=key("admin_new_username"))
        name = right.text_input(_("Full name"), key=key("admin_new_name"))
        email = left.text_input(_("Email"), key=key("admin_new_email"))
        role = right.selectbox(_("Role"), ROLES, format_func=_role_names().get,
                               key=key("admin_new_role"))
        password = left.text_input(
            _("Password"), type="password", key=key("admin_new_password"),
            help=_("At least {count} characters.").format(count=users.MIN_PASSWORD_LENGTH))
        repeat = right.text_input(_("Repeat password"), type="password",
                                  key=key("admin_new_repeat"))
        if add.submitted(_("Add user"), type="primary") and add.save(
                users.add_user, actor=user, username=username, role=role, name=name,
                email=email, password=password, repeat=repeat) is not None:
            add.done(_("Added {username}").format(username=username.strip().lower()))


def _pick(accounts: list[Account], key: str, container=st) -> Account | None:
    """By user name (ui.widgets.choice_box): a name changed meanwhile keeps the choice."""
    chosen = choice_box(_("User"), {a.username: f"{a.username} — {a.name}" for a in accounts},
                        key=key, container=container)
    return next((a for a in accounts if a.username == chosen), None)


def _accounts_form(name: str, accounts: list[Account]):
    """A form over the accounts, carrying each one's version as drawn."""
    return form(name, versions={a.username: a.version for a in accounts})


def _role_form(user: User, accounts: list[Account]) -> None:
    with _accounts_form("admin_change_role", accounts) as change:
        st.markdown("**{}**".format(_("Change a role")))
        left, right = st.columns(2)
        account = _pick(accounts, change.key("admin_role_user"), left)
        role = right.selectbox(_("New role"), ROLES, format_func=_role_names().get,
                               key=change.key("admin_role_role"))
        if change.submitted(_("Change role")) and account and change.save(
                users.set_role, actor=user, username=account.username, role=role,
                version=change.version_of(account.username)) is not None:
            change.done(_("{username} is now {role}").format(username=account.username,
                                                             role=label("role", role)))


def _state_form(user: User, accounts: list[Account]) -> None:
    with _accounts_form("admin_account_state", accounts) as change:
        st.markdown("**{}**".format(_("Deactivate, reactivate or unlock")))
        left, right = st.columns(2)
        account = _pick(accounts, change.key("admin_state_user"), left)
        names = {name: _(words) for name, words in ACTION_NAMES.items()}
        action = right.radio(_("Action"), list(ACTIONS), horizontal=True, format_func=names.get,
                             key=change.key("admin_state_action"))
        if change.submitted(_("Apply")) and account and change.save(
                ACTIONS[action], actor=user, username=account.username,
                version=change.version_of(account.username)) is not None:
            change.done(_(ACTION_DONE[action]).format(username=account.username))


def _password_form(user: User, accounts: list[Account]) -> None:
    with _accounts_form("admin_reset_password", accounts) as reset:
        st.markdown("**{}**".format(_("Reset a password")))
        account = _pick(accounts, reset.key("admin_reset_user"))
        left, right = st.columns(2)
        password = left.text_input(_("New password"), type="password",
                                   key=reset.key("admin_reset_password"))
        repeat = right.text_input(_("Repeat new password"), type="password",
                                  key=reset.key("admin_reset_repeat"))
        if reset.submitted(_("Reset password")) and account and reset.save(
                users.reset_password, actor=user, username=account.username,
                password=password, repeat=repeat,
                version=reset.version_of(account.username)) is not None:
            reset.done(_("New password set for {username}; their sessions have ended").format(
                username=account.username))


def render(user: User) -> None:
    accounts = load_accounts()
    st.caption(_("The last active manager can be neither demoted nor deactivated. A new role "
                 "takes effect at the user's next click."))
    _table(accounts)
    _add_form(user)
    _role_form(user, accounts)
    _state_form(user, accounts)
    _password_form(user, accounts)
