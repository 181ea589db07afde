"""Figures about the hub, computed live from the tables (no stored totals that can drift)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_
from sqlmodel import Session, select

from db.models import Site, Space, Tenant


@dataclass(frozen=True)
class HubSummary:
    sites: int
    spaces: int
    leasable_spaces: int
    leasable_area_m2: float
    active_tenants: int
    countries: int


def hub_summary(session: Session, *, on: date | None = None) -> HubSummary:
    """Counts across all sites, each one SQL aggregate."""
    on = on or date.today()
    spaces = session.exec(select(
        func.count(Space.id),
        func.count(Space.id).filter(Space.leasable),
        func.coalesce(func.sum(Space.area_m2).filter(Space.leasable), 0),
    ).where(Space.active)).one()
    active = (Tenant.joined_on <= on, or_(Tenant.left_on.is_(None), Tenant.left_on >= on))
    tenants = session.exec(select(func.count(Tenant.id),
                                  func.count(func.distinct(Tenant.origin_country)))
                           .where(*active)).one()
    return HubSummary(sites=session.exec(select(func.count(Site.id))).one(),
                      spaces=spaces[0], leasable_spaces=spaces[1],
                      leasable_area_m2=float(spaces[2]), active_tenants=tenants[0],
                      countries=tenants[1])
