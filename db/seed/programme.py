"""Demo and scale data for the programme: courses, seminars and events since 2016, their
sessions, instructors and enrolments.

Like the leases and bookings (db/seed/occupancy.py) the plan keeps hub/'s rules by
construction: a session takes a space only when no booking and no other session holds it
then, never a bench on a day it is leased, and an instructor teaches one session at a time;
seats never pass an item's capacity, the rest wait in order. Deterministic (fixed seeds);
a site that already has programme items gets none added, so a second run adds nothing.
"""
from __future__ import annotations

import random
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import insert
from sqlmodel import Session, select

from db.models import (Booking, Enrolment, Instructor, Lease, ProgrammeItem, ProgrammeSession,
                       Site, Space, Tenant)
from db.seed.occupancy import covered, guest_names
from db.seed.sites import SEED

if TYPE_CHECKING:
    from db.seed.run import ScaleRun

FIRST_YEAR = 2016
# title, sector, weeks (sessions of a course), capacity, price
OC_COURSES = (
    ("Wheel throwing for beginners", "ceramics", 8, 10, 280),
    ("Raku firing weekend", "ceramics", 2, 8, 190), ("Glazes and kiln firing", "ceramics", 6, 10, 240),
    ("Hand-building in clay", "ceramics", 6, 12, 210), ("Leather bag making", "leather", 8, 10, 320),
    ("Natural dyeing of textiles", "textile", 5, 12, 180), ("Weaving on the frame loom", "textile", 6, 10, 200),
    ("Furniture restoration and French polish", "restoration", 8, 10, 350),
    ("Gilding with gold leaf", "restoration", 4, 8, 260), ("Florentine paper marbling", "paper", 3, 12, 120),
    ("Bookbinding by hand", "bookbinding", 6, 10, 220), ("Woodcarving basics", "wood", 6, 8, 260),
    ("Pricing and selling handmade work", "other", 3, 25, 60),
    ("Photographing your work for online shops", "design", 3, 20, 90),
    ("Digital marketing for artisans", "design", 4, 25, 0),
    ("Business plan for a craft start-up", "other", 5, 20, 0),
    ("Export to China: first steps for artisans", "other", 3, 30, 0),
    ("Intellectual property for makers and designers", "design", 2, 30, 0),
)
OC_EVENTS = (
    ("seminar", "Craft and innovation: an Artex seminar", "design", 60, 0),
    ("seminar", "Selling crafts in the USA (online)", "other", 80, 0),
    ("meeting", "INNOCRAFTS partners' study visit", "other", 40, 0),
    ("meeting", "B2B meeting with buyers from China", "other", 30, 0),
    ("meeting", "Young and female entrepreneurs in crafts", "other", 50, 0),
    ("event", "Open day at Officina Creativa", "other", 60, 0),
    ("event", "Christmas craft market talk", "other", 60, 0),
    ("exhibition", "The laboratories show their work", "design", 60, 0),
    ("seminar", "CNA Firenze: funding for craft businesses", "other", 60, 0),
    ("workshop", "Family clay afternoon", "ceramics", 12, 25),
)
ON_COURSES = (
    ("Jewellery basics: sawing, filing, soldering", "jewellery", 6, 6, 380),
    ("Stone setting", "jewellery", 4, 5, 340), ("Wax carving and lost-wax casting", "jewellery", 5, 6, 360),
    ("Enamelling on silver", "jewellery", 4, 6, 300), ("Chain making by hand", "jewellery", 3, 6, 220),
    ("Contemporary jewellery: from concept to piece", "jewellery", 8, 6, 480),
)
ON_EVENTS = (
    ("event", "Visiting artist talk", "jewellery", 15, 0),
    ("exhibition", "Resident artists' exhibition", "jewellery", 15, 0),
    ("workshop", "Ring in a day", "jewellery", 5, 120),
)
PLAN = {"OC": (OC_COURSES, OC_EVENTS, 6, 4.5), "ON": (ON_COURSES, ON_EVENTS, 2.5, 1)}
SLOTS = ((18 * 60, 21 * 60), (14 * 60 + 30, 17 * 60 + 30), (9 * 60 + 30, 12 * 60 + 30),
         (20 * 60, 22 * 60 + 30))
OUTSIDE_TEACHERS = ("Lucia Bellandi", "Marco Guarnieri", "Sara Pecchioli", "Tommaso Nesi",
                    "Elena Frosali", "Giovanni Baldi", "Chiara Vannucci", "Hiroshi Mori",
                    "Laura Martelli", "Ana Ribeiro", "Pietro Cecchi", "Maya Goldberg")
FUNDERS = ("Comune di Firenze", "Artex", "CNA Firenze", "Confartigianato Firenze",
           "INNOCRAFTS (Interreg Europe)", "Regione Toscana", None, None, None)
TARGETS = ("young entrepreneurs", "female entrepreneurs", "craft start-ups", None, None, None)


@dataclass
class Room:
    """Who holds a space (or an instructor) when, as minutes of a day."""
    taken: dict = field(default_factory=lambda: defaultdict(list))

    def free(self, key, day: date, first: int, last: int) -> bool:
        return all(last <= start or end <= first for start, end in self.taken[key, day])

    def take(self, key, day: date, first: int, last: int) -> None:
        self.taken[key, day].append((first, last))


@dataclass
class SitePlan:
    """What one site's programme is planned from, read from the database once."""
    site_id: int
    code: str  # OC or ON (the hub it copies)
    spaces: dict[str, int]  # code -> id
    bench_leases: dict[int, list]
    tenants: list[tuple[int, str, str]]  # id, name, sector
    busy: Room = field(default_factory=Room)

    @property
    def benches(self) -> list[int]:
        return [space_id for code, space_id in sorted(self.spaces.items()) if code[0] == "B"]


def read_site(session: Session, site_id: int, hub_code: str) -> SitePlan:
    spaces = dict(session.exec(select(Space.code, Space.id).where(Space.site_id == site_id)).all())
    plan = SitePlan(site_id, hub_code, spaces, defaultdict(list), list(session.exec(
        select(Tenant.id, Tenant.name, Tenant.sector).where(Tenant.site_id == site_id)
        .order_by(Tenant.id))))
    for space_id, starts, ends in session.exec(
            select(Lease.space_id, Lease.starts_on, Lease.ends_on)
            .where(Lease.space_id.in_(plan.benches))):
        plan.bench_leases[space_id].append((starts, ends))
    for space_id, day, first, last in session.exec(
            select(Booking.space_id, Booking.day, Booking.start_minute, Booking.end_minute)
            .where(Booking.space_id.in_(list(spaces.values())), Booking.status == "booked")):
        plan.busy.take(("space", space_id), day, first, last)
    return plan


def _status(rng: random.Random, first: date, last: date, today: date) -> str:
    if rng.random() < 0.05:
        return "cancelled"
    if last < today:
        return "done"
    return "draft" if first > today + timedelta(days=30) and rng.random() < 0.3 else "published"


def _space_for(plan: SitePlan, sector: str, kind: str, day: date) -> int | None:
    if plan.code == "ON":
        free = [b for b in plan.benches if not covered(plan.bench_leases[b], day)]
        return free[(day.toordinal()) % len(free)] if free else plan.spaces.get("SHOP")
    return plan.spaces.get("POT") if sector == "ceramics" else plan.spaces.get("CONF")


def _place(plan: SitePlan, rng: random.Random, days: list[date], sector: str, kind: str,
           online: bool, teacher: int | None) -> list[tuple] | None:
    """(day, first, last, space) for each day in one slot free on all of them, or None."""
    for first, last in rng.sample(SLOTS[:3], 3) + [SLOTS[3]]:
        spaces = [None if online else _space_for(plan, sector, kind, day) for day in days]
        if all((space is None or plan.busy.free(("space", space), day, first, last)) and
               (teacher is None or plan.busy.free(("teacher", teacher), day, first, last))
               for day, space in zip(days, spaces)):
            for day, space in zip(days, spaces):
                if space is not None:
                    plan.busy.take(("space", space), day, first, last)
                if teacher is not None:
                    plan.busy.take(("teacher", teacher), day, first, last)
            return [(day, first, last, space) for day, space in zip(days, spaces)]
    return None


def plan_items(plan: SitePlan, rng: random.Random, teachers: list[tuple[int, str]],
               today: date, last_year: int, scale: float = 1.0):
    """Yield (item values, sessions, enrolment count plan) for every year of the programme."""
    courses, events, per_year_courses, per_year_events = PLAN[plan.code]
    for year in range(FIRST_YEAR, last_year + 1):
        wanted = [("course", c) for c in range(_howmany(rng, per_year_courses * scale))] + \
            [("other", e) for e in range(_howmany(rng, per_year_events * scale))]
        if year == today.year:  # something on the calendar of the coming weeks, and after
            wanted += [("course", (2, 16)), ("course", (2, 16)), ("other", (5, 25)),
                       ("course", (40, 70)), ("other", (45, 90))]
        for family, soon in wanted:
            first = date(year, 1, 12) + timedelta(days=rng.randrange(330))
            if isinstance(soon, tuple):
                first = today + timedelta(days=rng.randint(*soon))
            if family == "course":
                title, sector, weeks, capacity, price = rng.choice(courses)
                kind, days = "course", [first + timedelta(weeks=w) for w in range(weeks)]
                online = False
            else:
                kind, title, sector, capacity, price = rng.choice(events)
                days = [first + timedelta(days=d) for d in range(3 if kind == "exhibition" else 1)]
                online = kind == "seminar" and "online" in title
            teacher = rng.choice(teachers)[0] if teachers and kind != "exhibition" else None
            placed = _place(plan, rng, days, sector, kind, online, teacher)
            if placed is None:
                continue
            status = _status(rng, days[0], days[-1], today)
            yield ({"site_id": plan.site_id, "kind": kind, "title": f"{title} {year}"
                    if kind == "course" else title, "sector": sector,
                    "description": f"{title}. Held at the hub by {_name_of(teachers, teacher)}.",
                    "format": "online" if online else ("hybrid" if kind == "seminar"
                                                       and rng.random() < 0.3 else "in_situ"),
                    "capacity": capacity, "price": Decimal(price), "status": status,
                    "funding": rng.choice(FUNDERS), "target_group": rng.choice(TARGETS),
                    "starts_on": days[0], "ends_on": days[-1],
                    "created_at": datetime.combine(min(days[0] - timedelta(days=60), today),
                                                   time(10), UTC)},
                   [(day, a, b, space, teacher) for day, a, b, space in placed])


def _howmany(rng: random.Random, mean: float) -> int:
    return int(rng.uniform(0.6, 1.4) * mean + 0.5)


def _name_of(teachers: list[tuple[int, str]], teacher: int | None) -> str:
    return next((name for key, name in teachers if key == teacher), "guest speakers")


def _email(name: str, number: int) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return f"{'.'.join(plain.split())}.{number}@example.org"


def enrolment_rows(rng: random.Random, item_id: int, item: dict, people: list[str],
                   tenants: list[tuple[int, str, str]], today: date,
                   crowd: float = 1.0) -> list[dict]:
    """Seats up to capacity, the rest on the waitlist, in the order they came."""
    if item["status"] == "draft":
        return []
    capacity = item["capacity"]
    demand = min(len(people), int(crowd * capacity * rng.uniform(0.35, 1.45)) + 1,
                 max(capacity + 6, 8))
    start = item["starts_on"]
    rows, names = [], set()
    for number, name in enumerate(rng.sample(people, demand)):
        tenant = rng.choice(tenants) if tenants and rng.random() < 0.08 else None
        # One place per person, as enrolling has it (same name, email or tenant: refused).
        if tenant is not None and tenant[1].casefold() in names:
            tenant = None
        if (tenant[1] if tenant else name).casefold() in names:
            continue
        names.add((tenant[1] if tenant else name).casefold())
        number = len(rows)
        status = "enrolled" if number < capacity else "waitlisted"
        if item["status"] == "done" and status == "enrolled":
            status = "attended" if rng.random() < 0.85 else "enrolled"
        if item["status"] == "cancelled":
            status = "cancelled"
        # First come, first served: whoever holds a seat came before the waitlist.
        queued = datetime.combine(start - timedelta(days=60 - number * 50 // demand),
                                  time(9), UTC) + timedelta(minutes=7 * number)
        queued = min(queued, datetime.combine(today, time(), UTC))
        rows.append({"item_id": item_id, "participant_name": tenant[1] if tenant else name,
                     "email": None if tenant else _email(name, item_id % 97),
                     "tenant_id": tenant[0] if tenant else None, "status": status,
                     "queued_at": queued, "created_at": queued,
                     "cancelled_at": queued if status == "cancelled" else None})
    return rows


def _teachers(session: Session, plan: SitePlan, rng: random.Random,
              outsiders: int) -> list[tuple[int, str]]:
    """Instructors: a few of the site's tenants, and some outside people with contacts."""
    makers = rng.sample(plan.tenants, min(4 if plan.code == "OC" else 2, len(plan.tenants)))
    rows = [{"tenant_id": tid, "name": name, "email": None, "phone": None, "active": True}
            for tid, name, _ in makers]
    for name in rng.sample(OUTSIDE_TEACHERS, outsiders):
        rows.append({"tenant_id": None, "name": name, "email": _email(name, plan.site_id),
                     "phone": f"+39 055 {rng.randrange(100000, 999999)}", "active": True})
    ids = session.exec(insert(Instructor.__table__).returning(
        Instructor.__table__.c.id, sort_by_parameter_order=True), params=rows).scalars().all()
    return [(key, row["name"]) for key, row in zip(ids, rows)]


def seed_site(session: Session, site_id: int, hub_code: str, today: date, *, key: str,
              scale: float = 1.0, outsiders: int = 6, people: list[str] | None = None,
              crowd: float = 1.0) -> dict[str, int]:
    """Plan and write one site's programme; return rows per table."""
    rng = random.Random(f"{SEED}:programme:{key}")
    plan = read_site(session, site_id, hub_code)
    teachers = _teachers(session, plan, rng, outsiders)
    items = list(plan_items(plan, rng, teachers, today, max(today.year, FIRST_YEAR), scale))
    pool = sorted(set(people or guest_names(rng, "IT", 240)))
    ids = session.exec(insert(ProgrammeItem.__table__).returning(
        ProgrammeItem.__table__.c.id, sort_by_parameter_order=True),
        params=[values for values, _ in items]).scalars().all() if items else []
    sessions, enrolments = [], []
    for item_id, (values, placed) in zip(ids, items):
        sessions += [{"item_id": item_id, "day": day, "start_minute": a, "end_minute": b,
                      "space_id": space, "location": None if space else "Online",
                      "instructor_id": teacher} for day, a, b, space, teacher in placed]
        enrolments += enrolment_rows(rng, item_id, values, pool, plan.tenants,
                                     today, crowd)
    for model, rows in ((ProgrammeSession, sessions), (Enrolment, enrolments)):
        if rows:
            session.exec(insert(model.__table__), params=rows)
    return {"instructors": len(teachers), "programme_items": len(ids),
            "programme_sessions": len(sessions), "enrolments": len(enrolments)}


def seed_programme_demo(session: Session, sites: dict[str, Site], today: date) -> dict[str, int]:
    """Write the demo programme of the two hubs (keyed by site code); return rows per table."""
    counts: dict[str, int] = defaultdict(int)
    for code in ("OC", "ON"):
        site = sites.get(code)
        if site is None or session.exec(select(ProgrammeItem.id).where(
                ProgrammeItem.site_id == site.id).limit(1)).first():
            continue
        for table, added in seed_site(session, site.id, code, today, key=f"demo:{code}").items():
            counts[table] += added
    return dict(counts)


def scale_programme(run: ScaleRun) -> int:
    """Write the programme of each copy in `run.sites`; return the rows added."""
    added = 0
    people = guest_names(random.Random(f"{SEED}:programme:people"), "IT", 600)
    for number, site in enumerate(run.sites, start=1):
        counts = seed_site(run.session, site.id, site.hub.code, run.today,
                           key=f"scale:{site.code}", scale=SCALE_ITEMS[site.hub.code],
                           outsiders=3, people=people, crowd=SCALE_CROWD)
        added += sum(counts.values())
        if run.progress:
            run.progress(run.step, number, len(run.sites))
    return added


# Factor 50 (100 copies) gives about 15,000 items: 150 a copy, of each hub alike.
SCALE_ITEMS = {"OC": 1.3, "ON": 3.9}
SCALE_CROWD = 0.5  # …and about 150,000 enrolments: half the demo's demand per item
