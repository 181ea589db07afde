"""People who sign in: accounts, roles, passwords, and the sign-in bookkeeping.

streamlit-authenticator draws the log-in form and checks the password; the rules it cannot
hold live here: the lockout after repeated failures, the active flag, the role taken from the
database on every run, and revoking sign-in cookies at log-out.
"""
from __future__ import annotations

import math
import os
import re
import secrets
from datetime import datetime, timedelta

import bcrypt
from sqlalchemy import func, update
from sqlmodel import Session, select

from db.models import User, utcnow
from db.vocabulary import ROLES
from hub.checks import check_email, visible
from hub.errors import Forbidden, Invalid
from hub.i18n import LANGUAGES, _, default_language, ngettext
from hub.records import load_for_edit, record, save_changes
from hub.roles import require_role

LOCK_AFTER_FAILURES = 5
LOCK_DURATION = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_BYTES = 72  # bcrypt reads no further
USERNAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{2,31}")

# A real bcrypt hash of a random secret nobody knows (cheap rounds: it is never meant to match).
UNUSABLE_HASH = bcrypt.hashpw(secrets.token_bytes(32), bcrypt.gensalt(4)).decode()

# The command line acts as a manager: whoever runs it already holds the server.
COMMAND_LINE = User(id=None, username="cli", name="Command line", email="", password_hash="",
                    role="manager", active=True)


# --- validation -----------------------------------------------------------------------------

def normalise_username(username: str) -> str:
    username = visible((username or "").strip().lower(), "username")
    if not USERNAME_PATTERN.fullmatch(username):
        raise Invalid("username", _("username must be 3 to 32 characters: letters, digits, "
                                    "dot, dash or underscore, starting with a letter or digit"))
    return username


def check_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise Invalid("name", _("name is required"))
    if len(name) > 120:
        raise Invalid("name", _("name is longer than {limit} characters").format(limit=120))
    return name


def check_role(role: str) -> str:
    if role not in ROLES:
        raise Invalid("role", _("role '{role}' is unknown; choose one of {roles}").format(
            role=role, roles=", ".join(ROLES)))
    return role


def check_password(password: str, repeat: str | None = None) -> str:
    password = password or ""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise Invalid("password", _("password must be at least {count} characters").format(
            count=MIN_PASSWORD_LENGTH))
    if len(password.encode()) > MAX_PASSWORD_BYTES:
        raise Invalid("password", _("password must be at most {count} bytes").format(
            count=MAX_PASSWORD_BYTES))
    if password != password.strip():
        raise Invalid("password", _("password must not begin or end with a space"))
    if repeat is not None and repeat != password:
        raise Invalid("repeat password", _("the two passwords do not match"))
    return password


def hash_password(password: str) -> str:
    # BOTTEGA_BCRYPT_ROUNDS lets the test suite hash cheaply; never below bcrypt's minimum.
    rounds = max(4, min(16, int(os.environ.get("BOTTEGA_BCRYPT_ROUNDS") or 12)))
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds)).decode()


# --- reading --------------------------------------------------------------------------------

def find_user(session: Session, username: str) -> User | None:
    return session.exec(select(User).where(User.username == (username or "").strip().lower())
                        ).first()


def list_users(session: Session) -> list[User]:
    return list(session.exec(select(User).order_by(User.username)))


def has_users(session: Session) -> bool:
    return session.exec(select(User.id).limit(1)).first() is not None


def _existing(session: Session, username: str) -> User:
    user = find_user(session, username)
    if user is None:
        raise Invalid("username", _("there is no user '{username}'").format(username=username))
    return user


def _for_edit(session: Session, username: str, version: int | None) -> User:
    user = _existing(session, username)
    return load_for_edit(session, User, user.id, version, _account(user))


def _account(user: User) -> str:
    """How a stale-edit refusal names the account."""
    return _("user {username}").format(username=user.username)


def _keep_a_manager(session: Session, user: User, change: str) -> None:
    """The hub must always keep one active manager, or nobody could administer it.
    `change` is "demoted" or "deactivated"."""
    if user.role != "manager" or not user.active:
        return
    others = session.exec(select(func.count()).select_from(User).where(
        User.role == "manager", User.active, User.id != user.id)).one()
    if others == 0 and change == "demoted":
        raise Invalid("role", _("{username} is the last active manager and cannot be demoted; "
                                "make someone else a manager first").format(
            username=user.username))
    if others == 0:
        raise Invalid("role", _("{username} is the last active manager and cannot be "
                                "deactivated; make someone else a manager first").format(
            username=user.username))


# --- writing --------------------------------------------------------------------------------

def _new_user(session: Session, *, actor: User, username: str, role: str, name: str,
              email: str, password: str, repeat: str | None,
              language: str | None = None) -> User:
    username = normalise_username(username)
    user = User(username=username, role=check_role(role), name=check_name(name),
                email=check_email(email), language=check_language(language),
                password_hash=hash_password(check_password(password, repeat)))
    if find_user(session, username) is not None:
        raise Invalid("username", _("username '{username}' is already taken").format(
            username=username))
    session.add(user)
    record(session, actor, "create", user)
    return user


def create_first_manager(session: Session, *, username: str, name: str, email: str,
                         password: str, repeat: str) -> User:
    """The very first account, made from the start page of an empty install."""
    if has_users(session):
        raise Forbidden(_("a manager account already exists; sign in instead"))
    founder = User(id=None, username=normalise_username(username), name="First start",
                   email="", password_hash="", role="manager", active=True)
    return _new_user(session, actor=founder, username=username, role="manager", name=name,
                     email=email, password=password, repeat=repeat)


def add_user(session: Session, *, actor: User, username: str, role: str, name: str,
             email: str, password: str, repeat: str | None = None,
             language: str | None = None) -> User:
    """A new account; its language is `language`, or BOTTEGA_LANGUAGE's when not given."""
    require_role(actor, "manager")
    return _new_user(session, actor=actor, username=username, role=role, name=name,
                     email=email, password=password, repeat=repeat, language=language)


def set_role(session: Session, *, actor: User, username: str, role: str,
             version: int | None = None) -> User:
    require_role(actor, "manager")
    user = _for_edit(session, username, version)
    if check_role(role) != "manager":
        _keep_a_manager(session, user, "demoted")
    save_changes(session, actor=actor, row=user, values={"role": role},
                 what=_account(user))
    return user


def deactivate(session: Session, *, actor: User, username: str,
               version: int | None = None) -> User:
    require_role(actor, "manager")
    user = _for_edit(session, username, version)
    _keep_a_manager(session, user, "deactivated")
    save_changes(session, actor=actor, row=user, action="deactivate",
                 values={"active": False, "sessions_valid_after": utcnow()},
                 what=_account(user))
    return user


def reactivate(session: Session, *, actor: User, username: str,
               version: int | None = None) -> User:
    require_role(actor, "manager")
    user = _for_edit(session, username, version)
    save_changes(session, actor=actor, row=user, action="reactivate", values={"active": True},
                 what=_account(user))
    return user


def check_language(language: str | None) -> str:
    """One of LANGUAGES; BOTTEGA_LANGUAGE's (else English) when None."""
    if language is None:
        return default_language()
    if language not in LANGUAGES:
        raise Invalid("language", _("language '{language}' is unknown; choose one of "
                                    "{languages}").format(language=language,
                                                          languages=", ".join(LANGUAGES)))
    return language


def set_language(session: Session, *, actor: User, language: str) -> User:
    """What the screens speak to the signed-in user: their own choice, whatever their role."""
    language = check_language(language or "")
    user = _existing(session, actor.username)
    if not (actor.active and user.active):
        raise Forbidden(_("this account is deactivated"))
    if user.language != language:
        record(session, actor, "update", user, {"language": [user.language, language]})
        user.language = language
    return user


def unlock(session: Session, *, actor: User, username: str, version: int | None = None) -> User:
    require_role(actor, "manager")
    user = _for_edit(session, username, version)
    save_changes(session, actor=actor, row=user, action="unlock",
                 values={"failed_logins": 0, "locked_until": None}, what=_account(user))
    return user


def reset_password(session: Session, *, actor: User, username: str, password: str,
                   repeat: str | None = None, version: int | None = None) -> User:
    require_role(actor, "manager")
    user = _for_edit(session, username, version)
    save_changes(session, actor=actor, row=user, action="reset_password", values={
        "password_hash": hash_password(check_password(password, repeat)),
        "failed_logins": 0, "locked_until": None, "sessions_valid_after": utcnow()},
        what=_account(user))
    return user


# --- signing in -----------------------------------------------------------------------------

def _minutes_left(until: datetime, now: datetime) -> int:
    return max(1, math.ceil((until - now).total_seconds() / 60))


def sign_in_refusal(user: User, now: datetime | None = None) -> str | None:
    """Why this account may not sign in now, or None when it may."""
    now = now or utcnow()
    if not user.active:
        return _("this account is deactivated; ask a manager to reactivate it")
    if user.locked_until is not None and user.locked_until > now:
        left = _minutes_left(user.locked_until, now)
        return ngettext("this account is locked for {lock} minutes after {failures} failed "
                        "sign-ins; try again in {left} minute(s) or ask a manager to unlock it",
                        "this account is locked for {lock} minutes after {failures} failed "
                        "sign-ins; try again in {left} minute(s) or ask a manager to unlock it",
                        left).format(lock=LOCK_DURATION.seconds // 60,
                                     failures=LOCK_AFTER_FAILURES, left=left)
    return None


def record_failed_sign_in(session: Session, username: str, now: datetime | None = None) -> str:
    """Count a wrong password; the fifth in a row locks the account. Returns the message."""
    now = now or utcnow()
    user = find_user(session, username)
    if user is None:
        return _("username or password is incorrect")
    refusal = sign_in_refusal(user, now)
    if refusal:
        return refusal
    # One atomic UPDATE, so failures counted by two browsers at once are both counted; the
    # version is left alone: bookkeeping must not make a manager's edit of the account stale.
    session.execute(update(User).where(User.id == user.id)
                    .values(failed_logins=User.failed_logins + 1)
                    .execution_options(synchronize_session=False))
    failures = session.exec(select(User.failed_logins).where(User.id == user.id)).one()
    if failures >= LOCK_AFTER_FAILURES:
        session.execute(update(User).where(User.id == user.id)
                        .values(locked_until=now + LOCK_DURATION, failed_logins=0)
                        .execution_options(synchronize_session=False))
        record(session, user, "lock", user,
               {"locked_until": [None, (now + LOCK_DURATION).isoformat()]})
        return _("username or password is incorrect; after {failures} failed sign-ins this "
                 "account is locked for {lock} minutes").format(
            failures=LOCK_AFTER_FAILURES, lock=LOCK_DURATION.seconds // 60)
    left = LOCK_AFTER_FAILURES - failures
    return ngettext("username or password is incorrect ({left} attempt(s) left before the "
                    "account is locked for {lock} minutes)",
                    "username or password is incorrect ({left} attempt(s) left before the "
                    "account is locked for {lock} minutes)", left).format(
        left=left, lock=LOCK_DURATION.seconds // 60)



def record_sign_in(session: Session, user: User, now: datetime | None = None) -> None:
    session.execute(update(User).where(User.id == user.id)
                    .values(failed_logins=0, locked_until=None, last_login_at=now or utcnow())
                    .execution_options(synchronize_session=False))


def record_sign_out(session: Session, user_id: int, now: datetime | None = None) -> None:
    """Log out everywhere: cookies and sessions begun before now stop being accepted."""
    session.execute(update(User).where(User.id == user_id)
                    .values(sessions_valid_after=now or utcnow())
                    .execution_options(synchronize_session=False))


def session_user(session: Session, username: str, signed_in_at: datetime) -> User | None:
    """The signed-in user as the database has them now, or None if they may no longer be in:
    gone, deactivated, or signed out (elsewhere) since `signed_in_at`."""
    user = find_user(session, username)
    if user is None or not user.active:
        return None
    if user.sessions_valid_after is not None and signed_in_at <= user.sessions_valid_after:
        return None
    return user


def credentials(session: Session) -> dict:
    """The users in the shape streamlit-authenticator reads. An account that may not sign in
    now gets an unusable hash, so the form fails it and our own message explains why."""
    now = utcnow()
    accounts = {}
    for user in list_users(session):
        usable = sign_in_refusal(user, now) is None
        accounts[user.username] = {
            "name": user.name, "email": user.email, "roles": [user.role],
            "password": user.password_hash if usable else UNUSABLE_HASH}
    return {"usernames": accounts}

