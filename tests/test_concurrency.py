"""Twenty editors at once, each with its own Session: no lost update, no "database is locked"."""
import threading
from datetime import date

import pytest
from sqlmodel import select

from db.engine import reading, writing
from db.models import AuditEntry, Site, Tenant
from hub.errors import Forbidden, Invalid, Stale
from hub.tenants.roster import edit_staff_notes

EDITORS = 20


@pytest.fixture
def tenant_id(db_url):
    with writing() as session, session.begin():
        site = Site(code="OC", name="Officina Creativa", city="Florence")
        session.add(site)
        session.flush()
        tenant = Tenant(site_id=site.id, name="Giulia Neri", business="Neri Ceramiche",
                        sector="ceramics", origin_country="IT", joined_on=date(2020, 1, 1))
        session.add(tenant)
        session.flush()
        return tenant.id


def run_editors(work) -> list:
    """Start EDITORS threads together; each returns an outcome; any exception is an outcome."""
    barrier = threading.Barrier(EDITORS)
    outcomes = [None] * EDITORS

    def editor(number):
        barrier.wait()
        try:
            outcomes[number] = work(number)
        except Exception as error:  # noqa: BLE001 - the test reports what escaped
            outcomes[number] = ("escaped", repr(error))

    threads = [threading.Thread(target=editor, args=(n,)) for n in range(EDITORS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


def read_notes(tenant_id):
    with reading() as session:
        tenant = session.get(Tenant, tenant_id)
        return tenant.notes or "", tenant.version


def test_editors_who_read_the_same_version_save_once_and_the_rest_are_refused(
        tenant_id, make_user):
    manager = make_user("ada", "manager")
    notes, version = read_notes(tenant_id)

    def save_once(number):
        try:
            with writing() as session, session.begin():
                edit_staff_notes(session, actor=manager, tenant_id=tenant_id, version=version,
                                 notes=f"{notes}[{number}]")
            return ("saved", number)
        except Stale:
            return ("stale", number)

    outcomes = run_editors(save_once)
    assert not [o for o in outcomes if o[0] == "escaped"], outcomes
    saved = [number for kind, number in outcomes if kind == "saved"]
    assert len(saved) == 1 and outcomes.count(None) == 0
    assert read_notes(tenant_id) == (f"[{saved[0]}]", version + 1)


def test_editors_who_reload_after_a_refusal_all_land_and_none_is_lost(tenant_id, make_user):
    manager = make_user("ada", "manager")

    def save_with_reload(number):
        for attempt in range(200):
            notes, version = read_notes(tenant_id)
            try:
                with writing() as session, session.begin():
                    edit_staff_notes(session, actor=manager, tenant_id=tenant_id,
                                     version=version, notes=f"{notes}[{number}]")
                return ("saved", attempt)
            except Stale:
                continue
        return ("gave up", number)

    outcomes = run_editors(save_with_reload)
    assert all(kind == "saved" for kind, _ in outcomes), outcomes
    notes, version = read_notes(tenant_id)
    assert sorted(notes.strip("[]").split("][")) == sorted(str(n) for n in range(EDITORS))
    assert version == 1 + EDITORS
    with reading() as session:
        logged = session.exec(select(AuditEntry).where(AuditEntry.entity == "tenants")).all()
    assert len(logged) == EDITORS


def test_staff_notes_are_for_manager_and_communication_only(tenant_id, make_user):
    viewer = make_user("vera", "viewer")
    with pytest.raises(Forbidden):
        with writing() as session, session.begin():
            edit_staff_notes(session, actor=viewer, tenant_id=tenant_id, version=None, notes="x")
    carla = make_user("carla", "communication")
    with pytest.raises(Invalid, match="longer than 4000"):
        with writing() as session, session.begin():
            edit_staff_notes(session, actor=carla, tenant_id=tenant_id, version=None,
                             notes="x" * 4001)
    assert read_notes(tenant_id) == ("", 1)


def test_twenty_people_booking_the_last_places_at_once_never_overbook(db_url, make_user):
    from datetime import time
    from decimal import Decimal

    from db.models import Booking, Space
    from hub.occupancy.bookings import book
    manager = make_user("ada", "manager")
    with writing() as session, session.begin():
        site = Site(code="OC", name="Officina Creativa", city="Florence")
        session.add(site)
        session.flush()
        pottery = Space(site_id=site.id, code="POT", name="Pottery", kind="workshop",
                        area_m2=60, capacity=3, hourly_rate=Decimal(15), bookable=True)
        session.add(pottery)
        session.flush()
        space_id = pottery.id

    def take_a_place(number):
        try:
            with writing() as session, session.begin():
                book(session, actor=manager, space_id=space_id, day=date(2026, 6, 1),
                     start=time(10), end=time(12), guest_name=f"Guest {number}")
            return ("booked", number)
        except Invalid as refusal:
            return ("full", str(refusal))

    outcomes = run_editors(take_a_place)
    assert not [o for o in outcomes if o[0] == "escaped"], outcomes
    assert sum(kind == "booked" for kind, _ in outcomes) == 3
    assert all("POT is full" in text for kind, text in outcomes if kind == "full")
    with reading() as session:
        assert len(session.exec(select(Booking)).all()) == 3
