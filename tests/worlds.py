"""Small hand-built worlds whose numbers can be worked out by hand, and the helpers that
write into them. tests/conftest.py turns the builders into fixtures: `base` (base_world), `plan`,
`published` and `network`."""
from __future__ import annotations

import itertools
import re
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from db.engine import reading, writing
from db.models import Site, Space, Tenant, WorksPeriod, WorksSpace
from hub.occupancy import bookings, leases
from hub.partners import interactions
from hub.partners import organisations
from hub.programme import items
from hub.programme.enrolments import enrol

_items = itertools.count(1)
MONDAY = date(2026, 6, 1)  # 1 June 2026 is a Monday
TUESDAY = date(2026, 6, 2)
TODAY = date.today()


def write(action, **arguments):
    with writing() as session, session.begin():
        return action(session, **arguments)


SOMEONE_ELSE = "someone else"   # a change met at the write, when the refusal can name no one


def stale(what: str, by: str | None = None) -> str:
    """The refusal of a save over someone else's change, as a regular expression: `what` was
    changed by `by` ("Name (username)"; anyone when None) on a moment, after you opened it."""
    if by == SOMEONE_ELSE:
        return re.escape(f"{what} was changed by someone else after you opened it; reload it "
                         "and apply your change again")
    person = re.escape(by) if by else ".+"
    return (rf"{re.escape(what)} was changed by {person} on \d+ \w+ \d{{4}}, \d\d:\d\d after you "
            r"opened it; reload it and apply your change again")


def read(action, **arguments):
    with reading() as session:
        return action(session, **arguments)


# --- the hub: spaces, tenants, users ----------------------------------------------------------

def base_world(make_user):
    """Four labs of 10, 20, 30 and 40 m²; a bench (leasable and bookable, 5 m²); a pottery
    workshop for 2; two tenants. Open Monday–Saturday 08:00–20:00."""
    with writing() as session, session.begin():
        site = Site(code="T", name="Test Hub", city="Florence", total_area_m2=500)
        session.add(site)
        session.flush()
        labs = [Space(site_id=site.id, code=f"L{n}", name=f"Lab {n}", kind="laboratory",
                      area_m2=10 * n, monthly_rent=Decimal(100 * n), leasable=True)
                for n in range(1, 5)]
        bench = Space(site_id=site.id, code="B1", name="Bench 1", kind="bench", area_m2=5,
                      monthly_rent=Decimal(250), hourly_rate=Decimal(8), leasable=True,
                      bookable=True)
        pottery = Space(site_id=site.id, code="POT", name="Pottery", kind="workshop",
                        area_m2=60, capacity=2, hourly_rate=Decimal(15), bookable=True)
        people = [Tenant(site_id=site.id, name=name, sector="ceramics", origin_country="IT",
                         joined_on=date(2016, 3, 1)) for name in ("Giulia Neri", "Aiko Tanaka")]
        session.add_all([*labs, bench, pottery, *people])
        session.flush()
        ids = {space.code: space.id for space in [*labs, bench, pottery]}
        ids |= {"giulia": people[0].id, "aiko": people[1].id, "site": site.id}
    ids["manager"] = make_user("boss", "manager")
    ids["communication"] = make_user("carla", "communication")
    ids["viewer"] = make_user("vera", "viewer")
    return ids


def lease(base, space="L1", tenant="giulia", starts_on=date(2026, 1, 1), ends_on=None,
          rent="100"):
    return write(leases.lease_space, actor=base["manager"], space_id=base[space],
                 tenant_id=base[tenant], starts_on=starts_on, ends_on=ends_on, monthly_rent=rent)


def book(base, space="POT", day=MONDAY, start=time(10), end=time(12), places=1, who="giulia"):
    return write(bookings.book, actor=base["manager"], space_id=base[space], day=day,
                 start=start, end=end, places=places, tenant_id=base[who])


# --- the programme on the hub ----------------------------------------------------------------

def plan_world(base):
    """The hub plus two instructors (a tenant and an outsider) and two draft items."""
    manager = base["manager"]
    base["teacher"] = write(items.add_instructor, actor=manager,
                           tenant_id=base["giulia"]).id
    base["outsider"] = write(items.add_instructor, actor=manager, name="Paolo Conti",
                            email="paolo@example.org", phone="+39 055 123").id
    base["wheel"] = item(base, title="Wheel throwing for beginners").id
    base["glaze"] = item(base, title="Glazes and firing", kind="workshop").id
    return base


def item(base, role="manager", **values):
    """A new item; its title is made unique unless given (the same title twice, with no
    session yet, is refused as the same item)."""
    fields = dict(site_id=base["site"], kind="course", title=f"Course {next(_items)}",
                  sector="ceramics", capacity=2, price="120") | values
    return write(items.add_item, actor=base[role], **fields)


def add(base, item_key="wheel", day=TUESDAY, start=time(18), end=time(21), space="POT",
        instructor=None, role="manager", **extra):
    return write(items.add_session, actor=base[role], item_id=base[item_key], day=day,
                 start=start, end=end, space_id=base[space] if space else None,
                 instructor_id=base[instructor] if instructor else None, **extra)


def published_world(plan):
    """wheel: published, 2 sessions (POT, online); glaze: draft, 1 session; a cancelled
    seminar with a session; a done course from 2019 with 3 participants."""
    m = plan["manager"]
    add(plan, day=TUESDAY, instructor="teacher")
    add(plan, day=date(2026, 6, 9), space=None, location="Online")
    add(plan, item_key="glaze", day=date(2026, 6, 3))
    write(items.edit_item, actor=m, item_id=plan["wheel"], version=None, status="published")
    talk = item(plan, title="Craft and export", kind="seminar", sector="design", capacity=40)
    write(items.add_session, actor=m, item_id=talk.id, day=date(2026, 6, 4),
          start=time(10), end=time(12), space_id=plan["POT"])
    write(items.edit_item, actor=m, item_id=talk.id, version=None, status="cancelled")
    old = item(plan, title="Raku 2019", capacity=3)
    write(items.add_session, actor=m, item_id=old.id, day=date(2019, 5, 7),
          start=time(9), end=time(13), space_id=plan["POT"])
    for name in ("Anna", "Bruno", "Chiara", "Dario"):
        write(enrol, actor=m, item_id=old.id, participant_name=name,
              email=f"{name.lower()}@example.org")
    for status in ("published", "done"):
        write(items.edit_item, actor=m, item_id=old.id, version=None, status=status)
    write(enrol, actor=m, item_id=plan["wheel"], participant_name="Elena",
          email="elena@example.org")
    plan["old"] = old.id
    return plan


# --- the partner network -----------------------------------------------------------------------

def network_world(make_user):
    """Three users, one tenant, and two partners: Artex (Florence) and a buyer in Shanghai."""
    with writing() as session, session.begin():
        site = Site(code="T", name="Test Hub", city="Florence", total_area_m2=500)
        session.add(site)
        session.flush()
        tenant = Tenant(site_id=site.id, name="Giulia Neri", sector="ceramics",
                        origin_country="IT", joined_on=date(2016, 3, 1))
        session.add(tenant)
        session.flush()
        ids = {"tenant": tenant.id}
    ids["manager"] = make_user("boss", "manager")
    ids["communication"] = make_user("carla", "communication")
    ids["viewer"] = make_user("vera", "viewer")
    ids["artex"] = new_partner(ids, name="Artex", kind="trade_association", city="Firenze",
                       status="active", since=date(2016, 1, 10), tags="crafts, Tuscany").id
    ids["buyer"] = new_partner(ids, name="Lantern Trading", kind="b2b_buyer", country="CN",
                       city="Shanghai", status="active", since=date(2019, 4, 1)).id
    return ids


def new_partner(ids, role="manager", **values):
    values = {"country": "IT", **values}
    return write(organisations.add_partner, actor=ids[role], **values)


def log(ids, role="communication", partner="artex", **values):
    values = {"day": TODAY - timedelta(days=10), "kind": "meeting",
              "summary": "Talked about the spring fair", **values}
    return write(interactions.log_interaction, actor=ids[role], partner_id=ids[partner],
                 **values)


def version_of(partner_id):
    return read(organisations.get_partner, partner_id=partner_id).version


def close_for_works(base, codes, starts_on, ends_on, title="Restoration", cancelled=False) -> int:
    """A works period taking the spaces `codes` out of use, written straight to the tables
    (the Building rules are tested apart, and old or imported data can collide)."""
    with writing() as session, session.begin():
        period = WorksPeriod(site_id=base["site"], title=title, starts_on=starts_on,
                             ends_on=ends_on,
                             cancelled_at=datetime.now(UTC) if cancelled else None)
        session.add(period)
        session.flush()
        session.add_all([WorksSpace(works_id=period.id, space_id=base[code]) for code in codes])
        return period.id
