"""What a site's plain public page shows: its published tenants and its coming programme,
public fields only, every text as the person typed it (the page escapes it)."""
from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session

from db.models import Site
from hub.programme.exports import published_sessions
from hub.tenants.listings import bio_pieces, published_listings

AHEAD = timedelta(days=120)
MAX_SESSIONS = 60


def public_page(session: Session, *, site: Site, today: date) -> dict:
    """The page's content: the site, its tenants (bio as paragraphs of styled runs) and the
    sessions of published items from today, at most MAX_SESSIONS within AHEAD."""
    tenants = [{"name": row["name"], "business": row["business"], "sector": row["sector"],
                "bio": bio_pieces(row["bio"]), "website": row["website"],
                "instagram": row["instagram"], "keywords": row["keywords"]}
               for row in published_listings(session, site_id=site.id)]
    sessions = [row for row in published_sessions(session, site_id=site.id, since=today)
                if row["day"] <= today + AHEAD][:MAX_SESSIONS]
    return {"site": {"name": site.name, "city": site.city, "address": site.address,
                     "code": site.code},
            "tenants": tenants,
            "sessions": [{"title": row["title"], "kind": row["kind"], "day": row["day"],
                          "start": row["start"], "end": row["end"],
                          "location": row["location"], "price": row["price"]}
                         for row in sessions]}
