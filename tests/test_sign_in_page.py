"""The sign-in page through AppTest: failures counted per username and browser address (a
stranger's do not keep the manager out of their own browser), the same answer and the same
password work for a name without an account, one heading for the form, the sign-in cookie set
by the server, and sign-in and log-out that say so when the database cannot be written."""
from __future__ import annotations

import re

import bcrypt
import jwt
import pytest
from starlette.requests import Request

from db.engine import reading
from hub.admin import users
from tests.apptest import navigation, new_app, sign_in, signed_in_app, text_of
from tests.conftest import PASSWORD
from tests.faults import read_only
from ui.sign_in import client
from ui.sign_in import cookie
from web import keys

HERE, THERE = "203.0.113.7", "198.51.100.20"
CANNOT_WRITE = ("The database cannot be written (it is read-only or its disk is full); "
                "nothing was saved. Tell your administrator.")


@pytest.fixture
def browser_at(monkeypatch):
    """browser_at(address): the sign-in page sees the browser at `address` (AppTest has no
    connection of its own); HERE to begin with."""
    def move(address: str) -> None:
        monkeypatch.setattr(client, "address", lambda: address)
    move(HERE)
    return move


def errors(at) -> list[str]:
    return [element.value for element in at.error]


def test_failures_pause_the_username_at_that_address_while_another_gets_in(db_url, make_user,
                                                                          browser_at):
    make_user("ada", "manager")
    at = sign_in(new_app().run(), "ada", "wrong-password-1")
    assert errors(at) == ["Username or password is incorrect; 4 more failures with this "
                          "username from this address pause signing in with it here for "
                          "15 minutes."]
    for _ in range(3):
        sign_in(at, "ada", "wrong-password-1")
    assert errors(at) == ["Username or password is incorrect; 1 more failure with this "
                          "username from this address pauses signing in with it here for "
                          "15 minutes."]
    sign_in(at, "ada", "wrong-password-1")
    paused = ["Too many failed sign-ins with this username from this address; try again in "
              "15 minutes."]
    assert errors(at) == paused
    sign_in(at, "ada", PASSWORD)            # the right password, from the same address
    assert errors(at) == paused
    assert set(navigation(at)) == {"Sign in"}
    browser_at(THERE)                       # the manager's own browser, elsewhere
    assert "Admin" in navigation(signed_in_app("ada"))
    assert not at.exception


def test_a_name_without_an_account_is_told_word_for_word_what_an_account_is(db_url, make_user,
                                                                           browser_at):
    make_user("ada", "manager")

    def told(username: str) -> list[list[str]]:
        at = new_app().run()
        return [errors(sign_in(at, username, "wrong-password-1")) for _ in range(6)]

    for_the_account = told("ada")
    browser_at(THERE)
    assert told("nobody") == for_the_account


def test_a_name_without_an_account_costs_the_same_password_check(db_url, make_user,
                                                                 monkeypatch):
    """The authenticator refuses an unknown name at once; the page makes it check a hash of
    the same cost, so the time does not tell which names exist."""
    ada = make_user("ada", "manager")
    checked = []
    real_check = bcrypt.checkpw
    monkeypatch.setattr(bcrypt, "checkpw", lambda password, hashed: (
        checked.append(hashed if isinstance(hashed, bytes) else hashed.encode()))
        or real_check(password, hashed))
    at = sign_in(new_app().run(), "nobody", "wrong-password-1")
    assert [hashed[:7] for hashed in checked] == [ada.password_hash.encode()[:7]]
    checked.clear()
    sign_in(at, "ada", "wrong-password-1")
    assert checked == [ada.password_hash.encode()]


def test_only_the_right_password_learns_that_an_account_is_deactivated(db_url, make_user,
                                                                      browser_at):
    make_user("boss", "manager")
    make_user("ada", "viewer")
    from tests.admin.test_users import write
    write(users.deactivate, actor=users.COMMAND_LINE, username="ada")
    at = sign_in(new_app().run(), "ada", "wrong-password-1")
    assert "deactivated" not in text_of(at)
    assert errors(at)[0].startswith("Username or password is incorrect; 4 more failures")
    sign_in(at, "ada", PASSWORD)
    assert "This account is deactivated; ask a manager to reactivate it." in text_of(at)
    assert set(navigation(at)) == {"Sign in"}


def test_the_sign_in_form_has_one_heading(db_url, make_user):
    make_user("ada", "manager")
    at = new_app().run()
    assert [title.value for title in at.title] == ["Bottega"]
    assert [header.value for header in at.header] == ["Sign in"]
    # The authenticator's own heading gets no words (the page's CSS hides the empty element).
    assert [heading.value for heading in at.subheader if heading.value] == []
    assert [button.label for button in at.button] == ["Login"]


def test_a_form_sign_in_has_the_server_set_an_http_only_cookie(db_url, make_user,
                                                              browser_at):
    make_user("ada", "manager")
    at = signed_in_app("ada")
    images = [element.value for element in at.sidebar.get("html")
              if cookie.PATH in element.value]
    assert len(images) == 1
    ticket = re.search(r"ticket=([\w-]+)", images[0]).group(1)
    answer = cookie.redeem(Request({
        "type": "http", "method": "GET", "path": cookie.PATH, "headers": [
            (b"x-real-ip", HERE.encode()), (b"sec-fetch-site", b"same-origin")],
        "query_string": f"ticket={ticket}".encode(), "client": ("127.0.0.1", 50000)}))
    assert answer.status_code == 200
    name, _, attributes = answer.headers["set-cookie"].partition("; ")
    assert {"HttpOnly", "SameSite=Strict", "Path=/"} <= set(attributes.split("; "))
    token = name.removeprefix(f"{cookie.NAME}=")
    assert jwt.decode(token, keys.cookie_key(), algorithms=["HS256"])["username"] == "ada"


def test_a_sign_in_the_database_cannot_record_does_not_sign_in(db_url, make_user, monkeypatch,
                                                              browser_at):
    make_user("ada", "manager")
    at = new_app().run()
    with read_only(db_url, monkeypatch):
        sign_in(at, "ada", PASSWORD)
        assert set(navigation(at)) == {"Sign in"}
        assert errors(at) == [CANNOT_WRITE]
        sign_in(at, "ada", "wrong-password-1")    # a failure that cannot be counted
        assert errors(at) == [CANNOT_WRITE]
    sign_in(at, "ada", PASSWORD)
    assert "Admin" in navigation(at)
    assert not at.exception


def test_a_log_out_the_database_cannot_record_says_so_and_keeps_you_in(db_url, make_user,
                                                                       monkeypatch,
                                                                       browser_at):
    make_user("ada", "manager")
    at = signed_in_app("ada")
    with read_only(db_url, monkeypatch):
        at.sidebar.button(key="auth_log_out").click().run()
        assert [element.value for element in at.sidebar.error] == [
            "You are still signed in: your log-out could not be recorded. " + CANNOT_WRITE]
        assert "Admin" in navigation(at)
    with reading() as session:
        assert users.find_user(session, "ada").sessions_valid_after is None
    assert not at.exception
