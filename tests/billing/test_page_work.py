"""The Billing screen's work tabs through AppTest, as the manager: bill a month, record a
payment, return one. Right answers are stated literally; the month billed is this one (the
screen offers this month and the one before), so the invoices' numbers carry this year."""
from datetime import date, timedelta

import pytest
from sqlmodel import select

from db.engine import reading
from db.models import AuditEntry, Charge, Invoice, Payer, Payment
from hub.billing import invoices, payments
from tests.apptest import open_page, said, shown, signed_in_app, text_of
from tests.worlds import lease, write
from ui.format import month

TODAY = date.today()
YEAR = TODAY.year
FIRST = f"T-{YEAR}-0001"


@pytest.fixture
def leased(base):
    """Giulia rents L1 at 100 a month (122.00 with VAT), Aiko L2 at 200 (244.00)."""
    long_ago = TODAY - timedelta(days=400)
    lease(base, space="L1", starts_on=long_ago, rent="100")
    lease(base, space="L2", tenant="aiko", starts_on=long_ago, rent="200")
    return base


@pytest.fixture
def billed(leased):
    """This month billed: Giulia's invoice is T-<year>-0001."""
    run = write(invoices.bill_month, actor=leased["manager"], month=TODAY.replace(day=1),
                site_id=leased["site"])
    assert run.invoices == [FIRST, f"T-{YEAR}-0002"]
    return leased


def billing_page():
    at = open_page(signed_in_app("boss"), "billing")
    picker = next(s for s in at.selectbox if s.label == "Site")
    at = picker.select(next(o for o in picker.options if "Test Hub" in o)).run()
    assert not at.exception
    return at


def invoice_list(at) -> list[dict]:
    """The invoices table as the screen shows it."""
    frame = next(f.value for f in at.dataframe if "Still due" in f.value.columns)
    return frame[["Number", "Payer", "Total", "Still due", "Status"]].to_dict("records")


def text_field(at, label):
    return next(widget for widget in at.text_input if widget.label == label)


def button(at, label):
    return next(widget for widget in at.button if widget.label == label)


def payers():
    with reading() as session:
        return {payer.name: payer.id for payer in session.exec(select(Payer))}


def count(model) -> int:
    with reading() as session:
        return len(session.exec(select(model)).all())


def test_billing_a_month_from_the_form_issues_its_invoices_once(leased):
    at = billing_page()
    offered = at.selectbox(key="billing_bill_month")
    assert offered.options == [month(TODAY.replace(day=1)),
                               month((TODAY.replace(day=1) - timedelta(days=1)).replace(day=1))]
    at = button(at, "Bill the month").click().run()
    assert not at.exception
    assert said(at) == [f"{month(TODAY.replace(day=1))} billed: 2 invoices for €366.00."]
    assert invoice_list(at) == [
        {"Number": f"T-{YEAR}-0002", "Payer": "Aiko Tanaka", "Total": "€244.00",
         "Still due": "€244.00", "Status": "open"},
        {"Number": FIRST, "Payer": "Giulia Neri", "Total": "€122.00", "Still due": "€122.00",
         "Status": "open"}]
    at = button(at, "Bill the month").click().run()      # the month again: nothing more
    assert said(at) == [(f"Nothing new to bill for {month(TODAY.replace(day=1))}: every payer "
                         "with charges is billed for it already, and no fee was refunded since.")]
    assert count(Invoice) == 2 and len(invoice_list(at)) == 2


def payment_form(at, payer="Giulia Neri"):
    box = at.selectbox(key="billing_payment_payer")
    return box.select(payers()[payer]).run()


def test_a_payment_recorded_pays_the_invoice_and_the_form_starts_afresh(billed):
    at = payment_form(billing_page())
    text_field(at, "Amount €").input("122.00")
    text_field(at, "Reference (bank or terminal)").input("TRN-0042")
    at = button(at, "Record payment").click().run()
    assert not at.exception
    assert said(at) == [f"€122.00 from Giulia Neri recorded. It paid {FIRST} (€122.00)."]
    rows = {row["Number"]: row for row in invoice_list(at)}
    assert (rows[FIRST]["Still due"], rows[FIRST]["Status"]) == ("€0.00", "paid")
    assert rows[f"T-{YEAR}-0002"]["Status"] == "open"
    # afresh: the next payment starts from empty fields
    assert text_field(at, "Amount €").value == ""
    assert text_field(at, "Reference (bank or terminal)").value == ""
    with reading() as session:
        assert [(p.amount, p.reference) for p in session.exec(select(Payment))] == [
            (pytest.approx(122), "TRN-0042")]


def test_a_bad_amount_is_refused_naming_the_field_and_nothing_is_written(billed):
    at = payment_form(billing_page())
    text_field(at, "Amount €").input("12 euro")
    at = button(at, "Record payment").click().run()
    assert not at.exception
    assert [shown(e.value) for e in at.error] == [
        "amount: amount must be an amount in euros, like 450 or 450.50"]
    assert text_field(at, "Amount €").value == "12 euro"       # kept as typed
    assert count(Payment) == 0
    assert {row["Number"]: row["Status"] for row in invoice_list(at)}[FIRST] == "open"


def test_a_return_over_someone_elses_is_refused_as_stale(billed):
    debit = write(payments.record_payment, actor=billed["manager"],
                  payer_id=payers()["Giulia Neri"], received_on=TODAY, amount="122",
                  method="direct_debit", reference="SDD-1")
    at = billing_page()
    at.selectbox(key="billing_return_payment").select(debit.id)   # in the form: sent with it
    text_field(at, "Reason (like MD06: refund requested by the debtor)").input("MD06")
    # meanwhile someone else returns it, from the screen as it was
    write(payments.return_payment, actor=billed["manager"], payment_id=debit.id,
          version=debit.version, returned_on=TODAY, reason="AM04: insufficient funds")
    at = button(at, "Return payment").click().run()
    assert not at.exception
    assert "This payment was changed by Boss (boss)" in text_of(at)
    assert "Reload the record" in [b.label for b in at.button]
    with reading() as session:
        payment = session.get(Payment, debit.id)
        assert payment.return_reason == "AM04: insufficient funds"
        assert len(session.exec(select(AuditEntry).where(
            AuditEntry.action == "return")).all()) == 1


def test_a_payment_returned_from_the_form_opens_the_invoice_again(billed):
    debit = write(payments.record_payment, actor=billed["manager"],
                  payer_id=payers()["Giulia Neri"], received_on=TODAY, amount="122",
                  method="direct_debit", reference="SDD-1")
    at = billing_page()
    assert {row["Number"]: row["Status"] for row in invoice_list(at)}[FIRST] == "paid"
    at.selectbox(key="billing_return_payment").select(debit.id)
    text_field(at, "Reason (like MD06: refund requested by the debtor)").input("MD06")
    at = button(at, "Return payment").click().run()
    assert not at.exception
    assert said(at) == [("Payment of €122.00 from Giulia Neri returned: what it paid is open "
                        "again.")]
    rows = {row["Number"]: row for row in invoice_list(at)}
    assert (rows[FIRST]["Still due"], rows[FIRST]["Status"]) == ("€122.00", "open")


def test_a_one_off_charge_added_is_listed_until_removed(leased):
    at = billing_page()
    who = at.selectbox(key=f"billing_charge_{leased['site']}_payer")
    who.select(("tenant", leased["giulia"]))
    next(s for s in at.selectbox if s.label == "Kind").select("damage")
    text_field(at, "Amount € (net of VAT)").input("45.50")
    text_field(at, "Description (printed on the invoice)").input("Broken kiln shelf")
    at = button(at, "Add charge").click().run()
    assert not at.exception
    assert said(at) == [(f"Damage of €45.50 for Giulia Neri added: it goes on their invoice for "
                        f"{month(TODAY)} or a later one.")]
    pending = next(f.value for f in at.dataframe if "Description" in f.value.columns
                   and "Kind" in f.value.columns)
    assert pending[["Payer", "Kind", "Description", "Net", "VAT rate"]].to_dict("records") == [
        {"Payer": "Giulia Neri", "Kind": "damage", "Description": "Broken kiln shelf",
         "Net": "€45.50", "VAT rate": "22%"}]
    assert text_field(at, "Amount € (net of VAT)").value == ""         # afresh
    with reading() as session:
        charge_id = session.exec(select(Charge.id)).one()
    at.selectbox(key="billing_remove_charge_charge").select(charge_id)
    at = button(at, "Remove charge").click().run()
    assert not at.exception
    assert said(at) == ["Charge removed: Broken kiln shelf"]
    assert count(Charge) == 0 and "Every charge is invoiced." in text_of(at)


def test_a_payers_terms_edited_and_a_credit_note_on_an_invoice(billed):
    at = billing_page()
    at = at.selectbox(key="billing_payer_pick").select(payers()["Giulia Neri"]).run()
    next(n for n in at.number_input if n.label == "Payment terms (days)").set_value(15)
    at = button(at, "Save payer").click().run()
    assert not at.exception and said(at) == ["Giulia Neri saved."]
    terms = next(f.value for f in at.dataframe if "Payment terms (days)" in f.value.columns)
    assert dict(zip(terms["Payer"], terms["Payment terms (days)"])) == {
        "Aiko Tanaka": 30, "Giulia Neri": 15}

    with reading() as session:
        first = session.exec(select(Invoice).where(Invoice.number == FIRST)).one()
    at = at.selectbox(key="billing_invoice_pick").select(first.id).run()
    lines = next(f.value for f in at.dataframe if "VAT exempt because" in f.value.columns)
    assert lines[["Kind", "Net", "VAT rate", "VAT"]].to_dict("records") == [
        {"Kind": "rent", "Net": "€100.00", "VAT rate": "22%", "VAT": "€22.00"}]
    at = button(at, "Issue credit note").click().run()          # no reason: refused
    assert [shown(e.value) for e in at.error] == ["reason: reason is required"]
    assert count(Invoice) == 2
    text_field(at, "Reason").input("rent waived")
    at = button(at, "Issue credit note").click().run()
    assert not at.exception
    assert said(at) == [f"Credit note T-{YEAR}-0003 issued for €122.00."]
    rows = {row["Number"]: row for row in invoice_list(at)}
    assert (rows[FIRST]["Still due"], rows[FIRST]["Status"]) == ("€0.00", "credited")
    assert "Every line of " + FIRST + " is credited." in text_of(at)
