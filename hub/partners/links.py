"""Links: a partner working with a tenant (a buyer selling their work, a school sending
trainees), or taking a part in a programme item (co-organiser, funder, venue, ...)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from db.models import Partner, PartnerItemLink, PartnerTenantLink, ProgrammeItem, Tenant, User
from db.vocabulary import ITEM_LINK_ROLES, TENANT_LINK_KINDS
from hub.errors import Invalid
from hub.i18n import _
from hub.records import flush, load_for_edit, record, save_changes, snapshot
from hub.roles import EDITORS, require_role
from hub.words import label

TENANT_LINK_FIELDS = ("kind", "starts_on", "ends_on", "notes")


def _partner(session: Session, partner_id: int) -> Partner:
    partner = session.get(Partner, partner_id) if partner_id else None
    if partner is None:
        raise Invalid("partner", _("that partner does not exist (it may have been deleted)"))
    return partner


def _check_tenant_link(*, kind, starts_on, ends_on, notes) -> dict:
    if kind not in TENANT_LINK_KINDS:
        raise Invalid("kind", _("kind must be one of {kinds}").format(
            kinds=", ".join(TENANT_LINK_KINDS)))
    if starts_on and ends_on and ends_on < starts_on:
        raise Invalid("until", _("the end date is before the start date"))
    notes = (notes or "").strip() or None
    if notes and len(notes) > 1000:
        raise Invalid("notes", _("notes are longer than 1000 characters"))
    return {"kind": kind, "starts_on": starts_on, "ends_on": ends_on, "notes": notes}


def _tenant_clash(session: Session, partner: Partner, tenant: Tenant, kind: str,
                  other_than: int | None = None) -> str | None:
    """The sentence refusing a second link of one kind between a partner and a tenant."""
    query = select(PartnerTenantLink.id).where(
        PartnerTenantLink.partner_id == partner.id, PartnerTenantLink.tenant_id == tenant.id,
        PartnerTenantLink.kind == kind)
    if other_than is not None:
        query = query.where(PartnerTenantLink.id != other_than)
    if session.exec(query).first():
        return _("{partner} is already linked to {tenant} as {kind}").format(
            partner=partner.name, tenant=tenant.name, kind=label("tenant link", kind))
    return None


def _item_clash(session: Session, partner: Partner, item: ProgrammeItem, role: str,
                other_than: int | None = None) -> str | None:
    query = select(PartnerItemLink.id).where(
        PartnerItemLink.partner_id == partner.id, PartnerItemLink.item_id == item.id,
        PartnerItemLink.role == role)
    if other_than is not None:
        query = query.where(PartnerItemLink.id != other_than)
    if session.exec(query).first():
        return _("{partner} is already {role} of {item}").format(
            partner=partner.name, role=label("programme role", role), item=item.title)
    return None


def _check_role(role) -> str:
    if role not in ITEM_LINK_ROLES:
        raise Invalid("role", _("role must be one of {roles}").format(
            roles=", ".join(ITEM_LINK_ROLES)))
    return role


def link_tenant(session: Session, *, actor: User, partner_id: int, tenant_id: int, kind: str,
                starts_on: date | None = None, ends_on: date | None = None,
                notes: str | None = None) -> PartnerTenantLink:
    require_role(actor, *EDITORS)
    partner = _partner(session, partner_id)
    tenant = session.get(Tenant, tenant_id) if tenant_id else None
    if tenant is None:
        raise Invalid("tenant", _("choose an existing tenant"))
    clean = _check_tenant_link(kind=kind, starts_on=starts_on, ends_on=ends_on, notes=notes)
    if clash := _tenant_clash(session, partner, tenant, kind):
        raise Invalid("tenant", clash)
    link = PartnerTenantLink(partner_id=partner.id, tenant_id=tenant.id, **clean)
    session.add(link)
    record(session, actor, "create", link)
    return link


def edit_tenant_link(session: Session, *, actor: User, link_id: int, version: int | None,
                     **values) -> PartnerTenantLink:
    """Change a tenant link's kind, dates or notes; those not given keep their value."""
    require_role(actor, *EDITORS)
    if unknown := set(values) - set(TENANT_LINK_FIELDS):
        field = min(unknown)
        raise Invalid(field, _("{field} is not a field of a tenant link").format(field=field))
    link = load_for_edit(session, PartnerTenantLink, link_id, version, _("this link"))
    current = {field: getattr(link, field) for field in TENANT_LINK_FIELDS}
    clean = _check_tenant_link(**{**current, **values})
    partner = session.get(Partner, link.partner_id)
    tenant = session.get(Tenant, link.tenant_id)
    if clash := _tenant_clash(session, partner, tenant, clean["kind"], other_than=link.id):
        raise Invalid("kind", clash)
    save_changes(session, actor=actor, row=link, values=clean, what=_("this link"))
    return link


def link_item(session: Session, *, actor: User, partner_id: int, item_id: int,
              role: str) -> PartnerItemLink:
    require_role(actor, *EDITORS)
    partner = _partner(session, partner_id)
    item = session.get(ProgrammeItem, item_id) if item_id else None
    if item is None:
        raise Invalid("programme item", _("choose an existing programme item"))
    _check_role(role)
    if clash := _item_clash(session, partner, item, role):
        raise Invalid("programme item", clash)
    link = PartnerItemLink(partner_id=partner.id, item_id=item.id, role=role)
    session.add(link)
    record(session, actor, "create", link)
    return link


def edit_item_link(session: Session, *, actor: User, link_id: int, version: int | None,
                   role: str) -> PartnerItemLink:
    """Change the partner's part in a programme item (co-organiser, funder, ...)."""
    require_role(actor, *EDITORS)
    link = load_for_edit(session, PartnerItemLink, link_id, version, _("this link"))
    _check_role(role)
    partner = session.get(Partner, link.partner_id)
    item = session.get(ProgrammeItem, link.item_id)
    if clash := _item_clash(session, partner, item, role, other_than=link.id):
        raise Invalid("role", clash)
    save_changes(session, actor=actor, row=link, values={"role": role}, what=_("this link"))
    return link


def unlink(session: Session, *, actor: User, link_kind: str, link_id: int,
           version: int | None) -> PartnerTenantLink | PartnerItemLink:
    """Remove a tenant link (`link_kind` "tenant") or a programme item link ("item"); returns
    the link as it was."""
    require_role(actor, *EDITORS)
    model = {"tenant": PartnerTenantLink, "item": PartnerItemLink}.get(link_kind)
    if model is None:
        raise Invalid("link", _("a link is either to a tenant or to a programme item"))
    link = load_for_edit(session, model, link_id, version, _("this link"))
    record(session, actor, "delete", link, {"link": snapshot(link)})
    session.delete(link)
    flush(session, _("this link"))
    return link


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
    notes: str | None = None


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
                  link.starts_on, link.ends_on, link.notes) for link, name in tenants]
            + [Link(link.id, link.version, "item", link.item_id, title, link.role)
               for link, title in items])


def item_choices(session: Session, *, limit: int = 500
                 ) -> list[tuple[int, str, str, date | None]]:
    """(id, title, kind, start) of programme items, newest first: may be empty. The screen
    writes them as "Title (kind, start)" in the reader's language."""
    rows = session.exec(select(ProgrammeItem.id, ProgrammeItem.title, ProgrammeItem.kind,
                               ProgrammeItem.starts_on)
                        .order_by(ProgrammeItem.starts_on.desc(), ProgrammeItem.id.desc())
                        .limit(limit))
    return [(item_id, title, kind, starts) for item_id, title, kind, starts in rows]
