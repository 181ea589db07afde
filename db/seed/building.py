"""Demo and scale data for the building: maintenance issues and works periods.

The demo follows the calendar like the rest: at Officina Creativa a roof repair done months
ago (the conference room closed for it), a kiln service in the pottery workshop coming up,
a laboratory under restoration now, and a few small open issues; at Officine Nora the benches'
maintenance, done. Both sites get a yearly building budget (about €40,000 at Officina
Creativa). Works keep to the hub's rules as the screen would: no programme session lies in
them (the days are moved until none does) and bookings in them are cancelled, records kept.
The scale data closes laboratories only (never booked, never given a session).
"""
from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import update
from sqlmodel import Session, select

from db.models import (Booking, BuildingIssue, Lease, ProgrammeItem, ProgrammeSession, Site,
                       Space, WorksPeriod, WorksSpace)
from db.seed.run import ScaleRun
from db.seed.sites import SEED

BUDGETS = {"OC": Decimal("40000.00"), "ON": Decimal("6000.00")}


def _when(today: date) -> datetime:
    return datetime.combine(today, time(), UTC)


def _free_start(session: Session, space_ids: list[int], wanted: date, days: int) -> date:
    """The first start from `wanted` on, a day at a time (at most 45 days on, so the demo's
    past works stay past; then earlier), whose `days` days hold no session of a live item
    in those spaces."""
    for shift in [*range(0, 45), *range(-1, -120, -1)]:   # then earlier: still past
        first = wanted + timedelta(days=shift)
        last = first + timedelta(days=days - 1)
        taken = session.exec(
            select(ProgrammeSession.id)
            .join(ProgrammeItem, ProgrammeItem.id == ProgrammeSession.item_id)
            .where(ProgrammeSession.space_id.in_(space_ids), ProgrammeItem.status != "cancelled",
                   ProgrammeSession.day >= first, ProgrammeSession.day <= last)).first()
        if taken is None:
            return first
    return wanted


def _close(session: Session, *, site_id: int, space_ids: list[int], title: str, first: date,
           days: int, issue_id: int | None, today: date, notes: str | None = None) -> int:
    """Write a works period and cancel the live bookings in it, as a confirmed plan does."""
    first = _free_start(session, space_ids, first, days)
    last = first + timedelta(days=days - 1)
    works = WorksPeriod(site_id=site_id, issue_id=issue_id, title=title, starts_on=first,
                        ends_on=last, notes=notes, created_at=_when(min(first, today)))
    session.add(works)
    session.flush()
    session.add_all([WorksSpace(works_id=works.id, space_id=space_id) for space_id in space_ids])
    session.exec(update(Booking).where(
        Booking.space_id.in_(space_ids), Booking.status == "booked", Booking.day >= first,
        Booking.day <= last).values(status="cancelled", cancelled_at=_when(today),
                                    cancelled_by="demo"))
    return 1


def _issue(session: Session, site_id: int, space_id: int | None, today: date, *, title: str,
           reported: int, priority: str = "normal", status: str = "reported",
           closed: int | None = None, contractor: str | None = None, estimate=None,
           final=None, description: str | None = None, notes: str | None = None) -> int:
    """An issue reported `reported` days ago (closed `closed` days ago, when it is)."""
    issue = BuildingIssue(
        site_id=site_id, space_id=space_id, title=title, description=description,
        priority=priority, status=status, reported_on=today - timedelta(days=reported),
        closed_on=today - timedelta(days=closed) if closed is not None else None,
        contractor=contractor, notes=notes,
        cost_estimate=Decimal(estimate) if estimate is not None else None,
        final_cost=Decimal(final) if final is not None else None,
        created_at=_when(today - timedelta(days=reported)))
    session.add(issue)
    session.flush()
    return issue.id


def _vacant_lab(session: Session, site_id: int, today: date) -> int | None:
    """A laboratory nobody leases today (the last by code), for the restoration."""
    leased = select(Lease.space_id).where(Lease.starts_on <= today,
                                          (Lease.ends_on.is_(None)) | (Lease.ends_on >= today))
    return session.exec(select(Space.id).where(
        Space.site_id == site_id, Space.kind == "laboratory", Space.id.not_in(leased))
        .order_by(Space.code.desc())).first()


def seed_building_demo(session: Session, sites: dict[str, Site], today: date) -> dict[str, int]:
    """Issues and works of the two demo hubs; nothing when a site already has an issue."""
    counts = {"building_issues": 0, "works_periods": 0}
    for code, site in sites.items():
        if site.building_budget is None and code in BUDGETS:
            site.building_budget = BUDGETS[code]
        if session.exec(select(BuildingIssue.id).where(BuildingIssue.site_id == site.id)
                        .limit(1)).first():
            continue
        spaces = dict(session.exec(select(Space.code, Space.id)
                                   .where(Space.site_id == site.id)).all())
        plan = _officina_creativa if code == "OC" else _officine_nora if code == "ON" else None
        if plan is not None:
            issues, works = plan(session, site.id, spaces, today)
            counts["building_issues"] += issues
            counts["works_periods"] += works
    session.flush()
    return counts


def _officina_creativa(session: Session, site_id: int, spaces: dict[str, int],
                       today: date) -> tuple[int, int]:
    roof = _issue(session, site_id, None, today, title="Roof repair over the first floor",
                  reported=210, priority="high", status="done", closed=150,
                  contractor="Coperture Fiorentine srl", estimate="14500", final="15800",
                  description="Tiles slipped in the winter storms; water stains on the "
                              "conference room ceiling.")
    kiln = _issue(session, site_id, spaces.get("POT"), today, title="Kiln service",
                  reported=35, status="planned", contractor="Forni Ceramici Toscani",
                  estimate="900", description="Yearly service of the two electric kilns: "
                                              "elements, thermocouples, door seals.")
    lab = _vacant_lab(session, site_id, today) or spaces.get("L07")
    restoration = _issue(session, site_id, lab, today, title="Restoration",
                         reported=75, priority="high", status="in_progress",
                         contractor="Restauri Artigiani Oltrarno", estimate="18000",
                         description="Plaster and the old wooden floor of the laboratory.")
    _issue(session, site_id, spaces.get("CAFE"), today, title="Leaking tap behind the counter",
           reported=9, priority="low")
    _issue(session, site_id, None, today, title="Staircase window latch broken",
           reported=400, notes="Waiting for the heritage office's permit.")
    _issue(session, site_id, None, today, title="Fire extinguishers' yearly check",
           reported=45, status="done", closed=30, contractor="Antincendio Firenze",
           estimate="600", final="620")
    _issue(session, site_id, spaces.get("CONF"), today, title="Projector lamp flickers",
           reported=20, priority="urgent")
    works = 0
    if spaces.get("CONF"):
        works += _close(session, site_id=site_id, space_ids=[spaces["CONF"]],
                        title="Roof repair", first=today - timedelta(days=175), days=4,
                        issue_id=roof, today=today, notes="Scaffolding in the courtyard.")
    if spaces.get("POT"):
        works += _close(session, site_id=site_id, space_ids=[spaces["POT"]],
                        title="Kiln service", first=today + timedelta(days=12), days=3,
                        issue_id=kiln, today=today)
    if lab:
        works += _close(session, site_id=site_id, space_ids=[lab], title="Restoration",
                        first=today - timedelta(days=20), days=60, issue_id=restoration,
                        today=today)
    return 7, works


def _officine_nora(session: Session, site_id: int, spaces: dict[str, int],
                   today: date) -> tuple[int, int]:
    benches = [spaces[code] for code in ("B01", "B02", "B03", "B04") if code in spaces]
    maintenance = _issue(session, site_id, None, today,
                         title="Bench maintenance: flex shafts and extraction",
                         reported=110, status="done", closed=85,
                         contractor="Orafi Tecnica", estimate="1100", final="1240")
    _issue(session, site_id, spaces.get("SHOP"), today, title="Shop window lighting",
           reported=14, priority="normal")
    works = 0
    if benches:
        works += _close(session, site_id=site_id, space_ids=benches, title="Bench maintenance",
                        first=today - timedelta(days=90), days=2, issue_id=maintenance,
                        today=today)
    return 2, works


# --- scale ----------------------------------------------------------------------------------

SCALE_TITLES = ("Restoration", "Floor repair", "Rewiring", "Damp treatment", "Repainting")


def scale_building(run: ScaleRun) -> int:
    """For each copy: its budget, about eight issues over the last two years and works on a
    few laboratories (never booked, never given a session), some past, one running or due."""
    added = 0
    for number, site in enumerate(run.sites, start=1):
        rng = random.Random(f"{SEED}:building:{site.code}")
        run.session.exec(update(Site).where(Site.id == site.id).values(
            building_budget=BUDGETS.get(site.hub.code)))
        labs = list(run.session.exec(select(Space.id).where(
            Space.site_id == site.id, Space.kind == "laboratory").order_by(Space.code)))
        issues = [{"site_id": site.id, "space_id": rng.choice(labs) if labs and rng.random() < .6
                   else None, "title": rng.choice(SCALE_TITLES), "description": None,
                   "priority": rng.choice(("low", "normal", "normal", "high", "urgent")),
                   "status": status, "reported_by": None, "contractor": None, "notes": None,
                   "reported_on": run.today - timedelta(days=age),
                   "closed_on": run.today - timedelta(days=age // 2) if status == "done" else None,
                   "cost_estimate": Decimal(rng.randrange(300, 9000, 100)),
                   "final_cost": Decimal(rng.randrange(300, 9000, 100)) if status == "done"
                   else None, "created_at": run.now}
                  for status, age in ((rng.choice(("reported", "planned", "in_progress", "done",
                                                   "done", "dropped")), rng.randrange(5, 730))
                                      for _ in range(8))]
        added += run.insert(BuildingIssue, issues, len(issues))
        for n, lab in enumerate(rng.sample(labs, min(3, len(labs)))):
            first = run.today + timedelta(days=rng.randrange(-400, 60) if n else -5)
            works = WorksPeriod(site_id=site.id, title=rng.choice(SCALE_TITLES),
                                starts_on=first, ends_on=first + timedelta(days=rng.randrange(5, 45)),
                                created_at=run.now)
            run.session.add(works)
            run.session.flush()
            run.session.add(WorksSpace(works_id=works.id, space_id=lab))
            added += 1
        run.session.flush()
        if run.progress:
            run.progress(run.step, number, len(run.sites))
    return added
