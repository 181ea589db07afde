"""The sign-in gate: first-manager form, streamlit-authenticator's log-in form, log-out.

streamlit-authenticator draws the form, checks the password against what
hub/admin/sign_in.py's `credentials` give it, and signs in again with the sign-in cookie. What
it does not do we do ourselves, against our tables, on every run: the account must still
exist and be active, the role comes from the database, failures are counted per username and
browser address (ui/sign_in/client.py) and pause that username there, a cookie issued before the user
last logged out (anywhere) is refused, and the cookie itself is set by the server, HttpOnly
(ui/sign_in/cookie.py). A sign-in or log-out whose write fails is not reported as done.
"""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import jwt
import streamlit as st
import streamlit_authenticator as stauth

from db.models import User, utcnow
from hub.admin import sign_in, users
from hub.i18n import _
from hub.words import label
from ui import language
from ui.sign_in import client
from ui.sign_in import cookie
from web.keys import cookie_key, setup_code
from ui.forms import form
from ui.database import attempt, reading
from ui.format import as_text

COOKIE_NAME = cookie.NAME
COOKIE_DAYS = 7
SIGNED_IN = "auth_user"          # username we accepted, in st.session_state
SIGNED_IN_AT = "auth_since"      # when we accepted it
NOTICE = "auth_notice"           # a message to show on the sign-in page after a forced log-out
REFUSAL = "auth_refusal"         # what the last refused sign-in was told (shown until the next)
TRIED = "auth_tried"             # the username the form was submitted with, in this run
COOKIE_TICKET = "auth_cookie_ticket"  # the ticket that makes the browser keep the cookie
DROP_TICKET = "auth_drop_ticket"      # the one that makes it drop the cookie, after a log-out
AUTHENTICATOR_KEYS = ("name", "username", "authentication_status", "email", "roles")
# The authenticator's form heading, given no text (language.sign_in_fields): not drawn at all.
HIDE_EMPTY_FORM_HEADING = ("[data-testid='stForm'] [data-testid='stElementContainer']"
                           ":has(h3 > span[data-heading-text]:empty) { display: none; }")


def _authenticator(credentials: dict) -> stauth.Authenticate:
    # A cookie lifetime of 0: the authenticator writes no cookie of its own from JavaScript
    # (ui/sign_in/cookie.py sets ours, HttpOnly); it still signs in with ours.
    return stauth.Authenticate(credentials, COOKIE_NAME, cookie_key(), 0,
                               auto_hash=False, login_sleep_time=0)


def _watch_attempts(authenticator: stauth.Authenticate, accounts: dict) -> None:
    """Note the username the form is submitted with (an account's or not), and give a name
    with no account the same bcrypt work as one with an account: the authenticator would
    refuse it at once, and the time would tell which names exist."""
    controller = authenticator.authentication_controller
    login = controller.login

    def watched(username=None, password=None, *args, **kwargs):
        if username:
            st.session_state[TRIED] = sign_in.typed(username)
            # The name the authenticator will look up (it lowercases only with a password).
            if (username.lower().strip() if password else username) not in accounts:
                sign_in.spend_a_password_check(password or "")
        return login(username, password, *args, **kwargs)

    controller.login = watched


# --- who is signed in -----------------------------------------------------------------------

def signed_in_user() -> User | None:
    """The signed-in user as the database has them now (role included), or None."""
    username = st.session_state.get(SIGNED_IN)
    if not username:
        return None
    with reading() as session:
        user = sign_in.session_user(session, username, st.session_state[SIGNED_IN_AT])
    if user is None:
        _forget(_("You were signed out: your account was changed or you logged out "
                  "elsewhere."))
    return user


def _forget(notice: str | None = None, *, drop_cookie: bool = True) -> None:
    """Nobody is signed in in this session any more; with `drop_cookie`, the browser is asked
    to drop its sign-in cookie too (ui/sign_in/cookie.py)."""
    for key in (SIGNED_IN, SIGNED_IN_AT, COOKIE_TICKET, REFUSAL, *AUTHENTICATOR_KEYS):
        st.session_state[key] = None
    st.session_state["logout"] = True  # tells streamlit-authenticator to ignore the cookie
    if drop_cookie:
        st.session_state[DROP_TICKET] = cookie.issue(cookie.drop(), client.address())
    if notice:
        st.session_state[NOTICE] = notice


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


def _cookie_ticket(username: str) -> str:
    """A ticket that makes the browser keep a sign-in cookie for `username`."""
    expires = datetime.now(UTC) + timedelta(days=COOKIE_DAYS)
    token = jwt.encode({"username": username, "exp_date": expires.timestamp()}, cookie_key(),
                       algorithm="HS256")
    return cookie.issue(cookie.keep(token, expires), client.address())


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
        credentials = sign_in.credentials(session, address=client.address())
    if notice := st.session_state.get(NOTICE):
        st.info(as_text(notice))
    _drop_old_cookie()
    authenticator = _authenticator(credentials)
    # One heading: ours, an h2 after the h1; the authenticator's own (an h3 it draws inside
    # its form) gets no text and is hidden.
    st.header(_("Sign in"), anchor=False)
    st.html(f"<style>{HIDE_EMPTY_FORM_HEADING}</style>")
    st.session_state.pop(TRIED, None)
    _watch_attempts(authenticator, credentials["usernames"])
    authenticator.login(location="main", fields=language.sign_in_fields())
    tried = st.session_state.pop(TRIED, None)
    status = st.session_state.get("authentication_status")
    if status:
        _after_authenticator_accepts(authenticator, by_form=tried is not None)
    elif status is False and tried is not None:
        st.session_state[REFUSAL] = _after_authenticator_refuses(tried)
    if refusal := st.session_state.get(REFUSAL):
        st.error(refusal, icon=":material/lock:")


def _drop_old_cookie() -> None:
    """After a log-out (or a refused cookie), the image that makes the browser drop the
    sign-in cookie; drawn on every run while its ticket lasts, since the first run of the
    sign-in page is soon replaced by another (the cookie component's first report reruns it)."""
    ticket = st.session_state.get(DROP_TICKET)
    if cookie.pending(ticket):
        cookie.show(ticket)


def _after_authenticator_accepts(authenticator: stauth.Authenticate, *, by_form: bool) -> None:
    username = st.session_state["username"]
    with reading() as session:
        user = users.find_user(session, username)
        refusal = sign_in.sign_in_refusal(user) if user else _("this account no longer exists")
        if not by_form and not refusal:
            issued = _cookie_issued_at(username)
            if issued is None or (user.sessions_valid_after and issued <= user.sessions_valid_after):
                refusal = _("your previous sign-in has ended; please sign in again")
    if refusal:
        authenticator.logout(location="unrendered")
        _forget(refusal[0].upper() + refusal[1:] + ".")
        st.rerun()
    recorded = attempt(sign_in.record_sign_in, user=user, address=client.address())
    if recorded.problem is not None:
        # Not signed in: the sign-in was not recorded. The cookie stays: it is still good.
        authenticator.logout(location="unrendered")
        _forget(drop_cookie=False)
        st.session_state[REFUSAL] = recorded.problem
        st.rerun()
    st.session_state[SIGNED_IN] = user.username
    st.session_state[SIGNED_IN_AT] = utcnow()
    st.session_state.pop(NOTICE, None)
    st.session_state.pop(REFUSAL, None)
    if by_form:
        st.session_state[COOKIE_TICKET] = _cookie_ticket(username)
    st.rerun()


def _after_authenticator_refuses(username: str) -> str:
    """Count the failure; what the person is told (the same for any username)."""
    counted = attempt(sign_in.record_failed_sign_in, username=username,
                      address=client.address())
    if counted.problem is not None:
        return counted.problem
    return counted.result[0].upper() + counted.result[1:] + "."


def first_manager_form() -> None:
    """A fresh install has no account: whoever holds the setup code the server printed in its
    log creates the manager account."""
    st.header(_("Create the first manager account"), anchor=False)
    st.write(_("Nobody can sign in yet. The account you create here manages Bottega: users, "
               "spaces, rents, imports. You can add the rest of the team afterwards."))
    with form("first_manager") as first:
        key = first.key
        code = st.text_input(_("Setup code"), max_chars=20, key=key("first_manager_code"),
                             help=_("The server printed it in its log when it started, on "
                                    "the line that begins with “Bottega setup code”."))
        username = st.text_input(_("Username"), max_chars=32, key=key("first_manager_username"))
        name = st.text_input(_("Full name"), max_chars=120, key=key("first_manager_name"))
        email = st.text_input(_("Email"), max_chars=254, key=key("first_manager_email"))
        password = st.text_input(_("Password"), type="password",
                                 key=key("first_manager_password"),
                                 help=_("At least {count} characters.").format(
                                     count=users.MIN_PASSWORD_LENGTH))
        repeat = st.text_input(_("Repeat password"), type="password",
                               key=key("first_manager_repeat"))
        if not first.submitted(_("Create manager account"), type="primary"):
            return
        created = first.save(users.create_first_manager, username=username, name=name,
                             email=email, password=password, repeat=repeat, setup_code=code,
                             expected_code=setup_code())
        if created:
            st.session_state[NOTICE] = _("Account {username} created. Sign in with it "
                                         "below.").format(username=created.username)
            st.rerun()


# --- the sidebar ----------------------------------------------------------------------------

def _keep_sign_in_cookie() -> None:
    """The run that signs in is replaced at once by the signed-in page: on a busy machine the
    browser never got to load the cookie's image, and a reload asked to sign in again. So
    every signed-in run of this session draws it while its ticket lasts (the same element:
    the browser asks once)."""
    ticket = st.session_state.get(COOKIE_TICKET)
    if cookie.pending(ticket):
        cookie.show(ticket)


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
    """End the user's sign-ins everywhere; if that cannot be recorded, they are told so and
    stay signed in (their cookies would still be accepted)."""
    recorded = attempt(sign_in.record_sign_out, user_id=user.id)
    if recorded.problem is not None:
        st.error(_("You are still signed in: your log-out could not be recorded.") + " "
                 + recorded.problem, icon=":material/report:")
        return
    _authenticator({"usernames": {}}).logout(location="unrendered")
    _forget(_("You have logged out."))
    st.rerun()
