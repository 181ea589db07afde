"""The headers every response gets by its path. Security: no framing but where allowed
(public.html through BOTTEGA_FRAME_ANCESTORS, Streamlit's components by the app itself), no
sniffing, a strict content policy on the feeds, HSTS behind HTTPS. On the feeds only, which
hold public data: CORS for any origin (a website's script may read them; they answer the
same with or without a cookie) and `Vary: Accept-Encoding` (each encoding has its own ETag)."""
from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from web.settings import frame_ancestors, https_on

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _style_hash() -> str:
    """The CSP hash of public.html's one <style> block: no other style may run."""
    source = (TEMPLATES / "public.html").read_text()
    css = re.search(r"<style>(.*?)</style>", source, re.S).group(1)
    return "'sha256-" + base64.b64encode(hashlib.sha256(css.encode()).digest()).decode() + "'"


STYLE_HASH = _style_hash()
COMPONENT_PREFIX = "/component/"
FEED_CSP = ("default-src 'none'; img-src https: data:; base-uri 'none'; form-action 'none'")
FEED_CORS = {"Access-Control-Allow-Origin": "*",
             # ETag and Link are not readable by another origin's script unless named
             "Access-Control-Expose-Headers": "ETag, Link",
             "Vary": "Accept-Encoding"}


def security_headers(path: str) -> list[tuple[bytes, bytes]]:
    """The headers a response to `path` gets."""
    headers = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin"}
    if path.startswith("/feeds/"):
        framing = "'none'"
        if path.endswith("/public.html") and frame_ancestors():
            framing = " ".join(frame_ancestors())
        else:
            headers["X-Frame-Options"] = "DENY"
        style = f"; style-src {STYLE_HASH}" if path.endswith("/public.html") else ""
        headers["Content-Security-Policy"] = f"{FEED_CSP}{style}; frame-ancestors {framing}"
        headers.update(FEED_CORS)
    elif path.startswith(COMPONENT_PREFIX):
        # Streamlit's custom components (the sign-in cookie's, for one) are pages the app
        # itself shows in an iframe: framed by the app, by nobody else.
        headers["X-Frame-Options"] = "SAMEORIGIN"
        headers["Content-Security-Policy"] = "frame-ancestors 'self'"
    else:
        headers["X-Frame-Options"] = "DENY"
        headers["Content-Security-Policy"] = "frame-ancestors 'none'"
    if https_on():
        headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    return [(name.lower().encode(), value.encode()) for name, value in headers.items()]


class SecurityHeaders:
    """Pure ASGI middleware (WebSockets pass untouched): adds security_headers to every HTTP
    response, replacing any header of the same name (so a feed's Vary is said once, whatever
    Streamlit's gzip layer inside added)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = security_headers(scope.get("path", ""))
        names = {name for name, __ in extra}

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                kept = [(n, v) for n, v in message.get("headers", []) if n.lower() not in names]
                message = {**message, "headers": kept + extra}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def middleware() -> list:
    from starlette.middleware import Middleware
    return [Middleware(SecurityHeaders)]

