"""Links: a partner working with a tenant (a buyer selling their work, a school sending
trainees), or taking a part in a programme item (co-organiser, funder, venue, ...)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from db.models import Partner, PartnerItemLink, PartnerTenantLink, ProgrammeItem, Tenant, User
from db.vocabulary import ITEM_LINK_ROLES, TENANT_LINK_KINDS
from hub.errors import Invalid
from hub.records import flush, load_for_edit, record, snapshot
from hub.roles import EDITORS, require_role


def _partner(session: Session, partner_id: int) -> Partner:
    partner = session.get(Partner, partner_id) if partner_id else None
    if partner is None:
        raise Invalid("partner", "that partner does not exist (it may have been deleted)")
    return partner


def link_tenant(session: Session, *, actor: User, partner_id: int, tenant_id: int, kind: str,
                starts_on: date | None = None, ends_on: date | None = None,
                notes: str | None = None) -> PartnerTenantLink:
    require_role(actor, *EDITORS)
    partner = _partner(session, partner_id)
    tenant = session.get(Tenant, tenant_id) if tenant_id else None
    if tenant is None:
        raise Invalid("tenant", "choose an existing tenant")
    if kind not in TENANT_LINK_KINDS:
        raise Invalid("kind", f"kind must be one of {', '.join(TENANT_LINK_KINDS)}")
    if starts_on and ends_on and ends_on < starts_on:
        raise Invalid("until", "the end date is before the start date")
    notes = (notes or "").strip() or None
    if notes and len(notes) > 1000:
        raise Invalid("notes", "notes are longer than 1000 characters")
    if session.exec(select(PartnerTenantLink.id).where(
            PartnerTenantLink.partner_id == partner.id, PartnerTenantLink.tenant_id == tenant.id,
            PartnerTenantLink.kind == kind)).first():
        raise Invalid("tenant", f"{partner.name} is already linked to {tenant.name} as "
                                f"{kind.replace('_', ' ')}")
    link = PartnerTenantLink(partner_id=partner.id, tenant_id=tenant.id, kind=kind,
                             starts_on=starts_on, ends_on=ends_on, notes=notes)
    session.add(link)
    record(session, actor, "create", link)
    return link


def link_item(session: Session, *, actor: User, partner_id: int, item_id: int,
              role: str) -> PartnerItemLink:
    require_role(actor, *EDITORS)
    partner = _partner(session, partner_id)
    item = session.get(ProgrammeItem, item_id) if item_id else None
    if item is None:
        raise Invalid("programme item", "choose an existing programme item")
    if role not in ITEM_LINK_ROLES:
        raise Invalid("role", f"role must be one of {', '.join(ITEM_LINK_ROLES)}")
    if session.exec(select(PartnerItemLink.id).where(
            PartnerItemLink.partner_id == partner.id, PartnerItemLink.item_id == item.id,
            PartnerItemLink.role == role)).first():
        raise Invalid("programme item", f"{partner.name} is already {role.replace('_', ' ')} "
                                        f"of {item.title}")
    link = PartnerItemLink(partner_id=partner.id, item_id=item.id, role=role)
    session.add(link)
    record(session, actor, "create", link)
    return link


def unlink(session: Session, *, actor: User, link_kind: str, link_id: int,
           version: int | None) -> None:
    """Remove a tenant link (`link_kind` "tenant") or a programme item link ("item")."""
    require_role(actor, *EDITORS)
    model = {"tenant": PartnerTenantLink, "item": PartnerItemLink}.get(link_kind)
    if model is None:
        raise Invalid("link", "a link is either to a tenant or to a programme item")
    link = load_for_edit(session, model, link_id, version, "this link")
    record(session, actor, "delete", link, {"link": snapshot(link)})
    session.delete(link)
    flush(session, "this link")


@dataclass(frozen=True)
class Link:
    id: int
    version: int
    link_kind: str      # "tenant" or "item"
    other_id: int
    other: str          # the tenant's or programme item's name
    kind: str           # the tenant link's kind or the item link's role
    starts_on: date | None = None
    ends_on: date | None = None


def links_of(session: Session, *, partner_id: int) -> list[Link]:
    tenants = session.exec(select(PartnerTenantLink, Tenant.name)
                           .join(Tenant, Tenant.id == PartnerTenantLink.tenant_id)
                           .where(PartnerTenantLink.partner_id == partner_id)
                           .order_by(Tenant.name))
    items = session.exec(select(PartnerItemLink, ProgrammeItem.title)
                         .join(ProgrammeItem, ProgrammeItem.id == PartnerItemLink.item_id)
                         .where(PartnerItemLink.partner_id == partner_id)
                         .order_by(ProgrammeItem.title))
    return ([Link(link.id, link.version, "tenant", link.tenant_id, name, link.kind,
                  link.starts_on, link.ends_on) for link, name in tenants]
            + [Link(link.id, link.version, "item", link.item_id, title, link.role)
               for link, title in items])


def item_choices(session: Session, *, limit: int = 500) -> list[tuple[int, str]]:
    """(id, "Title (kind, start)") of programme items, newest first: may be empty."""
    rows = session.exec(select(ProgrammeItem.id, ProgrammeItem.title, ProgrammeItem.kind,
                               ProgrammeItem.starts_on)
                        .order_by(ProgrammeItem.starts_on.desc(), ProgrammeItem.id.desc())
                        .limit(limit))
    return [(item_id, f"{title} ({kind}{', ' + str(starts) if starts else ''})")
            for item_id, title, kind, starts in rows]
