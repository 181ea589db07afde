"""enrolments: participants of programme items. Key: site + item + participant email (or
name when there is no email). `status` is exported for information: an import enrols a new
participant by the capacity rule (enrolled, or waitlisted when the item is full)."""
from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, select

from db.models import Enrolment, ProgrammeItem, Site, Tenant, User
from hub.errors import Invalid
from hub.transfer.kind import Kind, Lookup, hub_function
from hub.transfer.people import find_tenant
from hub.transfer.programme import find_item
from hub.transfer.sites import site_id
from hub.transfer.values import cell, required, text

COLUMNS = ("site", "item", "participant_name", "email", "tenant", "business", "status")


def _hub(name: str):
    """hub/enrolments.py's function `name` (None until that area lands it)."""
    return hub_function("hub.enrolments", name)


def available() -> bool:
    return all(_hub(name) for name in ("enrol",))


def export_rows(session: Session):
    query = (select(Site.code, ProgrammeItem.title, Enrolment, Tenant.name, Tenant.business)
             .join(ProgrammeItem, ProgrammeItem.id == Enrolment.item_id)
             .join(Site, Site.id == ProgrammeItem.site_id)
             .join(Tenant, Tenant.id == Enrolment.tenant_id, isouter=True)
             .order_by(Site.code, ProgrammeItem.title, Enrolment.queued_at, Enrolment.id))
    for site, title, enrolment, tenant, business in session.exec(query):
        yield [site, title, enrolment.participant_name, cell(enrolment.email), cell(tenant),
               cell(business), enrolment.status]


def row_key(values: dict) -> tuple:
    who = (values.get("email") or "").strip().lower() or \
        (values.get("participant_name") or "").strip().lower()
    return ((values.get("site") or "").strip().lower(), (values.get("item") or "").strip().lower(),
            who)


def _existing(session: Session, item_id: int, name: str, email: str | None):
    query = select(Enrolment.id).where(Enrolment.item_id == item_id)
    query = query.where(func.lower(Enrolment.email) == email.lower()) if email else \
        query.where(Enrolment.email.is_(None),
                    func.lower(Enrolment.participant_name) == name.lower())
    return session.exec(query).first()


def import_row(session: Session, actor: User, values: dict, lookup: Lookup) -> str:
    site = site_id(session, lookup, values.get("site"))
    title = required(values.get("item"), "item")
    item = find_item(session, site, title)
    if item is None:
        raise Invalid("item", f"there is no programme item '{title}' at this site "
                              "(import the programme first)")
    name = required(values.get("participant_name"), "participant_name")
    email = text(values.get("email"))
    if _existing(session, item.id, name, email) is not None:
        return "unchanged"
    tenant = find_tenant(session, lookup, values.get("tenant"), values.get("business")) \
        if text(values.get("tenant")) else None
    _hub("enrol")(session, actor=actor, item_id=item.id, participant_name=name,
                     email=email, tenant_id=tenant)
    return "created"


KIND = Kind(
    name="enrolments", title="Enrolments", columns=COLUMNS,
    required=("site", "item", "participant_name"), key=("site", "item", "participant_name"),
    example=("OC", "Raku firing weekend", "Marco Bruni", "marco@example.org", "", "", ""),
    export_rows=export_rows, import_row=import_row, available=available, row_key=row_key,
    notes="One row per participant; a participant already enrolled (same email, or same name "
          "without an email) is left as is. status is informative: new participants are "
          "enrolled, or waitlisted when the item is full.")
