"""invoices: what the hub billed, exported for the accountant and for a spreadsheet; never
imported (an invoice is issued by the month's billing run, `python -m db bill`). One row per
invoice and per credit note, by site and number; a credit note's amounts are negative, so a
column's sum is what was billed net of credit notes.

What an invoice still needs (balance) is hub.billing.payments' rule: total less its credit
notes less what payments paid of it. Its status: credited (its credit notes cover it), paid
(nothing left), overdue (something left after its due day), partly paid, or open."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import Session, select

from db.models import Allocation, Invoice, Payer, Site
from hub.admin.transfer.kind import Kind
from hub.admin.transfer.values import cell
from hub.i18n import N_

COLUMNS = ("number", "kind", "credit_of", "site", "payer", "month", "issued_on", "due_on",
           "net", "vat", "total", "credited", "paid", "balance", "status")
STATUSES = ("open", "partly paid", "paid", "credited", "overdue")
ZERO = Decimal("0.00")


def status(total: Decimal, credited: Decimal, paid: Decimal, due_on: date, today: date) -> str:
    """One of STATUSES, for an invoice of `total` with `credited` and `paid` of it so far."""
    if total > 0 and credited >= total:
        return "credited"
    if total - credited - paid <= 0:
        return "paid"
    if due_on < today:
        return "overdue"
    return "partly paid" if credited + paid > 0 else "open"


def _sums(session: Session) -> tuple[dict[int, Decimal], dict[int, Decimal]]:
    """Credit notes' totals and payments' allocations, per invoice: two grouped queries, not
    one per invoice (the export of a network holds tens of thousands)."""
    credited = dict(session.exec(select(Invoice.credit_of_id, func.sum(Invoice.total)).where(
        Invoice.credit_of_id.is_not(None)).group_by(Invoice.credit_of_id)).all())
    paid = dict(session.exec(select(Allocation.invoice_id, func.sum(Allocation.amount))
                             .group_by(Allocation.invoice_id)).all())
    return credited, paid


def export_rows(session: Session, today: date | None = None):
    today = today or date.today()
    credited, paid = _sums(session)
    numbers = dict(session.exec(select(Invoice.id, Invoice.number).where(
        Invoice.kind == "invoice", Invoice.id.in_(select(Invoice.credit_of_id)))).all())
    query = (select(Invoice, Site.code, Payer.name).join(Site, Site.id == Invoice.site_id)
             .join(Payer, Payer.id == Invoice.payer_id)
             .order_by(Site.code, Invoice.year, Invoice.seq))
    for invoice, site, payer in session.exec(query):
        head = [invoice.number, invoice.kind, cell(numbers.get(invoice.credit_of_id)), site,
                payer, cell(invoice.month), cell(invoice.issued_on), cell(invoice.due_on)]
        if invoice.kind == "credit_note":
            yield head + [-invoice.net, -invoice.vat, -invoice.total, None, None, None, None]
            continue
        less = Decimal(credited.get(invoice.id, ZERO))
        got = Decimal(paid.get(invoice.id, ZERO))
        yield head + [invoice.net, invoice.vat, invoice.total, less, got,
                      max(ZERO, invoice.total - less - got),
                      status(invoice.total, less, got, invoice.due_on, today)]


KIND = Kind(
    name="invoices", title=N_("Invoices"), columns=COLUMNS, required=(), key=("number",),
    example=("OC-2027-0001", "invoice", "", "OC", "Neri Ceramiche", "2027-03-01", "2027-03-01",
             "2027-03-31", "450.00", "99.00", "549.00", "0.00", "549.00", "0.00", "paid"),
    export_rows=export_rows, import_row=None,
    notes=N_("Exported only: an invoice is issued by the month's billing run. A credit note's "
             "amounts are negative; status is open, partly paid, paid, credited or overdue."))
