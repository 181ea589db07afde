"""enrolments: participants of programme items. Key: site + item + participant email (or
name when there is no email). A new participant comes back as the file has them, in the
order of the file (the order they came): cancelled, attended, or enrolled by the capacity rule
(a seat, or the waitlist when the item is full)."""
from __future__ import annotations

from sqlmodel import Session, select

from db.models import Enrolment, ProgrammeItem, Site, Tenant, User
from hub.admin.transfer.kind import Kind, Lookup
from hub.admin.transfer.people import find_tenant
from hub.admin.transfer.programme import item_of
from hub.admin.transfer.values import cell, required, text
from hub.checks import FieldChecks, optional_email
from hub.i18n import N_
from hub.programme import enrolments

COLUMNS = ("site", "item", "item_starts_on", "participant_name", "email", "tenant", "business",
           "status")


def _hub(name: str):
    """hub/programme/enrolments.py's function `name`."""
    return getattr(enrolments, name)


def available() -> bool:
    return all(_hub(name) for name in ("restore_enrolment",))


def export_rows(session: Session):
    query = (select(Site.code, ProgrammeItem.title, ProgrammeItem.starts_on, Enrolment,
                    Tenant.name, Tenant.business)
             .join(ProgrammeItem, ProgrammeItem.id == Enrolment.item_id)
             .join(Site, Site.id == ProgrammeItem.site_id)
             .join(Tenant, Tenant.id == Enrolment.tenant_id, isouter=True)
             .order_by(Site.code, ProgrammeItem.title, ProgrammeItem.starts_on,
                       ProgrammeItem.id, Enrolment.queued_at, Enrolment.id))
    for site, title, starts_on, enrolment, tenant, business in session.exec(query):
        yield [site, title, cell(starts_on), enrolment.participant_name, cell(enrolment.email),
               cell(tenant), cell(business), enrolment.status]


def row_key(values: dict) -> None:
    """No repeated-row check: a participant listed twice (a cancelled enrolment and a new
    one, say) matches the same enrolment and is left as is."""
    return None


def _enrolments(session: Session, lookup: Lookup, item_id: int) -> list[list]:
    """[id, name, email, tenant, status] of the item's enrolments in the order they came,
    loaded once per import (the rows it creates are added as they come)."""
    loaded = lookup.cache.setdefault("enrolments", {})
    if item_id not in loaded:
        loaded[item_id] = [list(row) for row in session.exec(
            select(Enrolment.id, Enrolment.participant_name, Enrolment.email,
                   Enrolment.tenant_id, Enrolment.status).where(Enrolment.item_id == item_id)
            .order_by(Enrolment.queued_at, Enrolment.id))]
    return loaded[item_id]


def _existing(session: Session, lookup: Lookup, item_id: int, name: str, email: str | None,
              tenant_id: int | None, status: str | None) -> int | None:
    """The enrolment of this person in the item that no earlier row of the file matched: same
    email, same tenant, or (without an email) the same name; one with the row's status first
    (a cancelled place and a new one of the same person are two rows). Compared in Python:
    SQLite's lower() leaves "É" as it is."""
    matched = lookup.cache.setdefault("enrolments matched", set())
    same = []
    for enrolment_id, other_name, other_email, other_tenant, other_status in \
            _enrolments(session, lookup, item_id):
        if enrolment_id in matched:
            continue
        if (email and other_email and email.casefold() == other_email.casefold()) or \
                (tenant_id is not None and tenant_id == other_tenant) or \
                (not email and not other_email and name.casefold() == other_name.casefold()):
            same.append((other_status != (status or other_status), enrolment_id))
    if not same:
        return None
    found = min(same)[1]
    matched.add(found)
    return found


def _cells(session: Session, values: dict, lookup: Lookup):
    """The row's item, participant, email and tenant, or every bad cell at once."""
    found = FieldChecks()
    item = found.run(item_of, session, lookup, values)
    name = found.run(required, values.get("participant_name"), "participant_name")
    email = found.run(optional_email, text(values.get("email")), "email")
    tenant = found.run(find_tenant, session, lookup, values.get("tenant"),
                       values.get("business")) if text(values.get("tenant")) else None
    found.done()
    return item, name, email, tenant


def import_row(session: Session, actor: User, values: dict, lookup: Lookup) -> str:
    item, name, email, tenant = _cells(session, values, lookup)
    status = text(values.get("status"))
    if _existing(session, lookup, item, name, email, tenant, status) is not None:
        return "unchanged"
    enrolment = _hub("restore_enrolment")(session, actor=actor, item_id=item,
                                          participant_name=name, email=email, tenant_id=tenant,
                                          status=status)
    lookup.cache["enrolments matched"].add(enrolment.id)
    _enrolments(session, lookup, item).append([enrolment.id, enrolment.participant_name,
                                               enrolment.email, enrolment.tenant_id,
                                               enrolment.status])
    return "created"


KIND = Kind(
    name="enrolments", title=N_("Enrolments"), columns=COLUMNS,
    required=("site", "item", "participant_name"), key=("site", "item", "participant_name"),
    example=("OC", "Raku firing weekend", "", "Marco Bruni", "marco@example.org", "", "", ""),
    export_rows=export_rows, import_row=import_row, available=available, row_key=row_key,
    notes=N_("item_starts_on tells apart runs of an item with the same title. "
             "One row per participant, in the order they came; a participant already enrolled "
             "(same email, or same name without an email) is left as is. A new participant "
             "comes back cancelled or attended as the file says; otherwise enrolled, or "
             "waitlisted when the item is full."))

