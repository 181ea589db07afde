"""Billing on small worlds whose right answers are stated literally: a lease from 15 February,
a rent change on the 10th, a lease ended early, a fee refunded before and after the deadline,
one payment over three invoices, an overpayment, a returned direct debit."""
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlmodel import select

from db.engine import reading, writing
from db.models import Charge, Enrolment, Invoice, Payer
from hub.billing import charges, invoices, payments
from hub.errors import Forbidden, Invalid
from hub.occupancy import leases
from tests.worlds import book, lease, write

D = Decimal


def bill(base, month, issued_on, **extra):
    return write(invoices.bill_month, actor=base["manager"], month=month,
                 issued_on=issued_on, **extra)


def lines_of(number):
    with reading() as session:
        invoice = session.exec(select(Invoice).where(Invoice.number == number)).one()
        lines = session.exec(select(Charge).where(Charge.invoice_id == invoice.id)
                             
                             .order_by(Charge.period_start, Charge.id)).all()
        return invoice, [(line.kind, line.period_start, line.period_end, line.amount, line.vat)
                         for line in lines]


def payer_of(base, who="giulia"):
    with reading() as session:
        return session.exec(select(Payer).where(Payer.tenant_id == base[who])).one()


def due_of(number):
    with reading() as session:
        invoice = session.exec(select(Invoice).where(Invoice.number == number)).one()
        return payments.still_due(session, [invoice])[invoice.id]


def pay(base, who="giulia", amount="100", on=date(2027, 3, 10), **extra):
    return write(payments.record_payment, actor=base["manager"], payer_id=payer_of(base, who).id,
                 received_on=on, amount=amount, method=extra.pop("method", "transfer"),
                 today=date(2027, 12, 31), **extra)


def test_a_lease_from_15_february_pays_14_of_28_days(base):
    lease(base, starts_on=date(2027, 2, 15), rent="280")
    run = bill(base, "2027-02", date(2027, 2, 1))
    assert run.invoices == ["T-2027-0001"]
    invoice, lines = lines_of("T-2027-0001")
    assert lines == [("rent", date(2027, 2, 15), date(2027, 2, 28), D("140.00"), D("30.80"))]
    assert (invoice.net, invoice.vat, invoice.total) == (D("140.00"), D("30.80"), D("170.80"))
    assert invoice.due_on == date(2027, 3, 3)          # 30 days' terms
    run = bill(base, "2027-03", date(2027, 3, 1))
    assert lines_of(run.invoices[0])[1] == [
        ("rent", date(2027, 3, 1), date(2027, 3, 31), D("280.00"), D("61.60"))]


def test_a_second_run_of_the_month_issues_nothing(base):
    lease(base, starts_on=date(2027, 1, 1), rent="300")
    lease(base, space="L2", tenant="aiko", starts_on=date(2027, 1, 1), rent="200")
    first = bill(base, "2027-01", date(2027, 1, 1))
    assert first.invoices == ["T-2027-0001", "T-2027-0002"] and first.total == D("610.00")
    again = bill(base, "2027-01", date(2027, 1, 2))
    assert again.invoices == [] and again.total == 0
    with reading() as session:
        assert len(session.exec(select(Invoice)).all()) == 2


def test_a_rent_change_on_the_10th_bills_each_day_at_its_rent(base):
    first = lease(base, starts_on=date(2027, 1, 1), rent="310")
    write(leases.change_rent, actor=base["manager"], lease_id=first.id, version=first.version,
          from_day=date(2027, 3, 10), monthly_rent="620")
    run = bill(base, "2027-03", date(2027, 3, 1))
    _, lines = lines_of(run.invoices[0])
    # 9 days at 310/31 a day, 22 days at 620/31 a day
    assert [line[1:4] for line in lines] == [
        (date(2027, 3, 1), date(2027, 3, 9), D("90.00")),
        (date(2027, 3, 10), date(2027, 3, 31), D("440.00"))]


def test_a_lease_ended_early_pays_to_its_last_day(base):
    first = lease(base, starts_on=date(2027, 1, 1), rent="300")
    write(leases.end_lease_early, actor=base["manager"], lease_id=first.id,
          version=first.version, ends_on=date(2027, 4, 20))
    run = bill(base, "2027-04", date(2027, 4, 1))
    assert lines_of(run.invoices[0])[1] == [
        ("rent", date(2027, 4, 1), date(2027, 4, 20), D("200.00"), D("44.00"))]
    assert bill(base, "2027-05", date(2027, 5, 1)).invoices == []


def test_bookings_are_billed_the_month_after_at_the_cheaper_rate(base):
    book(base, day=date(2027, 3, 2))                     # POT 10–12 at 15/h
    run = bill(base, "2027-04", date(2027, 4, 1))
    assert lines_of(run.invoices[0])[1] == [
        ("booking", date(2027, 3, 2), date(2027, 3, 2), D("30.00"), D("6.60"))]


def _course(base, price="120", deadline=date(2027, 3, 20)):
    from hub.programme.items import add_item
    return write(add_item, actor=base["manager"], site_id=base["site"], kind="course",
                 title="Wheel throwing", sector="ceramics", capacity=10, price=price,
                 refund_deadline=deadline).id


def _enrol(item_id, name, email, on):
    with writing() as session, session.begin():
        enrolment = Enrolment(item_id=item_id, participant_name=name, email=email,
                              created_at=datetime(on.year, on.month, on.day, 10, tzinfo=UTC))
        session.add(enrolment)
        session.flush()
        return enrolment.id


def _cancel(enrolment_id, on):
    with writing() as session, session.begin():
        enrolment = session.get(Enrolment, enrolment_id)
        enrolment.status = "cancelled"
        enrolment.cancelled_at = datetime(on.year, on.month, on.day, 9, tzinfo=UTC)


def test_a_fee_cancelled_before_the_deadline_is_credited_after_it_kept(base):
    item = _course(base)
    early = _enrol(item, "Marta Rossi", "marta@example.org", date(2027, 3, 2))
    late = _enrol(item, "Luca Bianchi", "luca@example.org", date(2027, 3, 3))
    run = bill(base, "2027-03", date(2027, 3, 5))
    assert len(run.invoices) == 2
    marta, marta_lines = lines_of(run.invoices[0])
    assert marta_lines == [("course", date(2027, 3, 2), date(2027, 3, 2), D("120.00"), D("0.00"))]
    with reading() as session:
        assert session.exec(select(Charge.exempt_reason).where(
            Charge.invoice_id == marta.id)).one().startswith("VAT exempt: training")
    _cancel(early, date(2027, 3, 20))     # on the deadline: refunded
    _cancel(late, date(2027, 3, 21))      # a day late: the fee stays
    run = bill(base, "2027-04", date(2027, 4, 1))
    assert run.invoices == [] and len(run.credit_notes) == 1 and run.credited == D("120.00")
    with reading() as session:
        note = session.exec(select(Invoice).where(Invoice.number == run.credit_notes[0])).one()
        assert note.kind == "credit_note" and note.credit_of_id == marta.id
    assert due_of(marta.number) == 0 and due_of(run.invoices[1] if len(run.invoices) > 1
                                                 else "T-2027-0002") == D("120.00")
    assert bill(base, "2027-04", date(2027, 4, 2)).credit_notes == []


def test_one_payment_over_three_invoices_pays_the_oldest_first(base):
    lease(base, starts_on=date(2027, 1, 1), rent="100")
    numbers = [bill(base, f"2027-0{m}", date(2027, m, 1)).invoices[0] for m in (1, 2, 3)]
    payment = pay(base, amount="300", on=date(2027, 3, 10))   # each invoice is 122.00
    assert [due_of(number) for number in numbers] == [D("0.00"), D("0.00"), D("66.00")]
    with reading() as session:
        assert payments.unallocated(session, payment) == 0


def test_a_payment_to_a_chosen_invoice_and_an_overpayment_kept_as_credit(base):
    lease(base, starts_on=date(2027, 1, 1), rent="100")
    first, second = (bill(base, f"2027-0{m}", date(2027, m, 1)).invoices[0] for m in (1, 2))
    with reading() as session:
        second_id = session.exec(select(Invoice.id).where(Invoice.number == second)).one()
    pay(base, amount="200", invoice_ids=[second_id])
    assert due_of(first) == D("122.00") and due_of(second) == 0
    with reading() as session:
        assert payments.payer_credit(session, payer_of(base).id) == D("78.00")
    third = bill(base, "2027-03", date(2027, 3, 1)).invoices[0]     # the credit pays part of it
    assert due_of(third) == D("44.00") and due_of(first) == D("122.00")
    with reading() as session:
        assert payments.payer_credit(session, payer_of(base).id) == 0


def test_a_returned_direct_debit_reopens_what_it_paid(base):
    lease(base, starts_on=date(2027, 1, 1), rent="100")
    number = bill(base, "2027-01", date(2027, 1, 1)).invoices[0]
    debit = pay(base, amount="122", method="direct_debit", reference="SDD-2027-01-T1",
                on=date(2027, 1, 5))
    assert due_of(number) == 0
    returned = write(payments.return_payment, actor=base["manager"], payment_id=debit.id,
                     version=debit.version, returned_on=date(2027, 1, 12),
                     reason="MD06: refund requested by the debtor")
    assert due_of(number) == D("122.00") and returned.return_reason.startswith("MD06")
    with pytest.raises(Invalid, match="already returned"):
        write(payments.return_payment, actor=base["manager"], payment_id=debit.id,
              version=None, returned_on=date(2027, 1, 13), reason="again")
    with pytest.raises(Invalid, match="already booked") as refused:
        pay(base, amount="122", reference="SDD-2027-01-T1")
    assert refused.value.field == "reference"


def test_a_credit_note_on_a_paid_invoice_turns_the_payment_into_credit(base):
    lease(base, starts_on=date(2027, 1, 1), rent="100")
    number = bill(base, "2027-01", date(2027, 1, 1)).invoices[0]
    pay(base, amount="122", on=date(2027, 1, 5))
    with reading() as session:
        invoice_id = session.exec(select(Invoice.id).where(Invoice.number == number)).one()
    note = write(invoices.credit_note, actor=base["manager"], invoice_id=invoice_id,
                 reason="rent waived for January", issued_on=date(2027, 1, 20))
    assert note.number == "T-2027-0002" and note.total == D("122.00")
    with reading() as session:
        assert payments.payer_credit(session, payer_of(base).id) == D("122.00")
    with pytest.raises(Invalid, match="already credited"):
        write(invoices.credit_note, actor=base["manager"], invoice_id=invoice_id,
              reason="again", issued_on=date(2027, 1, 21))


def test_numbers_run_per_site_and_year(base):
    lease(base, starts_on=date(2026, 12, 1), rent="100")
    assert bill(base, "2026-12", date(2026, 12, 1)).invoices == ["T-2026-0001"]
    assert bill(base, "2027-01", date(2027, 1, 1)).invoices == ["T-2027-0001"]


@pytest.mark.parametrize("role", ["communication", "viewer"])
def test_only_a_manager_bills_or_books_payments(base, role):
    lease(base, starts_on=date(2027, 1, 1), rent="100")
    with pytest.raises(Forbidden):
        write(invoices.bill_month, actor=base[role], month="2027-01", issued_on=date(2027, 1, 1))
    with reading() as session:
        assert session.exec(select(Invoice)).all() == []


def test_a_one_off_charge_goes_on_the_next_invoice(base):
    lease(base, starts_on=date(2027, 1, 1), rent="100")
    write(charges.add_charge, actor=base["manager"], site_id=base["site"], kind="damage",
          amount="45.50", day=date(2027, 1, 15), description="Broken kiln shelf",
          tenant_id=base["giulia"])
    lines = lines_of(bill(base, "2027-01", date(2027, 1, 1)).invoices[0])[1]
    assert [line[0] for line in lines] == ["rent", "damage"]
    with pytest.raises(Invalid) as refused:
        write(charges.add_charge, actor=base["manager"], site_id=base["site"], kind="rent",
              amount="10", day=date(2027, 1, 15), description="x", tenant_id=base["giulia"])
    assert refused.value.field == "kind"


def test_month_written_wrong_is_refused_naming_the_field(base):
    with pytest.raises(Invalid) as refused:
        bill(base, "2027-13", date(2027, 1, 1))
    assert refused.value.field == "month"
