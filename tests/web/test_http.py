"""Every response's security headers, the frame allow-list of public.html, HSTS behind
HTTPS, and /healthz (200 at head, 503 when the database is down or behind)."""
from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor

import pytest
from starlette.responses import PlainTextResponse

from web import feeds
from web.headers import SecurityHeaders, security_headers

APP_HEADERS = {"x-content-type-options": "nosniff", "referrer-policy": "same-origin",
               "x-frame-options": "DENY", "content-security-policy": "frame-ancestors 'none'"}


@pytest.mark.parametrize("feed", feeds.FEEDS)
def test_every_feed_has_the_headers_and_a_strict_policy(base, get, feed):
    headers = get(f"/feeds/T/{feed}").headers
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert headers["x-frame-options"] == "DENY"
    policy = headers["content-security-policy"]
    assert policy.startswith("default-src 'none'") and policy.endswith("frame-ancestors 'none'")
    assert "script-src" not in policy and "unsafe-inline" not in policy
    assert "strict-transport-security" not in headers


def test_the_public_page_may_be_framed_by_the_listed_origins_only(base, get, monkeypatch):
    monkeypatch.setenv("BOTTEGA_FRAME_ANCESTORS",
                       "https://www.hub.example.org javascript:alert(1) https://city.example.it")
    page = get("/feeds/T/public.html").headers
    assert page["content-security-policy"].endswith(
        "frame-ancestors https://www.hub.example.org https://city.example.it")
    assert "x-frame-options" not in page
    assert get("/feeds/T/listings.json").headers["x-frame-options"] == "DENY"
    assert get("/healthz").headers["x-frame-options"] == "DENY"


def test_the_style_of_the_public_page_is_allowed_by_its_hash(base, get):
    import base64, hashlib, re
    page = get("/feeds/T/public.html")
    css = re.search(r"<style>(.*?)</style>", page.text, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in page.headers["content-security-policy"]


def test_hsts_only_when_served_over_https(base, get, monkeypatch):
    monkeypatch.setenv("BOTTEGA_HTTPS", "1")
    assert get("/healthz").headers["strict-transport-security"].startswith("max-age=31536000")
    assert "strict-transport-security" in get("/feeds/T/programme.ics").headers


def run(coroutine) -> None:
    """Run a coroutine on a loop of its own, in a thread: a browser test earlier in the same
    worker may leave Playwright's event loop running in this one."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, coroutine).result()


def test_the_middleware_sets_the_app_s_headers_on_any_response():
    """What the Streamlit pages get: the middleware over any ASGI app (here one that answers
    with a header of its own to be replaced)."""
    sent = []

    async def inner(scope, receive, send):
        await PlainTextResponse("hi", headers={"X-Frame-Options": "SAMEORIGIN"})(scope, receive, send)

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "http.request"}

    scope = {"type": "http", "method": "GET", "path": "/", "headers": [], "query_string": b""}
    run(SecurityHeaders(inner)(scope, receive, send))
    headers = {}
    for name, value in sent[0]["headers"]:
        headers.setdefault(name.decode(), []).append(value.decode())
    for name, value in APP_HEADERS.items():
        assert headers[name] == [value], name


def test_websockets_pass_the_middleware_untouched():
    seen = []

    async def inner(scope, receive, send):
        seen.append(send)

    async def send(message):
        pass

    run(SecurityHeaders(inner)({"type": "websocket", "path": "/_stcore/stream"}, None, send))
    assert seen == [send]


# --- /healthz ---------------------------------------------------------------------------------

def test_healthz_is_200_when_the_database_answers_at_head(db_url, get):
    answer = get("/healthz")
    assert answer.status == 200
    assert json.loads(answer.body) == {"database": "reachable", "schema": "at head",
                                       "status": "ok"}
    assert APP_HEADERS.items() <= answer.headers.items()


def test_healthz_is_503_when_the_database_is_down(db_url, get, monkeypatch):
    down = ("sqlite:////nonexistent/folder/bottega.db" if db_url.startswith("sqlite")
            else "postgresql+psycopg://bottega@127.0.0.1:1/bottega?connect_timeout=2")
    monkeypatch.setenv("DATABASE_URL", down)
    answer = get("/healthz")
    assert answer.status == 503
    assert json.loads(answer.body) == {"database": "unreachable", "schema": "unknown",
                                       "status": "unavailable",
                                       "reason": "the database does not answer"}


def test_healthz_is_503_when_the_schema_is_behind(db_url, get, monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'never-migrated.db'}")
    answer = get("/healthz")
    assert answer.status == 503 and json.loads(answer.body)["schema"] == "behind"
    assert json.loads(answer.body)["reason"] == "the schema is behind the newest migration"


def test_the_app_s_own_components_may_be_framed_by_the_app_only():
    """The sign-in cookie lives in a custom component: a page the app frames itself."""
    headers = dict(security_headers("/component/extra_streamlit_components.CookieManager"
                                   ".cookie_manager/index.html"))
    assert headers[b"x-frame-options"] == b"SAMEORIGIN"
    assert headers[b"content-security-policy"] == b"frame-ancestors 'self'"
    assert dict(security_headers("/"))[b"x-frame-options"] == b"DENY"
