"""Charges: what a payer owes for, made from what the hub already records.

- **Rent**, billed in advance for the month: each lease's monthly rent, pro rata by calendar
  days for a first or last partial month (a lease from 15 February in a 28-day February pays
  14/28). A rent change is a new lease from the day it applies (hub/occupancy/leases.py,
  change_rent), so each day is billed at the rent in force on it.
- **Bookings** of bookable spaces by tenants, billed monthly in arrears: the hourly rate times
  the hours, or the daily rate when that is less.
- **Course fees** at enrolment: the item's price, for an enrolment made in the month billed or
  the one before. A cancellation on or before the item's refund deadline gets the fee back
  (hub/billing/invoices.py, refunds).
- **One-off** charges entered by hand: a deposit, damage, consumables, other.

A charge is made at most once per source (unique indexes in db/models/billing.py)."""
from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlmodel import Session, select

from db.models import (Booking, Charge, Enrolment, Lease, Payer, ProgrammeItem, Site, Space,
                       Tenant, User)
from db.vocabulary import ONE_OFF_KINDS
from hub.billing.payers import billable_payer, payer_of_person, payer_of_tenant
from hub.checks import day as checked_day, money, one_of, text
from hub.dates import month_end
from hub.errors import Invalid
from hub.i18n import N_, _, day_text, speaking
from hub.records import record
from hub.roles import BILLERS, require_role
from hub.scope import open_site

CENT = Decimal("0.01")
VAT_RATE = Decimal("22.00")
# Kinds billed without VAT, with the legal reason printed on the invoice and the FatturaPA
# nature code: training by a hub is usually exempt.
EXEMPT = {"course": (N_("VAT exempt: training (art. 10, c. 1, n. 20, DPR 633/1972)"), "N4")}
# Enrolments that owe their fee (a cancelled one owes it if cancelled after the deadline).
PAYING = ("enrolled", "attended")


def cents(value) -> Decimal:
    """Rounded half-up to the cent: 0.125 → 0.13."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def vat_terms(kind: str) -> dict:
    """The VAT rate of a charge kind, or its exemption (reason and nature code)."""
    if kind in EXEMPT:
        reason, nature = EXEMPT[kind]
        return {"vat_rate": Decimal("0.00"), "exempt_reason": reason, "vat_nature": nature}
    return {"vat_rate": VAT_RATE, "exempt_reason": None, "vat_nature": None}


def first_of(month) -> date:
    """The first day of a month given as a date or as YYYY-MM."""
    if isinstance(month, date):
        return month.replace(day=1)
    try:
        year, number = str(month).strip().split("-")
        return date(int(year), int(number), 1)
    except ValueError:
        raise Invalid("month", _("month '{value}' is not a month (like 2027-03)").format(
            value=month)) from None


def month_before(month: date) -> date:
    return (month - timedelta(days=1)).replace(day=1)


def rent_share(monthly_rent: Decimal, starts_on: date, ends_on: date | None,
               month: date) -> tuple[date, date, Decimal] | None:
    """The days of `month` a lease holds (first, last) and their rent: the whole rent for a
    whole month, else rent × days held / days in the month, to the cent. None: no day."""
    last_of_month = month_end(month)
    first = max(starts_on, month)
    last = min(ends_on or last_of_month, last_of_month)
    if first > last:
        return None
    days = (last - first).days + 1
    if days == last_of_month.day:
        return first, last, cents(monthly_rent)
    return first, last, cents(Decimal(monthly_rent) * days / last_of_month.day)


def booking_price(hourly_rate: Decimal | None, daily_rate: Decimal | None,
                  start_minute: int, end_minute: int) -> Decimal | None:
    """The hours at the hourly rate, or the daily rate when that is less; None: no rate."""
    prices = []
    if hourly_rate is not None:
        prices.append(cents(Decimal(hourly_rate) * (end_minute - start_minute) / 60))
    if daily_rate is not None:
        prices.append(cents(daily_rate))
    return min(prices) if prices else None


def refund_deadline(item: ProgrammeItem) -> date | None:
    """The last day a cancellation gets the fee back: the item's own deadline, else the day
    before its first session (None: no session yet, so always)."""
    if item.refund_deadline is not None:
        return item.refund_deadline
    return item.starts_on - timedelta(days=1) if item.starts_on else None


def refunded(item: ProgrammeItem, enrolment: Enrolment) -> bool:
    """A cancelled enrolment whose cancellation came on or before the refund deadline."""
    if enrolment.status != "cancelled":
        return False
    deadline = refund_deadline(item)
    cancelled = enrolment.cancelled_at.date() if enrolment.cancelled_at else None
    return deadline is None or cancelled is None or cancelled <= deadline


def _moment(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=UTC)


def month_charges(session: Session, actor: User, site: Site, month: date) -> list[Charge]:
    """Make the charges a billing run of `month` finds and that do not exist yet: the rent of
    the month, the bookings of the month before, fees of enrolments of both months."""
    made: list[Charge] = []
    payers: dict[int, Payer] = {payer.tenant_id: payer for payer in session.exec(
        select(Payer).join(Tenant, Tenant.id == Payer.tenant_id).where(
            Tenant.site_id == site.id)).all()}

    def tenant_payer(tenant_id: int) -> Payer:
        if tenant_id not in payers:
            payers[tenant_id] = payer_of_tenant(session, actor, session.get(Tenant, tenant_id))
        return payers[tenant_id]

    def add(payer: Payer, describe, **values) -> None:
        """A new charge, described in the payer's language (what their invoice says)."""
        with speaking(payer.language):
            description = describe()
        charge = Charge(site_id=site.id, payer_id=payer.id, description=description,
                        created_by=actor.username, **vat_terms(values["kind"]), **values)
        session.add(charge)
        made.append(charge)

    last = month_end(month)
    rented = set(session.exec(select(Charge.lease_id).where(
        Charge.site_id == site.id, Charge.lease_id.is_not(None), Charge.credit_of_id.is_(None),
        Charge.period_start >= month, Charge.period_start <= last)).all())
    leases = session.exec(select(Lease, Space.code).join(Space, Space.id == Lease.space_id).where(
        Space.site_id == site.id, Lease.overlaps(month, last), Lease.monthly_rent > 0)
        .order_by(Lease.starts_on, Lease.id)).all()
    for lease, code in leases:
        share = rent_share(lease.monthly_rent, lease.starts_on, lease.ends_on, month)
        if lease.id in rented or share is None or share[2] <= 0:
            continue
        first, final, amount = share
        add(tenant_payer(lease.tenant_id), lambda: _("Rent of {space}, {first} to {last}").format(
            space=code, first=day_text(first), last=day_text(final)),
            kind="rent", lease_id=lease.id, period_start=first, period_end=final, amount=amount)

    before = month_before(month)
    bookings = session.exec(select(Booking, Space).join(Space, Space.id == Booking.space_id)
                            .outerjoin(Charge, (Charge.booking_id == Booking.id)
                                       & Charge.credit_of_id.is_(None)).where(
        Space.site_id == site.id, Booking.status == "booked", Booking.tenant_id.is_not(None),
        Booking.falls_between(before, month - timedelta(days=1)), Charge.id.is_(None))
        .order_by(Booking.day, Booking.start_minute, Booking.id)).all()
    for booking, space in bookings:
        price = booking_price(space.hourly_rate, space.daily_rate, booking.start_minute,
                              booking.end_minute)
        if not price:
            continue
        add(tenant_payer(booking.tenant_id), lambda: _("Booking of {space} on {day}").format(
            space=space.code, day=day_text(booking.day)),
            kind="booking", booking_id=booking.id, period_start=booking.day,
            period_end=booking.day, amount=price)

    enrolments = session.exec(select(Enrolment, ProgrammeItem)
                              .join(ProgrammeItem, ProgrammeItem.id == Enrolment.item_id)
                              .outerjoin(Charge, (Charge.enrolment_id == Enrolment.id)
                                         & Charge.credit_of_id.is_(None)).where(
        ProgrammeItem.site_id == site.id, ProgrammeItem.price > 0,
        Enrolment.status.in_(PAYING + ("cancelled",)),
        Enrolment.created_at >= _moment(before),
        Enrolment.created_at < _moment(last + timedelta(days=1)),
        Charge.id.is_(None)).order_by(Enrolment.created_at, Enrolment.id)).all()
    for enrolment, item in enrolments:
        if enrolment.status == "cancelled" and refunded(item, enrolment):
            continue
        if enrolment.tenant_id is not None:
            payer = tenant_payer(enrolment.tenant_id)
        else:
            payer = payer_of_person(session, actor, enrolment.participant_name, enrolment.email)
        day = enrolment.created_at.date()
        add(payer, lambda: _("{title}: fee of {person}").format(
            title=item.title, person=enrolment.participant_name),
            kind="course", enrolment_id=enrolment.id, period_start=day, period_end=day,
            amount=cents(item.price))
    session.flush()
    return made


def add_charge(session: Session, *, actor: User, site_id: int, kind: str, amount, day,
               description: str, tenant_id: int | None = None, partner_id: int | None = None,
               payer_id: int | None = None) -> Charge:
    """A one-off charge entered by hand (a deposit, damage, consumables, other). It goes on
    the payer's first invoice for the month of `day` or a later one."""
    require_role(actor, *BILLERS)
    site = open_site(session, site_id)
    kind = one_of(kind, N_("kind"), ONE_OFF_KINDS)
    amount = money(amount, N_("amount"), required=True)
    if amount <= 0:
        raise Invalid("amount", _("amount must be more than zero"))
    day = checked_day(day, N_("day"), required=True)
    description = text(description, N_("description"), limit=300, required=True)
    payer = billable_payer(session, actor=actor, tenant_id=tenant_id, partner_id=partner_id,
                           payer_id=payer_id)
    charge = Charge(site_id=site.id, payer_id=payer.id, kind=kind, period_start=day,
                    period_end=day, description=description, amount=amount,
                    created_by=actor.username, **vat_terms(kind))
    session.add(charge)
    record(session, actor, "create", charge)
    return charge


def remove_charge(session: Session, *, actor: User, charge_id: int) -> None:
    """Take back a one-off charge not yet invoiced (an invoiced one needs a credit note)."""
    require_role(actor, *BILLERS)
    charge = session.get(Charge, charge_id)
    if charge is None:
        raise Invalid("charge", _("this charge no longer exists"))
    if charge.invoice_id is not None:
        raise Invalid("charge", _("this charge is on an invoice; issue a credit note instead"))
    if charge.kind not in ONE_OFF_KINDS:
        raise Invalid("charge", _("only a charge entered by hand can be removed"))
    record(session, actor, "delete", charge)
    session.delete(charge)


def pending_by_payer(session: Session, site_id: int, until: date) -> dict[int, list[Charge]]:
    """Charges not yet invoiced for days up to `until`, by payer."""
    pending: dict[int, list[Charge]] = defaultdict(list)
    for charge in session.exec(select(Charge).where(
            Charge.site_id == site_id, Charge.invoice_id.is_(None),
            Charge.credit_of_id.is_(None), Charge.period_start <= until)
            .order_by(Charge.period_start, Charge.id)).all():
        pending[charge.payer_id].append(charge)
    return pending
