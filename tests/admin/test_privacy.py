"""Privacy: export everything held about a tenant or a contact, and erase them so that no
table keeps their name, email or phone except as "erased", while the history stays."""
from __future__ import annotations

import json
from datetime import date, time
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlmodel import SQLModel

from db.engine import get_engine, reading, writing
from db.models import AuditEntry, Booking, Contact, Enrolment, Lease, Tenant
from hub.admin import privacy
from hub.errors import Forbidden
from hub.occupancy import bookings, leases
from hub.partners import interactions
from hub.partners import links as partner_links
from hub.partners import organisations
from hub.programme import enrolments
from hub.programme import items
from hub.tenants import roster
from tests.worlds import MONDAY

NAME, EMAIL, PHONE = "Ottavia Lunardi", "ottavia.lunardi@example.org", "+39 333 765 4321"
CONTACT = ("Hiroshi Kanemoto", "h.kanemoto@example.jp", "+81 3 5555 0199")


def write(action, **arguments):
    with writing() as session, session.begin():
        return action(session, **arguments)


@pytest.fixture
def person(base):  # noqa: F811
    """A tenant with everything a person leaves behind: listing, lease, booking, enrolment,
    instructor record, partner link, edits in the audit log, and mentions in others' notes."""
    boss = base["manager"]
    tenant = write(roster.add_tenant, actor=boss, site_id=base["site"], name=NAME,
                   business="Lunardi Vetri", sector="glass", origin_country="IT",
                   residency="resident", joined_on=date(2024, 1, 10), email="old@example.org",
                   phone=PHONE, consent_on=date(2024, 1, 10), female_led=True,
                   website="https://lunardi.example.org")
    write(roster.edit_tenant, actor=boss, tenant_id=tenant.id, version=None, email=EMAIL)
    write(roster.edit_staff_notes, actor=boss, tenant_id=tenant.id, version=None,
          notes=f"Call {NAME} on {PHONE}")
    write(leases.lease_space, actor=boss, space_id=base["L3"], tenant_id=tenant.id,
          starts_on=date(2024, 2, 1), ends_on=None, monthly_rent="300",
          notes=f"{NAME} pays by transfer")
    write(bookings.book, actor=boss, space_id=base["POT"], day=MONDAY, start=time(9),
          end=time(11), places=1, tenant_id=tenant.id)
    item = write(items.add_item, actor=boss, site_id=base["site"], kind="course",
                 title="Glass beads", sector="glass", capacity=5, price="50")
    write(enrolments.enrol, actor=boss, item_id=item.id, participant_name=NAME, email=EMAIL)
    write(items.add_instructor, actor=boss, tenant_id=tenant.id, email=EMAIL, phone=PHONE)
    partner = write(organisations.add_partner, actor=boss, name="Vetreria Toscana",
                    kind="supplier", country="IT")
    write(partner_links.link_tenant, actor=boss, partner_id=partner.id, tenant_id=tenant.id,
          kind="supplies", notes=f"supplies {NAME}")
    write(interactions.log_interaction, actor=boss, partner_id=partner.id, day=date(2025, 1, 3),
          kind="call", summary=f"Talked about {NAME.upper()} and wrote to {EMAIL}")
    write(roster.edit_staff_notes, actor=boss, tenant_id=base["giulia"], version=None,
          notes=f"shares the kiln with {NAME}")
    return {"id": tenant.id, "partner": partner.id, "hub": base}


def traces(*needles: str) -> list[str]:
    """Every cell of every table that still holds one of the needles (case-insensitive)."""
    found = []
    with get_engine().connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            for row in connection.execute(select(table)):
                for column, value in row._mapping.items():
                    text = json.dumps(value, ensure_ascii=False, default=str).lower()
                    for needle in needles:
                        if needle.lower() in text:
                            found.append(f"{table.name}.{column}: {value!r}")
    return found


def test_the_fixture_leaves_the_person_in_many_tables(person):
    held = {trace.split(".")[0] for trace in traces(NAME, EMAIL, PHONE, "old@example.org")}
    assert {"tenants", "enrolments", "instructors", "leases", "partner_tenant_links",
            "interactions", "audit_entries"} <= held


def test_export_holds_everything_about_the_tenant_and_is_logged(person):
    with writing() as session, session.begin():
        data = privacy.personal_json(session, actor=person["hub"]["manager"], kind="tenant",
                                     person_id=person["id"])
    held = json.loads(data)
    assert held["tenants"][0]["name"] == NAME and held["tenants"][0]["email"] == EMAIL
    assert held["tenant_listings"][0]["website"] == "https://lunardi.example.org"
    assert len(held["leases"]) == 1 and len(held["bookings"]) == 1
    assert held["enrolments"][0]["email"] == EMAIL
    assert held["instructors"][0]["phone"] == PHONE
    assert held["partner_tenant_links"][0]["kind"] == "supplies"
    assert any(entry["changes"].get("email") == ["old@example.org", EMAIL]
               for entry in held["audit_entries"])
    with reading() as session:
        logged = session.scalars(select(AuditEntry).where(
            AuditEntry.action == "privacy_export")).one()
    assert (logged.entity, logged.entity_id, logged.changes) == ("tenants", str(person["id"]), {})


def test_erasing_a_tenant_leaves_no_trace_but_keeps_the_history(person):
    with writing() as session, session.begin():
        erased = privacy.erase(session, actor=person["hub"]["manager"], kind="tenant",
                               person_id=person["id"])
    assert erased["leases"] == 1 and erased["bookings"] == 1 and erased["enrolments"] == 1
    left = traces(NAME, EMAIL, PHONE, "old@example.org", "Lunardi", "lunardi.example")
    assert left == [], "\n".join(left)
    with reading() as session:
        tenant = session.get(Tenant, person["id"])
        assert (tenant.name, tenant.email, tenant.phone, tenant.female_led) == \
            ("erased", None, None, None)
        assert (tenant.sector, tenant.joined_on) == ("glass", date(2024, 1, 10))
        assert session.scalars(select(Lease).where(Lease.tenant_id == tenant.id)).one() \
            .monthly_rent == Decimal("300.00")
        assert session.scalars(select(Booking).where(Booking.tenant_id == tenant.id)).one()
        assert session.scalars(select(Enrolment)).one().participant_name == "erased"
        giulia = session.get(Tenant, person["hub"]["giulia"])
        assert giulia.notes == "shares the kiln with erased"
        logged = session.scalars(select(AuditEntry).where(AuditEntry.action == "erase")).one()
    assert logged.entity_id == str(person["id"]) and logged.username == "boss"


def test_erasing_a_partner_contact(person):
    boss = person["hub"]["manager"]
    name, email, phone = CONTACT
    contact = write(organisations.add_contact, actor=boss, partner_id=person["partner"], name=name,
                    email=email, phone=phone, role="Buyer")
    write(interactions.log_interaction, actor=boss, partner_id=person["partner"],
          day=date(2025, 2, 1), kind="meeting", summary=f"Met {name} at the fair")
    with writing() as session, session.begin():
        held = json.loads(privacy.personal_json(session, actor=boss, kind="contact",
                                                person_id=contact.id))
    assert held["partner_contacts"][0]["email"] == email
    assert held["partner"]["name"] == "Vetreria Toscana"
    write(privacy.erase, actor=boss, kind="contact", person_id=contact.id)
    assert traces(name, email, phone) == []
    with reading() as session:
        assert session.get(Contact, contact.id).name == "erased"


def test_only_a_manager_exports_or_erases(person):
    for role in ("communication", "viewer"):
        with pytest.raises(Forbidden):
            write(privacy.erase, actor=person["hub"][role], kind="tenant",
                  person_id=person["id"])
        with pytest.raises(Forbidden):
            write(privacy.personal_json, actor=person["hub"][role], kind="tenant",
                  person_id=person["id"])
    assert traces(EMAIL)


def test_the_counts_shown_before_erasing_are_what_erasing_anonymises(person):
    boss = person["hub"]["manager"]
    with reading() as session:
        held = privacy.held_counts(session, actor=boss, kind="tenant", person_id=person["id"])
    assert held == {"tenants": 1, "tenant_listings": 1, "leases": 1, "bookings": 1,
                    "enrolments": 1, "instructors": 1, "partner_tenant_links": 1}
    assert traces(EMAIL), "counting wrote nothing"
    assert write(privacy.erase, actor=boss, kind="tenant", person_id=person["id"]) == held
    for role in ("communication", "viewer"):
        with reading() as session, pytest.raises(Forbidden):
            privacy.held_counts(session, actor=person["hub"][role], kind="tenant",
                                person_id=person["id"])
