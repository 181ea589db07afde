"""What the manager's billing lists show: invoices with what each still needs and its status,
one invoice in full (lines, credit notes, payments), payments with what they paid, charges not
yet invoiced, payers. Reads only; the Billing screen shows them to a manager (hub/roles.py,
bills)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, or_
from sqlmodel import Session, select

from db.models import Allocation, Charge, Invoice, Payer, Payment, Site
from hub.billing.invoices import credited_lines
from hub.billing.payments import open_invoices

ZERO = Decimal("0.00")
# An invoice's status, in the order of the filter: nothing paid yet, something paid, all paid,
# all given back by credit notes, past its due date with something still due.
INVOICE_STATUSES = ("open", "partly_paid", "paid", "credited", "overdue")


def invoice_status(total: Decimal, credited: Decimal, paid: Decimal, due_on: date,
                   today: date) -> str:
    """credited: credit notes gave it all back; paid: nothing still due; overdue: something
    still due after the due date; partly paid: something paid or credited, the rest not yet
    due; open: nothing paid, not yet due."""
    still = total - credited - paid
    if 0 < total <= credited:
        return "credited"
    if still <= 0:
        return "paid"
    if due_on < today:
        return "overdue"
    return "partly_paid" if credited > 0 or paid > 0 else "open"


@dataclass(frozen=True)
class InvoiceRow:
    id: int
    number: str
    site: str
    payer_id: int
    payer: str
    month: date
    issued_on: date
    due_on: date
    net: Decimal
    vat: Decimal
    total: Decimal
    credited: Decimal           # the credit notes' totals that refer to it
    paid: Decimal               # what payments allocated to it
    still_due: Decimal
    status: str


def _sums():
    credits = (select(Invoice.credit_of_id.label("invoice_id"),
                      func.sum(Invoice.total).label("amount"))
               .where(Invoice.credit_of_id.is_not(None)).group_by(Invoice.credit_of_id)
               .subquery())
    paid = (select(Allocation.invoice_id.label("invoice_id"),
                   func.sum(Allocation.amount).label("amount"))
            .group_by(Allocation.invoice_id).subquery())
    return credits, paid


def invoice_rows(session: Session, *, today: date, site_id: int | None = None,
                 month: date | None = None, statuses: tuple[str, ...] | list[str] = (),
                 search: str = "", invoice_ids: list[int] | None = None,
                 limit: int = 2000) -> list[InvoiceRow]:
    """Invoices (not credit notes), the newest first: at a site, of a month, in some
    statuses, whose number or payer's name holds `search`."""
    credits, paid = _sums()
    query = (select(Invoice, Site.code, Payer.name, func.coalesce(credits.c.amount, 0),
                    func.coalesce(paid.c.amount, 0))
             .join(Site, Site.id == Invoice.site_id).join(Payer, Payer.id == Invoice.payer_id)
             .outerjoin(credits, credits.c.invoice_id == Invoice.id)
             .outerjoin(paid, paid.c.invoice_id == Invoice.id)
             .where(Invoice.kind == "invoice"))
    if site_id is not None:
        query = query.where(Invoice.site_id == site_id)
    if month is not None:
        query = query.where(Invoice.month == month)
    if invoice_ids is not None:
        query = query.where(Invoice.id.in_(invoice_ids))
    words = " ".join((search or "").split()).lower()
    if words:
        query = query.where(or_(func.lower(Payer.name).contains(words, autoescape=True),
                                func.lower(Invoice.number).contains(words, autoescape=True)))
    query = query.order_by(Invoice.issued_on.desc(), Invoice.id.desc())
    rows = []
    for invoice, code, payer, credited, allocated in session.exec(query):
        credited, allocated = Decimal(credited), Decimal(allocated)
        status = invoice_status(invoice.total, credited, allocated, invoice.due_on, today)
        if statuses and status not in statuses:
            continue
        rows.append(InvoiceRow(
            id=invoice.id, number=invoice.number, site=code, payer_id=invoice.payer_id,
            payer=payer, month=invoice.month, issued_on=invoice.issued_on,
            due_on=invoice.due_on, net=invoice.net, vat=invoice.vat, total=invoice.total,
            credited=credited, paid=allocated,
            still_due=max(ZERO, invoice.total - credited - allocated), status=status))
        if len(rows) >= limit:
            break
    return rows


def invoice_months(session: Session, *, site_id: int | None = None) -> list[date]:
    """The months billed, the latest first."""
    query = select(Invoice.month).where(Invoice.kind == "invoice").distinct()
    if site_id is not None:
        query = query.where(Invoice.site_id == site_id)
    return sorted(session.exec(query).all(), reverse=True)


@dataclass(frozen=True)
class Line:
    id: int
    kind: str
    description: str
    period_start: date
    period_end: date
    amount: Decimal
    vat_rate: Decimal
    vat: Decimal | None
    exempt_reason: str | None
    credited: bool              # a credit note gave it back


@dataclass(frozen=True)
class CreditNoteRow:
    number: str
    issued_on: date
    total: Decimal
    reason: str | None


@dataclass(frozen=True)
class PaidBy:
    payment_id: int
    received_on: date
    method: str
    reference: str | None
    amount: Decimal             # the part of the payment that paid this invoice


@dataclass(frozen=True)
class InvoiceDetail:
    row: InvoiceRow
    lines: list[Line]
    credit_notes: list[CreditNoteRow]
    payments: list[PaidBy]


def invoice_detail(session: Session, *, invoice_id: int, today: date) -> InvoiceDetail | None:
    rows = invoice_rows(session, today=today, invoice_ids=[invoice_id])
    if not rows:
        return None
    done = credited_lines(session, invoice_id)
    lines = [Line(id=line.id, kind=line.kind, description=line.description,
                  period_start=line.period_start, period_end=line.period_end,
                  amount=line.amount, vat_rate=line.vat_rate, vat=line.vat,
                  exempt_reason=line.exempt_reason, credited=line.id in done)
             for line in session.exec(select(Charge).where(Charge.invoice_id == invoice_id)
                                      .order_by(Charge.period_start, Charge.id))]
    notes = [CreditNoteRow(number=note.number, issued_on=note.issued_on, total=note.total,
                           reason=note.reason)
             for note in session.exec(select(Invoice).where(Invoice.credit_of_id == invoice_id)
                                      .order_by(Invoice.issued_on, Invoice.id))]
    paid = [PaidBy(payment_id=payment.id, received_on=payment.received_on,
                   method=payment.method, reference=payment.reference, amount=amount)
            for payment, amount in session.exec(
                select(Payment, Allocation.amount).join(
                    Allocation, Allocation.payment_id == Payment.id)
                .where(Allocation.invoice_id == invoice_id)
                .order_by(Payment.received_on, Payment.id))]
    return InvoiceDetail(row=rows[0], lines=lines, credit_notes=notes, payments=paid)


@dataclass(frozen=True)
class PaymentRow:
    id: int
    version: int
    payer_id: int
    payer: str
    received_on: date
    amount: Decimal
    method: str
    reference: str | None
    notes: str | None
    paid: list[tuple[str, Decimal]]      # (invoice number, amount) it paid
    unallocated: Decimal                  # the payer's credit from it (none once returned)
    returned_on: date | None
    return_reason: str | None


def payment_rows(session: Session, *, search: str = "", payer_id: int | None = None,
                 payment_id: int | None = None, limit: int = 500) -> list[PaymentRow]:
    """Payments, the latest received first: of a payer, one payment, or those whose payer's
    name or reference holds `search`."""
    query = select(Payment, Payer.name).join(Payer, Payer.id == Payment.payer_id)
    if payment_id is not None:
        query = query.where(Payment.id == payment_id)
    if payer_id is not None:
        query = query.where(Payment.payer_id == payer_id)
    words = " ".join((search or "").split()).lower()
    if words:
        query = query.where(or_(func.lower(Payer.name).contains(words, autoescape=True),
                                func.lower(Payment.reference).contains(words, autoescape=True)))
    found = session.exec(query.order_by(Payment.received_on.desc(), Payment.id.desc())
                         .limit(limit)).all()
    ids = [payment.id for payment, __ in found]
    paid: dict[int, list[tuple[str, Decimal]]] = {}
    for paying, number, amount in session.exec(
            select(Allocation.payment_id, Invoice.number, Allocation.amount)
            .join(Invoice, Invoice.id == Allocation.invoice_id)
            .where(Allocation.payment_id.in_(ids)).order_by(Invoice.due_on, Invoice.id)):
        paid.setdefault(paying, []).append((number, amount))
    rows = []
    for payment, name in found:
        used = sum((amount for __, amount in paid.get(payment.id, [])), ZERO)
        rows.append(PaymentRow(
            id=payment.id, version=payment.version, payer_id=payment.payer_id, payer=name,
            received_on=payment.received_on, amount=payment.amount, method=payment.method,
            reference=payment.reference, notes=payment.notes, paid=paid.get(payment.id, []),
            unallocated=ZERO if payment.returned_on else payment.amount - used,
            returned_on=payment.returned_on, return_reason=payment.return_reason))
    return rows


@dataclass(frozen=True)
class ChargeRow:
    id: int
    site: str
    payer: str
    kind: str
    period_start: date
    period_end: date
    description: str
    amount: Decimal
    vat_rate: Decimal


def pending_charges(session: Session, *, site_id: int | None = None,
                    limit: int = 2000) -> list[ChargeRow]:
    """Charges no invoice has taken yet, the earliest first."""
    query = (select(Charge, Site.code, Payer.name).join(Site, Site.id == Charge.site_id)
             .join(Payer, Payer.id == Charge.payer_id)
             .where(Charge.invoice_id.is_(None), Charge.credit_of_id.is_(None)))
    if site_id is not None:
        query = query.where(Charge.site_id == site_id)
    return [ChargeRow(id=charge.id, site=code, payer=name, kind=charge.kind,
                      period_start=charge.period_start, period_end=charge.period_end,
                      description=charge.description, amount=charge.amount,
                      vat_rate=charge.vat_rate)
            for charge, code, name in session.exec(
                query.order_by(Charge.period_start, Charge.id).limit(limit))]


@dataclass(frozen=True)
class PayerRow:
    id: int
    version: int
    kind: str
    name: str
    email: str | None
    language: str
    terms_days: int


def payer_rows(session: Session) -> list[PayerRow]:
    """Every payer, by name."""
    return [PayerRow(id=payer.id, version=payer.version, kind=payer.kind, name=payer.name,
                     email=payer.email, language=payer.language, terms_days=payer.terms_days)
            for payer in session.exec(select(Payer).order_by(func.lower(Payer.name),
                                                             Payer.id))]


def open_invoice_choices(session: Session, payer_id: int) -> list[tuple[int, str, date, Decimal]]:
    """The payer's open invoices, oldest due first: (id, number, due on, still due)."""
    return [(invoice.id, invoice.number, invoice.due_on, due)
            for invoice, due in open_invoices(session, payer_id)]
