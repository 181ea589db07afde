"""The sign-in cookie set by the server (ui/sign_in/cookie.py): HttpOnly and SameSite=Strict, Secure
behind HTTPS, given only for a ticket of this address and a same-origin request, and the
addresses ui/sign_in/client.py believes (the forwarded one only from a proxy on this machine)."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from ui.sign_in import client

from ui.sign_in import cookie

EXPIRES = datetime.now(UTC) + timedelta(days=7)


def attributes(set_cookie: str) -> set[str]:
    return set(set_cookie.split("; ")[1:])


def test_a_ticket_sets_an_http_only_strict_cookie(get):
    ticket = cookie.issue(cookie.keep("a.signed.token", EXPIRES), client.LOCAL)
    answer = get(f"{cookie.PATH}?ticket={ticket}")
    assert answer.status == 200 and answer.headers["content-type"] == "image/gif"
    value = answer.headers["set-cookie"]
    assert value.startswith(f"{cookie.NAME}=a.signed.token; ")
    assert {"HttpOnly", "SameSite=Strict", "Path=/"} <= attributes(value)
    assert "Secure" not in attributes(value)
    assert answer.headers["cache-control"] == "no-store"


def test_behind_https_the_cookie_is_secure(get, monkeypatch):
    monkeypatch.setenv("BOTTEGA_HTTPS", "1")
    ticket = cookie.issue(cookie.keep("a.signed.token", EXPIRES), client.LOCAL)
    assert "Secure" in attributes(get(f"{cookie.PATH}?ticket={ticket}").headers["set-cookie"])


def test_a_drop_ticket_expires_the_cookie(get):
    ticket = cookie.issue(cookie.drop(), client.LOCAL)
    value = get(f"{cookie.PATH}?ticket={ticket}").headers["set-cookie"]
    assert value.startswith(f"{cookie.NAME}=; ") and "Max-Age=0" in attributes(value)
    assert "HttpOnly" in attributes(value)


def test_a_ticket_of_another_address_an_unknown_or_an_old_one_sets_nothing(get, monkeypatch):
    elsewhere = cookie.issue(cookie.keep("a.signed.token", EXPIRES), "203.0.113.7")
    answer = get(f"{cookie.PATH}?ticket={elsewhere}")
    assert answer.status == 404 and "set-cookie" not in answer.headers
    assert get(f"{cookie.PATH}?ticket=made-up").status == 404
    monkeypatch.setattr(cookie, "TICKET_SECONDS", -1)
    old = cookie.issue(cookie.keep("a.signed.token", EXPIRES), client.LOCAL)
    assert not cookie.pending(old)
    assert get(f"{cookie.PATH}?ticket={old}").status == 404


def test_a_request_from_another_site_sets_nothing(get):
    ticket = cookie.issue(cookie.keep("a.signed.token", EXPIRES), client.LOCAL)
    answer = get(f"{cookie.PATH}?ticket={ticket}", Sec_Fetch_Site="cross-site")
    assert answer.status == 403 and "set-cookie" not in answer.headers


def test_behind_the_proxy_on_this_machine_the_ticket_is_the_forwarded_address_s(get):
    ticket = cookie.issue(cookie.keep("a.signed.token", EXPIRES), "203.0.113.7")
    assert get(f"{cookie.PATH}?ticket={ticket}", X_Real_IP="198.51.100.20").status == 404
    assert get(f"{cookie.PATH}?ticket={ticket}", X_Real_IP="203.0.113.7").status == 200


@pytest.mark.parametrize("peer, headers, address", [
    ("203.0.113.7", {}, "203.0.113.7"),                              # a direct connection
    ("203.0.113.7", {"x-real-ip": "198.51.100.20"}, "203.0.113.7"),  # its headers are ignored
    ("127.0.0.1", {"x-real-ip": "198.51.100.20"}, "198.51.100.20"),  # nginx on this machine
    ("::1", {"x-real-ip": "2001:db8::5"}, "2001:db8::5"),
    ("127.0.0.1", {"x-real-ip": "not an address"}, client.LOCAL),
    ("127.0.0.1", {}, client.LOCAL),
    (None, {}, client.LOCAL),
])
def test_the_address_believed(peer, headers, address):
    assert client.resolve(peer, headers) == address
