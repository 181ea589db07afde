"""The tenant directory and a tenant's profile: who works here, where, since when, and what
links them to the programme and the partner network. Contacts and staff notes only for
the roles that may see them (hub.roles.sees_contacts)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import func, or_
from sqlmodel import Session, select

from db.models import (Instructor, Lease, Partner, PartnerTenantLink, ProgrammeItem,
                       ProgrammeSession, Site, Space, Tenant, TenantListing, User)
from hub.i18n import N_
from hub.words import country_name
from hub.roles import sees_contacts, sees_rents

STATUSES = ("current", "former", "all")
# The keys are codes (in links) and English names, marked for the catalog: shown with _().
TARGET_GROUPS = {N_("young entrepreneur"): Tenant.young_entrepreneur,
                 N_("female-led"): Tenant.female_led, N_("start-up"): Tenant.startup}
SORTS = {"name": (Tenant.name,), "business": (Tenant.business, Tenant.name),
         "sector": (Tenant.sector, Tenant.name), "country": (Tenant.origin_country, Tenant.name),
         "since": (Tenant.joined_on.desc(), Tenant.name)}


@dataclass(frozen=True)
class DirectoryFilter:
    search: str = ""
    site_id: int | None = None
    sectors: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    residency: str | None = None           # resident / visiting / None for both
    status: str = "current"                # current / former / all
    target_groups: tuple[str, ...] = ()    # keys of TARGET_GROUPS; all must hold
    sort: str = "name"


@dataclass(frozen=True)
class DirectoryRow:
    id: int
    name: str
    business: str | None
    sector: str
    country: str
    site: str
    residency: str
    spaces: str
    since: date
    left_on: date | None
    email: str | None = None
    phone: str | None = None


def _filtered(query, chosen: DirectoryFilter, today: date):
    current = or_(Tenant.left_on.is_(None), Tenant.left_on >= today)
    if chosen.status == "current":
        query = query.where(current, Tenant.joined_on <= today)
    elif chosen.status == "former":
        query = query.where(Tenant.left_on < today)
    if chosen.search.strip():
        words = f"%{chosen.search.strip().lower()}%"
        query = query.where(or_(func.lower(Tenant.name).like(words),
                                func.lower(func.coalesce(Tenant.business, "")).like(words),
                                func.lower(Tenant.sector).like(words)))
    if chosen.site_id is not None:
        query = query.where(Tenant.site_id == chosen.site_id)
    if chosen.sectors:
        query = query.where(Tenant.sector.in_(chosen.sectors))
    if chosen.countries:
        query = query.where(Tenant.origin_country.in_(chosen.countries))
    if chosen.residency:
        query = query.where(Tenant.residency == chosen.residency)
    for group in chosen.target_groups:
        query = query.where(TARGET_GROUPS[group].is_(True))
    return query


def current_spaces(session: Session, *, today: date, site_id: int | None = None) -> dict[int, str]:
    """tenant id -> "L03, L04": the spaces each tenant leases today."""
    query = (select(Lease.tenant_id, Space.code).join(Space, Space.id == Lease.space_id)
             .where(Lease.holds(today))
             .order_by(Space.code))
    if site_id is not None:
        query = query.where(Space.site_id == site_id)
    spaces = defaultdict(list)
    for tenant_id, code in session.exec(query):
        spaces[tenant_id].append(code)
    return {tenant_id: ", ".join(codes) for tenant_id, codes in spaces.items()}


def directory(session: Session, *, actor: User, chosen: DirectoryFilter,
              today: date) -> list[DirectoryRow]:
    """Every tenant matching the filter, sorted; contacts only for roles that may see them."""
    query = _filtered(select(Tenant, Site.name).join(Site, Site.id == Tenant.site_id),
                      chosen, today).order_by(*SORTS.get(chosen.sort, SORTS["name"]))
    spaces = current_spaces(session, today=today, site_id=chosen.site_id)
    contacts = sees_contacts(actor)
    return [DirectoryRow(tenant.id, tenant.name, tenant.business, tenant.sector,
                         country_name(tenant.origin_country), site, tenant.residency,
                         spaces.get(tenant.id, ""), tenant.joined_on, tenant.left_on,
                         tenant.email if contacts else None, tenant.phone if contacts else None)
            for tenant, site in session.exec(query)]


def filter_choices(session: Session) -> tuple[list[str], list[str]]:
    """The sectors and origin countries that tenants actually have, for the filters."""
    sectors = session.exec(select(Tenant.sector).distinct().order_by(Tenant.sector)).all()
    countries = session.exec(select(Tenant.origin_country).distinct()).all()
    return list(sectors), sorted(countries, key=country_name)


# --- profile --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Stay:
    space: str
    site: str
    starts_on: date
    ends_on: date | None
    monthly_rent: Decimal | None


@dataclass(frozen=True)
class Profile:
    tenant: Tenant            # contact fields and notes blanked for roles that may not see them
    site: str
    listing: TenantListing | None
    stays: list[Stay] = field(default_factory=list)
    taught: list[tuple[str, str, date | None]] = field(default_factory=list)  # title, kind, first day
    partners: list[tuple[str, str, str]] = field(default_factory=list)        # partner, kind, link


def profile(session: Session, *, actor: User, tenant_id: int) -> Profile | None:
    row = session.exec(select(Tenant, Site.name).join(Site, Site.id == Tenant.site_id)
                       .where(Tenant.id == tenant_id)).first()
    if row is None:
        return None
    tenant, site = row
    shown = tenant.model_copy()
    if not sees_contacts(actor):
        shown.email = shown.phone = shown.notes = None
        shown.young_entrepreneur = shown.female_led = shown.startup = shown.consent_on = None
    listing = session.exec(select(TenantListing).where(TenantListing.tenant_id == tenant_id)).first()
    return Profile(shown, site, listing, _stays(session, actor, tenant_id),
                   _taught(session, tenant_id), _partners(session, tenant_id))


def _stays(session: Session, actor: User, tenant_id: int) -> list[Stay]:
    rows = session.exec(select(Lease, Space.code, Space.name, Site.name)
                        .join(Space, Space.id == Lease.space_id).join(Site, Site.id == Space.site_id)
                        .where(Lease.tenant_id == tenant_id).order_by(Lease.starts_on.desc()))
    rents = sees_rents(actor)
    return [Stay(f"{code} {name}", site, lease.starts_on, lease.ends_on,
                 lease.monthly_rent if rents else None) for lease, code, name, site in rows]


def _taught(session: Session, tenant_id: int) -> list[tuple[str, str, date | None]]:
    rows = session.exec(select(ProgrammeItem.title, ProgrammeItem.kind,
                               func.min(ProgrammeSession.day))
                        .join(ProgrammeSession, ProgrammeSession.item_id == ProgrammeItem.id)
                        .join(Instructor, Instructor.id == ProgrammeSession.instructor_id)
                        .where(Instructor.tenant_id == tenant_id)
                        .group_by(ProgrammeItem.id, ProgrammeItem.title, ProgrammeItem.kind)
                        .order_by(func.min(ProgrammeSession.day).desc()))
    return [tuple(row) for row in rows]


def _partners(session: Session, tenant_id: int) -> list[tuple[str, str, str]]:
    rows = session.exec(select(Partner.name, Partner.kind, PartnerTenantLink.kind)
                        .join(PartnerTenantLink, PartnerTenantLink.partner_id == Partner.id)
                        .where(PartnerTenantLink.tenant_id == tenant_id).order_by(Partner.name))
    return [tuple(row) for row in rows]
