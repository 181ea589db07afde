"""Public listings: what the website shows about each tenant, kept by the communication
team and the manager. A bio is plain text with a little Markdown (**bold**, *italic*, blank
lines between paragraphs); everything else a person types, HTML included, stays text."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import or_
from sqlmodel import Session, select

from db.models import Site, Tenant, TenantListing, User, utcnow
from hub.words import country_name
from hub import checks
from hub.errors import Invalid
from hub.i18n import _
from hub.markdown import as_text
from hub.records import flush, load_for_edit, record, save_changes
from hub.roles import require_role

MAX_BIO = 1500
MAX_KEYWORDS = 10
MAX_KEYWORDS_LENGTH = 300  # the column's size: ten long keywords do not fit
STALE_AFTER = timedelta(days=365)
INSTAGRAM_PATTERN = re.compile(r"[A-Za-z0-9._]{1,30}")
EMPHASIS = re.compile(r"\*\*(?P<bold>[^*\n]+?)\*\*|\*(?P<italic>[^*\n]+?)\*")


# --- the bio, as the website shows it -------------------------------------------------------

def bio_pieces(bio: str) -> list[list[tuple[str, str]]]:
    """Paragraphs of (style, text) runs: style is "plain", "bold" or "italic"."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", bio or "") if p.strip()]
    result = []
    for paragraph in paragraphs:
        runs, at = [], 0
        for match in EMPHASIS.finditer(paragraph):
            if match.start() > at:
                runs.append(("plain", paragraph[at:match.start()]))
            style = "bold" if match.group("bold") is not None else "italic"
            runs.append((style, match.group(style)))
            at = match.end()
        if at < len(paragraph):
            runs.append(("plain", paragraph[at:]))
        result.append(runs)
    return result


def bio_html(bio: str) -> str:
    """The bio as the website's HTML: every character the person typed escaped."""
    tags = {"plain": ("", ""), "bold": ("<strong>", "</strong>"), "italic": ("<em>", "</em>")}
    return "".join(
        "<p>" + "".join(tags[style][0] + html.escape(text).replace("\n", "<br>") + tags[style][1]
                        for style, text in runs) + "</p>"
        for runs in bio_pieces(bio))


def bio_markdown(bio: str) -> str:
    """The same bio as Markdown for Streamlit: only our bold/italic markers are live."""
    marks = {"plain": "", "bold": "**", "italic": "*"}
    return "\n\n".join(
        "".join(marks[style] + as_text(text, inline=n > 0) + marks[style]
                for n, (style, text) in enumerate(runs)) for runs in bio_pieces(bio))


# --- editing --------------------------------------------------------------------------------

def check_listing(values: dict) -> dict:
    bio = (values.get("bio") or "").strip()
    if len(bio) > MAX_BIO:
        raise Invalid("bio", _("bio is {length} characters; the website takes at most {limit}").format(
            length=len(bio), limit=MAX_BIO))
    instagram = (values.get("instagram") or "").strip().removeprefix("@")
    if "instagram.com/" in instagram:
        instagram = instagram.rstrip("/").rsplit("/", 1)[-1]
    if instagram and not INSTAGRAM_PATTERN.fullmatch(instagram):
        raise Invalid("instagram", _("instagram '{handle}' is not a handle (letters, digits, "
                                     "dot and underscore, at most 30)").format(handle=instagram))
    keywords = [k.strip().lower() for k in (values.get("keywords") or "").split(",") if k.strip()]
    if len(keywords) > MAX_KEYWORDS or any(len(k) > 40 for k in keywords):
        raise Invalid("keywords", _("keywords: at most {count}, each under 40 characters, "
                                    "separated by commas").format(count=MAX_KEYWORDS))
    if len(", ".join(dict.fromkeys(keywords))) > MAX_KEYWORDS_LENGTH:
        raise Invalid("keywords", _("keywords are longer than {limit} characters in all").format(
            limit=MAX_KEYWORDS_LENGTH))
    photo = checks.web_address(values.get("photo_url"), "photo URL", limit=500)
    if photo and not photo.startswith("https://"):
        raise Invalid("photo URL", _("photo URL must start with https:// (the website is secure)"))
    return {"bio": bio, "website": checks.web_address(values.get("website")),
            "instagram": instagram or None, "keywords": ", ".join(dict.fromkeys(keywords)),
            "photo_url": photo, "published": bool(values.get("published"))}


def listing_of(session: Session, tenant_id: int) -> TenantListing | None:
    return session.exec(select(TenantListing).where(TenantListing.tenant_id == tenant_id)).first()


def edit_listing(session: Session, *, actor: User, tenant_id: int, version: int | None,
                 **values) -> TenantListing:
    """Save a tenant's public listing (creating it on first save). `version` is the listing's
    version the editor saw, None when there was no listing yet."""
    require_role(actor, "manager", "communication")
    tenant = session.get(Tenant, tenant_id)
    if tenant is None:
        raise Invalid("tenant", _("tenant {id} no longer exists").format(id=tenant_id))
    clean = check_listing(values)
    if clean["published"] and not clean["bio"]:
        raise Invalid("bio", _("a published listing needs a bio"))
    clean.update(updated_at=utcnow(), updated_by=actor.username)
    listing = listing_of(session, tenant_id)
    what = _("the listing of {name}").format(name=tenant.name)
    if listing is None:
        listing = TenantListing(tenant_id=tenant_id, **clean)
        session.add(listing)
        flush(session, what)
        record(session, actor, "create", listing)
        return listing
    listing = load_for_edit(session, TenantListing, listing.id, version, what)
    save_changes(session, actor=actor, row=listing, values=clean, what=what)
    return listing


# --- what the team must chase, what the website gets ----------------------------------------

@dataclass(frozen=True)
class ListingToChase:
    tenant_id: int
    name: str
    business: str | None
    site: str
    reason: str
    updated_at: datetime | None


def listings_to_chase(session: Session, *, site_id: int | None, today: date) -> list[ListingToChase]:
    """Current tenants whose listing has no bio or was last updated over 12 months ago."""
    cutoff = datetime.combine(today - STALE_AFTER, time(), UTC)
    query = (select(Tenant.id, Tenant.name, Tenant.business, Site.name, TenantListing.bio,
                    TenantListing.updated_at)
             .join(Site, Site.id == Tenant.site_id)
             .outerjoin(TenantListing, TenantListing.tenant_id == Tenant.id)
             .where(or_(Tenant.left_on.is_(None), Tenant.left_on >= today),
                    or_(TenantListing.id.is_(None), TenantListing.bio == "",
                        TenantListing.updated_at.is_(None), TenantListing.updated_at < cutoff))
             .order_by(TenantListing.updated_at.is_not(None), TenantListing.updated_at, Tenant.name))
    if site_id is not None:
        query = query.where(Tenant.site_id == site_id)
    return [ListingToChase(tenant_id, name, business, site,
                           _("no bio") if not bio else _("not updated for over 12 months"),
                           updated_at)
            for tenant_id, name, business, site, bio, updated_at in session.exec(query)]


PUBLIC_FIELDS = ("id", "name", "business", "sector", "site", "country", "country_code",
                 "residency", "bio", "bio_html", "website", "instagram", "keywords", "photo_url",
                 "updated_on")


def published_listings(session: Session, *, site_id: int | None = None) -> list[dict]:
    """What the website may show: published listings of current tenants, public fields only."""
    today = date.today()
    query = (select(Tenant, TenantListing, Site.name)
             .join(TenantListing, TenantListing.tenant_id == Tenant.id)
             .join(Site, Site.id == Tenant.site_id)
             .where(TenantListing.published.is_(True),
                    or_(Tenant.left_on.is_(None), Tenant.left_on >= today))
             .order_by(Tenant.name))
    if site_id is not None:
        query = query.where(Tenant.site_id == site_id)
    return [{"id": f"tenant-{tenant.id}@bottega", "name": tenant.name,
             "business": tenant.business, "sector": tenant.sector, "site": site,
             "country": country_name(tenant.origin_country),
             "country_code": tenant.origin_country, "residency": tenant.residency,
             "bio": listing.bio, "bio_html": bio_html(listing.bio), "website": listing.website,
             "instagram": f"https://www.instagram.com/{listing.instagram}/" if listing.instagram else None,
             "keywords": [k.strip() for k in listing.keywords.split(",") if k.strip()],
             "photo_url": listing.photo_url,
             "updated_on": listing.updated_at.date().isoformat() if listing.updated_at else None}
            for tenant, listing, site in session.exec(query)]
