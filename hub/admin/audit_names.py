"""What an audit entry's record is, in the hub's words: "Tenant Nora Bianchi", "Space L07",
"Lease of L07 to Nora Bianchi" — instead of a table name and an id. Read for a page of
entries at once, one query per kind of record; a record deleted since is named from what
its entries kept ("Partner Artex"), or by its kind and number."""
from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlmodel import Session, select

from db.models import (AuditEntry, BuildingIssue, Contact, Enrolment, Instructor, Interaction, Lease,
                       Partner, PartnerItemLink, PartnerTenantLink, ProgrammeItem,
                       ProgrammeSession, Site, Space, Tenant, TenantListing, User, WorksPeriod,
                       Booking)
from hub.i18n import N_, _, day_text

# entity -> (its name in a sentence, with fields; the query of (id, fields…) for some ids)
Query = Callable[[list[int]], object]
NAMES: dict[str, tuple[str, tuple[str, ...], Query]] = {
    "sites": (N_("Site {name}"), ("name",),
              lambda ids: select(Site.id, Site.name).where(Site.id.in_(ids))),
    "spaces": (N_("Space {code}"), ("code",),
               lambda ids: select(Space.id, Space.code).where(Space.id.in_(ids))),
    "tenants": (N_("Tenant {name}"), ("name",),
                lambda ids: select(Tenant.id, Tenant.name).where(Tenant.id.in_(ids))),
    "tenant_listings": (N_("Public listing of {name}"), ("name",),
                        lambda ids: select(TenantListing.id, Tenant.name)
                        .join(Tenant, Tenant.id == TenantListing.tenant_id)
                        .where(TenantListing.id.in_(ids))),
    "leases": (N_("Lease of {space} to {tenant}"), ("space", "tenant"),
               lambda ids: select(Lease.id, Space.code, Tenant.name)
               .join(Space, Space.id == Lease.space_id).join(Tenant, Tenant.id == Lease.tenant_id)
               .where(Lease.id.in_(ids))),
    "bookings": (N_("Booking of {space} on {day}"), ("space", "day"),
                 lambda ids: select(Booking.id, Space.code, Booking.day)
                 .join(Space, Space.id == Booking.space_id).where(Booking.id.in_(ids))),
    "programme_items": (N_("Programme item “{title}”"), ("title",),
                        lambda ids: select(ProgrammeItem.id, ProgrammeItem.title)
                        .where(ProgrammeItem.id.in_(ids))),
    "programme_sessions": (N_("Session of “{title}” on {day}"), ("title", "day"),
                           lambda ids: select(ProgrammeSession.id, ProgrammeItem.title,
                                              ProgrammeSession.day)
                           .join(ProgrammeItem, ProgrammeItem.id == ProgrammeSession.item_id)
                           .where(ProgrammeSession.id.in_(ids))),
    "enrolments": (N_("Enrolment of {name} in “{title}”"), ("name", "title"),
                   lambda ids: select(Enrolment.id, Enrolment.participant_name,
                                      ProgrammeItem.title)
                   .join(ProgrammeItem, ProgrammeItem.id == Enrolment.item_id)
                   .where(Enrolment.id.in_(ids))),
    "instructors": (N_("Instructor {name}"), ("name",),
                    lambda ids: select(Instructor.id, Instructor.name)
                    .where(Instructor.id.in_(ids))),
    "partners": (N_("Partner {name}"), ("name",),
                 lambda ids: select(Partner.id, Partner.name).where(Partner.id.in_(ids))),
    "partner_contacts": (N_("Contact {name} of {partner}"), ("name", "partner"),
                         lambda ids: select(Contact.id, Contact.name, Partner.name)
                         .join(Partner, Partner.id == Contact.partner_id)
                         .where(Contact.id.in_(ids))),
    "interactions": (N_("Interaction with {partner} on {day}"), ("partner", "day"),
                     lambda ids: select(Interaction.id, Partner.name, Interaction.day)
                     .join(Partner, Partner.id == Interaction.partner_id)
                     .where(Interaction.id.in_(ids))),
    "partner_tenant_links": (N_("Link of {partner} with {tenant}"), ("partner", "tenant"),
                             lambda ids: select(PartnerTenantLink.id, Partner.name, Tenant.name)
                             .join(Partner, Partner.id == PartnerTenantLink.partner_id)
                             .join(Tenant, Tenant.id == PartnerTenantLink.tenant_id)
                             .where(PartnerTenantLink.id.in_(ids))),
    "partner_item_links": (N_("Link of {partner} with “{title}”"), ("partner", "title"),
                           lambda ids: select(PartnerItemLink.id, Partner.name,
                                              ProgrammeItem.title)
                           .join(Partner, Partner.id == PartnerItemLink.partner_id)
                           .join(ProgrammeItem, ProgrammeItem.id == PartnerItemLink.item_id)
                           .where(PartnerItemLink.id.in_(ids))),
    "building_issues": (N_("Issue “{title}”"), ("title",),
                        lambda ids: select(BuildingIssue.id, BuildingIssue.title)
                        .where(BuildingIssue.id.in_(ids))),
    "works_periods": (N_("Works “{title}”"), ("title",),
                      lambda ids: select(WorksPeriod.id, WorksPeriod.title)
                      .where(WorksPeriod.id.in_(ids))),
    "users": (N_("User {username}"), ("username",),
              lambda ids: select(User.id, User.username).where(User.id.in_(ids))),
}
# A record gone since: its kind and number ("Partner no. 12"), unless its entries kept a name.
GONE = {"sites": N_("Site no. {id}"), "spaces": N_("Space no. {id}"),
        "tenants": N_("Tenant no. {id}"), "tenant_listings": N_("Public listing no. {id}"),
        "leases": N_("Lease no. {id}"), "bookings": N_("Booking no. {id}"),
        "programme_items": N_("Programme item no. {id}"),
        "programme_sessions": N_("Session no. {id}"), "enrolments": N_("Enrolment no. {id}"),
        "instructors": N_("Instructor no. {id}"), "partners": N_("Partner no. {id}"),
        "partner_contacts": N_("Contact no. {id}"), "interactions": N_("Interaction no. {id}"),
        "partner_tenant_links": N_("Link no. {id}"), "partner_item_links": N_("Link no. {id}"),
        "building_issues": N_("Issue no. {id}"), "works_periods": N_("Works no. {id}"),
        "users": N_("User no. {id}")}
KEPT_NAMES = ("name", "title", "code", "username", "participant_name")


def _shown(value) -> str:
    return day_text(value) if hasattr(value, "isoformat") and not isinstance(value, str) \
        else str(value)


def _kept_name(changes: dict | None) -> str | None:
    """A name the entry itself holds: a created or changed name, or a deleted row's copy."""
    for value in (changes or {}).values():
        if isinstance(value, dict):          # {"contact": {...the deleted row...}}
            if found := _kept_name({key: [None, kept] for key, kept in value.items()}):
                return found
    for field in KEPT_NAMES:
        value = (changes or {}).get(field)
        if isinstance(value, list) and len(value) == 2 and (value[1] or value[0]):
            return str(value[1] or value[0])
    return None


def record_names(session: Session, entries: Iterable[tuple[str, str, dict | None]]
                 ) -> dict[tuple[str, str], str]:
    """(entity, entity id, changes) of some entries -> what each record is, in the reader's
    words. The database itself, and kinds without a name, keep their stored words."""
    entries = list(entries)
    wanted: dict[str, set[int]] = {}
    for entity, entity_id, _changes in entries:
        if entity in NAMES and str(entity_id).isdigit():
            wanted.setdefault(entity, set()).add(int(entity_id))
    found: dict[tuple[str, str], str] = {}
    for entity, ids in wanted.items():
        template, fields, query = NAMES[entity]
        for row in session.exec(query(sorted(ids))):
            found[(entity, str(row[0]))] = _(template).format(
                **{field: _shown(value) for field, value in zip(fields, row[1:])})
    kept: dict[tuple[str, str], list[dict | None]] = {}
    for entity, entity_id, changes in entries:
        kept.setdefault((entity, str(entity_id)), []).append(changes)
    for key, changes in kept.items():
        if key not in found:
            found[key] = _gone(session, *key, changes)
    return found


def _gone(session: Session, entity: str, entity_id: str, changes: list[dict | None]) -> str:
    """A record no longer there: named from its entries (these, or its first and last)."""
    name = next(filter(None, map(_kept_name, changes)), None)
    if entity in NAMES and name is None:
        logged = session.exec(select(AuditEntry.changes).where(
            AuditEntry.entity == entity, AuditEntry.entity_id == entity_id,
            AuditEntry.action.in_(("create", "delete"))).limit(2))
        name = next(filter(None, map(_kept_name, logged)), None)
    if entity in NAMES and name:
        template, fields, __ = NAMES[entity]
        return _(template).format(**{field: name if field == fields[0] else "…"
                                     for field in fields})
    if entity in GONE:
        return _(GONE[entity]).format(id=entity_id)
    if entity == "database":
        return _("The database ({file})").format(file=entity_id)
    return f"{entity} {entity_id}"
