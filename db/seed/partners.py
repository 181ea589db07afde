"""Demo and scale data for the partner network: institutions, associations, INNOCRAFTS
cities, buyers and galleries abroad; their contacts, interactions and links.

Deterministic: each partner's contacts, interactions and links come from a random stream
seeded with its name, so they never depend on what else is in the database. Interaction
dates run from the partner's `since` (2016 at the earliest) to today; follow-ups near today
are left open, and the first active partners each get a recent call whose follow-up falls just
before or after today (OPEN_FOLLOW_UPS), so the due list has some overdue and some upcoming
on any day.
"""
from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import insert
from sqlmodel import Session, select

from db.seed.partner_names import (ABROAD, FIRST_NAMES, INNOCRAFTS, ITALIAN_CITIES, LANGUAGES,
                              NAMED, PHONE_PREFIX, ROLES, SUMMARIES, SURNAMES, TUSCAN_CITIES,
                              TUSCAN_EXTRA)
from db.models import (Contact, Interaction, Partner, PartnerItemLink, PartnerTenantLink,
                       ProgrammeItem, Site, Tenant)
from db.vocabulary import INTERACTION_KINDS, partner_region

if TYPE_CHECKING:
    from db.seed.run import ScaleRun

SEED = 2016
DEMO_PARTNERS = 120
SCALE_PARTNERS_PER_SITE = 60  # factor 50: 100 sites, 6,000 partners, about 30,000 interactions
FIRST_DAY = date(2016, 1, 15)
OPEN_FOLLOW_UPS = (-9, -5, -2, 3, 6, 12)  # days from today, one per active partner in plan order
RECENT_CALL = timedelta(days=21)          # how long before today that call was
INTERACTIONS_BY_STATUS = {"active": (4, 10), "dormant": (1, 4), "prospect": (0, 3)}
TENANT_LINKS = {"b2b_buyer": "sells_work", "gallery_retailer": "exhibits",
                "school_academy": "sends_trainees", "supplier": "supplies",
                "trade_association": "mentors", "media": "other"}
ITEM_ROLES = {"institution": "funder", "trade_association": "co_organiser",
              "eu_project_partner": "co_organiser", "school_academy": "venue",
              "media": "media_partner", "gallery_retailer": "sponsor"}


# ---------------------------------------------------------------- the plan


def _entry(name, kind, country, city, website=None, status="active", since=None, tags=""):
    return {"name": name, "kind": kind, "country": country, "city": city, "website": website,
            "status": status, "since": date(*since, 1) if since else None, "tags": tags}


def partner_plan() -> list[dict]:
    """The demo's partners, always the same DEMO_PARTNERS in the same order."""
    rng = random.Random(f"{SEED}:partners:plan")
    plan = [_entry(*row) for row in NAMED]
    plan += [_entry(f"INNOCRAFTS partner — City of {city}", "eu_project_partner", country, city,
                    None, rng.choice(("active", "active", "dormant")), (2017, rng.randint(1, 12)),
                    "innocrafts,eu project") for city, country in INNOCRAFTS]
    for country, cities, kind, patterns in ABROAD:
        for number, pattern in enumerate(patterns):
            city = cities[number % len(cities)]
            plan.append(_entry(pattern.format(city=city), kind, country, city, None,
                               rng.choice(("active", "active", "dormant", "prospect")),
                               (rng.randint(2016, 2025), rng.randint(1, 12)),
                               rng.choice(("export", "export,b2b", "design", "exhibitions"))))
    cities = [city for pair in zip(TUSCAN_CITIES, ITALIAN_CITIES) for city in pair]
    towns = iter([(pattern, kind, city) for pattern, kind in TUSCAN_EXTRA for city in cities])
    while len(plan) < DEMO_PARTNERS:
        pattern, kind, city = next(towns)
        status = rng.choice(("active", "active", "prospect", "dormant"))
        since = None if status == "prospect" else (rng.randint(2016, 2025), 1 + len(plan) % 12)
        plan.append(_entry(pattern.format(city=city), kind, "IT", city, None, status, since,
                           rng.choice(("crafts", "training", "local", "crafts,local"))))
    return plan[:DEMO_PARTNERS]


def partner_row(entry: dict, *, name: str, today: date) -> dict:
    since = entry["since"] if entry["since"] and entry["since"] <= today else None
    return {**entry, "name": name, "since": since, "notes": None,
            "region": partner_region(entry["country"], entry["city"]),
            "created_at": datetime.combine(since or FIRST_DAY, time(9), UTC)}


def contact_rows(rng: random.Random, partner_id: int, country: str) -> list[dict]:
    group = country if country in FIRST_NAMES else "other"
    rows = []
    for _ in range(rng.choice((0, 1, 1, 1, 2, 2))):
        first, last = rng.choice(FIRST_NAMES[group]), rng.choice(SURNAMES[group])
        domain = "example.org" if country == "IT" else "example.com"
        email = f"{first}.{last}@{domain}".lower().replace("ü", "u").replace("í", "i")
        prefix = PHONE_PREFIX.get(country, "+44 20")
        phone = f"{prefix} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
        rows.append({"partner_id": partner_id, "name": f"{first} {last}",
                     "role": rng.choice(ROLES), "email": email, "phone": phone,
                     "language": LANGUAGES.get(country, "English")})
    return rows


def interaction_rows(rng: random.Random, partner_id: int, entry: dict, today: date
                     ) -> list[dict]:
    low, high = INTERACTIONS_BY_STATUS[entry["status"]]
    first = max(entry["since"] or today - timedelta(days=300), FIRST_DAY)
    span = max(1, (today - first).days)
    count = rng.randint(low, high)
    days = sorted(first + timedelta(days=rng.randrange(span)) for _ in range(count))
    return [_interaction(rng, partner_id, day, today) for day in days]


def _interaction(rng: random.Random, partner_id: int, day: date, today: date) -> dict:
    kind = rng.choices(INTERACTION_KINDS, weights=(5, 5, 6, 2, 3, 1, 1))[0]
    follow_up = day + timedelta(days=rng.randint(7, 60)) if rng.random() < 0.35 else None
    # Follow-ups long past were dealt with; those of the last few weeks may still be open.
    done = follow_up is not None and (follow_up < today - timedelta(days=45)
                                      or (follow_up <= today and rng.random() < 0.4))
    created = datetime.combine(day, time(10), UTC)
    return {"partner_id": partner_id, "day": day, "kind": kind,
            "summary": rng.choice(SUMMARIES[kind]), "owner_id": None, "follow_up_on": follow_up,
            "follow_up_done_at": datetime.combine(follow_up, time(17), UTC) if done else None,
            "follow_up_done_by": "demo" if done else None, "created_at": created}


def recent_call(partner_id: int, today: date, follow_up_in: int) -> dict:
    """A call three weeks ago whose follow-up, `follow_up_in` days from today, is still open."""
    day = today - RECENT_CALL
    return {"partner_id": partner_id, "day": day, "kind": "call",
            "summary": SUMMARIES["call"][0], "owner_id": None,
            "follow_up_on": today + timedelta(days=follow_up_in), "follow_up_done_at": None,
            "follow_up_done_by": None, "created_at": datetime.combine(day, time(10), UTC)}


def link_rows(rng: random.Random, partner_id: int, entry: dict, tenants: list[int],
              items: list[int]) -> tuple[list[dict], list[dict]]:
    tenant_links, item_links = [], []
    kind = TENANT_LINKS.get(entry["kind"])
    if kind and tenants and entry["status"] != "prospect" and rng.random() < 0.55:
        for tenant_id in rng.sample(tenants, min(len(tenants), rng.randint(1, 3))):
            starts = entry["since"]
            tenant_links.append({"partner_id": partner_id, "tenant_id": tenant_id, "kind": kind,
                                 "starts_on": starts, "ends_on": None, "notes": None})
    role = ITEM_ROLES.get(entry["kind"])
    if role and items and entry["status"] == "active" and rng.random() < 0.5:
        for item_id in rng.sample(items, min(len(items), rng.randint(1, 3))):
            item_links.append({"partner_id": partner_id, "item_id": item_id, "role": role})
    return tenant_links, item_links


# ---------------------------------------------------------------- writing


def _children(planned: list[tuple[dict, str]], ids: dict[str, int],
              today: date, tenants: list[int], items: list[int]) -> Iterator[tuple[str, dict]]:
    open_follow_ups = iter(OPEN_FOLLOW_UPS)
    for entry, name in planned:
        rng = random.Random(f"{SEED}:partner:{name}")
        pid = ids[name]
        for row in contact_rows(rng, pid, entry["country"]):
            yield "contacts", row
        for row in interaction_rows(rng, pid, entry, today):
            yield "interactions", row
        if entry["status"] == "active" and (days := next(open_follow_ups, None)) is not None:
            yield "interactions", recent_call(pid, today, days)
        tenant_links, item_links = link_rows(rng, pid, entry, tenants, items)
        yield from (("tenant_links", row) for row in tenant_links)
        yield from (("item_links", row) for row in item_links)


TABLES = {"contacts": Contact, "interactions": Interaction, "tenant_links": PartnerTenantLink,
          "item_links": PartnerItemLink}


def _write(session: Session, planned: list[tuple[dict, str]], today: date,
           tenants: list[int], items: list[int]) -> dict[str, int]:
    counts = dict.fromkeys(["partners", *TABLES], 0)
    if not planned:
        return counts
    session.exec(insert(Partner.__table__),
                 params=[partner_row(entry, name=name, today=today) for entry, name in planned])
    names = [name for _, name in planned]
    ids = dict(session.exec(select(Partner.name, Partner.id).where(Partner.name.in_(names))).all())
    rows: dict[str, list[dict]] = {key: [] for key in TABLES}
    for table, row in _children(planned, ids, today, tenants, items):
        rows[table].append(row)
    for table, model in TABLES.items():
        if rows[table]:
            session.exec(insert(model.__table__), params=rows[table])
    counts.update({"partners": len(planned), **{key: len(value) for key, value in rows.items()}})
    return counts


def seed_partners_demo(session: Session, sites: dict[str, Site], today: date) -> dict[str, int]:
    """Write the demo network (linked to demo tenants and programme items); rows per table.
    Partners already present by name are left alone, with everything under them."""
    plan = partner_plan()
    present = set(session.exec(select(Partner.name).where(
        Partner.name.in_([entry["name"] for entry in plan]))))
    planned = [(entry, entry["name"]) for entry in plan if entry["name"] not in present]
    site_ids = [site.id for site in sites.values()]
    tenants = sorted(session.exec(select(Tenant.id).where(Tenant.site_id.in_(site_ids))))
    items = sorted(session.exec(select(ProgrammeItem.id)
                                .where(ProgrammeItem.site_id.in_(site_ids))))
    counts = _write(session, planned, today, tenants, items)
    return {f"partner_{key}" if key != "partners" else key: value
            for key, value in counts.items()}


def scale_partners(run: ScaleRun) -> int:
    """Write the partners of each copy in `run.sites`; return the rows added."""
    plan = partner_plan()
    added = 0
    for number, site in enumerate(run.sites, start=1):
        rng = random.Random(f"{SEED}:partners:scale:{site.code}")
        planned = [(entry, f"{entry['name']} ({site.code})")
                   for entry in rng.sample(plan, SCALE_PARTNERS_PER_SITE)]
        tenants = sorted(run.session.exec(select(Tenant.id).where(Tenant.site_id == site.id)))
        items = sorted(run.session.exec(select(ProgrammeItem.id)
                                        .where(ProgrammeItem.site_id == site.id)))
        added += sum(_write(run.session, planned, run.today, tenants, items).values())
        if run.progress:
            run.progress(run.step, number, len(run.sites))
    return added
