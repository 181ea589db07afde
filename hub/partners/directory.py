"""Finding partners: the filters every list and figure of the Partners screen shares, the
directory rows and the export (with contacts only for those who may see them)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, case, func, or_
from sqlmodel import Session, select

from db.models import Contact, Interaction, Partner, User
from hub.words import country_name
from hub.roles import sees_contacts


@dataclass(frozen=True)
class PartnerFilter:
    """None (or "") means any. Hashable, so pages can cache on it."""
    kind: str | None = None
    region: str | None = None
    country: str | None = None
    status: str | None = None
    tag: str | None = None
    search: str | None = None

    def conditions(self) -> list:
        wanted = []
        for column, value in ((Partner.kind, self.kind), (Partner.region, self.region),
                              (Partner.country, self.country), (Partner.status, self.status)):
            if value:
                wanted.append(column == value)
        if self.tag:
            # tags are stored ",a,b" without the outer commas: match whole tags only
            wanted.append(("," + Partner.tags + ",").contains(f",{self.tag.lower()},"))
        if self.search and self.search.strip():
            words = self.search.strip().lower()
            wanted.append(or_(func.lower(Partner.name).contains(words, autoescape=True),
                              func.lower(func.coalesce(Partner.city, "")).contains(
                                  words, autoescape=True)))
        return wanted


def filtered(query, partner_filter: PartnerFilter | None):
    return query.where(*partner_filter.conditions()) if partner_filter else query


@dataclass(frozen=True)
class PartnerRow:
    id: int
    version: int
    name: str
    kind: str
    country: str
    region: str
    city: str | None
    website: str | None
    status: str
    since: date | None
    tags: str
    interactions: int
    last_interaction: date | None
    open_follow_ups: int


def partner_rows(session: Session, *, partner_filter: PartnerFilter | None = None,
                 limit: int | None = None) -> list[PartnerRow]:
    """The directory, by name, with interaction counts aggregated in SQL for the partners
    listed only (a long network is listed `limit` at a time)."""
    query = filtered(select(Partner), partner_filter).order_by(func.lower(Partner.name),
                                                               Partner.id)
    listed = session.exec(query.limit(limit) if limit else query).all()
    counts = {pid: (n, last, open_) for pid, n, last, open_ in session.exec(
        select(Interaction.partner_id, func.count(), func.max(Interaction.day),
               func.sum(case((and_(Interaction.follow_up_on.is_not(None),
                                   Interaction.follow_up_done_at.is_(None)), 1), else_=0)))
        .where(Interaction.partner_id.in_([p.id for p in listed]))
        .group_by(Interaction.partner_id))} if listed else {}
    rows = []
    for p in listed:
        n, last, open_ = counts.get(p.id, (0, None, 0))
        rows.append(PartnerRow(id=p.id, version=p.version, name=p.name, kind=p.kind,
                               country=p.country, region=p.region, city=p.city,
                               website=p.website, status=p.status, since=p.since, tags=p.tags,
                               interactions=n, last_interaction=last,
                               open_follow_ups=int(open_ or 0)))
    return rows


def count_partners(session: Session, *, partner_filter: PartnerFilter | None = None) -> int:
    return session.exec(filtered(select(func.count()).select_from(Partner),
                                 partner_filter)).one()


def filter_choices(session: Session) -> dict[str, list[str]]:
    """Countries and tags in use, for the filter pickers."""
    countries = sorted(session.exec(select(Partner.country).distinct()).all(),
                       key=country_name)
    tags = {tag for text in session.exec(select(Partner.tags).distinct()).all()
            for tag in (text or "").split(",") if tag}
    return {"countries": countries, "tags": sorted(tags)}


def partner_choices(session: Session, *, partner_filter: PartnerFilter | None = None
                    ) -> list[tuple[int, str]]:
    """(id, "Name — City, Country") by name: for pickers."""
    query = filtered(select(Partner.id, Partner.name, Partner.city, Partner.country),
                     partner_filter).order_by(func.lower(Partner.name), Partner.id)
    return [(pid, f"{name} — {', '.join(filter(None, [city, country_name(country)]))}")
            for pid, name, city, country in session.exec(query)]


# --- export ---------------------------------------------------------------------------------

EXPORT_COLUMNS = ("name", "kind", "country", "city", "region", "website", "status", "since",
                  "tags", "notes")


def _contact_text(contact: Contact) -> str:
    role = f" ({contact.role})" if contact.role else ""
    reach = " ".join(filter(None, [f"<{contact.email}>" if contact.email else None,
                                   contact.phone]))
    return f"{contact.name}{role}{' ' + reach if reach else ''}"


def export_rows(session: Session, *, actor: User,
                partner_filter: PartnerFilter | None = None) -> list[dict]:
    """One dict per partner, the columns add_partner reads back. Staff notes and a `contacts`
    column (names, emails, phones) only for someone who may see contacts: never a viewer."""
    partners = session.exec(filtered(select(Partner), partner_filter)
                            .order_by(func.lower(Partner.name), Partner.id)).all()
    staff = sees_contacts(actor)
    rows = [{column: getattr(partner, column) for column in EXPORT_COLUMNS
             if staff or column != "notes"} for partner in partners]
    if not staff:
        return rows
    people: dict[int, list[str]] = {}
    ids = select(Partner.id)
    ids = filtered(ids, partner_filter)
    for contact in session.exec(select(Contact).where(Contact.partner_id.in_(ids))
                                .order_by(Contact.partner_id, Contact.name)):
        people.setdefault(contact.partner_id, []).append(_contact_text(contact))
    for partner, row in zip(partners, rows):
        row["contacts"] = "; ".join(people.get(partner.id, []))
    return rows
