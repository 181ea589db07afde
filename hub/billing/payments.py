"""Payments: recorded by hand or imported, allocated to the payer's oldest open invoices (or to
chosen ones). What a payment does not pay is the payer's credit, taken by their next invoice.
A returned payment (a direct debit sent back) keeps its record with its reason; its
allocations go, reopening what it paid.

What an invoice still needs: its total, less the credit notes that refer to it, less what
payments allocated to it. An allocation never exceeds its payment or its invoice."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import Session, select

from db.models import Allocation, Invoice, Payer, Payment, User
from db.vocabulary import PAYMENT_METHODS
from hub.checks import day as checked_day, money, one_of, text
from hub.errors import Invalid
from hub.i18n import N_, _, day_text
from hub.records import load_for_edit, record, record_event, save_changes
from hub.roles import BILLERS, require_role

ZERO = Decimal("0.00")


def credited(session: Session, invoice_ids) -> dict[int, Decimal]:
    """The credit notes' totals per invoice they refer to."""
    return dict(session.exec(select(Invoice.credit_of_id, func.sum(Invoice.total)).where(
        Invoice.credit_of_id.in_(invoice_ids)).group_by(Invoice.credit_of_id)).all())


def allocated(session: Session, invoice_ids) -> dict[int, Decimal]:
    return dict(session.exec(select(Allocation.invoice_id, func.sum(Allocation.amount)).where(
        Allocation.invoice_id.in_(invoice_ids)).group_by(Allocation.invoice_id)).all())


def still_due(session: Session, invoices: list[Invoice]) -> dict[int, Decimal]:
    """What each invoice still needs: total − credited − allocated (never below zero)."""
    ids = [invoice.id for invoice in invoices]
    less_credit, paid = credited(session, ids), allocated(session, ids)
    return {invoice.id: max(ZERO, invoice.total - Decimal(less_credit.get(invoice.id, 0))
                            - Decimal(paid.get(invoice.id, 0)))
            for invoice in invoices}


def open_invoices(session: Session, payer_id: int) -> list[tuple[Invoice, Decimal]]:
    """The payer's invoices with something still due, oldest due first."""
    invoices = session.exec(select(Invoice).where(
        Invoice.payer_id == payer_id, Invoice.kind == "invoice")
        .order_by(Invoice.due_on, Invoice.issued_on, Invoice.id)).all()
    due = still_due(session, invoices)
    return [(invoice, due[invoice.id]) for invoice in invoices if due[invoice.id] > 0]


def unallocated(session: Session, payment: Payment) -> Decimal:
    used = session.exec(select(func.sum(Allocation.amount)).where(
        Allocation.payment_id == payment.id)).one()
    return payment.amount - Decimal(used or 0)


def payer_credit(session: Session, payer_id: int) -> Decimal:
    """What the payer's payments (not returned) hold beyond what they paid."""
    received = session.exec(select(func.sum(Payment.amount)).where(
        Payment.payer_id == payer_id, Payment.returned_on.is_(None))).one()
    used = session.exec(select(func.sum(Allocation.amount)).join(
        Payment, Payment.id == Allocation.payment_id).where(
        Payment.payer_id == payer_id, Payment.returned_on.is_(None))).one()
    return Decimal(received or 0) - Decimal(used or 0)


def payers_in_credit(session: Session, payer_ids: list[int]) -> set[int]:
    """Which of these payers hold credit (payments not returned beyond what they paid)."""
    received = dict(session.exec(select(Payment.payer_id, func.sum(Payment.amount)).where(
        Payment.payer_id.in_(payer_ids), Payment.returned_on.is_(None))
        .group_by(Payment.payer_id)).all())
    used = dict(session.exec(select(Payment.payer_id, func.sum(Allocation.amount)).join(
        Allocation, Allocation.payment_id == Payment.id).where(
        Payment.payer_id.in_(payer_ids), Payment.returned_on.is_(None))
        .group_by(Payment.payer_id)).all())
    return {payer_id for payer_id, amount in received.items()
            if Decimal(amount) - Decimal(used.get(payer_id) or 0) > 0}


def _allocate(session: Session, payment: Payment, targets: list[tuple[Invoice, Decimal]]
              ) -> dict[str, str]:
    """Pay `targets` in order from what is left of `payment`; {invoice number: amount}."""
    left = unallocated(session, payment)
    paid: dict[str, str] = {}
    for invoice, due in targets:
        if left <= 0:
            break
        amount = min(left, due)
        if amount <= 0:
            continue
        existing = session.exec(select(Allocation).where(
            Allocation.payment_id == payment.id, Allocation.invoice_id == invoice.id)).first()
        if existing:
            existing.amount += amount
        else:
            session.add(Allocation(payment_id=payment.id, invoice_id=invoice.id, amount=amount))
        paid[invoice.number] = str(amount)
        left -= amount
    session.flush()
    return paid


def apply_credit(session: Session, actor: User, payer_id: int,
                 invoice: Invoice | None = None) -> dict[str, str]:
    """Use the payer's credit (what their payments have left, oldest payment first) on
    `invoice` (a new invoice takes the credit), or on their open invoices, oldest due first."""
    paid: dict[str, str] = {}
    if payer_credit(session, payer_id) <= 0:
        return paid          # two queries, not one per payment the payer ever made
    payments = session.exec(select(Payment).where(
        Payment.payer_id == payer_id, Payment.returned_on.is_(None))
        .order_by(Payment.received_on, Payment.id)).all()
    for payment in payments:
        if unallocated(session, payment) <= 0:
            continue
        targets = open_invoices(session, payer_id)
        if invoice is not None:
            targets = [(target, due) for target, due in targets if target.id == invoice.id]
        if not targets:
            break
        now = _allocate(session, payment, targets)
        if now:
            record_event(session, actor, "allocate", "payments", payment.id,
                         {number: [None, amount] for number, amount in now.items()})
            paid.update(now)
    return paid


def release(session: Session, actor: User, invoice: Invoice, amount: Decimal) -> None:
    """Take `amount` of what payments allocated to `invoice` back (the latest payment first):
    a credit note left the invoice needing less than was paid on it."""
    allocations = session.exec(select(Allocation).join(
        Payment, Payment.id == Allocation.payment_id).where(Allocation.invoice_id == invoice.id)
        .order_by(Payment.received_on.desc(), Payment.id.desc())).all()
    for allocation in allocations:
        if amount <= 0:
            break
        taken = min(amount, allocation.amount)
        record_event(session, actor, "release", "payments", allocation.payment_id,
                     {invoice.number: [str(allocation.amount), str(allocation.amount - taken)]})
        if taken == allocation.amount:
            session.delete(allocation)
        else:
            allocation.amount -= taken
        amount -= taken
    session.flush()


def record_payment(session: Session, *, actor: User, payer_id: int, received_on, amount,
                   method: str, reference: str | None = None, notes: str | None = None,
                   invoice_ids: list[int] | None = None, today: date | None = None) -> Payment:
    """A payment received: allocated to the chosen invoices in the order given, or to the
    payer's oldest open invoices. What is left is the payer's credit."""
    require_role(actor, *BILLERS)
    payer = session.get(Payer, payer_id) if payer_id is not None else None
    if payer is None:
        raise Invalid("payer", _("choose an existing payer"))
    received_on = checked_day(received_on, N_("received on"), required=True)
    if received_on > (today or date.today()):
        raise Invalid("received on", _("a payment cannot be received in the future"))
    amount = money(amount, N_("amount"), required=True)
    if amount <= 0:
        raise Invalid("amount", _("amount must be more than zero"))
    method = one_of(method, N_("method"), PAYMENT_METHODS)
    reference = text(reference, N_("reference"), limit=80)
    if reference is not None:
        booked = session.exec(select(Payment).where(Payment.reference == reference)).first()
        if booked is not None:
            raise Invalid("reference", _("a payment with reference {reference} was already "
                                         "booked on {day}; nothing was booked twice").format(
                reference=reference, day=day_text(booked.received_on)))
    notes = text(notes, N_("notes"), limit=500)
    targets = None
    if invoice_ids:
        due = dict((invoice.id, (invoice, left)) for invoice, left
                   in open_invoices(session, payer.id))
        unknown = [number for number in invoice_ids if number not in due]
        if unknown:
            raise Invalid("invoices", _("choose open invoices of {payer}").format(
                payer=payer.name))
        targets = [due[invoice_id] for invoice_id in invoice_ids]
    payment = Payment(payer_id=payer.id, received_on=received_on, amount=amount, method=method,
                      reference=reference, notes=notes, created_by=actor.username)
    session.add(payment)
    record(session, actor, "create", payment)
    paid = _allocate(session, payment, targets if targets is not None
                     else open_invoices(session, payer.id))
    if paid:
        record_event(session, actor, "allocate", "payments", payment.id,
                     {number: [None, value] for number, value in paid.items()})
    return payment


def return_payment(session: Session, *, actor: User, payment_id: int, version: int | None,
                   returned_on, reason: str) -> Payment:
    """A payment sent back (a returned direct debit, a bounced transfer): kept with the day
    and the reason; what it paid is open again, and its credit is gone."""
    require_role(actor, *BILLERS)
    payment = load_for_edit(session, Payment, payment_id, version, N_("this payment"))
    if payment.returned_on is not None:
        raise Invalid("payment", _("this payment was already returned on {day}").format(
            day=day_text(payment.returned_on)))
    returned_on = checked_day(returned_on, N_("returned on"), required=True)
    if returned_on < payment.received_on:
        raise Invalid("returned on", _("a payment cannot be returned before it was received "
                                       "({day})").format(day=day_text(payment.received_on)))
    reason = text(reason, N_("reason"), limit=200, required=True)
    for allocation in session.exec(select(Allocation).where(
            Allocation.payment_id == payment.id)).all():
        session.delete(allocation)
    save_changes(session, actor=actor, row=payment,
                 values={"returned_on": returned_on, "return_reason": reason},
                 what=N_("this payment"), action="return")
    return payment
