"""Billing of the demo and of the scale network (db/seed/billing.py): eighteen months of
invoices ending with the current month, numbered without gaps per site and year, totals the
sums of their lines, nothing issued or received after today; payments mostly within terms,
some late payers in every age of arrears, a returned direct debit, an overpayment taken by the
next invoice; the same on every run, and once."""
from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import Engine, func
from sqlmodel import Session, select

from db.models import Allocation, Charge, Invoice, InvoiceCounter, Payer, Payment, Site
from db.seed.driver import seed_demo, seed_scale
from hub.billing import payments
from tests.test_seed import fresh_engine

TODAY = date.today()


def demo(engine: Engine) -> dict[str, int]:
    with Session(engine) as session, session.begin():
        return seed_demo(session)


def months_back(count: int) -> list[date]:
    """The first days of the `count` months ending with this one, oldest first."""
    months = [TODAY.replace(day=1)]
    for __ in range(count - 1):
        months.insert(0, (months[0] - timedelta(days=1)).replace(day=1))
    return months


def invoices_of(session: Session, codes: tuple[str, ...]) -> list[Invoice]:
    return list(session.exec(select(Invoice).join(Site, Site.id == Invoice.site_id)
                             .where(Site.code.in_(codes)).order_by(Invoice.id)))


def assert_books_hold(session: Session, codes: tuple[str, ...]) -> list[Invoice]:
    """The rules any issuer keeps, on the sites `codes`: eighteen months ending with this
    one, no day in the future, numbers without gaps, totals the sums of their lines."""
    issued = invoices_of(session, codes)
    assert sorted({invoice.month for invoice in issued if invoice.kind == "invoice"}) == \
        months_back(18)
    assert max(invoice.issued_on for invoice in issued) <= TODAY
    assert all(invoice.issued_on == invoice.month for invoice in issued
               if invoice.kind == "invoice")
    series = defaultdict(list)
    for invoice in issued:
        series[(invoice.site_id, invoice.year)].append(invoice)
    codes_of = dict(session.exec(select(Site.id, Site.code)).all())
    counters = {(row.site_id, row.year): row.last for row in session.exec(select(InvoiceCounter))}
    for (site_id, year), numbered in series.items():
        numbered.sort(key=lambda invoice: invoice.seq)
        assert [invoice.number for invoice in numbered] == \
            [f"{codes_of[site_id]}-{year}-{seq:04d}" for seq in range(1, len(numbered) + 1)]
        assert counters[(site_id, year)] == len(numbered)
    lines = defaultdict(list)
    for charge in session.exec(select(Charge).where(Charge.invoice_id.in_(
            [invoice.id for invoice in issued]))):
        lines[charge.invoice_id].append(charge)
    for invoice in issued:
        assert invoice.net == sum(line.amount for line in lines[invoice.id]), invoice.number
        assert invoice.vat == sum(line.vat for line in lines[invoice.id]), invoice.number
        assert invoice.total == invoice.net + invoice.vat
    received = session.exec(select(func.max(Payment.received_on))).one()
    assert received is None or received <= TODAY
    return issued


def age_of(invoice: Invoice) -> str:
    days = (TODAY - invoice.due_on).days
    return "not due" if days <= 0 else "1–30" if days <= 30 else "31–60" if days <= 60 \
        else "61–90" if days <= 90 else "over 90"


def test_the_demo_bills_eighteen_months_by_the_rules(engine):
    added = demo(engine)
    with Session(engine) as session:
        issued = assert_books_hold(session, ("OC", "ON"))
        kinds = {kind: sum(invoice.kind == kind for invoice in issued)
                 for kind in ("invoice", "credit_note")}
        lines = session.exec(select(Charge.kind, func.count()).group_by(Charge.kind)).all()
    assert added["invoices"] == len(issued) and kinds["credit_note"] == 1
    assert 18 * 20 <= kinds["invoice"] <= 18 * 60
    assert {kind for kind, __ in lines} == {"rent", "booking", "course"}   # the demo's own


def test_the_demo_has_late_payers_in_every_age_and_most_pay_on_time(engine):
    demo(engine)
    with Session(engine) as session:
        issued = [invoice for invoice in invoices_of(session, ("OC", "ON"))
                  if invoice.kind == "invoice"]
        due = payments.still_due(session, issued)
        late = defaultdict(set)
        for invoice in issued:
            if due[invoice.id] > 0:
                late[age_of(invoice)].add(invoice.payer_id)
        paid_on = session.exec(select(Payment.received_on, Invoice.due_on)
                               .join(Allocation, Allocation.payment_id == Payment.id)
                               .join(Invoice, Invoice.id == Allocation.invoice_id)).all()
        allotted = session.exec(select(Allocation.payment_id, func.count(), func.sum(
            Allocation.amount)).group_by(Allocation.payment_id)).all()
        every = session.exec(select(Payment)).all()
    assert all(late[age] for age in ("31–60", "61–90", "over 90")), dict(late)
    behind = late["31–60"] | late["61–90"] | late["over 90"]
    assert 2 <= len(behind) <= 4, behind
    assert sum(received <= due_on for received, due_on in paid_on) / len(paid_on) >= 0.9
    returned = [payment for payment in every if payment.returned_on]
    assert [payment.method for payment in returned] == ["direct_debit"]
    assert returned[0].return_reason and returned[0].returned_on <= TODAY
    # Paid again by transfer: the invoice it was for owes nothing now.
    debited, = [invoice for invoice in issued
                if returned[0].reference.startswith(f"SDD-{invoice.number}-")]
    assert due[debited.id] == 0
    amounts = {payment.id: payment.amount for payment in every}
    spread = [payment for payment, count, __ in allotted if count > 1]
    assert len(spread) == 1                  # the overpayment, taken by the next invoice
    assert {payment for payment, __, total in allotted if total != amounts[payment]} == set()
    references = [payment.reference for payment in every]
    assert all(references) and len(set(references)) == len(references)
    assert {payment.method for payment in every} == {"transfer", "direct_debit", "card"}


def test_the_demo_bills_the_same_on_every_run_and_once(engine, tmp_path):
    first = demo(engine)
    again = demo(engine)
    assert first["invoices"] > 0 and first["payments"] > 0
    assert not again.get("invoices") and not again.get("payments")
    other = fresh_engine(tmp_path, "other.db")
    demo(other)

    def books(target: Engine) -> tuple[list, list]:
        with Session(target) as session:
            return ([(i.number, i.payer_id, i.issued_on, i.due_on, i.total)
                     for i in session.exec(select(Invoice).order_by(Invoice.number))],
                    [(p.reference, p.payer_id, p.received_on, p.amount, p.returned_on)
                     for p in session.exec(select(Payment).order_by(Payment.reference))])
    assert books(engine) == books(other)


def test_the_scale_copies_get_their_rent_billed_and_mostly_paid(engine):
    added = seed_scale(engine, 1)
    assert added["billing"] > 0
    with Session(engine) as session:
        issued = assert_books_hold(session, ("OC1", "ON1"))
        assert {charge for charge in session.exec(select(Charge.kind).distinct())} == {"rent"}
        due = payments.still_due(session, issued)
        owed = sum(due.values(), Decimal(0))
        billed = sum(invoice.total for invoice in issued)
        overdue = {invoice.payer_id for invoice in issued
                   if due[invoice.id] > 0 and (TODAY - invoice.due_on).days > 30}
        payer_count = session.exec(select(func.count()).select_from(Payer)).one()
    assert 0 < owed < billed / 5
    assert overdue and len(overdue) < payer_count / 5
    assert seed_scale(engine, 1)["billing"] == 0
