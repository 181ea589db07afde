"""enrolments: participants of programme items. Key: site + item + participant email (or
name when there is no email). `status` is exported for information: an import enrols a new
participant by the capacity rule (enrolled, or waitlisted when the item is full)."""
from __future__ import annotations

from sqlmodel import Session, select

from db.models import Enrolment, ProgrammeItem, Site, Tenant, User
from hub.admin.transfer.kind import Kind, Lookup
from hub.admin.transfer.people import find_tenant
from hub.admin.transfer.programme import find_item
from hub.admin.transfer.sites import site_id
from hub.admin.transfer.values import cell, day, required, text
from hub.checks import FieldChecks, optional_email
from hub.errors import Invalid
from hub.i18n import N_, _
from hub.programme import enrolments

COLUMNS = ("site", "item", "item_starts_on", "participant_name", "email", "tenant", "business",
           "status")


def _hub(name: str):
    """hub/programme/enrolments.py's function `name`."""
    return getattr(enrolments, name)


def available() -> bool:
    return all(_hub(name) for name in ("enrol",))


def export_rows(session: Session):
    query = (select(Site.code, ProgrammeItem.title, ProgrammeItem.starts_on, Enrolment,
                    Tenant.name, Tenant.business)
             .join(ProgrammeItem, ProgrammeItem.id == Enrolment.item_id)
             .join(Site, Site.id == ProgrammeItem.site_id)
             .join(Tenant, Tenant.id == Enrolment.tenant_id, isouter=True)
             .order_by(Site.code, ProgrammeItem.title, Enrolment.queued_at, Enrolment.id))
    for site, title, starts_on, enrolment, tenant, business in session.exec(query):
        yield [site, title, cell(starts_on), enrolment.participant_name, cell(enrolment.email),
               cell(tenant), cell(business), enrolment.status]


def row_key(values: dict) -> None:
    """No repeated-row check: a participant listed twice (a cancelled enrolment and a new
    one, say) matches the same enrolment and is left as is."""
    return None


def _existing(session: Session, item_id: int, name: str, email: str | None,
              tenant_id: int | None) -> int | None:
    """The enrolment of this person in the item: same email, same tenant, or (without an
    email) the same name. Compared in Python: SQLite's lower() leaves "É" as it is."""
    for enrolment_id, other_name, other_email, other_tenant in session.exec(
            select(Enrolment.id, Enrolment.participant_name, Enrolment.email,
                   Enrolment.tenant_id).where(Enrolment.item_id == item_id)):
        if email and other_email and email.casefold() == other_email.casefold():
            return enrolment_id
        if tenant_id is not None and tenant_id == other_tenant:
            return enrolment_id
        if not email and not other_email and name.casefold() == other_name.casefold():
            return enrolment_id
    return None


def _item(session: Session, site: int, title: str, starts_on) -> ProgrammeItem:
    item = find_item(session, site, title, starts_on)
    if item is None:
        raise Invalid("item", _("there is no programme item '{title}' at this site (import "
                                "the programme first)").format(title=title))
    return item


def _cells(session: Session, values: dict, lookup: Lookup):
    """The row's item, participant, email and tenant, or every bad cell at once."""
    found = FieldChecks()
    site = found.run(site_id, session, lookup, values.get("site"))
    title = found.run(required, values.get("item"), "item")
    starts_on = found.run(day, values.get("item_starts_on"), N_("item_starts_on"))
    item = found.run(_item, session, site, title, starts_on) \
        if site and title and not found.failed("item_starts_on") else None
    name = found.run(required, values.get("participant_name"), "participant_name")
    email = found.run(optional_email, text(values.get("email")), "email")
    tenant = found.run(find_tenant, session, lookup, values.get("tenant"),
                       values.get("business")) if text(values.get("tenant")) else None
    found.done()
    return item, name, email, tenant


def import_row(session: Session, actor: User, values: dict, lookup: Lookup) -> str:
    item, name, email, tenant = _cells(session, values, lookup)
    if _existing(session, item.id, name, email, tenant) is not None:
        return "unchanged"
    _hub("enrol")(session, actor=actor, item_id=item.id, participant_name=name,
                     email=email, tenant_id=tenant)
    return "created"


KIND = Kind(
    name="enrolments", title=N_("Enrolments"), columns=COLUMNS,
    required=("site", "item", "participant_name"), key=("site", "item", "participant_name"),
    example=("OC", "Raku firing weekend", "", "Marco Bruni", "marco@example.org", "", "", ""),
    export_rows=export_rows, import_row=import_row, available=available, row_key=row_key,
    notes=N_("item_starts_on tells apart runs of an item with the same title. "
             "One row per participant; a participant already enrolled (same email, or same "
             "name without an email) is left as is. status is informative: new participants "
             "are enrolled, or waitlisted when the item is full."))

