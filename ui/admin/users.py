"""Admin › Users: the accounts, and the forms that add them and change their role or state."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd
import streamlit as st

from db.models import User, utcnow
from db.vocabulary import ROLES
from hub.admin import users
from hub.roles import ROLE_LABELS
from ui.database import cached, reading, save
from ui.format import moment
from ui.widgets import flash

ACTIONS = {"Deactivate": users.deactivate, "Reactivate": users.reactivate,
           "Unlock": users.unlock}


@dataclass(frozen=True)
class Account:
    username: str
    name: str
    email: str
    role: str
    active: bool
    locked_until: datetime | None
    last_login_at: datetime | None
    version: int


@cached(ttl=60)
def load_accounts() -> list[Account]:
    with reading() as session:
        return [Account(u.username, u.name, u.email, u.role, u.active, u.locked_until,
                        u.last_login_at, u.version) for u in users.list_users(session)]


def _state(account: Account, now: datetime) -> str:
    if not account.active:
        return "deactivated"
    if account.locked_until and account.locked_until > now:
        return f"locked until {moment(account.locked_until)}"
    return "active"


def _table(accounts: list[Account]) -> None:
    now = utcnow()
    st.dataframe(pd.DataFrame([{
        "Username": a.username, "Name": a.name, "Email": a.email,
        "Role": ROLE_LABELS.get(a.role, a.role), "State": _state(a, now),
        "Last sign-in": moment(a.last_login_at)} for a in accounts]),
        hide_index=True, width="stretch")


def _done(result, message: str) -> None:
    if result is not None:
        flash(message)
        st.rerun()


def _add_form(user: User) -> None:
    with st.form("admin_add_user", clear_on_submit=False):
        st.markdown("**Add a user**")
        left, right = st.columns(2)
        username = left.text_input("Username", key="admin_new_username")
        name = right.text_input("Full name", key="admin_new_name")
        email = left.text_input("Email", key="admin_new_email")
        role = right.selectbox("Role", ROLES, format_func=ROLE_LABELS.get, key="admin_new_role")
        password = left.text_input("Password", type="password", key="admin_new_password",
                                   help=f"At least {users.MIN_PASSWORD_LENGTH} characters.")
        repeat = right.text_input("Repeat password", type="password", key="admin_new_repeat")
        if st.form_submit_button("Add user", type="primary"):
            _done(save(users.add_user, actor=user, username=username, role=role, name=name,
                       email=email, password=password, repeat=repeat),
                  f"Added {username.strip().lower()}")


def _pick(accounts: list[Account], key: str, container=st) -> Account:
    return container.selectbox("User", accounts, key=key,
                               format_func=lambda a: f"{a.username} — {a.name}")


def _role_form(user: User, accounts: list[Account]) -> None:
    with st.form("admin_change_role"):
        st.markdown("**Change a role**")
        left, right = st.columns(2)
        account = _pick(accounts, "admin_role_user", left)
        role = right.selectbox("New role", ROLES, format_func=ROLE_LABELS.get,
                               key="admin_role_role")
        if st.form_submit_button("Change role"):
            _done(save(users.set_role, actor=user, username=account.username, role=role,
                       version=account.version), f"{account.username} is now {role}")


def _state_form(user: User, accounts: list[Account]) -> None:
    with st.form("admin_account_state"):
        st.markdown("**Deactivate, reactivate or unlock**")
        left, right = st.columns(2)
        account = _pick(accounts, "admin_state_user", left)
        action = right.radio("Action", list(ACTIONS), horizontal=True, key="admin_state_action")
        if st.form_submit_button("Apply"):
            _done(save(ACTIONS[action], actor=user, username=account.username,
                       version=account.version), f"{action}: {account.username} — done")


def _password_form(user: User, accounts: list[Account]) -> None:
    with st.form("admin_reset_password", clear_on_submit=True):
        st.markdown("**Reset a password**")
        account = _pick(accounts, "admin_reset_user")
        left, right = st.columns(2)
        password = left.text_input("New password", type="password", key="admin_reset_password")
        repeat = right.text_input("Repeat new password", type="password",
                                  key="admin_reset_repeat")
        if st.form_submit_button("Reset password"):
            _done(save(users.reset_password, actor=user, username=account.username,
                       password=password, repeat=repeat, version=account.version),
                  f"New password set for {account.username}; their sessions have ended")


def render(user: User) -> None:
    accounts = load_accounts()
    st.caption("The last active manager can be neither demoted nor deactivated. A new role "
               "takes effect at the user's next click.")
    _table(accounts)
    _add_form(user)
    _role_form(user, accounts)
    _state_form(user, accounts)
    _password_form(user, accounts)
