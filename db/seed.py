"""Demo data (the two Florentine hubs) and scale data (a network of copies of them).

`seed_demo` writes Officina Creativa and Officine Nora, about sixty tenants, their leases
since 2016 and some two thousand bookings, inside the caller's transaction. `seed_scale`
(db/seed_scale.py) writes N copies of both hubs with Core bulk inserts, for benchmarks.
What a hub looks like is in db/seed_hubs.py, how leases and bookings are planned in
db/seed_occupancy.py. Both are deterministic: fixed random seeds and fixed history dates;
only dates near "now" (recent arrivals, visitors here this season, the bookings of the last
eighteen months and the coming weeks) follow `date.today()`.
"""
from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session, select

from db.models import Booking, Lease, Site, Space, Tenant
from db.seed_hubs import DEMO_CITY, HUBS, SEED, demo_tenants
from db.seed_listings import seed_listings_demo
from db.seed_occupancy import Pace, has_any, insert_rows, site_bookings, site_leases
from db.seed_partners import seed_partners_demo
from db.seed_programme import seed_programme_demo
from db.seed_scale import scale_plan, seed_scale

__all__ = ["seed_demo", "seed_scale", "scale_plan"]

DEMO_PAST = timedelta(days=548)  # bookings over the last eighteen months…
DEMO_AHEAD = timedelta(days=28)  # …and the next four weeks
DEMO_PACE = Pace(meetings=1.0, pottery=2.5, bench=0.15, whole_day=0.35, by_the_hour=3,
                 cancelled=0.01)


# ---------------------------------------------------------------- demo


def seed_demo(session: Session) -> dict[str, int]:
    """Write the two Florentine hubs, their tenants, leases and bookings; return rows added
    per table.

    Rows already present (matched by site code, space (site, code), tenant (name, business))
    are left alone, and a site that has any lease (any booking) gets none added, so a second
    run adds nothing. The caller owns the transaction.
    """
    today = date.today()
    sites, added_sites = _demo_sites(session)
    counts = {"sites": added_sites,
              "spaces": _demo_spaces(session, sites),
              "tenants": _demo_tenants(session, sites, today),
              "listings": seed_listings_demo(session, [site.id for site in sites.values()], today),
              "leases": _demo_leases(session, sites, today),
              "bookings": _demo_bookings(session, sites, today)}
    counts.update(seed_programme_demo(session, sites, today))
    counts.update(seed_partners_demo(session, sites, today))
    return counts


def _demo_sites(session: Session) -> tuple[dict[str, Site], int]:
    codes = [hub.code for hub in HUBS]
    sites = {site.code: site for site in session.exec(select(Site).where(Site.code.in_(codes)))}
    missing = [Site(code=hub.code, name=hub.name, city=DEMO_CITY, country="IT",
                    total_area_m2=hub.total_area_m2) for hub in HUBS if hub.code not in sites]
    session.add_all(missing)
    session.flush()
    sites.update((site.code, site) for site in missing)
    return sites, len(missing)


def _demo_spaces(session: Session, sites: dict[str, Site]) -> int:
    site_ids = [site.id for site in sites.values()]
    existing = {tuple(row) for row in session.exec(
        select(Space.site_id, Space.code).where(Space.site_id.in_(site_ids)))}
    rng = random.Random(SEED)
    # Every space is generated, present or not, so the random stream never depends on the data.
    planned = [Space(site_id=sites[hub.code].id, **values)
               for hub in HUBS for values in hub.spaces(rng)]
    new = [space for space in planned if (space.site_id, space.code) not in existing]
    session.add_all(new)
    session.flush()
    return len(new)


def _demo_tenants(session: Session, sites: dict[str, Site], today: date) -> int:
    planned = demo_tenants(today)
    names = {values["name"] for _, values in planned}
    existing = {tuple(row) for row in session.exec(
        select(Tenant.name, Tenant.business).where(Tenant.name.in_(names)))}
    new = [Tenant(site_id=sites[code].id, **values) for code, values in planned
           if (values["name"], values["business"]) not in existing]
    session.add_all(new)
    session.flush()
    return len(new)


def _demo_leases(session: Session, sites: dict[str, Site], today: date) -> int:
    now = datetime.combine(today, time(), UTC)  # not the clock: the same day, the same rows
    rows = [row for hub in HUBS if not has_any(session, Lease, sites[hub.code].id)
            for row in site_leases(session, sites[hub.code].id,
                                   random.Random(f"{SEED}:demo:leases:{hub.code}"), now)]
    return insert_rows(session, Lease, rows)


def _demo_bookings(session: Session, sites: dict[str, Site], today: date) -> int:
    now = datetime.combine(today, time(), UTC)
    rows = [row for hub in HUBS if not has_any(session, Booking, sites[hub.code].id)
            for row in site_bookings(session, sites[hub.code].id,
                                     random.Random(f"{SEED}:demo:bookings:{hub.code}"),
                                     first=today - DEMO_PAST, last=today + DEMO_AHEAD,
                                     pace=DEMO_PACE, created_by="demo", now=now)]
    return insert_rows(session, Booking, rows)
