"""contacts: the people we know at a partner. Key: partner + name (ignoring case); two people
of one name at a partner are two rows, matched one to one in the order they were added."""
from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, select

from db.models import Contact, Partner, User
from hub.admin.transfer.kind import Kind, Lookup
from hub.admin.transfer.partners import find_partner
from hub.admin.transfer.values import cell, required, text
from hub.checks import FieldChecks
from hub.i18n import N_
from hub.partners import organisations

COLUMNS = ("partner", "name", "role", "email", "phone", "language")
FIELDS = COLUMNS[1:]


def export_rows(session: Session):
    query = (select(Partner.name, Contact).join(Partner, Partner.id == Contact.partner_id)
             .order_by(func.lower(Partner.name), Partner.id, func.lower(Contact.name),
                       Contact.id))
    for partner, contact in session.exec(query):
        yield [partner] + [cell(getattr(contact, field)) for field in FIELDS]


def row_key(values: dict) -> None:
    """No repeated-row check: a partner may have two people of the same name."""
    return None


def import_row(session: Session, actor: User, values: dict, lookup: Lookup) -> str:
    found = FieldChecks()
    partner = found.run(find_partner, session, lookup, values.get("partner"))
    name = found.run(required, values.get("name"), "name")
    fields = {field: text(values.get(field)) for field in FIELDS if field in values}
    clean = found.run(organisations.check_contact, fields) if name else None
    found.done()
    matched = lookup.cache.setdefault("contacts matched", set())
    existing = next((contact for contact in session.exec(
        select(Contact).where(Contact.partner_id == partner).order_by(Contact.id))
        if contact.name.casefold() == name.casefold() and contact.id not in matched), None)
    if existing is None:
        created = organisations.add_contact(session, actor=actor, partner_id=partner, **fields)
        matched.add(created.id)
        return "created"
    matched.add(existing.id)
    if all(getattr(existing, field) == clean[field] for field in fields):
        return "unchanged"
    organisations.edit_contact(session, actor=actor, contact_id=existing.id, version=None,
                               **fields)
    return "updated"


KIND = Kind(
    name="contacts", title=N_("Partner contacts"), columns=COLUMNS,
    required=("partner", "name"), key=("partner", "name"),
    example=("Jingdezhen Ceramic Institute", "Li Wei", "International office",
             "li.wei@example.org", "+86 798 000 000", "English"),
    export_rows=export_rows, import_row=import_row, row_key=row_key,
    notes=N_("Import after the partners; the partner by its name. Personal data: a viewer "
             "never sees it."))
