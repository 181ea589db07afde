"""People who sign in: accounts, roles, passwords, and the first manager's setup code.

Signing in itself (the failures counted per username and address, the pauses, the sign-in
and log-out bookkeeping) lives in hub/admin/sign_in.py.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import re

import bcrypt
from sqlalchemy import delete, func
from sqlmodel import Session, select

from db.models import SignInFailure, User, utcnow
from db.vocabulary import ROLES
from hub.checks import check_email, visible
from hub.errors import Forbidden, Invalid
from hub.i18n import LANGUAGES, _, default_language
from hub.records import load_for_edit, record, save_changes
from hub.roles import require_role

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_BYTES = 72  # bcrypt reads no further
USERNAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{2,31}")
# The first manager's setup code: 12 letters and digits nobody misreads, in three groups.
SETUP_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

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


def bcrypt_rounds() -> int:
    # BOTTEGA_BCRYPT_ROUNDS lets the test suite hash cheaply; never below bcrypt's minimum.
    return max(4, min(16, int(os.environ.get("BOTTEGA_BCRYPT_ROUNDS") or 12)))


def hash_password(password: str) -> str:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(bcrypt_rounds())).decode()


def setup_code(secret: str) -> str:
    """The code the first-manager form asks for, derived from a server secret (the cookie key:
    every process of one install has it and prints the same code); it opens nothing once an
    account exists."""
    digest = hmac.new(secret.encode(), b"bottega: the first manager", hashlib.sha256).digest()
    letters = "".join(SETUP_CODE_ALPHABET[byte % len(SETUP_CODE_ALPHABET)]
                      for byte in digest[:12])
    return "-".join(letters[start:start + 4] for start in range(0, 12, 4))


def _same_code(given: str, expected: str) -> bool:
    def plain(code: str) -> str:
        return re.sub(r"[\s-]", "", code or "").upper()
    return bool(expected) and hmac.compare_digest(plain(given).encode(), plain(expected).encode())


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
                         password: str, repeat: str, setup_code: str,
                         expected_code: str) -> User:
    """The very first account, made from the start page of an empty install by whoever holds
    the setup code the server printed in its log (`expected_code`): not by whoever comes first."""
    if has_users(session):
        raise Forbidden(_("a manager account already exists; sign in instead"))
    if not _same_code(setup_code, expected_code):
        raise Invalid("setup code", _("this is not the setup code the server printed in its "
                                      "log when it started"))
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


def _forget_failures(session: Session, user: User) -> int:
    """Lift every pause of the account's username (hub/admin/sign_in.py), at every address."""
    return session.execute(delete(SignInFailure).where(SignInFailure.username == user.username)
                           ).rowcount or 0


def unlock(session: Session, *, actor: User, username: str, version: int | None = None) -> User:
    """Forget the username's failed sign-ins everywhere: its pauses end at once."""
    require_role(actor, "manager")
    user = _for_edit(session, username, version)
    forgotten = _forget_failures(session, user)
    record(session, actor, "unlock", user, {"failed_sign_ins": [forgotten, 0]})
    return user


def reset_password(session: Session, *, actor: User, username: str, password: str,
                   repeat: str | None = None, version: int | None = None) -> User:
    require_role(actor, "manager")
    user = _for_edit(session, username, version)
    save_changes(session, actor=actor, row=user, action="reset_password", values={
        "password_hash": hash_password(check_password(password, repeat)),
        "sessions_valid_after": utcnow()}, what=_account(user))
    _forget_failures(session, user)
    return user
