"""The public feeds: GET /feeds/<site-code>/<feed>, built from what hub/feeds reads, kept in
web/cache.py per data version, answered 304 when the reader's copy is current.

A feed has no signed-in reader: it speaks BOTTEGA_LANGUAGE (hub.i18n.default_language), or
the language its address asks for with `?lang=it` or `?lang=en`. Keys of the JSON and CSV feeds
stay English; only the sentences and names a person reads are translated.
"""
from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime
from email.utils import format_datetime, parsedate_to_datetime

from babel.dates import format_date
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from db.engine import reading
from hub.feeds import listings
from hub.feeds import programme
from hub.feeds.public import public_page
from hub.feeds.sites import feed_site
from hub.i18n import LANGUAGES, _, default_language, locale, speaking
from hub.words import label
from web.cache import Built, FeedCache
from web.headers import TEMPLATES
from web.settings import feeds_on

FEEDS = ("programme.ics", "programme.json", "listings.json", "listings.csv", "public.html")


# --- the public page's template ---------------------------------------------------------------

templates = Environment(loader=FileSystemLoader(TEMPLATES),
                        autoescape=select_autoescape(["html"]), trim_blocks=True,
                        lstrip_blocks=True)


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

MEDIA = {"ics": "text/calendar; charset=utf-8", "json": "application/json; charset=utf-8",
         "csv": "text/csv; charset=utf-8", "html": "text/html; charset=utf-8"}


def _build(name: str, site, changed: datetime) -> tuple[bytes, str]:
    with reading() as session:
        if name == "programme.ics":
            return programme.programme_calendar(session, site=site, stamp=changed), "ics"
        if name == "programme.json":
            return _json(programme.programme_rows(session, site=site)), "json"
        if name == "listings.json":
            return _json(listings.listing_rows(session, site_id=site.id)), "json"
        if name == "listings.csv":
            return listings.listings_csv(session, site_id=site.id).encode(), "csv"
        content = public_page(session, site=site, today=date.today())
        return render_public(content).encode(), "html"


def _json(rows: list[dict]) -> bytes:
    # ensure_ascii keeps "<" and ">" as they are; JSON served as application/json with
    # nosniff is never run as HTML, and a reader gets the text the person typed.
    return json.dumps(rows, ensure_ascii=False, indent=1, default=str).encode()



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
