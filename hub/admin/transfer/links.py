"""links: a partner working with a tenant (link tenant: kind, dates, notes) or taking a part
in a programme item (link item: its role in the kind column). Key: partner + link + the
tenant (name, business) or the item (site, title, first day) + kind."""
from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, select

from db.models import (Partner, PartnerItemLink, PartnerTenantLink, ProgrammeItem, Site, Tenant,
                       User)
from hub.admin.transfer.kind import Kind, Lookup
from hub.admin.transfer.partners import find_partner
from hub.admin.transfer.people import find_tenant
from hub.admin.transfer.programme import item_of
from hub.admin.transfer.values import cell, day, text
from hub.checks import FieldChecks
from hub.errors import Invalid
from hub.i18n import N_, _
from hub.partners import links

COLUMNS = ("partner", "link", "tenant", "business", "site", "item", "item_starts_on", "kind",
           "starts_on", "ends_on", "notes")


def export_rows(session: Session):
    tenants = (select(Partner.name, Tenant.name, Tenant.business, PartnerTenantLink)
               .join(Partner, Partner.id == PartnerTenantLink.partner_id)
               .join(Tenant, Tenant.id == PartnerTenantLink.tenant_id)
               .order_by(func.lower(Partner.name), Partner.id, Tenant.name, Tenant.business,
                         PartnerTenantLink.kind))
    for partner, tenant, business, link in session.exec(tenants):
        yield [partner, "tenant", tenant, cell(business), "", "", "", link.kind,
               cell(link.starts_on), cell(link.ends_on), cell(link.notes)]
    items = (select(Partner.name, Site.code, ProgrammeItem.title, ProgrammeItem.starts_on,
                    PartnerItemLink.role)
             .join(Partner, Partner.id == PartnerItemLink.partner_id)
             .join(ProgrammeItem, ProgrammeItem.id == PartnerItemLink.item_id)
             .join(Site, Site.id == ProgrammeItem.site_id)
             .order_by(func.lower(Partner.name), Partner.id, Site.code, ProgrammeItem.title,
                       ProgrammeItem.starts_on, ProgrammeItem.id, PartnerItemLink.role))
    for partner, site, title, starts_on, role in session.exec(items):
        yield [partner, "item", "", "", site, title, cell(starts_on), role, "", "", ""]


def _link_kind(value: str | None) -> str:
    kind = (text(value) or "").lower()
    if kind not in ("tenant", "item"):
        raise Invalid("link", _("link must be tenant (a partner working with a tenant) or item "
                                "(a partner's part in a programme item)"))
    return kind


def _tenant_link(session: Session, actor: User, partner: int, values: dict,
                 lookup: Lookup) -> str:
    found = FieldChecks()
    tenant = found.run(find_tenant, session, lookup, values.get("tenant"), values.get("business"))
    fields = {"kind": (text(values.get("kind")) or "").lower(),
              "starts_on": found.run(day, values.get("starts_on"), N_("starts_on")),
              "ends_on": found.run(day, values.get("ends_on"), N_("ends_on")),
              "notes": text(values.get("notes"))}
    found.done()
    existing = session.exec(select(PartnerTenantLink).where(
        PartnerTenantLink.partner_id == partner, PartnerTenantLink.tenant_id == tenant,
        PartnerTenantLink.kind == fields["kind"])).first()
    if existing is None:
        links.link_tenant(session, actor=actor, partner_id=partner, tenant_id=tenant, **fields)
        return "created"
    if all(getattr(existing, field) == value for field, value in fields.items()):
        return "unchanged"
    links.edit_tenant_link(session, actor=actor, link_id=existing.id, version=None, **fields)
    return "updated"


def _item_link(session: Session, actor: User, partner: int, values: dict,
               lookup: Lookup) -> str:
    item = item_of(session, lookup, values)
    role = (text(values.get("kind")) or "").lower()
    if session.exec(select(PartnerItemLink.id).where(
            PartnerItemLink.partner_id == partner, PartnerItemLink.item_id == item,
            PartnerItemLink.role == role)).first():
        return "unchanged"
    links.link_item(session, actor=actor, partner_id=partner, item_id=item, role=role)
    return "created"


def import_row(session: Session, actor: User, values: dict, lookup: Lookup) -> str:
    found = FieldChecks()
    partner = found.run(find_partner, session, lookup, values.get("partner"))
    kind = found.run(_link_kind, values.get("link"))
    found.done()
    add = _tenant_link if kind == "tenant" else _item_link
    return add(session, actor, partner, values, lookup)


KIND = Kind(
    name="links", title=N_("Partner links"), columns=COLUMNS,
    required=("partner", "link", "kind"),
    key=("partner", "link", "tenant", "business", "site", "item", "item_starts_on", "kind"),
    example=("Jingdezhen Ceramic Institute", "tenant", "Giulia Neri", "Neri Ceramiche", "", "",
             "", "sends_trainees", "2026-01-01", "", ""),
    export_rows=export_rows, import_row=import_row,
    notes=N_("Import after the partners, tenants and programme. link tenant: the tenant by name "
             "and business, kind sells_work, sends_trainees, supplies, commissions, mentors, "
             "exhibits or other, with optional dates and notes. link item: the programme item "
             "by site, title and first day, kind its role: co_organiser, funder, venue, sponsor "
             "or media_partner."))
