"""The sign-in gate: first-manager form, streamlit-authenticator's log-in form, log-out.

streamlit-authenticator checks the password and keeps its sign-in cookie. What it does not do
reliably we do ourselves, against our user table, on every run: the account must still exist
and be active, the role comes from the database, failures are counted and lock the account,
and a cookie issued before the user last logged out (anywhere) is refused.
"""
from __future__ import annotations

import os
import secrets
from datetime import UTC, datetime, timedelta

import jwt
import streamlit as st
import extra_streamlit_components as stx
import streamlit_authenticator as stauth

from db.engine import data_dir
from db.models import User, utcnow
from hub.admin import users
from hub.i18n import _
from hub.words import label
from ui import language
from ui.database import reading, save
from ui.format import as_text

COOKIE_NAME = "bottega_sign_in"
COOKIE_DAYS = 7
MIN_KEY_LENGTH = 32
SIGNED_IN = "auth_user"          # username we accepted, in st.session_state
SIGNED_IN_AT = "auth_since"      # when we accepted it
NOTICE = "auth_notice"           # a message to show on the sign-in page after a forced log-out
COOKIE_TO_KEEP = "auth_cookie_to_keep"  # (token, expiry) of a form sign-in, set on every run
AUTHENTICATOR_KEYS = ("name", "username", "authentication_status", "email", "roles")


# --- the cookie key -------------------------------------------------------------------------

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


def _authenticator(credentials: dict) -> stauth.Authenticate:
    return stauth.Authenticate(credentials, COOKIE_NAME, cookie_key(), COOKIE_DAYS,
                               auto_hash=False, login_sleep_time=0)


# --- who is signed in -----------------------------------------------------------------------

def signed_in_user() -> User | None:
    """The signed-in user as the database has them now (role included), or None."""
    username = st.session_state.get(SIGNED_IN)
    if not username:
        return None
    with reading() as session:
        user = users.session_user(session, username, st.session_state[SIGNED_IN_AT])
    if user is None:
        _forget(_("You were signed out: your account was changed or you logged out "
                  "elsewhere."))
    return user


def _forget(notice: str | None = None) -> None:
    for key in (SIGNED_IN, SIGNED_IN_AT, COOKIE_TO_KEEP, *AUTHENTICATOR_KEYS):
        st.session_state[key] = None
    st.session_state["logout"] = True  # tells streamlit-authenticator to ignore the cookie
    if notice:
        st.session_state[NOTICE] = notice


def _accept(user: User) -> None:
    save(users.record_sign_in, user=user)
    st.session_state[SIGNED_IN] = user.username
    st.session_state[SIGNED_IN_AT] = utcnow()
    st.session_state.pop(NOTICE, None)


def _cookie_issued_at(username: str) -> datetime | None:
    """When the sign-in cookie for `username` was issued (its expiry minus its lifetime)."""
    token = st.context.cookies.get(COOKIE_NAME)
    try:
        claims = jwt.decode(token or "", cookie_key(), algorithms=["HS256"])
    except jwt.PyJWTError:
        return None
    if claims.get("username") != username:
        return None
    expires = datetime.fromtimestamp(float(claims["exp_date"]), UTC)
    return expires - timedelta(days=COOKIE_DAYS)


# --- the start page -------------------------------------------------------------------------

def sign_in_page() -> None:
    """What someone who is not signed in sees: the first-manager form or the log-in form."""
    with st.columns([1, 2, 1])[1]:
        _sign_in_column()


def _sign_in_column() -> None:
    language.sign_in_switch()
    st.title("Bottega")
    st.caption(_("The craft hub's dashboard: lab occupancy, tenants, courses and partners."))
    with reading() as session:
        if not users.has_users(session):
            first_manager_form()
            return
        credentials = users.credentials(session)
    if notice := st.session_state.get(NOTICE):
        st.info(as_text(notice))
    authenticator = _authenticator(credentials)
    _expire_old_cookie(authenticator)
    # The authenticator's form names itself in an h3: an h2 keeps the headings in order.
    st.header(_("Sign in"), anchor=False)
    authenticator.login(location="main", fields=language.sign_in_fields())
    status = st.session_state.get("authentication_status")
    if status:
        _after_authenticator_accepts(authenticator, credentials)
    elif status is False:
        st.error(_after_authenticator_refuses(credentials), icon=":material/lock:")


def _expire_old_cookie(authenticator: stauth.Authenticate) -> None:
    """After a log-out, tell the browser to drop the sign-in cookie. Done here, on the page
    that stays on screen, and on every run of it: the first run of the sign-in page is soon
    replaced by another (the cookie component's first report reruns it), and a deletion
    rendered only once was lost when that rerun came before the browser carried it out. The
    same component, key and arguments on each run: the browser acts on it once per page.
    (The server refuses that cookie anyway: it was issued before the log-out.)"""
    if st.session_state.get("logout") and st.context.cookies.get(COOKIE_NAME):
        authenticator.cookie_controller.cookie_model.cookie_manager.set(
            COOKIE_NAME, "", key="auth_expire_cookie", expires_at=datetime(1970, 1, 2))


def _after_authenticator_accepts(authenticator: stauth.Authenticate, credentials: dict) -> None:
    username = st.session_state["username"]
    # The authenticator records a count for a form sign-in; a cookie sign-in leaves none.
    by_form = "failed_login_attempts" in credentials["usernames"].get(username, {})
    with reading() as session:
        user = users.find_user(session, username)
        refusal = users.sign_in_refusal(user) if user else _("this account no longer exists")
        if not by_form and not refusal:
            issued = _cookie_issued_at(username)
            if issued is None or (user.sessions_valid_after and issued <= user.sessions_valid_after):
                refusal = _("your previous sign-in has ended; please sign in again")
    if refusal:
        authenticator.logout(location="unrendered")
        _forget(refusal[0].upper() + refusal[1:] + ".")
        st.rerun()
    _accept(user)
    if by_form:
        model = authenticator.cookie_controller.cookie_model
        st.session_state[COOKIE_TO_KEEP] = (
            jwt.encode({"username": username, "exp_date": model.exp_date}, cookie_key(),
                       algorithm="HS256"),
            datetime.fromtimestamp(model.exp_date))
    st.rerun()


def _after_authenticator_refuses(credentials: dict) -> str:
    tried = [name for name, account in credentials["usernames"].items()
             if account.get("failed_login_attempts")]
    if not tried:
        return _("Username or password is incorrect.")
    message = save(users.record_failed_sign_in, username=tried[0])
    message = message or _("username or password is incorrect")
    return message[0].upper() + message[1:] + "."


def first_manager_form() -> None:
    """A fresh install has no account: the first person creates the manager account."""
    st.header(_("Create the first manager account"), anchor=False)
    st.write(_("Nobody can sign in yet. The account you create here manages Bottega: users, "
               "spaces, rents, imports. You can add the rest of the team afterwards."))
    with st.form("first_manager", clear_on_submit=False):
        username = st.text_input(_("Username"), max_chars=32, key="first_manager_username")
        name = st.text_input(_("Full name"), max_chars=120, key="first_manager_name")
        email = st.text_input(_("Email"), max_chars=254, key="first_manager_email")
        password = st.text_input(_("Password"), type="password", key="first_manager_password",
                                 help=_("At least {count} characters.").format(
                                     count=users.MIN_PASSWORD_LENGTH))
        repeat = st.text_input(_("Repeat password"), type="password",
                               key="first_manager_repeat")
        submitted = st.form_submit_button(_("Create manager account"), type="primary")
    if submitted:
        created = save(users.create_first_manager, username=username, name=name, email=email,
                       password=password, repeat=repeat)
        if created:
            st.session_state[NOTICE] = _("Account {username} created. Sign in with it "
                                         "below.").format(username=created.username)
            st.rerun()


# --- the sidebar ----------------------------------------------------------------------------

def _keep_sign_in_cookie() -> None:
    """The authenticator asks the browser to store the sign-in cookie in the very run that
    signs in, and that run is replaced at once by the signed-in page: on a busy machine the
    browser never got to store it, and a reload asked to sign in again. So every signed-in
    run of this session asks again (the same component, key and token: nothing flickers)."""
    kept = st.session_state.get(COOKIE_TO_KEEP)
    if kept:
        token, expires_at = kept
        stx.CookieManager(key="auth_keep_cookies").set(
            COOKIE_NAME, token, key="auth_keep_cookie", expires_at=expires_at)


def sidebar(user: User) -> None:
    with st.sidebar:
        _keep_sign_in_cookie()
        st.markdown(f"**{as_text(user.name)}**")
        st.caption(_("{role} · signed in as {username}").format(
            role=label("role", user.role).capitalize(), username=as_text(user.username)))
        language.sidebar_switch(user)
        if st.button(_("Log out"), key="auth_log_out", icon=":material/logout:"):
            log_out(user)


def log_out(user: User) -> None:
    save(users.record_sign_out, user_id=user.id)
    _authenticator({"usernames": {}}).logout(location="unrendered")
    _forget(_("You have logged out."))
    st.rerun()

