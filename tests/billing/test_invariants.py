"""Billing's books checked on generated sequences (Hypothesis): monthly runs over months in
any order, payments of any amount (to the oldest invoices or to chosen ones), credit notes
of whole invoices or of some lines, and returned payments. After every step:

- every payer's balance is invoiced − credited − allocated, and equals what their open
  invoices still need (so no invoice is paid or credited beyond its total);
- no payment pays more than its amount; a returned one pays nothing;
- what payments hold beyond what they pay is the payer's credit, and the account statement's
  balance (invoices − credit notes − payments + returns) is the balance less that credit;
- invoice numbers run 1..n without a gap per site and year, and read SITE-YEAR-NNNN.

Two sites (T and S), three tenants on leases from November 2026, so a run can cross the
year (the series starts again at 1 in 2027) and a lease's first month is pro rata."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, func
from sqlmodel import select

from db.engine import reading, writing
from db.models import (Allocation, Charge, Invoice, InvoiceCounter, Payer, Payment, Reminder,
                       Site, Space, Tenant)
from hub.billing import arrears, invoices, payments
from hub.errors import Invalid
from tests.worlds import lease, write

SETTINGS = settings(max_examples=40, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])
MONTHS = [date(2026, 11, 1), date(2026, 12, 1), date(2027, 1, 1), date(2027, 2, 1),
          date(2027, 3, 1), date(2027, 4, 1)]
TODAY = date(2027, 12, 31)
D = Decimal


@pytest.fixture
def books(base):
    """Giulia (L1, 310 a month) and Aiko (L2 from 15 November, 215.50) at T; Marco (S1, 99.99)
    at a second site S."""
    with writing() as session, session.begin():
        site = Site(code="S", name="Second Hub", city="Siena")
        session.add(site)
        session.flush()
        session.add(Space(site_id=site.id, code="S1", name="Studio 1", kind="laboratory",
                          area_m2=12, monthly_rent=D("99.99"), leasable=True))
        session.add(Tenant(site_id=site.id, name="Marco Gialli", sector="wood",
                           origin_country="IT", joined_on=date(2020, 1, 1)))
        session.flush()
        base["S1"] = session.exec(select(Space.id).where(Space.code == "S1")).one()
        base["marco"] = session.exec(select(Tenant.id).where(
            Tenant.name == "Marco Gialli")).one()
    lease(base, starts_on=date(2026, 11, 1), rent="310")
    lease(base, space="L2", tenant="aiko", starts_on=date(2026, 11, 15), rent="215.50")
    lease(base, space="S1", tenant="marco", starts_on=date(2026, 11, 1), rent="99.99")
    return base


def wipe() -> None:
    """Every invoice, payment and counter gone: each example starts with nothing billed."""
    with writing() as session, session.begin():
        for model in (Allocation, Payment, Reminder):
            session.exec(delete(model))
        session.exec(delete(Charge).where(Charge.credit_of_id.is_not(None)))
        session.exec(delete(Charge))
        session.exec(delete(Invoice).where(Invoice.credit_of_id.is_not(None)))
        session.exec(delete(Invoice))
        session.exec(delete(InvoiceCounter))


# --- the steps ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Bill:
    month: int            # index in MONTHS
    late: int             # days after the 1st it is issued


@dataclass(frozen=True)
class Pay:
    payer: int            # index among the payers billed so far
    cents: int
    chosen: tuple[int, ...] | None     # indexes among the payer's open invoices; None: oldest


@dataclass(frozen=True)
class Credit:
    invoice: int          # index among the invoices issued
    some_lines: bool      # only the first line not yet credited
    after: int            # days after the invoice


@dataclass(frozen=True)
class Return:
    payment: int          # index among the payments not returned
    after: int


steps = st.lists(st.one_of(
    st.builds(Bill, st.integers(0, len(MONTHS) - 1), st.integers(0, 3)),
    st.builds(Pay, st.integers(0, 5), st.integers(1, 120_000),
              st.none() | st.lists(st.integers(0, 5), min_size=1, max_size=3,
                                   unique=True).map(tuple)),
    st.builds(Credit, st.integers(0, 20), st.booleans(), st.integers(0, 40)),
    st.builds(Return, st.integers(0, 10), st.integers(0, 10))), min_size=1, max_size=12)


def _all(model, *where, order=None):
    with reading() as session:
        return session.exec(select(model).where(*where).order_by(order or model.id)).all()


def run(books, step) -> None:
    manager = books["manager"]
    if isinstance(step, Bill):
        month = MONTHS[step.month]
        write(invoices.bill_month, actor=manager, month=month,
              issued_on=month + timedelta(days=step.late))
    elif isinstance(step, Pay):
        payers = _all(Payer)
        if not payers:
            return
        payer = payers[step.payer % len(payers)]
        chosen = None
        if step.chosen is not None:
            with reading() as session:
                open_ones = [invoice.id for invoice, _ in
                             payments.open_invoices(session, payer.id)]
            if not open_ones:
                return
            chosen = list(dict.fromkeys(open_ones[i % len(open_ones)] for i in step.chosen))
        write(payments.record_payment, actor=manager, payer_id=payer.id,
              received_on=date(2027, 5, 1), amount=D(step.cents) / 100, method="transfer",
              invoice_ids=chosen, today=TODAY)
    elif isinstance(step, Credit):
        issued = _all(Invoice, Invoice.kind == "invoice")
        if not issued:
            return
        invoice = issued[step.invoice % len(issued)]
        lines = None
        if step.some_lines:
            with reading() as session:
                done = invoices.credited_lines(session, invoice.id)
            left = [line.id for line in _all(Charge, Charge.invoice_id == invoice.id)
                    if line.id not in done]
            lines = left[:1] or None
        try:
            write(invoices.credit_note, actor=manager, invoice_id=invoice.id,
                  reason="Generated correction", line_ids=lines,
                  issued_on=invoice.issued_on + timedelta(days=step.after))
        except Invalid as refused:      # every line already credited: nothing written
            assert refused.field == "lines", refused
    elif isinstance(step, Return):
        kept = _all(Payment, Payment.returned_on.is_(None))
        if not kept:
            return
        payment = kept[step.payment % len(kept)]
        write(payments.return_payment, actor=manager, payment_id=payment.id,
              version=payment.version, returned_on=payment.received_on
              + timedelta(days=step.after), reason="MD06")


# --- the invariants -------------------------------------------------------------------------

def sums(session, column, key, *where) -> dict[int, Decimal]:
    return {k: D(v) for k, v in session.exec(
        select(key, func.sum(column)).where(*where).group_by(key)).all()}


def check_books() -> None:
    with reading() as session:
        all_invoices = session.exec(select(Invoice)).all()
        by_id = {invoice.id: invoice for invoice in all_invoices}
        credited = sums(session, Invoice.total, Invoice.credit_of_id,
                        Invoice.credit_of_id.is_not(None))
        paid_in = sums(session, Allocation.amount, Allocation.invoice_id)
        paid_by = sums(session, Allocation.amount, Allocation.payment_id)
        # no invoice credited or paid beyond its total
        for invoice_id, amount in credited.items():
            assert amount <= by_id[invoice_id].total, by_id[invoice_id].number
        for invoice_id, amount in paid_in.items():
            invoice = by_id[invoice_id]
            assert invoice.kind == "invoice"
            assert amount <= invoice.total - credited.get(invoice_id, 0), invoice.number
        # no payment pays beyond its amount; a returned one pays nothing
        for payment in session.exec(select(Payment)).all():
            used = paid_by.get(payment.id, D(0))
            assert used <= payment.amount, payment
            assert payment.returned_on is None or used == 0, payment
        for payer in session.exec(select(Payer)).all():
            mine = [invoice for invoice in all_invoices if invoice.payer_id == payer.id]
            invoiced = sum((i.total for i in mine if i.kind == "invoice"), D(0))
            credit_notes = sum((i.total for i in mine if i.kind == "credit_note"), D(0))
            allocated = sum((paid_in.get(i.id, D(0)) for i in mine), D(0))
            balance = invoiced - credit_notes - allocated
            still = sum((due for _, due in payments.open_invoices(session, payer.id)), D(0))
            assert balance == still, (payer.name, balance, still)
            received = sum((p.amount for p in session.exec(select(Payment).where(
                Payment.payer_id == payer.id, Payment.returned_on.is_(None))).all()), D(0))
            credit = payments.payer_credit(session, payer.id)
            assert credit == received - allocated and credit >= 0, (payer.name, credit)
            account = arrears.statement(session, payer.id, date(2000, 1, 1), date(2100, 1, 1))
            assert account.opening == 0
            assert account.closing == balance - credit, (payer.name, account.closing)
        # numbers: 1..n per site and year, SITE-YEAR-NNNN, the counter at n
        codes = dict(session.exec(select(Site.id, Site.code)).all())
        series: dict[tuple[int, int], list[Invoice]] = defaultdict(list)
        for invoice in all_invoices:
            series[invoice.site_id, invoice.year].append(invoice)
        counters = {(c.site_id, c.year): c.last for c in session.exec(select(InvoiceCounter))}
        for (site_id, year), issued in series.items():
            assert sorted(i.seq for i in issued) == list(range(1, len(issued) + 1))
            assert all(i.number == f"{codes[site_id]}-{year}-{i.seq:04d}" and
                       i.issued_on.year == year for i in issued)
            assert counters[site_id, year] == len(issued)
        assert len({i.number for i in all_invoices}) == len(all_invoices)


@SETTINGS
@example(steps=[Bill(2, 0), Bill(0, 1), Pay(0, 50_000, None), Credit(0, False, 5),
                Bill(5, 0), Return(0, 3), Credit(0, True, 40), Pay(0, 10_000, (1, 0))])
@given(steps=steps)
def test_the_books_balance_after_every_step(books, steps):
    wipe()
    for step in steps:
        run(books, step)
        check_books()
