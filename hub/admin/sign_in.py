"""Signing in: who may, the failures counted per username and address, and the bookkeeping of
a sign-in and a log-out.

streamlit-authenticator draws the form and checks the password against what `credentials`
gives it; the rules it cannot hold live here. Each refused sign-in is a row: the username as
typed (an account's or not: the answers never tell which) and the address it came from.

- PAUSE_AFTER failures with one username from one address within WINDOW pause that username at
  that address: even its right password is refused there, while it is still accepted from any
  other address (a stranger cannot lock the manager out of the manager's own browser);
- ADDRESS_LIMIT failures from one address within WINDOW, whatever the usernames, pause the
  address (one address cannot try name after name).

A pause lasts while that many failures lie within WINDOW. The right password clears its
username's failures at its address; a manager's unlock (hub/admin/users.py) clears them all.
A username with no account is counted, answered and timed like one with an account.
"""
from __future__ import annotations

import functools
import math
import secrets
from datetime import datetime, timedelta

import bcrypt
from sqlalchemy import delete, func, update
from sqlmodel import Session, select

from db.models import SignInFailure, User, utcnow
from hub.admin import users
from hub.i18n import _, ngettext

PAUSE_AFTER = 5
ADDRESS_LIMIT = 20
WINDOW = timedelta(minutes=15)
KEPT = timedelta(days=1)          # older failures are deleted as new ones come
FIELD_LENGTH = 64                 # of a stored username or address


# --- the work of a password check ----------------------------------------------------------

@functools.cache
def _unusable_hash(rounds: int) -> str:
    return bcrypt.hashpw(secrets.token_bytes(32), bcrypt.gensalt(rounds)).decode()


def unusable_hash() -> str:
    """A bcrypt hash of a secret nobody knows, as costly to check as a new password's: what
    the form checks for a username paused at this address."""
    return _unusable_hash(users.bcrypt_rounds())


def spend_a_password_check(password: str) -> None:
    """For a username with no account, the same work as checking a password (the
    authenticator would answer at once, and the time would tell the name is unknown)."""
    try:
        bcrypt.checkpw((password or "").encode(), unusable_hash().encode())
    except ValueError:  # over 72 bytes: bcrypt refuses at once, as for a real account
        pass


# --- pauses --------------------------------------------------------------------------------

def typed(username: str | None) -> str:
    """A username as the form compares it (the authenticator lowercases and strips it)."""
    return (username or "").strip().lower()[:FIELD_LENGTH]


def _recent(session: Session, now: datetime, **where: str) -> list[datetime]:
    query = select(SignInFailure.at).where(SignInFailure.at > now - WINDOW)
    for column, value in where.items():
        query = query.where(getattr(SignInFailure, column) == value[:FIELD_LENGTH])
    return sorted(session.exec(query))


def _until(failures: list[datetime], limit: int) -> datetime | None:
    """While `limit` failures lie within the window: until the limit-th newest is WINDOW old."""
    return failures[-limit] + WINDOW if len(failures) >= limit else None


def address_paused_until(session: Session, address: str,
                         now: datetime | None = None) -> datetime | None:
    return _until(_recent(session, now or utcnow(), address=address), ADDRESS_LIMIT)


def paused_usernames(session: Session, address: str, now: datetime | None = None) -> set[str]:
    """The usernames paused at `address` (not counting a pause of the whole address)."""
    query = (select(SignInFailure.username)
             .where(SignInFailure.address == address[:FIELD_LENGTH],
                    SignInFailure.at > (now or utcnow()) - WINDOW)
             .group_by(SignInFailure.username)
             .having(func.count() >= PAUSE_AFTER))
    return set(session.exec(query))


def paused_accounts(session: Session, now: datetime | None = None) -> dict[str, int]:
    """For Admin › Users: each username paused somewhere, and at how many addresses."""
    pairs = (select(SignInFailure.username, SignInFailure.address)
             .where(SignInFailure.at > (now or utcnow()) - WINDOW)
             .group_by(SignInFailure.username, SignInFailure.address)
             .having(func.count() >= PAUSE_AFTER))
    addresses: dict[str, int] = {}
    for username, _address in session.exec(pairs):
        addresses[username] = addresses.get(username, 0) + 1
    return addresses


def credentials(session: Session, *, address: str, now: datetime | None = None) -> dict:
    """The accounts in the shape streamlit-authenticator reads. A username paused at this
    address, or every one when the address is, gets the unusable hash: the form refuses even
    its right password, after the same work. A deactivated account keeps its own hash, so
    only whoever knows its password learns it is deactivated."""
    now = now or utcnow()
    everyone = address_paused_until(session, address, now) is not None
    paused = paused_usernames(session, address, now)
    accounts = {}
    for user in users.list_users(session):
        usable = not everyone and user.username not in paused
        accounts[user.username] = {
            "name": user.name, "email": user.email, "roles": [user.role],
            "password": user.password_hash if usable else unusable_hash()}
    return {"usernames": accounts}


# --- what a refused sign-in is told --------------------------------------------------------

def duration(minutes: int) -> str:
    return ngettext("{count} minute", "{count} minutes", minutes).format(count=minutes)


def _minutes_until(moment: datetime, now: datetime) -> int:
    return max(1, math.ceil((moment - now).total_seconds() / 60))


def failure_message(session: Session, *, username: str, address: str,
                    now: datetime | None = None) -> str:
    """What a refused sign-in with `username` from `address` is told, the failures counted:
    the same words whether or not the username has an account."""
    now = now or utcnow()
    until = address_paused_until(session, address, now)
    if until is not None:
        return _("too many failed sign-ins from this address; try again in {duration}").format(
            duration=duration(_minutes_until(until, now)))
    failures = _recent(session, now, username=typed(username), address=address)
    until = _until(failures, PAUSE_AFTER)
    if until is not None:
        return _("too many failed sign-ins with this username from this address; try again "
                 "in {duration}").format(duration=duration(_minutes_until(until, now)))
    left = PAUSE_AFTER - len(failures)
    return ngettext("username or password is incorrect; {count} more failure with this "
                    "username from this address pauses signing in with it here for "
                    "{duration}",
                    "username or password is incorrect; {count} more failures with this "
                    "username from this address pause signing in with it here for "
                    "{duration}", left).format(
        count=left, duration=duration(int(WINDOW.total_seconds() // 60)))


def sign_in_refusal(user: User) -> str | None:
    """Why an account whose password was right may not sign in, or None when it may."""
    if not user.active:
        return _("this account is deactivated; ask a manager to reactivate it")
    return None


# --- the bookkeeping -----------------------------------------------------------------------

def record_failed_sign_in(session: Session, *, username: str, address: str,
                          now: datetime | None = None) -> str:
    """Count a refused sign-in (username as typed, account or not); returns what it is told.
    A row per failure: two browsers failing at once are both counted, and no account row is
    touched, so a manager's edit of the account never turns stale over it."""
    now = now or utcnow()
    session.execute(delete(SignInFailure).where(SignInFailure.at < now - KEPT))
    session.add(SignInFailure(at=now, username=typed(username),
                              address=address[:FIELD_LENGTH]))
    session.flush()
    return failure_message(session, username=username, address=address, now=now)


def record_sign_in(session: Session, *, user: User, address: str,
                   now: datetime | None = None) -> User:
    """A sign-in accepted from `address`: its username's failures there are forgotten."""
    session.execute(delete(SignInFailure).where(SignInFailure.username == user.username,
                                                SignInFailure.address == address[:FIELD_LENGTH]))
    session.execute(update(User).where(User.id == user.id)
                    .values(last_login_at=now or utcnow())
                    .execution_options(synchronize_session=False))
    return user


def record_sign_out(session: Session, *, user_id: int, now: datetime | None = None) -> datetime:
    """Log out everywhere: cookies and sessions begun before now stop being accepted.
    Returns that moment."""
    now = now or utcnow()
    session.execute(update(User).where(User.id == user_id).values(sessions_valid_after=now)
                    .execution_options(synchronize_session=False))
    return now


def session_user(session: Session, username: str, signed_in_at: datetime) -> User | None:
    """The signed-in user as the database has them now, or None if they may no longer be in:
    gone, deactivated, or signed out (elsewhere) since `signed_in_at`."""
    user = users.find_user(session, username)
    if user is None or not user.active:
        return None
    if user.sessions_valid_after is not None and signed_in_at <= user.sessions_valid_after:
        return None
    return user
