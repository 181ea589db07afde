"""What the two Florentine hubs look like, for demo and scale data alike: their spaces and
the tenants who work there. Nothing here touches the database.

Deterministic: fixed random seeds and fixed history dates; only dates near "now" (recent
arrivals, visitors here this season) follow the `today` passed in.
"""
from __future__ import annotations

import itertools
import random
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from db.seed.names import (BENCH_EQUIPMENT, CAFE_NOTE, CAFES, COFFEE_SHOP, CONFERENCE,
                           CRAFT_CITIES, JEWELLERY_CITIES, LAB_EQUIPMENT, NOTES, PEOPLE, POTTERY,
                           SHOP, SURNAME_FIRST, WORKSHOPS)

SEED = 2016
HISTORY_START = date(2016, 3, 1)  # Officina Creativa's first tenants
HISTORY_END = date(2025, 12, 31)  # arrivals after this are placed relative to today

Weights = dict[str, int]

# ---------------------------------------------------------------- spaces

BENCHES = 11
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
               for number in range(1, BENCHES + 1)]
    # The shop is Officine Nora's own: neither leased nor booked.
    return benches + [_space("SHOP", "Shop and exhibition area", "shop", area=40, capacity=15,
                             equipment=SHOP)]


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
    units: int  # laboratories or benches, the units its residents lease
    cafe: bool  # a coffee-shop, run by a tenant of its own


OFFICINA_CREATIVA = HubTemplate(
    code="OC", name="Officina Creativa", total_area_m2=3500, spaces=officina_creativa_spaces,
    tenants=45, visiting_share=0.0, cities=CRAFT_CITIES, units=len(LAB_AREAS), cafe=True,
    sectors={"ceramics": 8, "leather": 7, "textile": 6, "wood": 5, "restoration": 5,
             "design": 4, "jewellery": 3, "glass": 3, "paper": 3, "fashion": 3,
             "printmaking": 2, "metalwork": 2, "stone": 2, "bookbinding": 2,
             "musical instruments": 1, "other": 1},
    origins={"IT": 34, "FR": 2, "DE": 2, "ES": 2, "US": 2, "GB": 1, "JP": 1, "CN": 1, "BR": 1,
             "NL": 1, "PL": 1})
OFFICINE_NORA = HubTemplate(
    code="ON", name="Officine Nora", total_area_m2=180, spaces=officine_nora_spaces,
    tenants=15, visiting_share=0.4, cities=JEWELLERY_CITIES, units=BENCHES, cafe=False,
    sectors={"jewellery": 1},
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


def _maker(rng: random.Random, country: str, workshops: tuple[str, ...],
           registry: NameRegistry) -> tuple[bool, str, str, str, str]:
    """(female, given name, surname, full name, business), with a key nobody holds yet."""
    females, males, surnames = PEOPLE[country]
    for attempt in itertools.count():
        female = rng.random() < 0.55
        given, surname = rng.choice(females if female else males), rng.choice(surnames)
        name = f"{surname} {given}" if country in SURNAME_FIRST else f"{given} {surname}"
        business = rng.choice(workshops).format(given=given, surname=surname)
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
    female, given, surname, name, business = _maker(rng, country, WORKSHOPS[sector], registry)
    joined, left = _stay(rng, visiting, today)
    return {"name": name, "business": business, "sector": sector, "origin_country": country,
            "residency": "visiting" if visiting else "resident", "joined_on": joined,
            "left_on": left, **_contacts(rng, given, surname, business),
            **_target_groups(rng, joined, left or today, female),
            "notes": rng.choice(NOTES) if rng.random() < 0.1 else None}


def make_cafe_tenant(rng: random.Random, *, home: str, today: date,
                     registry: NameRegistry) -> dict:
    """Whoever runs the coffee-shop: a local business, there since the hub's first year."""
    female, given, surname, name, business = _maker(rng, home, CAFES, registry)
    joined = HISTORY_START + timedelta(rng.randint(30, 300))
    return {"name": name, "business": business, "sector": "other", "origin_country": home,
            "residency": "resident", "joined_on": joined, "left_on": None,
            **_contacts(rng, given, surname, business),
            **_target_groups(rng, joined, today, female), "notes": CAFE_NOTE}


def runs_the_cafe(business: str | None) -> bool:
    """Every name in CAFES starts with "Caffè ", and no workshop name does."""
    return (business or "").startswith("Caffè ")


def settle(makers: list[dict], hub: HubTemplate, *, rng: random.Random, home: str,
           today: date, registry: NameRegistry) -> list[dict]:
    """A hub's tenants as they stand: its makers, whoever runs its café, and a few units
    kept free, so the leases derived from these stays always fit."""
    rows = makers + ([make_cafe_tenant(rng, home=home, today=today, registry=registry)]
                     if hub.cafe else [])
    _keep_units_free(rng, rows, units=hub.units, today=today)
    return rows


def _keep_units_free(rng: random.Random, rows: list[dict], *, units: int, today: date) -> None:
    """A hub keeps 2-4 units free for newcomers: past that, settled residents have moved on."""
    keep = units - rng.randint(2, 4)
    staying = [row for row in rows if row["residency"] == "resident" and row["left_on"] is None
               and not runs_the_cafe(row["business"])]
    settled = [row for row in staying if (today - row["joined_on"]).days >= 400]
    for row in rng.sample(settled, min(len(settled), max(0, len(staying) - keep))):
        stayed = rng.randint(365, (today - row["joined_on"]).days - 30)
        row["left_on"] = row["joined_on"] + timedelta(stayed)


def demo_tenants(today: date) -> list[tuple[str, dict]]:
    """The demo's tenants as (hub code, column values); the same list for the same day."""
    rng = random.Random(f"{SEED}:demo:tenants")
    registry = NameRegistry(people=set())
    makers = {hub.code: [make_tenant(rng, hub, home="IT", today=today, registry=registry)
                         for _ in range(hub.tenants)] for hub in HUBS}
    return [(hub.code, row) for hub in HUBS
            for row in settle(makers[hub.code], hub, rng=random.Random(f"{SEED}:demo:{hub.code}"),
                              home="IT", today=today, registry=registry)]
