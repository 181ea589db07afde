"""Privacy: everything held about one tenant or one partner contact, and erasing them.

Erasing keeps the history (leases, bookings, enrolments, interactions) for the hub's figures
but anonymised: the person's own fields become "erased" or empty, their old values are
scrubbed from the audit log too, and any other text that quotes their name, email or phone
(notes, summaries, stored audit values) has it replaced by "erased". The export and the
erasure are themselves logged, without the personal data.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass

from sqlalchemy import JSON, String, Table, cast, func, or_, select
from sqlmodel import Session, SQLModel

from db.models import (AuditEntry, Booking, Contact, Enrolment, Instructor, Lease, Partner,
                       PartnerTenantLink, Tenant, TenantListing, User)
from hub.errors import Invalid
from hub.i18n import _
from hub.records import HIDDEN, record, snapshot
from hub.roles import require_role

ERASED = "erased"
# What erasing leaves in each personal field, per table.
PERSONAL = {
    "tenants": {"name": ERASED, "business": ERASED, "email": None, "phone": None,
                "notes": None, "consent_on": None, "young_entrepreneur": None,
                "female_led": None, "startup": None},
    "tenant_listings": {"bio": "", "website": None, "instagram": None, "keywords": "",
                        "photo_url": None, "published": False},
    "enrolments": {"participant_name": ERASED, "email": None},
    "instructors": {"name": ERASED, "email": None, "phone": None},
    "leases": {"notes": None},
    "bookings": {"guest_name": None},
    "partner_tenant_links": {"notes": None},
    "partner_contacts": {"name": ERASED, "role": None, "email": None, "phone": None},
}
NOT_SCRUBBED = ("users", "alembic_version")   # staff accounts are managed on the Users tab


@dataclass(frozen=True)
class Person:
    kind: str          # "tenant" or "contact"
    id: int
    label: str


def people(session: Session, *, actor: User) -> list[Person]:
    """Tenants and partner contacts not yet erased, for the picker."""
    require_role(actor, "manager")
    tenants = session.exec(select(Tenant.id, Tenant.name, Tenant.business)
                           .where(Tenant.name != ERASED).order_by(Tenant.name)).all()
    contacts = session.exec(select(Contact.id, Contact.name, Partner.name)
                            .join(Partner, Partner.id == Contact.partner_id)
                            .where(Contact.name != ERASED).order_by(Contact.name)).all()
    return [Person("tenant", id_, f"{name} — {business}" if business else name)
            for id_, name, business in tenants] + \
        [Person("contact", id_, _("{name} — contact at {partner}").format(name=name,
                                                                          partner=partner))
         for id_, name, partner in contacts]


# --- what is held ---------------------------------------------------------------------------

def _tenant_rows(session: Session, tenant: Tenant) -> dict[str, list]:
    by_tenant = lambda model: list(session.scalars(  # noqa: E731
        select(model).where(model.tenant_id == tenant.id).order_by(model.id)))
    enrolments = select(Enrolment).where(Enrolment.tenant_id == tenant.id)
    if tenant.email:
        enrolments = select(Enrolment).where(or_(
            Enrolment.tenant_id == tenant.id,
            func.lower(Enrolment.email) == tenant.email.lower()))
    return {"tenants": [tenant], "tenant_listings": by_tenant(TenantListing),
            "leases": by_tenant(Lease), "bookings": by_tenant(Booking),
            "enrolments": list(session.scalars(enrolments.order_by(Enrolment.id))),
            "instructors": by_tenant(Instructor),
            "partner_tenant_links": by_tenant(PartnerTenantLink)}


def _held(session: Session, kind: str, person_id: int) -> tuple[SQLModel, dict[str, list]]:
    if kind == "tenant":
        tenant = session.get(Tenant, person_id)
        if tenant is None:
            raise Invalid("tenant", _("that tenant does not exist"))
        return tenant, _tenant_rows(session, tenant)
    if kind == "contact":
        contact = session.get(Contact, person_id)
        if contact is None:
            raise Invalid("contact", _("that contact does not exist"))
        return contact, {"partner_contacts": [contact]}
    raise Invalid("kind", _("choose a tenant or a partner contact"))



def _audit_about(session: Session, rows: dict[str, list]) -> list[AuditEntry]:
    conditions = [(AuditEntry.entity == table) & AuditEntry.entity_id.in_(
                  [str(row.id) for row in found]) for table, found in rows.items() if found]
    return list(session.scalars(select(AuditEntry).where(or_(*conditions))
                                .order_by(AuditEntry.at, AuditEntry.id)))


def held_counts(session: Session, *, actor: User, kind: str, person_id: int) -> dict[str, int]:
    """Rows held about the person, per table: what `erase` anonymises (nothing is written)."""
    require_role(actor, "manager")
    __, rows = _held(session, kind, person_id)
    return {table: len(found) for table, found in rows.items() if found}


def personal_record(session: Session, *, actor: User, kind: str, person_id: int) -> dict:
    """Everything held about the person, JSON-ready; the export itself is logged."""
    require_role(actor, "manager")
    person, rows = _held(session, kind, person_id)
    held = {table: [snapshot(row) for row in found] for table, found in rows.items()}
    if kind == "contact":
        held["partner"] = snapshot(session.get(Partner, person.partner_id))
    held["audit_entries"] = [{"at": entry.at.isoformat(), "by": entry.username,
                              "action": entry.action, "entity": entry.entity,
                              "entity_id": entry.entity_id, "changes": entry.changes}
                             for entry in _audit_about(session, rows)]
    record(session, actor, "privacy_export", person, {})
    return held


def personal_json(session: Session, *, actor: User, kind: str, person_id: int) -> bytes:
    return json.dumps(personal_record(session, actor=actor, kind=kind, person_id=person_id),
                      indent=2, ensure_ascii=False).encode("utf-8")


# --- erasing --------------------------------------------------------------------------------

def _identifiers(person: SQLModel) -> list[str]:
    """The person's name, business, email and phone: what must not remain anywhere."""
    values = [getattr(person, field, None) for field in ("name", "business", "email", "phone")]
    found = {value.strip() for value in values if value and len(value.strip()) >= 3}
    return sorted(found - {ERASED}, key=len, reverse=True)


def _pattern(identifiers: list[str]) -> re.Pattern:
    return re.compile("|".join(rf"(?<!\w){re.escape(value)}(?!\w)" for value in identifiers),
                      re.IGNORECASE)


def _scrub(value, pattern: re.Pattern):
    if isinstance(value, str):
        return pattern.sub(ERASED, value)
    if isinstance(value, list):
        return [_scrub(item, pattern) for item in value]
    if isinstance(value, dict):
        return {key: _scrub(item, pattern) for key, item in value.items()}
    return value


def _blank_audit(entries: list[AuditEntry]) -> None:
    """The stored old → new values of the person's own fields, replaced."""
    for entry in entries:
        fields = PERSONAL.get(entry.entity, {})
        changes = dict(entry.changes or {})
        for field in fields.keys() & changes.keys():
            changes[field] = [None if value is None else ERASED for value in changes[field]]
        entry.changes = changes


def _ascii_stretch(value: str) -> str:
    """The value's longest stretch of plain ASCII, in lower case. SQL lower() may leave other
    letters as they are (SQLite always does) and JSON columns hold them as \\u escapes, so
    "zoë" never finds "ZOË"; an ASCII stretch finds every case (the regex then decides)."""
    return max(re.findall(r"[ !#-\[\]-~]+", value), key=len, default="").strip().lower()


def _scrub_table(session: Session, table: Table, identifiers: list[str],
                 pattern: re.Pattern) -> int:
    columns = [column for column in table.columns if column.name != "version" and isinstance(
               getattr(column.type, "impl", column.type), (String, JSON))]
    if not columns or "id" not in table.columns:
        return 0
    needles = {value.lower() for value in identifiers} | \
        {json.dumps(value)[1:-1].lower() for value in identifiers} | \
        {stretch for value in identifiers if len(stretch := _ascii_stretch(value)) >= 3}
    matches = or_(*(func.lower(cast(column, String)).contains(needle, autoescape=True)
                    for column in columns for needle in needles))
    changed = 0
    for row in session.execute(select(table.c.id, *columns).where(matches)).all():
        values = {column.name: _scrub(getattr(row, column.name), pattern)
                  for column in columns}
        values = {name: value for name, value in values.items() if value != getattr(row, name)}
        if values:
            if "version" in table.columns:
                values["version"] = table.c.version + 1
            session.execute(table.update().where(table.c.id == row.id).values(**values))
            changed += 1
    return changed


def scrub_everywhere(session: Session, identifiers: list[str]) -> int:
    """Replace the identifiers in every text cell of every table (staff accounts aside)."""
    if not identifiers:
        return 0
    pattern = _pattern(identifiers)
    return sum(_scrub_table(session, table, identifiers, pattern)
               for table in SQLModel.metadata.sorted_tables if table.name not in NOT_SCRUBBED)


def erase(session: Session, *, actor: User, kind: str, person_id: int) -> dict[str, int]:
    """Erase one tenant or contact; returns the rows anonymised per table."""
    require_role(actor, "manager")
    person, rows = _held(session, kind, person_id)
    identifiers = _identifiers(person)
    _blank_audit(_audit_about(session, rows))
    for table, found in rows.items():
        for row in found:
            for field, value in PERSONAL.get(table, {}).items():
                setattr(row, field, value)
    session.flush()
    scrub_everywhere(session, identifiers)
    session.expire_all()
    person = session.get(type(person), person_id)
    record(session, actor, "erase", person,
           {field: [HIDDEN, value] for field, value in PERSONAL[person.__tablename__].items()})
    return {table: len(found) for table, found in rows.items() if found}
