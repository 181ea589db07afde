"""leases: who holds which space, when, at what rent. Key: site + space + starts_on."""
from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from db.models import Lease, Site, Space, Tenant, User
from hub.admin.transfer.kind import Kind, Lookup
from hub.admin.transfer.people import find_tenant
from hub.admin.transfer.sites import site_id
from hub.admin.transfer.spaces import find_space
from hub.admin.transfer.values import cell, day, required, text
from hub.checks import FieldChecks, money
from hub.errors import Invalid
from hub.i18n import N_, _, day_text
from hub.occupancy import leases

COLUMNS = ("site", "space", "tenant", "business", "starts_on", "ends_on", "monthly_rent",
           "deposit", "notes")


def export_rows(session: Session):
    query = (select(Site.code, Space.code, Tenant.name, Tenant.business, Lease)
             .join(Space, Space.id == Lease.space_id).join(Site, Site.id == Space.site_id)
             .join(Tenant, Tenant.id == Lease.tenant_id)
             .order_by(Site.code, Space.code, Lease.starts_on))
    for site, space, tenant, business, lease in session.exec(query):
        yield [site, space, tenant, cell(business), cell(lease.starts_on), cell(lease.ends_on),
               cell(lease.monthly_rent), cell(lease.deposit), cell(lease.notes)]


def _cells(session: Session, values: dict, lookup: Lookup) -> tuple[int, date, int, dict]:
    """The row's space, first day, tenant and terms, or every bad cell at once."""
    found = FieldChecks()
    site = found.run(site_id, session, lookup, values.get("site"))
    code = found.run(required, values.get("space"), "space")
    space = found.run(find_space, session, site, code) if site and code else None
    starts_on = found.run(lambda: day(required(values.get("starts_on"), "starts_on"),
                                      "starts_on"))
    tenant = found.run(find_tenant, session, lookup, values.get("tenant"), values.get("business"))
    terms = {"ends_on": found.run(day, values.get("ends_on"), N_("ends_on")),
             "monthly_rent": text(values.get("monthly_rent")),
             "deposit": text(values.get("deposit")), "notes": text(values.get("notes"))}
    # The amounts are the rules' to read; checked here too, to be reported with the rest.
    found.run(money, terms["monthly_rent"], "monthly_rent", required=True)
    found.run(money, terms["deposit"], "deposit")
    found.done()
    return space, starts_on, tenant, terms


def import_row(session: Session, actor: User, values: dict, lookup: Lookup) -> str:
    space, starts_on, tenant, terms = _cells(session, values, lookup)
    existing = session.exec(select(Lease).where(Lease.space_id == space,
                                                Lease.starts_on == starts_on)).first()
    if existing is None:
        leases.lease_space(session, actor=actor, space_id=space, tenant_id=tenant,
                           starts_on=starts_on, **terms)
        return "created"
    if existing.tenant_id != tenant:
        raise Invalid("tenant", _("the lease from {start} of this space is held by another "
                                  "tenant; end it on the Lab occupancy screen instead").format(
            start=day_text(starts_on)))
    before = existing.version
    leases.edit_lease(session, actor=actor, lease_id=existing.id, version=None,
                      starts_on=starts_on, **terms)
    session.flush()
    return "updated" if existing.version != before else "unchanged"


KIND = Kind(
    name="leases", title=N_("Leases"), columns=COLUMNS,
    required=("site", "space", "tenant", "starts_on", "monthly_rent"),
    key=("site", "space", "starts_on"),
    example=("OC", "L27", "Giulia Neri", "Neri Ceramiche", "2026-01-01", "2026-12-31",
             "450.00", "900.00", ""),
    export_rows=export_rows, import_row=import_row,
    notes=N_("Dates as 2026-01-01; ends_on empty for an open-ended lease. The tenant is named "
             "by name and business, as on the Tenants screen."))

