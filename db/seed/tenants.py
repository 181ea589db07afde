"""Demo and scale data for the tenants' public listings: most current tenants have a bio
and are published; some have no bio yet or were last updated over a year ago, so the
"to chase" list has something in it. Deterministic: the same tenants, the same listings."""
from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, or_
from sqlmodel import Session, select

from db.models import Tenant, TenantListing
from db.seed.occupancy import insert_rows
from db.seed.sites import SEED

if TYPE_CHECKING:
    from db.seed.run import ScaleRun

CRAFT = {
    "ceramics": ("stoneware and porcelain", "wheel-thrown, wood-fired", "ceramics, stoneware, glazes"),
    "jewellery": ("contemporary jewellery", "hand-forged silver and gold", "jewellery, silver, gemstones"),
    "leather": ("leather goods", "hand-stitched Florentine leather", "leather, bags, hand-stitching"),
    "textile": ("woven textiles", "hand-loomed linen and silk", "textile, weaving, natural dyes"),
    "wood": ("furniture and objects in wood", "carved and inlaid", "wood, marquetry, furniture"),
    "glass": ("blown and fused glass", "lampworked", "glass, lampwork, lighting"),
    "paper": ("paper and stationery", "marbled and hand-made", "paper, marbling, stationery"),
    "restoration": ("restoration", "gilding and conservation", "restoration, gilding, frames"),
    "design": ("product design", "prototyped in the hub's labs", "design, prototypes, 3D printing"),
    "metalwork": ("metalwork", "chased and engraved", "metal, engraving, bronze"),
    "stone": ("stone carving", "pietra serena and marble", "stone, marble, carving"),
    "bookbinding": ("bookbinding", "sewn by hand", "bookbinding, leather, paper"),
    "fashion": ("slow fashion", "cut and sewn to measure", "fashion, tailoring, upcycling"),
    "musical instruments": ("musical instruments", "built and restored", "lutherie, violins, restoration"),
    "printmaking": ("printmaking", "etched and letterpressed", "printmaking, etching, letterpress"),
    "other": ("craft", "made here", "craft, made in Florence"),
}


def listing_values(rng: random.Random, tenant: dict, today: date) -> dict | None:
    """A listing for a current tenant (None for one who has left)."""
    if tenant["left_on"] is not None and tenant["left_on"] < today:
        return None
    what, how, keywords = CRAFT.get(tenant["sector"], CRAFT["other"])
    business = tenant["business"] or tenant["name"]
    has_bio = rng.random() < 0.85
    bio = (f"**{business}** makes {what}, {how}, in the heart of Florence.\n\n"
           f"{tenant['name']} joined the hub in {tenant['joined_on'].year} and works "
           f"{'as a visiting artist' if tenant['residency'] == 'visiting' else 'here every day'}; "
           "visits by appointment, commissions welcome.") if has_bio else ""
    age = timedelta(days=rng.randint(400, 900) if rng.random() < 0.15 else rng.randint(3, 300))
    updated = max(datetime.combine(tenant["joined_on"], time(10), UTC),
                  datetime.combine(today, time(10), UTC) - age)
    handle = "".join(c for c in business.lower() if c.isalnum() or c == ".")[:30]
    return {"bio": bio, "website": f"https://{handle[:24]}.example.org" if rng.random() < 0.7 else None,
            "instagram": handle if rng.random() < 0.6 else None, "keywords": keywords,
            "photo_url": None, "published": has_bio and rng.random() < 0.9,
            "updated_at": updated, "updated_by": "demo"}


def _tenant_values(tenant: Tenant) -> dict:
    return {"name": tenant.name, "business": tenant.business, "sector": tenant.sector,
            "residency": tenant.residency, "joined_on": tenant.joined_on, "left_on": tenant.left_on}


def seed_listings_demo(session: Session, site_ids: list[int], today: date) -> int:
    """Listings for the demo tenants of `site_ids` who have none yet."""
    tenants = session.exec(select(Tenant).outerjoin(TenantListing, TenantListing.tenant_id == Tenant.id)
                           .where(Tenant.site_id.in_(site_ids), TenantListing.id.is_(None),
                                  or_(Tenant.left_on.is_(None), Tenant.left_on >= today))
                           .order_by(Tenant.name, Tenant.business)).all()
    rows = []
    for tenant in tenants:
        values = listing_values(random.Random(f"{SEED}:listing:{tenant.name}"), _tenant_values(tenant), today)
        if values is not None:
            rows.append({"tenant_id": tenant.id, **values})
    return insert_rows(session, TenantListing, rows)


def scale_listings(run: ScaleRun) -> int:
    site_ids = [site.id for site in run.sites]

    def rows() -> Iterator[dict]:
        tenants = run.session.exec(select(Tenant.id, Tenant.name, Tenant.business, Tenant.sector,
                                          Tenant.residency, Tenant.joined_on, Tenant.left_on)
                                   .where(Tenant.site_id.in_(site_ids)).order_by(Tenant.id))
        for tenant_id, *values in tenants.all():
            tenant = dict(zip(("name", "business", "sector", "residency", "joined_on", "left_on"), values))
            listing = listing_values(random.Random(f"{SEED}:listing:{tenant_id}"), tenant, run.today)
            if listing is not None:
                yield {"tenant_id": tenant_id, **listing}

    tenants = run.session.exec(select(func.count()).select_from(Tenant)
                               .where(Tenant.site_id.in_(site_ids))).one()
    return run.insert(TenantListing, rows(), tenants)  # an upper bound: leavers get none
