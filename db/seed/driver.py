"""Demo data (the two Florentine hubs) and scale data (a network of copies of them).

`seed_demo` writes Officina Creativa and Officine Nora, about sixty tenants, their leases
since 2016 and some two thousand bookings, and bills their last eighteen months
(db/seed/billing.py), inside the caller's transaction. `seed_scale`
writes N copies of both hubs with Core bulk inserts, for benchmarks (the shared run is in
db/seed/run.py). What a hub looks like is in db/seed/sites.py, how leases and bookings are
planned in db/seed/occupancy.py. Both are deterministic: fixed random seeds and fixed history dates;
only dates near "now" (recent arrivals, visitors here this season, the bookings of the last
eighteen months and the coming weeks) follow `date.today()`.
"""
from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Engine
from sqlmodel import Session, select

from db import stamp
from db.models import Booking, Lease, Site, Space, Tenant
from db.seed.billing import scale_billing, seed_billing_demo
from db.seed.building import scale_building, seed_building_demo
from db.seed.occupancy import has_any, insert_rows, Pace, site_bookings, site_leases
from db.seed.partners import scale_partners, seed_partners_demo
from db.seed.programme import scale_programme, seed_programme_demo
from db.seed.run import Progress, scale_plan, ScaleRun
from db.seed.sites import (DEMO_CITY, HISTORY_START, HUBS, SEED, HubTemplate, NameRegistry,
                           demo_tenants,
                           make_tenant, settle)
from db.seed.tenants import scale_listings, seed_listings_demo
from hub.records import CHANGED

__all__ = ["seed_demo", "seed_scale", "scale_plan"]

DEMO_PAST = timedelta(days=548)  # bookings over the last eighteen months…
DEMO_AHEAD = timedelta(days=28)  # …and the next four weeks
DEMO_PACE = Pace(meetings=1.0, pottery=2.5, bench=0.15, whole_day=0.35, by_the_hour=3,
                 cancelled=0.01)


# ---------------------------------------------------------------- demo


def seed_demo(session: Session, *, billing: bool = True) -> dict[str, int]:
    """Write the two Florentine hubs, their tenants, leases and bookings, and (with `billing`)
    their last eighteen months of invoices and payments; return rows added per table.

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
    counts.update(seed_building_demo(session, sites, today))
    if billing:     # of the leases, bookings and fees above: the slowest part, by far
        counts.update(seed_billing_demo(session, sites, today))
    if not session.info.get(CHANGED):   # billing logged its runs: they move it on at commit
        stamp.bump(session)  # written without the audit log: move the data version on here
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
    for space in new:   # part of the hub since its first tenants, as an import can say
        space.opened_on = space.opened_on or HISTORY_START
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


# --- scale: N copies of the demo hubs, for benchmarks ---------------------------------------

SCALE_PAST = timedelta(days=730)  # bookings over the last two years…
SCALE_AHEAD = timedelta(days=31)  # …and the next month
SCALE_PACE = Pace(meetings=3.0, pottery=30.0, bench=1.0, whole_day=0.15, by_the_hour=5,
                  cancelled=0.02)
BOOKINGS_PER_SITE = 10_000  # about, with SCALE_PACE: factor 50 gives about a million


def scale_sites(run: ScaleRun) -> int:
    rows = ({"code": site.code, "name": site.name, "city": site.city, "country": site.country,
             "total_area_m2": site.hub.total_area_m2} for site in run.sites)
    added = run.insert(Site, rows, len(run.sites))
    ids = dict(run.session.exec(select(Site.code, Site.id)).all())
    run.sites = [replace(site, id=ids[site.code]) for site in run.sites]
    return added


def scale_spaces(run: ScaleRun) -> int:
    per_hub = {hub.code: len(hub.spaces(random.Random(SEED))) for hub in HUBS}

    def rows() -> Iterator[dict]:
        for site in run.sites:
            rng = random.Random(f"{SEED}:spaces:{site.code}")
            yield from ({"site_id": site.id, **values} for values in site.hub.spaces(rng))

    return run.insert(Space, rows(), sum(per_hub[site.hub.code] for site in run.sites))


def scale_tenants(run: ScaleRun) -> int:
    # Keys in the database and the demo's own are taken, whichever was seeded first.
    registry = NameRegistry(keys={tuple(row) for row in run.session.exec(
        select(Tenant.name, Tenant.business))})
    registry.keys.update((values["name"], values["business"])
                         for _, values in demo_tenants(run.today))

    def rows() -> Iterator[dict]:
        for site in run.sites:
            rng = random.Random(f"{SEED}:tenants:{site.code}")
            makers = [make_tenant(rng, site.hub, home=site.country, today=run.today,
                                  registry=registry) for _ in range(site.hub.tenants)]
            yield from ({"site_id": site.id, **values} for values in settle(
                makers, site.hub, rng=random.Random(f"{SEED}:settle:{site.code}"),
                home=site.country, today=run.today, registry=registry))

    return run.insert(Tenant, rows(), sum(_tenants_of(site.hub) for site in run.sites))


def _tenants_of(hub: HubTemplate) -> int:
    return hub.tenants + hub.cafe


def scale_leases(run: ScaleRun) -> int:
    rows = [row for site in run.sites
            for row in site_leases(run.session, site.id,
                                   random.Random(f"{SEED}:leases:{site.code}"), run.now)]
    return run.insert(Lease, rows, len(rows))


def scale_bookings(run: ScaleRun) -> int:
    """Planned one site at a time; the total shown grows more exact as sites are planned."""
    planned: list[int] = []

    def rows() -> Iterator[dict]:
        for site in run.sites:
            rng = random.Random(f"{SEED}:bookings:{site.code}")
            site_rows = list(site_bookings(
                run.session, site.id, rng, first=run.today - SCALE_PAST,
                last=run.today + SCALE_AHEAD, pace=SCALE_PACE, created_by="scale", now=run.now))
            planned.append(len(site_rows))
            yield from site_rows

    def expected() -> int:
        per_site = sum(planned) / len(planned) if planned else BOOKINGS_PER_SITE
        return sum(planned) + round(per_site * (len(run.sites) - len(planned)))

    return run.insert(Booking, rows(), expected)


# In order; each step reads run.sites and fills only those copies.
SCALE_STEPS: list[tuple[str, Callable[[ScaleRun], int]]] = [
    ("sites", scale_sites),
    ("spaces", scale_spaces),
    ("tenants", scale_tenants),
    ("listings", scale_listings),
    ("leases", scale_leases),
    ("bookings", scale_bookings),
    ("programme", scale_programme),
    ("partners", scale_partners),
    ("building", scale_building),
    ("billing", scale_billing),
]


def seed_scale(session_factory_or_engine: Engine | Callable[[], Session], factor: int,
               progress: Progress | None = None) -> dict[str, int]:
    """Write a network of `factor` copies of each demo hub; return rows added per step.

    Factor 50 gives 100 sites, 2,050 spaces, 3,050 tenants, some 2,500 leases and about a
    million bookings. Copies already present (by
    site code, OC1, ON1, …) are skipped with everything under them, so a repeat adds nothing
    and a larger factor adds only the missing copies. Codes and names never meet the demo's.

    One transaction for the whole run, opened here and committed at the end: a failure
    leaves the database as it was. Memory stays flat because rows are generated lazily and
    sent with Core bulk inserts in batches of BATCH_SIZE, which the session does not keep.
    `progress(step, done, total)` is called after each batch.
    """
    if isinstance(factor, bool) or not isinstance(factor, int) or factor < 1:
        raise ValueError(f"The scale factor must be a whole number of at least 1, not {factor!r}.")
    open_session = _session_opener(session_factory_or_engine)
    with open_session() as session, session.begin():
        present = set(session.exec(select(Site.code)).all())
        run = ScaleRun(session, [site for site in scale_plan(factor) if site.code not in present],
                       date.today(), progress)
        counts = {}
        for name, step in SCALE_STEPS:
            run.step = name
            counts[name] = step(run)
        stamp.bump(session)
        return counts


def _session_opener(target: Engine | Callable[[], Session]) -> Callable[[], Session]:
    if isinstance(target, Engine):
        return lambda: Session(target)
    return target
