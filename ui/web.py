"""The app's HTTP side beside the Streamlit screens (wired in app.py through
streamlit.starlette.App): the public feeds, /healthz (ui/health.py), and the security headers
of every response. Handlers are thin: what a feed holds is read in hub/feeds.

Configuration (environment):
- BOTTEGA_FEEDS=0 turns the feeds off (every feed address answers 404);
- BOTTEGA_FRAME_ANCESTORS: the origins that may show public.html in a frame, separated by
  spaces (e.g. "https://www.example.org"); unset, no page may be framed;
- BOTTEGA_HTTPS=1 adds Strict-Transport-Security (set it only when served over HTTPS);
- BOTTEGA_PUBLIC_URL: the address people reach Bottega at, for the feed links the screens
  show (unset: the address the browser used).

A feed has no signed-in reader: it speaks BOTTEGA_LANGUAGE (hub.i18n.default_language), or
the language its address asks for with `?lang=it` or `?lang=en`. Keys of the JSON and CSV feeds
stay English; only the sentences and names a person reads are translated.
"""
from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import re
import threading
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path
from typing import Callable

from babel.dates import format_date
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from db import stamp
from db.engine import get_engine, reading
from hub.feeds import listings as listing_feeds
from hub.feeds import programme as programme_feeds
from hub.feeds.public import public_page
from hub.feeds.sites import feed_site
from hub.i18n import LANGUAGES, N_, _, default_language, locale, speaking
from ui.database import cached
from ui.health import healthz
from ui.format import label

log = logging.getLogger("bottega")

FEEDS = ("programme.ics", "programme.json", "listings.json", "listings.csv", "public.html")
TEMPLATES = Path(__file__).resolve().parent / "templates"
STAMP_MEMO_SECONDS = 1.0   # a burst of polling reads the data version once a second at most


# --- configuration ----------------------------------------------------------------------------

def feeds_on() -> bool:
    return os.environ.get("BOTTEGA_FEEDS", "1") != "0"


def https_on() -> bool:
    return os.environ.get("BOTTEGA_HTTPS", "0") == "1"


def frame_ancestors() -> list[str]:
    """The origins allowed to frame public.html (only well-formed http(s) origins)."""
    origins = os.environ.get("BOTTEGA_FRAME_ANCESTORS", "").split()
    return [origin for origin in origins
            if re.fullmatch(r"https?://[A-Za-z0-9.-]+(:\d+)?|'self'", origin)]


def feed_path(site_code: str, name: str) -> str:
    return f"/feeds/{site_code}/{name}"


def feed_url(site_code: str, name: str, base: str | None = None) -> str:
    """The full address of a feed: BOTTEGA_PUBLIC_URL, else `base` (the browser's)."""
    root = (os.environ.get("BOTTEGA_PUBLIC_URL") or base or "").rstrip("/")
    return root + feed_path(site_code, name)


# --- the public page's template ---------------------------------------------------------------

templates = Environment(loader=FileSystemLoader(TEMPLATES),
                        autoescape=select_autoescape(["html"]), trim_blocks=True,
                        lstrip_blocks=True)


def _style_hash() -> str:
    """The CSP hash of public.html's one <style> block: no other style may run."""
    source = (TEMPLATES / "public.html").read_text()
    css = re.search(r"<style>(.*?)</style>", source, re.S).group(1)
    return "'sha256-" + base64.b64encode(hashlib.sha256(css.encode()).digest()).decode() + "'"


STYLE_HASH = _style_hash()


def render_public(content: dict) -> str:
    """The public page in the current language: its own words translated here (the template
    holds no English), the stored codes named, user text as typed (escaped by the template)."""
    site = content["site"]
    tenants = [{**tenant, "sector": label("sector", tenant["sector"])}
               for tenant in content["tenants"]]
    sessions = [{**row, "when": format_date(row["day"], "EEE dd MMM y", locale=locale()),
                 "kind": label("programme kind", row["kind"]),
                 "location": _("Online") if row["location"] == "Online" else row["location"]}
                for row in content["sessions"]]
    words = {"title": _("{site} — tenants and programme").format(site=site["name"]),
             "tenants": _("Tenants"), "website": _("Website"),
             "no_tenants": _("No tenant listing is published yet."),
             "coming": _("Coming up"), "day": _("Day"), "time": _("Time"), "what": _("What"),
             "where": _("Where"),
             "no_sessions": _("Nothing is on the published programme yet.")}
    return templates.get_template("public.html").render(
        site=site, tenants=tenants, sessions=sessions, words=words, lang=locale().language)


# --- feeds, built once per data version -------------------------------------------------------

@dataclass(frozen=True)
class Built:
    body: bytes
    media_type: str
    etag: str
    last_modified: datetime


MEDIA = {"ics": "text/calendar; charset=utf-8", "json": "application/json; charset=utf-8",
         "csv": "text/csv; charset=utf-8", "html": "text/html; charset=utf-8"}


def _build(name: str, site, changed: datetime) -> tuple[bytes, str]:
    with reading() as session:
        if name == "programme.ics":
            return programme_feeds.programme_calendar(session, site=site, stamp=changed), "ics"
        if name == "programme.json":
            return _json(programme_feeds.programme_rows(session, site=site)), "json"
        if name == "listings.json":
            return _json(listing_feeds.listing_rows(session, site_id=site.id)), "json"
        if name == "listings.csv":
            return listing_feeds.listings_csv(session, site_id=site.id).encode(), "csv"
        content = public_page(session, site=site, today=date.today())
        return render_public(content).encode(), "html"


def _json(rows: list[dict]) -> bytes:
    # ensure_ascii keeps "<" and ">" as they are; JSON served as application/json with
    # nosniff is never run as HTML, and a reader gets the text the person typed.
    return json.dumps(rows, ensure_ascii=False, indent=1, default=str).encode()


class FeedCache:
    """Built feeds keyed on (site, feed, data version, language): any number of requests
    between two writes costs one build. Only the newest version's entries are kept."""

    def __init__(self):
        self._lock = threading.Lock()
        self._built: dict[tuple, Built] = {}
        self._version: tuple[int, datetime | None] | None = None
        self._read_at = 0.0
        self.builds = 0

    def clear(self) -> None:
        with self._lock:
            self._built.clear()
            self._version, self._read_at = None, 0.0

    def version(self) -> tuple[int, datetime]:

        now = time.monotonic()
        with self._lock:
            if self._version is not None and now - self._read_at < STAMP_MEMO_SECONDS:
                return self._version
        with get_engine().connect() as connection:
            found = (stamp.current(connection), stamp.changed_at(connection))
        with self._lock:
            self._version, self._read_at = found, now
        return found

    def get(self, site_code: str, name: str,
            build: Callable[[int, datetime], Built | None], lang: str = "en") -> Built | None:
        version, changed = self.version()
        key = (site_code.upper(), name, version, lang)
        with self._lock:
            if key in self._built:
                return self._built[key]
        built = build(version, changed)
        if built is None:   # no such site: nothing kept, or made-up codes would fill memory
            return None
        with self._lock:
            self.builds += 1
            for old in [k for k in self._built if k[2] != version]:
                del self._built[old]
            self._built[key] = built
        return built


cache = FeedCache()


def _not_found(text: str | None = None) -> PlainTextResponse:
    return PlainTextResponse((text or _("Not found.")) + "\n", status_code=404)


def feed_language(request: Request) -> str | None:
    """The language a feed speaks: ?lang=it or ?lang=en, else BOTTEGA_LANGUAGE's; None for
    any other value."""
    asked = request.query_params.get("lang")
    if asked is None:
        return default_language()
    return asked.strip().lower() if asked.strip().lower() in LANGUAGES else None


def feed(request: Request) -> Response:
    """GET /feeds/<site-code>/<feed>: the feed, or 304 when the reader's copy is current."""
    lang = feed_language(request)
    if lang is None:
        with speaking(default_language()):
            return PlainTextResponse(_("Unknown value of the lang parameter: use lang=it or "
                                       "lang=en.") + "\n", status_code=400)
    with speaking(lang):
        return _feed(request, lang)


def _feed(request: Request, lang: str) -> Response:
    code, name = request.path_params["site"], request.path_params["feed"]
    if not feeds_on() or name not in FEEDS:
        return _not_found()

    def build(version: int, changed: datetime | None) -> Built | None:
        with reading() as session:
            site = feed_site(session, code=code)
        if site is None:
            return None
        changed = (changed or datetime(2020, 1, 1, tzinfo=UTC)).replace(microsecond=0)
        body, kind = _build(name, site, changed)
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        return Built(body, MEDIA[kind], etag, changed)

    built = cache.get(code, name, build, lang)
    if built is None:
        return _not_found(_("No site has the code {code}.").format(code=repr(code[:12])))
    headers = {"ETag": built.etag, "Last-Modified": format_datetime(built.last_modified, usegmt=True),
               "Cache-Control": "public, max-age=60"}
    if _still_fresh(request, built):
        return Response(status_code=304, headers=headers)
    return Response(built.body, media_type=built.media_type, headers=headers)


def _still_fresh(request: Request, built: Built) -> bool:
    match = request.headers.get("if-none-match")
    if match is not None:
        return built.etag in [tag.strip().removeprefix("W/") for tag in match.split(",")] \
            or match.strip() == "*"
    since = request.headers.get("if-modified-since")
    if since:
        try:
            return built.last_modified <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
    return False


def routes() -> list[Route]:
    return [Route("/healthz", healthz, methods=["GET", "HEAD"]),
            Route("/feeds/{site}/{feed}", feed, methods=["GET", "HEAD"])]


# --- headers on every response ----------------------------------------------------------------

COMPONENT_PREFIX = "/component/"
FEED_CSP = ("default-src 'none'; img-src https: data:; base-uri 'none'; form-action 'none'")


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
    response, replacing any header of the same name."""

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


# --- the feeds' addresses on the screens ------------------------------------------------------

# The labels are English words, shown translated (feed_addresses)
PROGRAMME_FEEDS = (("programme.ics", N_("Calendar to subscribe to (Google, Apple, Outlook)")),
                   ("programme.json", N_("Programme as JSON")),
                   ("public.html", N_("Public page (to link to or embed)")))
LISTING_FEEDS = (("listings.json", N_("Listings as JSON")),
                 ("listings.csv", N_("Listings as CSV")),
                 ("public.html", N_("Public page (to link to or embed)")))


def _browser_origin() -> str | None:
    import streamlit as st
    from urllib.parse import urlsplit
    url = st.context.url
    if not url:
        return None
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@cached(ttl=300)
def _load_site_code(site_id: int) -> str | None:
    from hub.feeds.sites import site_code
    with reading() as session:
        return site_code(session, site_id=site_id)


def feed_addresses(site_id: int | None, feeds: tuple[tuple[str, str], ...]) -> None:
    """The live feeds of the chosen site, each address in a box with a copy button."""
    import streamlit as st
    if not feeds_on():
        st.caption(_("The public feeds are turned off on this server (BOTTEGA_FEEDS=0)."))
        return
    if site_id is None:
        st.caption(_("Choose a site to see the addresses of its live public feeds."))
        return
    code = _load_site_code(site_id)
    if code is None:
        return
    with st.expander(_("Live feeds for the website and calendar apps"),
                     icon=":material/rss_feed:"):
        st.caption(_("Published data only, no sign-in needed; they follow every change. Add "
                     "?lang=it or ?lang=en to an address to choose its language."))
        for name, title in feeds:
            st.markdown(f"**{_(title)}**")
            st.code(feed_url(code, name, _browser_origin()), language=None)
