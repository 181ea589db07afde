"""Partners: the organisations in the hub's network and the people we know there.

Interactions and follow-ups are in hub/partners/interactions.py, links to tenants and
programme items in hub/partners/links.py, figures in hub/partners/figures.py, the graph in
hub/partners/network.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, func
from sqlmodel import Session, select

from db.models import Contact, Interaction, Partner, PartnerItemLink, PartnerTenantLink, User
from db.vocabulary import COUNTRIES, PARTNER_KINDS, partner_region, PARTNER_STATUSES
from hub import checks
from hub.errors import Invalid
from hub.i18n import N_, _
from hub.records import flush, load_for_edit, record, save_changes, snapshot
from hub.roles import EDITORS, require_role
from hub.words import label

PARTNER_FIELDS = ("name", "kind", "country", "city", "website", "status", "since", "tags",
                  "notes")
TAG_PATTERN = re.compile(r"[a-z0-9][a-z0-9 &/-]{0,39}")
PHONE_PATTERN = re.compile(r"\+?[0-9][0-9 ()./-]{4,38}")


# --- region ---------------------------------------------------------------------------------

def region_of(country: str, city: str | None) -> str:
    """Tuscany, rest of Italy, rest of Europe, China, USA or rest of world. The place list is
    vocabulary (db/vocabulary.py TUSCAN_PLACES), shared with the demo data."""
    return partner_region(country, city)


# --- validation -----------------------------------------------------------------------------

def _text(value, field: str, limit: int, *, required: bool = False) -> str | None:
    text = " ".join(str(value or "").split()) if field != "notes" else str(value or "").strip()
    if required and not text:
        raise Invalid(field, _("{field} is required").format(field=_(field)))
    if len(text) > limit:
        raise Invalid(field, _("{field} is longer than {limit} characters").format(
            field=_(field), limit=limit))
    return text or None


def check_tags(value) -> str:
    """Comma-separated, lower case, each at most 40 letters, digits, spaces, & / or -."""
    items = value if isinstance(value, (list, tuple)) else str(value or "").split(",")
    tags: list[str] = []
    for item in items:
        tag = " ".join(str(item).lower().split())
        if not tag or tag in tags:
            continue
        if not TAG_PATTERN.fullmatch(tag):
            raise Invalid("tags", _("tag '{tag}' must be at most 40 letters, digits, spaces, "
                                    "&, / or -").format(tag=tag))
        tags.append(tag)
    joined = ",".join(tags)
    if len(joined) > 400:
        raise Invalid("tags", _("tags are longer than 400 characters in all"))
    return joined


def _since(value) -> date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, date):
        try:
            value = date.fromisoformat(str(value).strip())
        except ValueError:
            raise Invalid("since", _("since '{value}' is not a date (like 2019-05-01)").format(
                value=value)) from None
    if value > date.today():
        raise Invalid("since", _("since is in the future"))
    if value.year < 1900:
        raise Invalid("since", _("since is before 1900"))
    return value


def _kind(value) -> str:
    if value not in PARTNER_KINDS:
        raise Invalid("kind", _("kind must be one of {kinds}").format(
            kinds=", ".join(PARTNER_KINDS)))
    return value


def _country(value) -> str:
    country = str(value or "").strip().upper()
    if country not in COUNTRIES:
        raise Invalid("country", _("country '{value}' is not in the hub's list (use a "
                                   "two-letter code like IT, CN or US)").format(value=value or ""))
    return country


def _status(value) -> str:
    if value not in PARTNER_STATUSES:
        raise Invalid("status", _("status must be one of {statuses}").format(
            statuses=", ".join(PARTNER_STATUSES)))
    return value


def check_partner(values: dict) -> dict:
    """The partner's fields cleaned, region derived. Every message names its field, and every
    bad field is reported at once."""
    found = checks.FieldChecks()
    clean = {"name": found.run(_text, values.get("name"), N_("name"), 160, required=True),
             "kind": found.run(_kind, values.get("kind")),
             "country": found.run(_country, values.get("country")),
             "city": found.run(_text, values.get("city"), N_("city"), 80),
             "website": found.run(checks.web_address, values.get("website")),
             "status": found.run(_status, values.get("status") or "prospect"),
             "since": found.run(_since, values.get("since")),
             "tags": found.run(check_tags, values.get("tags")),
             "notes": found.run(_text, values.get("notes"), N_("notes"), 4000)}
    found.done()
    clean["region"] = region_of(clean["country"], clean["city"])
    return clean


# --- partners -------------------------------------------------------------------------------

def duplicate_partners(session: Session, name: str, *, other_than: int | None = None
                       ) -> list[Partner]:
    """Partners whose name matches `name` ignoring case and spacing: for a warning."""
    key = " ".join((name or "").lower().split())
    if not key:
        return []
    query = select(Partner).where(func.lower(Partner.name) == key).order_by(Partner.id)
    if other_than is not None:
        query = query.where(Partner.id != other_than)
    return list(session.exec(query))


def add_partner(session: Session, *, actor: User, name: str, kind: str, country: str,
                city: str | None = None, website: str | None = None, status: str = "prospect",
                since: date | None = None, tags: str = "", notes: str | None = None
                ) -> Partner:
    require_role(actor, *EDITORS)
    clean = check_partner({"name": name, "kind": kind, "country": country, "city": city,
                           "website": website, "status": status, "since": since, "tags": tags,
                           "notes": notes})
    partner = Partner(**clean)
    session.add(partner)
    record(session, actor, "create", partner)
    return partner


def edit_partner(session: Session, *, actor: User, partner_id: int, version: int | None,
                 **values) -> Partner:
    """Change any of the partner's fields; those not given keep their value."""
    require_role(actor, *EDITORS)
    unknown = set(values) - set(PARTNER_FIELDS)
    if unknown:
        raise Invalid(sorted(unknown)[0], _("{field} is not a partner field").format(
            field=sorted(unknown)[0]))
    partner = load_for_edit(session, Partner, partner_id, version,
                            _("partner {id}").format(id=partner_id),
                            _("partner {name}"))
    current = {field: getattr(partner, field) for field in PARTNER_FIELDS}
    clean = check_partner({**current, **values})
    if clean["status"] == "prospect" and partner.status != "prospect":
        raise Invalid("status", _("{name} is already {status}; a partner cannot become a "
                                  "prospect again").format(
            name=partner.name, status=label("partner status", partner.status)))
    save_changes(session, actor=actor, row=partner, values=clean,
                 what=_("partner {name}").format(name=partner.name))
    return partner


def delete_partner(session: Session, *, actor: User, partner_id: int,
                   version: int | None) -> Partner:
    """Manager only. The partner, its contacts, interactions and links go into the audit
    entry first, so nothing is lost from the record. Returns the partner as it was."""
    require_role(actor, "manager")
    partner = load_for_edit(session, Partner, partner_id, version,
                            _("partner {id}").format(id=partner_id),
                            _("partner {name}"))
    children = {"contacts": Contact, "interactions": Interaction,
                "tenant_links": PartnerTenantLink, "item_links": PartnerItemLink}
    kept = {"partner": snapshot(partner)}
    for key, model in children.items():
        rows = session.exec(select(model).where(model.partner_id == partner.id)
                            .order_by(model.id)).all()
        kept[key] = [snapshot(row) for row in rows]
    record(session, actor, "delete", partner, kept)
    for model in children.values():
        session.exec(delete(model).where(model.partner_id == partner.id))
    session.delete(partner)
    flush(session, _("partner {name}").format(name=partner.name))
    return partner


def get_partner(session: Session, partner_id: int) -> Partner | None:
    return session.get(Partner, partner_id)


@dataclass(frozen=True)
class Attached:
    """What deleting a partner takes with it."""
    contacts: int
    interactions: int
    links: int          # to tenants and to programme items


def attached_to(session: Session, *, partner_id: int) -> Attached:
    def count(model) -> int:
        return session.exec(select(func.count()).select_from(model)
                            .where(model.partner_id == partner_id)).one()
    return Attached(contacts=count(Contact), interactions=count(Interaction),
                    links=count(PartnerTenantLink) + count(PartnerItemLink))


# --- contacts -------------------------------------------------------------------------------

def check_contact(values: dict) -> dict:
    clean = {"name": _text(values.get("name"), N_("name"), 120, required=True),
             "role": _text(values.get("role"), N_("role"), 120),
             "language": _text(values.get("language"), N_("language"), 40)}
    email = (values.get("email") or "").strip()
    clean["email"] = checks.check_email(email).lower() if email else None
    phone = " ".join(str(values.get("phone") or "").split())
    if phone and not PHONE_PATTERN.fullmatch(phone):
        raise Invalid("phone", _("phone '{value}' must be digits, spaces, + ( ) . / or -, "
                                 "5 to 40 characters").format(value=phone))
    clean["phone"] = phone or None
    return clean


def add_contact(session: Session, *, actor: User, partner_id: int, name: str,
                role: str | None = None, email: str | None = None, phone: str | None = None,
                language: str | None = None) -> Contact:
    require_role(actor, *EDITORS)
    clean = check_contact({"name": name, "role": role, "email": email, "phone": phone,
                           "language": language})
    if session.get(Partner, partner_id) is None:
        raise Invalid("partner", _("that partner does not exist (it may have been deleted)"))
    contact = Contact(partner_id=partner_id, **clean)
    session.add(contact)
    record(session, actor, "create", contact)
    return contact


def edit_contact(session: Session, *, actor: User, contact_id: int, version: int | None,
                 **values) -> Contact:
    require_role(actor, *EDITORS)
    contact = load_for_edit(session, Contact, contact_id, version, _("this contact"))
    current = {field: getattr(contact, field) for field in ("name", "role", "email", "phone",
                                                             "language")}
    clean = check_contact({**current, **values})
    save_changes(session, actor=actor, row=contact, values=clean,
                 what=_("contact {name}").format(name=contact.name))
    return contact


def delete_contact(session: Session, *, actor: User, contact_id: int,
                   version: int | None) -> Contact:
    """Returns the contact as it was."""
    require_role(actor, *EDITORS)
    contact = load_for_edit(session, Contact, contact_id, version, _("this contact"))
    record(session, actor, "delete", contact, {"contact": snapshot(contact)})
    session.delete(contact)
    flush(session, _("contact {name}").format(name=contact.name))
    return contact


def contacts_of(session: Session, *, actor: User, partner_id: int) -> list[Contact]:
    """The partner's people: an empty list for a viewer, who never sees personal data."""
    if actor.role not in EDITORS:
        return []
    return list(session.exec(select(Contact).where(Contact.partner_id == partner_id)
                             .order_by(Contact.name)))
