"""bookings: a bench, the conference room or the pottery workshop for part of a day. Key:
site + space + day + start + end + who (tenant or guest); a place booked again after a
cancellation is a row of its own, so rows are matched one to one, a cancelled row with a
cancelled booking first."""
from __future__ import annotations

from sqlmodel import Session, select

from db.models import Booking, Site, Space, Tenant, User
from hub.admin.transfer.kind import Kind, Lookup
from hub.admin.transfer.people import find_tenant
from hub.admin.transfer.sites import site_id
from hub.admin.transfer.spaces import find_space
from hub.admin.transfer.values import cell, clock_time, day, minutes_text, number, required, text
from hub.checks import FieldChecks
from hub.errors import Invalid
from hub.i18n import N_, _
from hub.occupancy import bookings

COLUMNS = ("site", "space", "day", "start", "end", "places", "tenant", "business", "guest_name",
           "purpose", "status")
STATUSES = ("booked", "cancelled")


def export_rows(session: Session):
    query = (select(Site.code, Space.code, Booking, Tenant.name, Tenant.business)
             .join(Space, Space.id == Booking.space_id).join(Site, Site.id == Space.site_id)
             .join(Tenant, Tenant.id == Booking.tenant_id, isouter=True)
             .order_by(Site.code, Space.code, Booking.day, Booking.start_minute, Booking.id))
    for site, space, booking, tenant, business in session.exec(query):
        yield [site, space, cell(booking.day), minutes_text(booking.start_minute),
               minutes_text(booking.end_minute), cell(booking.places), cell(tenant),
               cell(business), cell(booking.guest_name), booking.purpose, booking.status]


def row_key(values: dict) -> None:
    """No repeated-row check: the same place booked, cancelled and booked again is two rows."""
    return None


def _status(value: str | None) -> str:
    status = (text(value) or "booked").lower()
    if status not in STATUSES:
        raise Invalid("status", _("status must be booked or cancelled"))
    return status


def _cells(session: Session, values: dict, lookup: Lookup) -> dict:
    """The booking's fields, or every bad cell at once."""
    found = FieldChecks()
    site = found.run(site_id, session, lookup, values.get("site"))
    code = found.run(required, values.get("space"), "space")
    fields = {
        "space_id": found.run(find_space, session, site, code) if site and code else None,
        "day": found.run(lambda: day(required(values.get("day"), "day"), "day")),
        "start": found.run(lambda: clock_time(required(values.get("start"), "start"), "start")),
        "end": found.run(lambda: clock_time(required(values.get("end"), "end"), "end")),
        "places": found.run(number, values.get("places"), "places", whole=True) or 1,
        "tenant_id": found.run(find_tenant, session, lookup, values.get("tenant"),
                               values.get("business")) if text(values.get("tenant")) else None,
        "guest_name": text(values.get("guest_name")),
        "purpose": text(values.get("purpose")) or "",
        "status": found.run(_status, values.get("status"))}
    if fields["tenant_id"] is None and fields["guest_name"] is None \
            and not found.failed("tenant"):
        found.refuse(Invalid("guest_name", _("name a tenant or write the guest's name")))
    found.done()
    return fields


def _existing(session: Session, lookup: Lookup, fields: dict) -> Booking | None:
    """The booking this row is, among those no earlier row of the file matched."""
    matched = lookup.cache.setdefault("bookings matched", set())
    first = fields["start"].hour * 60 + fields["start"].minute
    last = fields["end"].hour * 60 + fields["end"].minute
    same = [booking for booking in session.exec(select(Booking).where(
        Booking.space_id == fields["space_id"], Booking.day == fields["day"],
        Booking.start_minute == first, Booking.end_minute == last).order_by(Booking.id))
        if booking.id not in matched and booking.tenant_id == fields["tenant_id"]
        and (booking.guest_name or "").casefold() == (fields["guest_name"] or "").casefold()]
    if not same:
        return None
    found = min(same, key=lambda booking: booking.status != fields["status"])
    matched.add(found.id)
    return found


def import_row(session: Session, actor: User, values: dict, lookup: Lookup) -> str:
    fields = _cells(session, values, lookup)
    existing = _existing(session, lookup, fields)
    status = fields.pop("status")
    if existing is None:
        add = bookings.keep_cancelled_booking if status == "cancelled" else bookings.book
        created = add(session, actor=actor, **fields)
        session.flush()
        lookup.cache["bookings matched"].add(created.id)
        return "created"
    if (existing.places, existing.purpose) != (fields["places"], fields["purpose"]) or \
            (existing.status, status) == ("cancelled", "booked"):
        raise Invalid("status", _("a booking is not changed by an import, only cancelled; "
                                  "book again with a row of its own"))
    if existing.status == status:
        return "unchanged"
    bookings.cancel_booking(session, actor=actor, booking_id=existing.id, version=None)
    return "updated"


KIND = Kind(
    name="bookings", title=N_("Bookings"), columns=COLUMNS,
    required=("site", "space", "day", "start", "end"),
    key=("site", "space", "day", "start", "end", "tenant", "guest_name"),
    example=("OC", "POT", "2026-05-12", "09:00", "12:00", "2", "", "", "Marco Bruni",
             "Glazing", "booked"),
    export_rows=export_rows, import_row=import_row, row_key=row_key,
    notes=N_("Day as 2026-05-12, start and end as 09:30, within the site's opening hours; "
             "a tenant (tenant and business as on the Tenants screen) or a guest's name; "
             "status booked or cancelled (a booked row marked cancelled cancels it)."))
