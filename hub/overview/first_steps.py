"""First steps on a new hub: what a manager sets up, in order, and whether each is done —
the checklist the Overview shows until the hub is running."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, select

from db.models import Lease, Partner, ProgrammeItem, Site, Space, Tenant
from hub.i18n import N_
from hub.scope import in_use


@dataclass(frozen=True)
class Step:
    key: str        # sites, spaces, tenants, leases, programme, partners
    title: str      # English, marked for the catalog: the screen shows _(title)
    count: int      # how many there are (0: not done yet)

    @property
    def done(self) -> bool:
        return self.count > 0


def first_steps(session: Session) -> list[Step]:
    """The six steps, each counted in the sites in use (partners belong to the network)."""
    def count(query) -> int:
        return session.exec(query).one()
    spaces = count(select(func.count(Space.id)).where(in_use(Space.site_id, None)))
    leases = count(select(func.count(Lease.id)).join(Space, Space.id == Lease.space_id)
                   .where(in_use(Space.site_id, None)))
    return [
        Step("sites", N_("Create a site"),
             count(select(func.count(Site.id)).where(Site.archived_at.is_(None)))),
        Step("spaces", N_("Add its spaces (a form, or a spreadsheet import)"), spaces),
        Step("tenants", N_("Add the tenants"),
             count(select(func.count(Tenant.id)).where(in_use(Tenant.site_id, None)))),
        Step("leases", N_("Lease spaces to tenants"), leases),
        Step("programme", N_("Plan the programme (courses, workshops, events)"),
             count(select(func.count(ProgrammeItem.id))
                   .where(in_use(ProgrammeItem.site_id, None)))),
        Step("partners", N_("Record the partners"), count(select(func.count(Partner.id)))),
    ]
