"""Demo data (the two Florentine hubs) and scale data (a network of copies of them).

`seed_demo` writes Officina Creativa and Officine Nora with about sixty tenants through the
ORM, inside the caller's transaction. `seed_scale` writes N copies of both hubs with Core bulk
inserts, for benchmarks. Both are deterministic: fixed random seeds and fixed history dates;
only dates near "now" (recent arrivals, visitors here this season) follow `date.today()`.
"""
from __future__ import annotations

import itertools
import random
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import Engine, insert
from sqlmodel import Session, SQLModel, select

from db.demo_names import (BENCH_EQUIPMENT, COFFEE_SHOP, CONFERENCE, CRAFT_CITIES,
                           JEWELLERY_CITIES, LAB_EQUIPMENT, NOTES, PEOPLE, POTTERY, SHOP,
                           SURNAME_FIRST, WORKSHOPS)
from db.models import Site, Space, Tenant

SEED = 2016
HISTORY_START = date(2016, 3, 1)  # Officina Creativa's first tenants
HISTORY_END = date(2025, 12, 31)  # arrivals after this are placed relative to today
BATCH_SIZE = 5_000

Progress = Callable[[str, int, int], None]
Weights = dict[str, int]

# ---------------------------------------------------------------- spaces

# L01..L26 in m²: 830 m² of laboratories in all, as the hub reports.
LAB_AREAS = (24, 28, 32, 36, 22, 30, 45, 26, 38, 20, 34, 29, 48, 25, 31, 40, 27, 33, 21, 36,
             42, 28, 30, 35, 23, 47)


def _euros(amount: float | None) -> Decimal | None:
    return None if amount is None else Decimal(round(amount))


def _space(code: str, name: str, kind: str, *, area: float, capacity: int = 1,
           floor: str = "ground", equipment: str | None = None, monthly: float | None = None,
           hourly: float | None = None, daily: float | None = None) -> dict:
    """A space's column values; it is leasable when it has a rent, bookable when it has rates."""
    return {"code": code, "name": name, "kind": kind, "floor": floor, "area_m2": float(area),
            "capacity": capacity, "equipment": equipment, "monthly_rent": _euros(monthly),
            "hourly_rate": _euros(hourly), "daily_rate": _euros(daily),
            "leasable": monthly is not None, "bookable": hourly is not None or daily is not None,
            "active": True}


def officina_creativa_spaces(rng: random.Random) -> list[dict]:
    """26 laboratories, the pottery workshop, the conference room and the coffee-shop."""
    labs = [_space(f"L{number:02d}", f"Laboratorio {number}", "laboratory", area=area,
                   capacity=min(4, 1 + (area - 20) // 8),
                   floor="ground" if number <= 13 else "first",
                   equipment=rng.choice(LAB_EQUIPMENT), monthly=area * rng.uniform(12, 16))
            for number, area in enumerate(LAB_AREAS, start=1)]
    return labs + [
        _space("POT", "Pottery workshop", "workshop", area=60, capacity=12, equipment=POTTERY,
               hourly=25, daily=150),
        _space("CONF", "Conference room", "conference_room", area=90, capacity=60,
               floor="first", equipment=CONFERENCE, hourly=60, daily=380),
        _space("CAFE", "Craft coffee-shop", "coffee_shop", area=70, capacity=30,
               equipment=COFFEE_SHOP, monthly=1150),
    ]


def officine_nora_spaces(rng: random.Random) -> list[dict]:
    """11 jewellery benches, rented by the month or booked by the day or hour, and the shop."""
    benches = [_space(f"B{number:02d}", f"Bench {number}", "bench",
                      area=round(rng.uniform(2.8, 3.4), 1), equipment=rng.choice(BENCH_EQUIPMENT),
                      monthly=rng.randrange(250, 301, 10), daily=rng.randrange(30, 41, 5),
                      hourly=rng.choice((8, 9, 10)))
               for number in range(1, 12)]
    return benches + [_space("SHOP", "Shop and exhibition area", "shop", area=40, capacity=15,
                             equipment=SHOP, monthly=900)]


# ---------------------------------------------------------------- hubs


@dataclass(frozen=True)
class HubTemplate:
    """One of the two real hubs: the demo writes it once, the scale data copies it."""
    code: str
    name: str
    total_area_m2: float
    spaces: Callable[[random.Random], list[dict]]
    tenants: int
    sectors: Weights
    origins: Weights  # "IT" stands for the site's own country
    visiting_share: float
    cities: tuple[tuple[str, str], ...]  # where the scale data puts copies


OFFICINA_CREATIVA = HubTemplate(
    code="OC", name="Officina Creativa", total_area_m2=3500, spaces=officina_creativa_spaces,
    tenants=45, visiting_share=0.0, cities=CRAFT_CITIES,
    sectors={"ceramics": 8, "leather": 7, "textile": 6, "wood": 5, "restoration": 5,
             "design": 4, "jewellery": 3, "glass": 3, "paper": 3, "fashion": 3,
             "printmaking": 2, "metalwork": 2, "stone": 2, "bookbinding": 2,
             "musical instruments": 1, "other": 1},
    origins={"IT": 34, "FR": 2, "DE": 2, "ES": 2, "US": 2, "GB": 1, "JP": 1, "CN": 1, "BR": 1,
             "NL": 1, "PL": 1})
OFFICINE_NORA = HubTemplate(
    code="ON", name="Officine Nora", total_area_m2=180, spaces=officine_nora_spaces,
    tenants=15, visiting_share=0.4, cities=JEWELLERY_CITIES, sectors={"jewellery": 1},
    origins={"IT": 8, "US": 2, "JP": 2, "ZA": 1, "TW": 1, "KR": 1, "DE": 1, "FR": 1, "GB": 1,
             "BR": 1})
HUBS = (OFFICINA_CREATIVA, OFFICINE_NORA)
DEMO_CITY = "Florence"

# ---------------------------------------------------------------- tenants


@dataclass
class NameRegistry:
    """(name, business) keys already given out, so every tenant's natural key is new."""
    keys: set[tuple[str, str | None]] = field(default_factory=set)
    people: set[str] | None = None  # when a set, person names are unique too (the demo)

    def free(self, name: str, business: str) -> bool:
        return (name, business) not in self.keys and name not in (self.people or ())

    def take(self, name: str, business: str) -> None:
        self.keys.add((name, business))
        if self.people is not None:
            self.people.add(name)


def _pick(rng: random.Random, weights: Weights) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _origins(hub: HubTemplate, home: str, visiting: bool) -> Weights:
    """Where makers come from: the hub's mix, with the site's country in Italy's place."""
    weights = dict(hub.origins)
    if home != "IT":
        weights["IT"], weights[home] = weights.get(home, 2), weights["IT"]
    if visiting:  # visiting artists come from abroad
        weights.pop(home)
    return weights


def _maker(rng: random.Random, country: str, sector: str,
           registry: NameRegistry) -> tuple[bool, str, str, str, str]:
    """(female, given name, surname, full name, business), with a key nobody holds yet."""
    females, males, surnames = PEOPLE[country]
    for attempt in itertools.count():
        female = rng.random() < 0.55
        given, surname = rng.choice(females if female else males), rng.choice(surnames)
        name = f"{surname} {given}" if country in SURNAME_FIRST else f"{given} {surname}"
        business = rng.choice(WORKSHOPS[sector]).format(given=given, surname=surname)
        if attempt >= 20:  # a crowded name space: number the workshop rather than loop on
            business = f"{business} {attempt - 19}"
        if registry.free(name, business):
            registry.take(name, business)
            return female, given, surname, name, business
    raise AssertionError("unreachable")


def _stay(rng: random.Random, visiting: bool, today: date) -> tuple[date, date | None]:
    """Joined and left dates: fixed history, except recent arrivals, which follow today."""
    draw = rng.random()
    historic = HISTORY_START + timedelta(rng.randrange((HISTORY_END - HISTORY_START).days + 1))
    recent = today - timedelta(rng.randint(7, 120))
    length = timedelta(rng.randint(30, 150) if visiting else rng.randint(120, 1600))
    if draw < (0.25 if visiting else 0.12):
        return recent, None
    joined = min(historic, today)
    if visiting or draw < 0.50:
        left = joined + length
        return joined, None if left > today else left
    return joined, None


def _target_groups(rng: random.Random, joined: date, until: date, female: bool) -> dict:
    """Target-group flags, held only for the ~70% who consented (the database insists)."""
    consented = rng.random() < 0.7
    consent_on = min(joined + timedelta(rng.randint(0, 45)), until)
    flags = {"young_entrepreneur": rng.random() < 0.35,
             "female_led": rng.random() < (0.9 if female else 0.1),
             "startup": rng.random() < 0.4}
    if not consented:
        return {"consent_on": None, **dict.fromkeys(flags)}
    return {"consent_on": consent_on, **flags}


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return ".".join(re.findall(r"[a-z0-9]+", plain))[:48].strip(".")


def _contacts(rng: random.Random, given: str, surname: str, business: str) -> dict:
    """Reserved example domains only: demo data must never mail a real person."""
    personal = rng.random() < 0.6
    email = (f"{_slug(f'{given} {surname}')}@example.org" if personal
             else f"{_slug(business)}@example.com")
    return {"email": email, "phone": f"+39 055 {rng.randint(200, 799)} {rng.randint(1000, 9999)}"}


def make_tenant(rng: random.Random, hub: HubTemplate, *, home: str, today: date,
                registry: NameRegistry) -> dict:
    """One tenant's column values (site_id aside) for a site shaped like `hub` in `home`."""
    visiting = rng.random() < hub.visiting_share
    country = _pick(rng, _origins(hub, home, visiting))
    sector = _pick(rng, hub.sectors)
    female, given, surname, name, business = _maker(rng, country, sector, registry)
    joined, left = _stay(rng, visiting, today)
    return {"name": name, "business": business, "sector": sector, "origin_country": country,
            "residency": "visiting" if visiting else "resident", "joined_on": joined,
            "left_on": left, **_contacts(rng, given, surname, business),
            **_target_groups(rng, joined, left or today, female),
            "notes": rng.choice(NOTES) if rng.random() < 0.1 else None}


def demo_tenants(today: date) -> list[tuple[str, dict]]:
    """The demo's tenants as (hub code, column values); the same list for the same day."""
    rng = random.Random(f"{SEED}:demo:tenants")
    registry = NameRegistry(people=set())
    return [(hub.code, make_tenant(rng, hub, home="IT", today=today, registry=registry))
            for hub in HUBS for _ in range(hub.tenants)]


# ---------------------------------------------------------------- demo


def seed_demo(session: Session) -> dict[str, int]:
    """Write the two Florentine hubs and their tenants; return rows added per table.

    Rows already present (matched by site code, space (site, code), tenant (name, business))
    are left alone, so a second run adds nothing. The caller owns the transaction.
    """
    sites, added_sites = _demo_sites(session)
    return {"sites": added_sites,
            "spaces": _demo_spaces(session, sites),
            "tenants": _demo_tenants(session, sites, date.today())}


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


# ---------------------------------------------------------------- scale


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

    def insert(self, model: type[SQLModel], rows: Iterable[dict], total: int) -> int:
        """Bulk-insert `rows` (all with the same keys) in batches, reporting progress."""
        done = 0
        for batch in _batches(rows, BATCH_SIZE):
            self.session.exec(insert(model.__table__), params=batch)
            done += len(batch)
            if self.progress:
                self.progress(self.step, done, total)
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
            for _ in range(site.hub.tenants):
                yield {"site_id": site.id, **make_tenant(rng, site.hub, home=site.country,
                                                         today=run.today, registry=registry)}

    return run.insert(Tenant, rows(), sum(site.hub.tenants for site in run.sites))


# In order; a later issue appends its step (leases, bookings, …) and reads run.sites.
SCALE_STEPS: list[tuple[str, Callable[[ScaleRun], int]]] = [
    ("sites", scale_sites),
    ("spaces", scale_spaces),
    ("tenants", scale_tenants),
]


def seed_scale(session_factory_or_engine: Engine | Callable[[], Session], factor: int,
               progress: Progress | None = None) -> dict[str, int]:
    """Write a network of `factor` copies of each demo hub; return rows added per step.

    Factor 50 gives 100 sites, 2,050 spaces and 3,000 tenants. Copies already present (by
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
