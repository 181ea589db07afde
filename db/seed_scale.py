"""Scale data: a network of N copies of the two demo hubs, for benchmarks.

Every copy gets its spaces, tenants, leases derived from their stays, and about
BOOKINGS_PER_SITE bookings over the last two years and the next month, planned by the same
code as the demo (db/seed_occupancy.py). Rows are sent with Core bulk inserts in batches.
"""
from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Engine, insert
from sqlmodel import Session, SQLModel, select

from db.models import Booking, Lease, Site, Space, Tenant
from db.seed_hubs import (HUBS, SEED, HubTemplate, NameRegistry, demo_tenants, make_tenant,
                          settle)
from db.seed_listings import scale_listings
from db.seed_occupancy import Pace, site_bookings, site_leases
from db.seed_partners import scale_partners
from db.seed_programme import scale_programme

BATCH_SIZE = 10_000
SCALE_PAST = timedelta(days=730)  # bookings over the last two years…
SCALE_AHEAD = timedelta(days=31)  # …and the next month
SCALE_PACE = Pace(meetings=3.0, pottery=30.0, bench=1.0, whole_day=0.15, by_the_hour=5,
                  cancelled=0.02)
BOOKINGS_PER_SITE = 10_000  # about, with SCALE_PACE: factor 50 gives about a million

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class ScaleSite:
    """One copy of a hub in the scale network, e.g. "Officina Creativa Bologna 7" (OC7)."""
    hub: HubTemplate
    number: int
    city: str
    country: str
    id: int | None = None  # known once the sites step has inserted it

    @property
    def code(self) -> str:
        return f"{self.hub.code}{self.number}"

    @property
    def name(self) -> str:
        return f"{self.hub.name} {self.city} {self.number}"


def scale_plan(factor: int) -> list[ScaleSite]:
    """The copies a network of `factor` times the demo holds: OC1, ON1, OC2, ON2, …"""
    return [ScaleSite(hub, number, *hub.cities[(number - 1) % len(hub.cities)])
            for number in range(1, factor + 1) for hub in HUBS]


@dataclass
class ScaleRun:
    """What the steps of one `seed_scale` call share."""
    session: Session
    sites: list[ScaleSite]  # the copies this run adds; later steps fill only these
    today: date
    progress: Progress | None
    step: str = ""

    @property
    def now(self) -> datetime:
        return datetime.combine(self.today, time(), UTC)  # not the clock: same day, same rows

    def insert(self, model: type[SQLModel], rows: Iterable[dict],
               total: int | Callable[[], int]) -> int:
        """Bulk-insert `rows` (all with the same keys) in batches, reporting progress.
        `total` may be a function, for rows whose number is known only as they come."""
        done = 0
        for batch in _batches(rows, BATCH_SIZE):
            self.session.exec(insert(model.__table__), params=batch)
            done += len(batch)
            if self.progress:
                self.progress(self.step, done, total() if callable(total) else total)
        return done


def _batches(rows: Iterable[dict], size: int) -> Iterator[list[dict]]:
    iterator = iter(rows)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


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
        return counts


def _session_opener(target: Engine | Callable[[], Session]) -> Callable[[], Session]:
    if isinstance(target, Engine):
        return lambda: Session(target)
    return target
