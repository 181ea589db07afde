"""Privacy export and erasure (hub/admin/privacy.py) at their edges: notes are part of what is
held and go with the erasure; an unpublished listing is exported and erased like a published
one; the export is JSON that reads back to exactly the values typed, whatever they hold
(</script>, quotes, backslashes, line breaks, any script); and a name with accents or
apostrophes is erased wherever it is quoted, in any case."""
from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select
from sqlmodel import SQLModel

from db.engine import get_engine, reading, writing
from db.models import AuditEntry, Lease, PartnerTenantLink, Tenant, TenantListing
from hub.admin import privacy
from hub.occupancy import leases
from hub.partners import links as partner_links
from hub.partners import organisations
from hub.tenants import listings
from hub.tenants import roster
from tests.worlds import write

NAME = "Zoë D'Amico-Lòpez"
BIO = ('</script><script>alert("x")</script> Porcelain & "stoneware" \\ C:\\kiln\n'
       "陶芸 — Ünïcödé ☕ \u2028 and a tab\there")
TENANT_NOTES = 'Keeps the kiln key; says "call after 6"\nBox 4 </script>'
LEASE_NOTES = "Pays by transfer on the 5th"
LINK_NOTES = "Sends two pieces a month"
SECRETS = ("陶芸", "kiln key", "transfer on the 5th", "two pieces a month", "Porcelain &")


def traces(*needles: str) -> list[str]:
    """Every cell of every table that still holds a needle, compared without case."""
    found = []
    with get_engine().connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            for row in connection.execute(select(table)):
                for column, value in row._mapping.items():
                    text = json.dumps(value, ensure_ascii=False, default=str).casefold()
                    found += [f"{table.name}.{column}: {value!r}" for needle in needles
                              if needle.casefold() in text]
    return found


@pytest.fixture
def person(base):
    """A tenant with notes everywhere and an unpublished listing full of awkward text."""
    boss = base["manager"]
    tenant = write(roster.add_tenant, actor=boss, site_id=base["site"], name=NAME,
                   sector="glass", origin_country="IT", joined_on=date(2024, 1, 10),
                   email="zoe@example.org")
    write(roster.edit_staff_notes, actor=boss, tenant_id=tenant.id, version=None,
          notes=TENANT_NOTES)
    write(listings.edit_listing, actor=base["communication"], tenant_id=tenant.id,
          version=None, bio=BIO, website="zoe.example.org", instagram="@zoe.vetri",
          keywords="Glass, Murrine", photo_url="https://zoe.example.org/me.jpg",
          published=False)
    write(leases.lease_space, actor=boss, space_id=base["L2"], tenant_id=tenant.id,
          starts_on=date(2024, 2, 1), ends_on=None, monthly_rent="200", notes=LEASE_NOTES)
    partner = write(organisations.add_partner, actor=boss, name="Vetreria Toscana",
                    kind="supplier", country="IT")
    write(partner_links.link_tenant, actor=boss, partner_id=partner.id, tenant_id=tenant.id,
          kind="supplies", notes=LINK_NOTES)
    return {"id": tenant.id, "hub": base}


def exported(person) -> tuple[bytes, dict]:
    with writing() as session, session.begin():
        data = privacy.personal_json(session, actor=person["hub"]["manager"], kind="tenant",
                                     person_id=person["id"])
    return data, json.loads(data.decode("utf-8"))


def erase(person) -> dict[str, int]:
    with writing() as session, session.begin():
        return privacy.erase(session, actor=person["hub"]["manager"], kind="tenant",
                             person_id=person["id"])


# --- the export -----------------------------------------------------------------------------

def test_the_export_holds_the_notes_of_every_record(person):
    _, held = exported(person)
    assert held["tenants"][0]["notes"] == TENANT_NOTES
    assert held["leases"][0]["notes"] == LEASE_NOTES
    assert held["partner_tenant_links"][0]["notes"] == LINK_NOTES


def test_the_export_holds_an_unpublished_listing_whole(person):
    _, held = exported(person)
    [listing] = held["tenant_listings"]
    assert {field: listing[field] for field in ("bio", "website", "instagram", "keywords",
                                                "photo_url", "published")} == {
        "bio": BIO, "website": "https://zoe.example.org", "instagram": "zoe.vetri",
        "keywords": "glass, murrine", "photo_url": "https://zoe.example.org/me.jpg",
        "published": False}


def test_the_exported_json_reads_back_to_exactly_what_was_typed(person):
    data, held = exported(person)
    assert held["tenants"][0]["name"] == NAME
    assert held["tenant_listings"][0]["bio"] == BIO
    edits = [entry["changes"] for entry in held["audit_entries"]
             if entry["entity"] in ("tenants", "tenant_listings") and entry["action"] == "update"]
    assert [changes.get("notes", changes.get("bio")) for changes in edits] == [
        [None, TENANT_NOTES], ["", BIO]]
    # One document, every string quoted and escaped: it survives a second round trip.
    assert json.loads(json.dumps(held)) == held
    assert data.count(b'alert(\\"x\\")') == 2 and b'\\"call after 6\\"' in data


# --- the erasure ----------------------------------------------------------------------------

def test_erasing_blanks_the_notes_and_the_unpublished_listing(person):
    erased = erase(person)
    assert erased == {"tenants": 1, "tenant_listings": 1, "leases": 1,
                      "partner_tenant_links": 1}
    with reading() as session:
        tenant = session.get(Tenant, person["id"])
        listing = session.scalars(select(TenantListing).where(
            TenantListing.tenant_id == person["id"])).one()
        lease_row = session.scalars(select(Lease).where(Lease.tenant_id == person["id"])).one()
        link = session.scalars(select(PartnerTenantLink)).one()
    assert (tenant.name, tenant.email, tenant.notes) == ("erased", None, None)
    assert (listing.bio, listing.website, listing.instagram, listing.keywords,
            listing.photo_url, listing.published) == ("", None, None, "", None, False)
    assert (lease_row.notes, str(lease_row.monthly_rent)) == (None, "200.00")
    assert (link.notes, link.kind) == (None, "supplies")


def test_erasing_leaves_nothing_of_the_notes_or_listing_anywhere_not_even_in_the_log(person):
    erase(person)
    left = traces(NAME, "zoe@example.org", "zoe.example.org", "zoe.vetri", "murrine",
                  *SECRETS)
    assert left == [], "\n".join(left)
    with reading() as session:
        logged = session.scalars(select(AuditEntry).where(AuditEntry.action == "erase")).one()
    assert (logged.entity, logged.entity_id) == ("tenants", str(person["id"]))


def test_a_name_with_accents_is_erased_where_others_quote_it_in_any_case(person):
    base = person["hub"]
    for tenant, notes in (("giulia", f"shares the kiln with {NAME}"),
                          ("aiko", f"ask {NAME.upper()} about murrine")):
        write(roster.edit_staff_notes, actor=base["manager"], tenant_id=base[tenant],
              version=None, notes=notes)
    erase(person)
    with reading() as session:
        notes = [session.get(Tenant, base[key]).notes for key in ("giulia", "aiko")]
    assert notes == ["shares the kiln with erased", "ask erased about murrine"]
    assert traces(NAME) == []
