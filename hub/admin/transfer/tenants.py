"""tenants: the artisans and businesses of the hub. Key: name + business."""
from __future__ import annotations

from sqlmodel import Session, select

from db.models import Tenant, TenantListing, User
from hub.admin.transfer.kind import Kind, Lookup
from hub.admin.transfer.people import tenant_ids, tenant_key
from hub.admin.transfer.sites import site_codes, site_id
from hub.admin.transfer.values import also_the_rules, cell, day, flag, required, text
from hub.checks import FieldChecks
from hub.errors import Invalid
from hub.i18n import N_, _
from hub.tenants import roster

COLUMNS = ("site", "name", "business", "sector", "origin_country", "residency", "joined_on",
           "left_on", "email", "phone", "consent_on", "young_entrepreneur", "female_led",
           "startup", "website")
DATES = ("joined_on", "left_on", "consent_on")
FLAGS = ("young_entrepreneur", "female_led", "startup")


def _hub(name: str):
    """hub/tenants/roster.py's function `name`."""
    return getattr(roster, name)


def available() -> bool:
    return all(_hub(name) for name in ("add_tenant", "edit_tenant"))


def export_rows(session: Session):
    codes = site_codes(session)
    query = (select(Tenant, TenantListing.website)
             .join(TenantListing, TenantListing.tenant_id == Tenant.id, isouter=True)
             .order_by(Tenant.name, Tenant.business, Tenant.id))
    for tenant, website in session.exec(query):
        yield [codes[tenant.site_id]] + [cell(getattr(tenant, column))
                                         for column in COLUMNS[1:-1]] + [cell(website)]


def _values(values: dict, existing: Tenant | None, website: str | None,
            found: FieldChecks) -> dict:
    """The tenant's fields; a refused cell is kept in `found` and left None."""
    parsed = {}
    for column in COLUMNS[1:]:
        if column not in values:
            parsed[column] = website if column == "website" else (
                getattr(existing, column) if existing else None)
        elif column in DATES:
            parsed[column] = found.run(day, values[column], column)
        elif column in FLAGS:
            parsed[column] = found.run(flag, values[column], column)
        else:
            parsed[column] = text(values[column])
    if parsed["residency"] is None:
        parsed["residency"] = "resident"
    for column in ("origin_country", "sector", "residency"):
        if isinstance(parsed[column], str):
            parsed[column] = parsed[column].upper() if column == "origin_country" \
                else parsed[column].lower()
    return parsed


def _cells(session: Session, values: dict, lookup: Lookup) -> tuple[int, str, dict]:
    """The row's site, name and fields for a new tenant, or every bad field at once."""
    found = FieldChecks()
    site = found.run(site_id, session, lookup, values.get("site"))
    name = found.run(required, values.get("name"), "name")
    fields = _values(values, None, None, found)
    also_the_rules(found, roster.check_tenant, session, fields | {"site_id": site})
    found.done()
    return site, name, fields


def import_row(session: Session, actor: User, values: dict, lookup: Lookup) -> str:
    site, name, fields = _cells(session, values, lookup)
    key = tenant_key(name, values.get("business"))
    found = tenant_ids(session, lookup).get(key, [])
    if len(found) > 1:
        raise Invalid("name", _("{count} tenants are called '{name}' with this business; fix "
                                "them on the Tenants screen first").format(count=len(found),
                                                                           name=name))
    # No twin exists (the key map above says so), so the rules' own same-name search, a scan
    # per row, is skipped; a row matching a tenant updates that tenant instead.
    if not found:
        created = _hub("add_tenant")(session, actor=actor, site_id=site, allow_duplicate=True,
                                     **fields)
        tenant_ids(session, lookup)[key] = [created.id]
        return "created"
    existing = session.get(Tenant, found[0])
    changes = _values(values, existing, None, FieldChecks())
    changes.pop("website")  # the public listing is the communication team's, edited there
    if existing.site_id == site and all(getattr(existing, field) == value
                                        for field, value in changes.items()):
        return "unchanged"
    before = existing.version
    _hub("edit_tenant")(session, actor=actor, tenant_id=existing.id, version=None,
                        site_id=site, allow_duplicate=True, **changes)
    session.flush()
    return "updated" if existing.version != before else "unchanged"


KIND = Kind(
    name="tenants", title=N_("Tenants"), columns=COLUMNS,
    required=("site", "name", "sector", "origin_country", "joined_on"),
    key=("name", "business"),
    example=("OC", "Giulia Neri", "Neri Ceramiche", "ceramics", "IT", "resident", "2024-03-01",
             "", "giulia@example.org", "+39 055 123 4567", "2024-03-01", "yes", "yes", "no",
             "https://neri.example.org"),
    export_rows=export_rows, import_row=import_row, available=available,
    notes=N_("origin_country as a two-letter code (IT, JP, US); residency resident or "
             "visiting; the target-group flags (yes/no) need a consent date."))

