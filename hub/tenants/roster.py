"""Tenants: the artisans and craft businesses working in the hub. Adding, editing and
retiring them is the manager's; staff notes are kept by manager and communication."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, or_
from sqlmodel import Session, select

from db.models import Booking, Lease, Site, Space, Tenant, TenantListing, User, utcnow
from db.vocabulary import RESIDENCIES, SECTORS
from hub import checks
from hub.errors import Invalid
from hub.i18n import N_, _, day_text
from hub.records import flush, load_for_edit, record, save_changes
from hub.roles import TENANT_KEEPERS, require_role
from hub.scope import open_site

MAX_NOTES = 4000
FLAGS = ("young_entrepreneur", "female_led", "startup")
FIELDS = ("site_id", "name", "business", "sector", "origin_country", "residency", "joined_on",
          "left_on", "email", "phone", "consent_on", *FLAGS)


def check_tenant(session: Session, values: dict, *, today: date | None = None) -> dict:
    """Validate a tenant's fields; returns them cleaned. Every message names its field, and
    every bad field is reported at once."""
    today = today or date.today()
    found = checks.FieldChecks()
    clean = {
        "name": found.run(checks.text, values.get("name"), N_("name"), limit=120, required=True),
        "business": found.run(checks.text, values.get("business"), N_("business"), limit=160),
        "sector": found.run(checks.one_of, values.get("sector"), N_("sector"), SECTORS),
        "origin_country": found.run(checks.country, values.get("origin_country"),
                                    N_("origin country")),
        "residency": found.run(checks.one_of, values.get("residency") or "resident",
                               N_("residency"), RESIDENCIES),
        "joined_on": found.run(checks.day, values.get("joined_on"), N_("joined"), required=True),
        "left_on": found.run(checks.day, values.get("left_on"), N_("left")),
        "email": found.run(checks.email, values.get("email")),
        "phone": found.run(checks.phone, values.get("phone")),
        "consent_on": found.run(checks.day, values.get("consent_on"), N_("consent date")),
    }
    if session.get(Site, values.get("site_id") or 0) is None:
        found.refuse(Invalid("site", _("choose the site the tenant works in")))
    clean["site_id"] = values.get("site_id")
    found.run(_check_dates, clean, today)
    flags = {} if found.failed("consent date") else found.run(_flags, values,
                                                                clean["consent_on"])
    found.done()
    clean.update(flags)
    return clean


def _check_dates(clean: dict, today: date) -> None:
    if clean["left_on"] is not None and clean["joined_on"] is not None \
            and clean["left_on"] < clean["joined_on"]:
        raise Invalid("left", _("the leaving day {left} is before the joining day {joined}").format(
            left=day_text(clean["left_on"]), joined=day_text(clean["joined_on"])))
    if clean["consent_on"] is not None and clean["consent_on"] > today:
        raise Invalid("consent date", _("the consent date cannot be in the future"))


def _flags(values: dict, consent_on: date | None) -> dict:
    """Target-group flags are personal data: held only with a recorded consent."""
    flags = {flag: values.get(flag) for flag in FLAGS}
    if consent_on is None:
        if any(value is not None for value in flags.values()):
            raise Invalid("consent date", _("target-group flags (young entrepreneur, female-led, "
                                            "start-up) need a recorded consent date; without "
                                            "consent leave them empty"))
        return flags
    return {flag: None if value is None else bool(value) for flag, value in flags.items()}


def duplicate_tenants(session: Session, *, name: str, business: str | None,
                      other_than: int | None = None) -> list[Tenant]:
    """Tenants with the same name and business (ignoring case and spaces around)."""
    query = select(Tenant).where(func.lower(Tenant.name) == (name or "").strip().lower(),
                                 func.lower(func.coalesce(Tenant.business, "")) ==
                                 (business or "").strip().lower())
    if other_than is not None:
        query = query.where(Tenant.id != other_than)
    return list(session.exec(query))


def _refuse_duplicate(session: Session, clean: dict, other_than: int | None) -> None:
    if twins := duplicate_tenants(session, name=clean["name"], business=clean["business"],
                                  other_than=other_than):
        twin = twins[0]
        if twin.business:
            raise Invalid("name", _("{name} of {business} is already a tenant (since {since}); "
                                    "tick 'this is a different person' to add them anyway").format(
                name=twin.name, business=twin.business, since=day_text(twin.joined_on)))
        raise Invalid("name", _("{name} is already a tenant (since {since}); tick 'this is a "
                                "different person' to add them anyway").format(
            name=twin.name, since=day_text(twin.joined_on)))


def _refuse_same_person(session: Session, clean: dict, other_than: int | None) -> None:
    """The same name and e-mail are the same person, whatever the business: never twice."""
    email = (clean.get("email") or "").strip().lower()
    if not email:
        return
    query = select(Tenant).where(func.lower(Tenant.name) == clean["name"].strip().lower(),
                                 func.lower(Tenant.email) == email)
    if other_than is not None:
        query = query.where(Tenant.id != other_than)
    if twin := session.exec(query.order_by(Tenant.id).limit(1)).first():
        raise Invalid("email", _("{name} ({email}) is already a tenant, since {since}: the same "
                                 "name and e-mail are the same person").format(
            name=twin.name, email=twin.email, since=day_text(twin.joined_on)))


def add_tenant(session: Session, *, actor: User, allow_duplicate: bool = False,
               website: str | None = None, **values) -> Tenant:
    """A new tenant (and their empty, unpublished listing). Same name and business as an
    existing tenant is refused unless `allow_duplicate`: it is usually the same person."""
    require_role(actor, *TENANT_KEEPERS)
    clean = check_tenant(session, values)
    open_site(session, clean["site_id"])
    website = checks.web_address(website)
    _refuse_same_person(session, clean, None)
    if not allow_duplicate:
        _refuse_duplicate(session, clean, None)
    tenant = Tenant(**clean)
    session.add(tenant)
    flush(session, _("the new tenant"))
    session.add(TenantListing(tenant_id=tenant.id, website=website, updated_at=utcnow(),
                              updated_by=actor.username))
    record(session, actor, "create", tenant)
    return tenant


def edit_tenant(session: Session, *, actor: User, tenant_id: int, version: int | None,
                allow_duplicate: bool = False, **values) -> Tenant:
    """Change a tenant's record; fields not given keep their value."""
    require_role(actor, *TENANT_KEEPERS)
    tenant = load_for_edit(session, Tenant, tenant_id, version,
                           _("tenant {id}").format(id=tenant_id),
                           _("tenant {name}"))
    merged = {field: values.get(field, getattr(tenant, field)) for field in FIELDS}
    clean = check_tenant(session, merged)
    _refuse_same_person(session, clean, tenant.id)
    if not allow_duplicate:
        _refuse_duplicate(session, clean, tenant.id)
    _check_leases_end_by(session, tenant, clean["left_on"])
    save_changes(session, actor=actor, row=tenant, values=clean,
                 what=_("the record of {name}").format(name=tenant.name))
    return tenant


def _check_leases_end_by(session: Session, tenant: Tenant, left_on: date | None) -> None:
    if left_on is None:
        return
    late = session.exec(select(Lease).where(Lease.tenant_id == tenant.id,
                                            Lease.overlaps(left_on + timedelta(days=1)))
                        .order_by(Lease.starts_on)).first()
    if late is not None:
        if late.ends_on is None:
            # no end day: a sentence of its own, so that the Italian reads well
            raise Invalid("left", _("{name} holds a lease until open end; end it first or "
                                    "retire the tenant, which ends running leases on the "
                                    "leaving day").format(name=tenant.name))
        raise Invalid("left", _("{name} holds a lease until {end}; end it first or retire the "
                                "tenant, which ends running leases on the leaving day").format(
            name=tenant.name, end=day_text(late.ends_on)))


def retire_tenant(session: Session, *, actor: User, tenant_id: int, version: int | None,
                  left_on: date) -> Tenant:
    """The tenant leaves on `left_on`: running leases end that day, later bookings are
    cancelled, their listing is unpublished. Nothing is deleted: history stays."""
    require_role(actor, *TENANT_KEEPERS)
    tenant = load_for_edit(session, Tenant, tenant_id, version,
                           _("tenant {id}").format(id=tenant_id),
                           _("tenant {name}"))
    if tenant.left_on is not None:
        raise Invalid("left", _("{name} already left on {day}").format(
            name=tenant.name, day=day_text(tenant.left_on)))
    if left_on is None or left_on < tenant.joined_on:
        raise Invalid("left", _("the leaving day must be on or after the joining day "
                                "{joined}").format(joined=day_text(tenant.joined_on)))
    _end_leases(session, actor, tenant, left_on)
    _cancel_bookings_after(session, actor, tenant, left_on)
    listing = session.exec(select(TenantListing).where(TenantListing.tenant_id == tenant.id)).first()
    if listing is not None and listing.published:
        save_changes(session, actor=actor, row=listing, values={"published": False},
                     what=_("the listing of {name}").format(name=tenant.name))
    save_changes(session, actor=actor, row=tenant, values={"left_on": left_on},
                 what=_("the record of {name}").format(name=tenant.name), action="retire")
    return tenant


def _leases_past(tenant_id: int, left_on: date) -> tuple:
    """The tenant's leases running past the leaving day: they end on it."""
    return (Lease.tenant_id == tenant_id, Lease.overlaps(left_on + timedelta(days=1)))


def _bookings_after(tenant_id: int, left_on: date) -> tuple:
    """The tenant's bookings after the leaving day: they are cancelled."""
    return (Booking.tenant_id == tenant_id, Booking.status == "booked", Booking.day > left_on)


@dataclass(frozen=True)
class Retirement:
    """What retire_tenant changes when the tenant leaves on a day, found as it finds them."""
    tenant: str
    spaces: list[str]       # codes of the spaces whose lease ends on the leaving day
    bookings: int           # later bookings, cancelled
    unpublishes: bool       # the public listing comes off the website


def retirement(session: Session, *, tenant_id: int, left_on: date) -> Retirement:
    """For the confirmation of a retirement: what it would change (nothing is written)."""
    tenant = session.get(Tenant, tenant_id)
    if tenant is None:
        raise Invalid("tenant", _("that tenant does not exist"))
    spaces = session.exec(select(Space.code).join(Lease, Lease.space_id == Space.id)
                          .where(*_leases_past(tenant_id, left_on)).order_by(Space.code)).all()
    bookings = session.exec(select(func.count()).select_from(Booking)
                            .where(*_bookings_after(tenant_id, left_on))).one()
    published = session.exec(select(TenantListing.published)
                             .where(TenantListing.tenant_id == tenant_id)).first()
    return Retirement(tenant=tenant.name, spaces=list(spaces), bookings=bookings,
                      unpublishes=bool(published))


def _end_leases(session: Session, actor: User, tenant: Tenant, left_on: date) -> None:
    leases = session.exec(select(Lease).where(*_leases_past(tenant.id, left_on))).all()
    for lease in leases:
        if lease.starts_on > left_on:
            raise Invalid("left", _("{name} has a lease starting {start}, after the leaving "
                                    "day; remove or move it first").format(
                name=tenant.name, start=day_text(lease.starts_on)))
        save_changes(session, actor=actor, row=lease, values={"ends_on": left_on},
                     what=_("a lease of this tenant"), action="end_early")


def _cancel_bookings_after(session: Session, actor: User, tenant: Tenant, left_on: date) -> None:
    bookings = session.exec(select(Booking).where(*_bookings_after(tenant.id, left_on))).all()
    for booking in bookings:
        save_changes(session, actor=actor, row=booking,
                     values={"status": "cancelled", "cancelled_at": utcnow(),
                             "cancelled_by": actor.username},
                     what=_("a booking of this tenant"), action="cancel")


def edit_staff_notes(session: Session, *, actor: User, tenant_id: int, version: int | None,
                     notes: str) -> Tenant:
    """Staff notes about a tenant: kept by the manager and the communication team."""
    require_role(actor, "manager", "communication")
    notes = (notes or "").strip()
    if len(notes) > MAX_NOTES:
        raise Invalid("notes", _("notes are longer than {limit} characters").format(
            limit=MAX_NOTES))
    tenant = load_for_edit(session, Tenant, tenant_id, version,
                           _("tenant {id}").format(id=tenant_id),
                           _("tenant {name}"))
    save_changes(session, actor=actor, row=tenant, values={"notes": notes or None},
                 what=_("the notes of {name}").format(name=tenant.name))
    return tenant


def tenant_choices(session: Session, *, on: date,
                   site_id: int | None = None) -> list[tuple[int, str]]:
    """(id, "Name — Business") of the tenants in the hub on `on`, by name: for pickers."""
    query = (select(Tenant.id, Tenant.name, Tenant.business)
             .where(Tenant.joined_on <= on, or_(Tenant.left_on.is_(None), Tenant.left_on >= on))
             .order_by(Tenant.name))
    if site_id is not None:
        query = query.where(Tenant.site_id == site_id)
    rows = session.exec(query)
    return [(tenant_id, f"{name} — {business}" if business else name)
            for tenant_id, name, business in rows]
