"""The public feeds: GET /feeds/<site-code>/<feed>, built from what hub/feeds reads, kept in
web/cache.py per data version (plain and gzipped, each with its own ETag), answered 304 when
the reader's copy is current. They hold public data only, so any website may read them from
a browser: web/headers.py adds the CORS headers, and a preflight (OPTIONS) is answered here.

A feed has no signed-in reader: it speaks BOTTEGA_LANGUAGE (hub.i18n.default_language), or
the language its address asks for with `?lang=it` or `?lang=en`. Keys of the JSON and CSV feeds
stay English; only the sentences and names a person reads are translated.
"""
from __future__ import annotations

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
from hub.feeds.schemas import SCHEMAS
from hub.feeds.sites import feed_site
from hub.i18n import LANGUAGES, _, default_language, locale, speaking
from hub.words import label
from web.cache import Built, FeedCache
from web.headers import TEMPLATES
from web.settings import feeds_on

FEEDS = ("programme.ics", "programme.json", "programme.schema.json", "listings.json",
         "listings.schema.json", "listings.csv", "public.html")
METHODS = ("GET", "HEAD", "OPTIONS")
PREFLIGHT_MAX_AGE = 86400   # seconds a browser may keep a preflight's answer


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
    if name in SCHEMAS:
        return json.dumps(SCHEMAS[name], ensure_ascii=False, indent=1).encode(), "json"
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
    """GET /feeds/<site-code>/<feed>: the feed, or 304 when the reader's copy is current;
    OPTIONS: a browser's CORS preflight."""
    if request.method == "OPTIONS":
        return preflight(request)
    lang = feed_language(request)
    if lang is None:
        with speaking(default_language()):
            return PlainTextResponse(_("Unknown value of the lang parameter: use lang=it or "
                                       "lang=en.") + "\n", status_code=400)
    with speaking(lang):
        return _feed(request, lang)


def preflight(request: Request) -> Response:
    """A browser asking whether another origin's page may read a feed: yes, with GET or HEAD,
    sending the validators of a copy it holds. Access-Control-Allow-Origin is web/headers.py's."""
    if not feeds_on() or request.path_params["feed"] not in FEEDS:
        return _not_found()
    return Response(status_code=204, headers={
        "Access-Control-Allow-Methods": ", ".join(METHODS),
        "Access-Control-Allow-Headers": "If-None-Match, If-Modified-Since",
        "Access-Control-Max-Age": str(PREFLIGHT_MAX_AGE)})


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
        return Built.of(body, MEDIA[kind], changed)

    built = cache.get(code, name, build, lang)
    if built is None:
        return _not_found(_("No site has the code {code}.").format(code=repr(code[:12])))
    sent = built.for_reader(gzip_accepted(request.headers.get("accept-encoding", "")))
    headers = {"ETag": sent.etag,
               "Last-Modified": format_datetime(built.last_modified, usegmt=True),
               "Cache-Control": "public, max-age=60"}
    if name in ("programme.json", "listings.json"):
        schema = name.replace(".json", ".schema.json")
        headers["Link"] = f'<{schema}>; rel="describedby"; type="application/schema+json"'
    if _still_fresh(request, sent.etag, built.last_modified):
        return Response(status_code=304, headers=headers)
    if sent.encoding:
        headers["Content-Encoding"] = sent.encoding
    return Response(sent.body, media_type=built.media_type, headers=headers)


def gzip_accepted(accept_encoding: str) -> bool:
    """Whether an Accept-Encoding header takes gzip: named (or `*`) without q=0."""
    quality = {}
    for part in accept_encoding.split(","):
        coding, *parameters = part.split(";")
        weight = 1.0
        for parameter in parameters:
            name, __, value = parameter.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        quality[coding.strip().lower()] = weight
    for coding in ("gzip", "x-gzip", "*"):
        if coding in quality:
            return quality[coding] > 0
    return False


def _still_fresh(request: Request, etag: str, last_modified: datetime) -> bool:
    match = request.headers.get("if-none-match")
    if match is not None:
        return etag in [tag.strip().removeprefix("W/") for tag in match.split(",")] \
            or match.strip() == "*"
    since = request.headers.get("if-modified-since")
    if since:
        try:
            return last_modified <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
    return False
