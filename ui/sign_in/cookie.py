"""The sign-in cookie, set and dropped by the server: HttpOnly, so no script on a page can read
it, SameSite=Strict, and Secure behind HTTPS (BOTTEGA_HTTPS=1).

streamlit-authenticator writes its cookie through extra_streamlit_components' CookieManager,
from JavaScript, and a cookie written by a script cannot be HttpOnly. So the authenticator
writes none (ui/sign_in/auth.py gives it a cookie lifetime of 0) and only reads ours, which reaches the
server with the WebSocket's handshake (st.context.cookies). To set or drop it, a run leaves a
ticket here and draws a one-pixel image whose address names the ticket; the browser's request
for that image is answered with the Set-Cookie header.

A ticket is random, lives TICKET_SECONDS, is honoured only for a same-origin request from the
address it was issued to (ui/sign_in/client.py), and holds one Set-Cookie value. Tickets live in this
process's memory: nginx keeps a browser on one process (deploy/nginx/bottega-upstream.conf).
app.py adds `route()` to the app's routes.
"""
from __future__ import annotations

import base64
import secrets
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ui.sign_in import client
from web.settings import https_on

NAME = "bottega_sign_in"
PATH = "/sign-in/cookie"
TICKET_SECONDS = 120
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


@dataclass(frozen=True)
class Ticket:
    set_cookie: str
    address: str
    deadline: float


_tickets: dict[str, Ticket] = {}
_lock = threading.Lock()


def _attributes(max_age: int, expires: datetime) -> str:
    secure = "; Secure" if https_on() else ""
    return (f"Path=/; Max-Age={max_age}; Expires={format_datetime(expires, usegmt=True)}; "
            f"HttpOnly; SameSite=Strict{secure}")


def keep(token: str, expires: datetime) -> str:
    """The Set-Cookie value that stores `token` until `expires`."""
    max_age = max(0, int((expires - datetime.now(UTC)).total_seconds()))
    return f"{NAME}={token}; " + _attributes(max_age, expires)


def drop() -> str:
    """The Set-Cookie value that deletes the sign-in cookie."""
    return f"{NAME}=; " + _attributes(0, datetime(1970, 1, 1, tzinfo=UTC))


def _forget_expired(now: float) -> None:
    for ticket in [t for t, found in _tickets.items() if found.deadline <= now]:
        del _tickets[ticket]


def issue(set_cookie: str, address: str) -> str:
    """A ticket for `set_cookie`, to be redeemed from `address` within TICKET_SECONDS."""
    ticket = secrets.token_urlsafe(24)
    now = time.monotonic()
    with _lock:
        _forget_expired(now)
        _tickets[ticket] = Ticket(set_cookie, address, now + TICKET_SECONDS)
    return ticket


def pending(ticket: str | None) -> bool:
    """Whether `ticket` can still be redeemed (the image is worth drawing)."""
    with _lock:
        found = _tickets.get(ticket or "")
        return found is not None and found.deadline > time.monotonic()


def redeem(request: Request) -> Response:
    """GET PATH?ticket=…: the ticket's Set-Cookie on a one-pixel image; 404 for a ticket that
    is unknown, expired or issued to another address, 403 for a request from another site."""
    if request.headers.get("sec-fetch-site", "same-origin") != "same-origin":
        return Response(status_code=403, headers={"Cache-Control": "no-store"})
    address = client.resolve(request.client.host if request.client else None, request.headers)
    with _lock:
        _forget_expired(time.monotonic())
        found = _tickets.get(request.query_params.get("ticket", ""))
    if found is None or found.address != address:
        return Response(status_code=404, headers={"Cache-Control": "no-store"})
    return Response(PIXEL, media_type="image/gif",
                    headers={"Set-Cookie": found.set_cookie, "Cache-Control": "no-store"})


def route() -> Route:
    return Route(PATH, redeem, methods=["GET"])


def show(ticket: str) -> None:
    """Draw the invisible image that makes the browser redeem `ticket` (the same element on
    every run, so the browser asks once)."""
    import streamlit as st
    st.html(f'<img src="{PATH}?ticket={ticket}" alt="" width="1" height="1" '
            'style="position:absolute;opacity:0;pointer-events:none">', width="content")
