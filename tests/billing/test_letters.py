"""Arrears letters: the reminder level by days late (from the due date, stated literally),
a level sent once, only a manager sends; the letters in the payer's language with the
payer's name escaped, as HTML and as a PDF read back; the account statement; the invoice.

The world: Giulia leases L1 from 1 January 2025 at 1,024.59 a month (+ 22 % VAT: 1,250.00);
January is invoiced on 1 January (T-2025-0001) and due on 31 January (30 days' terms)."""
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func
from sqlmodel import select

from db.engine import reading
from db.models import AuditEntry, Invoice, Payer, Payment, Reminder
from hub.billing import arrears, invoices, letters, payers, payments
from hub.errors import Forbidden, Invalid
from tests.billing.pdf_text import pdf_text
from tests.billing.test_worlds import bill, pay, payer_of
from tests.worlds import lease, read, write

D = Decimal
DUE = date(2025, 1, 31)


@pytest.fixture
def late(base):
    """January's and February's rent invoiced, nothing paid."""
    lease(base, starts_on=date(2025, 1, 1), rent="1024.59")
    assert bill(base, "2025-01", date(2025, 1, 1)).invoices == ["T-2025-0001"]
    assert bill(base, "2025-02", date(2025, 2, 1)).invoices == ["T-2025-0002"]
    base["payer"] = payer_of(base).id
    return base


def rename(base, name="Giulia Neri", language="it"):
    with reading() as session:
        payer = session.get(Payer, base["payer"])
        version = payer.version
    write(payers.edit_payer, actor=base["manager"], payer_id=base["payer"], version=version,
          name=name, email="giulia@example.org", language=language, terms_days=30)


def due_on(base, today):
    return [(due.payer.name, due.level, [item.invoice.number for item in due.invoices],
             due.total) for due in read(arrears.due_reminders, site_id=base["site"], today=today)]


def send(base, today, role="manager"):
    return write(arrears.send_reminder, actor=base[role], payer_id=base["payer"], today=today)


# --- levels ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("days_late", "level"), [
    (0, 0), (1, 1), (30, 1), (31, 2), (60, 2), (61, 3), (90, 3), (91, 3)])
def test_the_level_follows_the_days_late(days_late, level):
    assert arrears.level_for(days_late) == level


@pytest.mark.parametrize(("today", "level"), [
    (date(2025, 2, 1), 1),      # 1 day late
    (date(2025, 3, 2), 1),      # 30
    (date(2025, 3, 3), 2),      # 31
    (date(2025, 4, 1), 2),      # 60
    (date(2025, 4, 2), 3),      # 61
    (date(2025, 5, 1), 3),      # 90
    (date(2025, 5, 2), 3)])     # 91
def test_the_level_due_is_the_oldest_overdue_invoices(late, today, level):
    due, = due_on(late, today)
    assert due[:2] == ("Giulia Neri", level)
    # February's invoice (due 3 March) is listed once it is late too
    assert due[2] == (["T-2025-0001"] if today <= date(2025, 3, 3)
                      else ["T-2025-0001", "T-2025-0002"])
    assert due[3] == D("1250.00") * len(due[2])


def test_nobody_is_late_on_the_due_date_and_a_paid_invoice_is_not_late(late):
    assert due_on(late, DUE) == []
    pay(late, amount="1250", on=date(2025, 1, 20))
    assert due_on(late, date(2025, 3, 3)) == []      # February's falls due on 3 March
    assert due_on(late, date(2025, 3, 4)) == [("Giulia Neri", 1, ["T-2025-0002"], D("1250.00"))]


def test_a_reminder_sent_is_not_due_again_until_the_next_level(late):
    reminder = send(late, date(2025, 2, 10))
    assert (reminder.level, reminder.sent_on, reminder.total, reminder.invoices) == (
        1, date(2025, 2, 10), D("1250.00"), ["T-2025-0001"])
    assert due_on(late, date(2025, 2, 20)) == []
    assert due_on(late, date(2025, 3, 2)) == []       # still level 1, sent
    assert due_on(late, date(2025, 3, 3)) == [
        ("Giulia Neri", 2, ["T-2025-0001"], D("1250.00"))]
    second = send(late, date(2025, 3, 5))
    assert (second.level, second.invoices, second.total) == (
        2, ["T-2025-0001", "T-2025-0002"], D("2500.00"))
    assert due_on(late, date(2025, 3, 31)) == []
    assert [level for _, level, _, _ in due_on(late, date(2025, 4, 2))] == [3]
    # January paid: February's invoice (due 3 March) is the oldest; the firm reminder listed
    # it, so it is next due at level 3, 61 days late
    pay(late, amount="1250", on=date(2025, 3, 20))
    assert due_on(late, date(2025, 3, 21)) == []
    assert due_on(late, date(2025, 5, 2)) == []
    assert due_on(late, date(2025, 5, 3)) == [
        ("Giulia Neri", 3, ["T-2025-0002"], D("1250.00"))]


def test_a_reminder_that_did_not_list_the_oldest_invoice_does_not_count_for_it(late):
    send(late, date(2025, 2, 10))                      # January's, level 1
    pay(late, amount="1250", on=date(2025, 2, 20))     # January paid
    assert due_on(late, date(2025, 3, 4)) == [
        ("Giulia Neri", 1, ["T-2025-0002"], D("1250.00"))]


def test_the_reminders_are_on_the_payers_history(late):
    pay(late, amount="100", on=date(2025, 2, 3), reference="TR-1")
    send(late, date(2025, 2, 10))
    history = read(arrears.payer_history, payer_id=late["payer"])
    assert [(entry.day, entry.kind, entry.reference, entry.amount, entry.level)
            for entry in history] == [
        (date(2025, 1, 1), "invoice", "T-2025-0001", D("1250.00"), None),
        (date(2025, 2, 1), "invoice", "T-2025-0002", D("1250.00"), None),
        (date(2025, 2, 3), "payment", "TR-1", D("-100.00"), None),
        (date(2025, 2, 10), "reminder", "T-2025-0001", D("0.00"), 1)]


def audit_count(table):
    with reading() as session:
        return session.exec(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.entity == table)).one()


def test_only_a_manager_sends_a_reminder_and_a_refusal_writes_nothing(late):
    for role in ("communication", "viewer"):
        with pytest.raises(Forbidden):
            send(late, date(2025, 2, 10), role=role)
    with pytest.raises(Invalid) as refused:
        send(late, DUE)
    assert refused.value.field == "payer"
    assert "Giulia Neri has nothing overdue on 31 Jan 2025" in str(refused.value)
    with reading() as session:
        assert session.exec(select(Reminder)).all() == []
    assert audit_count("reminders") == 0
    send(late, date(2025, 2, 10))
    assert audit_count("reminders") == 1


# --- the letters ----------------------------------------------------------------------------

def draft(base, today):
    return read(arrears.draft_reminder, payer_id=base["payer"], today=today)


def test_the_letter_escapes_the_payers_name(late):
    rename(late, "<b>Ann & Co</b>", language="en")
    html = read(letters.reminder_html, due=draft(late, date(2025, 2, 10)))
    assert "&lt;b&gt;Ann &amp; Co&lt;/b&gt;" in html
    assert "<b>Ann" not in html
    assert "Dear &lt;b&gt;Ann &amp; Co&lt;/b&gt;," in html
    # and the PDF prints it as typed
    text = pdf_text(read(letters.reminder_pdf, due=draft(late, date(2025, 2, 10))))
    assert "<b>Ann & Co</b>" in text


def test_the_italian_letter_writes_italian_money_and_dates(late):
    html = read(letters.reminder_html, due=draft(late, date(2025, 3, 5)))
    assert '<html lang="it">' in html
    assert "Secondo sollecito" in html                 # level 2: 33 days late
    assert "5 marzo 2025" in html                      # the letter's date
    assert "31 gen 2025" in html and "1 gen 2025" in html and "3 mar 2025" in html
    assert "€ 1.250,00" in html and "€ 2.500,00" in html
    assert "15 marzo 2025" in html                     # pay within 10 days
    assert ">Total<" not in html and "Dear" not in html


def test_the_english_letter_is_in_english(late):
    rename(late, language="en")
    html = read(letters.reminder_html, due=draft(late, date(2025, 4, 2)))
    assert "Final notice" in html and "Dear Giulia Neri," in html
    assert "€1,250.00" in html and "€2,500.00" in html and "2 April 2025" in html
    assert "12 April 2025" in html


def test_a_level_1_letter_is_polite_and_names_no_deadline(late):
    rename(late, language="en")
    html = read(letters.reminder_html, due=draft(late, date(2025, 2, 1)))
    assert "Payment reminder" in html and "at your earliest convenience" in html
    assert "further steps" not in html


def test_the_pdf_is_a_pdf_with_the_invoices_and_the_total(late):
    with reading() as session:
        pdf = letters.reminder_pdf(session, arrears.draft_reminder(session, late["payer"],
                                                                   date(2025, 3, 5)))
    assert pdf.startswith(b"%PDF-1.") and pdf.rstrip().endswith(b"%%EOF")
    text = pdf_text(pdf)
    for expected in ("Secondo sollecito", "Giulia Neri", "T-2025-0001", "T-2025-0002",
                     "€ 1.250,00", "€ 2.500,00", "31 gen 2025", "5 marzo 2025"):
        assert expected in text, expected


def test_a_sent_reminder_prints_what_it_listed_still_due(late):
    reminder = send(late, date(2025, 2, 10))
    pay(late, amount="250", on=date(2025, 2, 12))
    with reading() as session:
        sent = session.get(Reminder, reminder.id)
        html = letters.reminder_html(session, sent)
    assert "T-2025-0001" in html and "T-2025-0002" not in html
    assert "€ 1.000,00" in html and "10 febbraio 2025" in html


def test_a_name_the_font_cannot_draw_does_not_break_the_pdf(late):
    rename(late, "田中 (Aiko) \\ Ceramics 🏺", language="en")
    text = pdf_text(read(letters.reminder_pdf, due=draft(late, date(2025, 2, 10))))
    assert "(Aiko) \\ Ceramics" in text and "T-2025-0001" in text


# --- the account statement ------------------------------------------------------------------

def test_the_statement_runs_the_balance_from_the_opening_to_the_closing(late):
    pay(late, amount="1250", on=date(2025, 1, 25), reference="TR-JAN")
    pay(late, amount="1300", on=date(2025, 2, 20), reference="SDD-FEB", method="direct_debit")
    with reading() as session:
        debit = session.exec(select(Payment).where(Payment.reference == "SDD-FEB")).one()
    write(payments.return_payment, actor=late["manager"], payment_id=debit.id,
          version=debit.version, returned_on=date(2025, 2, 27), reason="MD06")
    with reading() as session:
        january = invoices.invoice_by_number(session, "T-2025-0001").id
    write(invoices.credit_note, actor=late["manager"], invoice_id=january,
          reason="Rent waived", issued_on=date(2025, 2, 28))
    account = read(arrears.statement, payer_id=late["payer"], first=date(2025, 2, 1),
                   last=date(2025, 2, 28))
    assert account.opening == D("0.00")          # 1,250 invoiced, 1,250 paid in January
    assert [(entry.day, entry.kind, entry.amount, balance)
            for entry, balance in account.rows] == [
        (date(2025, 2, 1), "invoice", D("1250.00"), D("1250.00")),
        (date(2025, 2, 20), "payment", D("-1300.00"), D("-50.00")),
        (date(2025, 2, 27), "return", D("1300.00"), D("1250.00")),
        (date(2025, 2, 28), "credit_note", D("-1250.00"), D("0.00"))]
    assert account.closing == D("0.00")
    html = read(letters.statement_html, account=account)
    assert "Estratto conto" in html and "Dal 1 febbraio 2025 al 28 febbraio 2025" in html
    assert "-€ 50,00" in html and "MD06" in html and "Rent waived" in html
    text = pdf_text(read(letters.statement_pdf, account=account))
    assert "SDD-FEB" in text and "T-2025-0002" in text and "-€ 50,00" in text


def test_a_statement_ends_on_or_after_its_first_day(late):
    with pytest.raises(Invalid) as refused:
        read(arrears.statement, payer_id=late["payer"], first=date(2025, 2, 1),
             last=date(2025, 1, 31))
    assert refused.value.field == "to"


# --- the invoice ----------------------------------------------------------------------------

def test_the_invoice_pdf_shows_its_lines_vat_and_totals(late):
    with reading() as session:
        invoice = session.exec(select(Invoice).where(Invoice.number == "T-2025-0001")).one()
        html = letters.invoice_html(session, invoice)
        text = pdf_text(letters.invoice_pdf(session, invoice))
    assert "Fattura T-2025-0001" in html
    for expected in ("Fattura T-2025-0001", "€ 1.024,59", "22 %", "€ 225,41", "€ 1.250,00",
                     "1 gen 2025 – 31 gen 2025"):
        assert expected in text, expected


def test_a_course_fee_prints_why_no_vat_is_due(base):
    from tests.billing.test_worlds import _course, _enrol
    item = _course(base, price="120")
    _enrol(item, "Marta Rossi", "marta@example.org", date(2027, 3, 2))
    number, = bill(base, "2027-03", date(2027, 3, 5)).invoices
    with reading() as session:
        invoice = invoices.invoice_by_number(session, number)
        text = pdf_text(letters.invoice_pdf(session, invoice))
    for expected in (f"Fattura {number}", "Marta Rossi", "0 %", "€ 0,00", "€ 120,00",
                     "Esente IVA: formazione (art. 10, c. 1, n. 20, DPR 633/1972)"):
        assert expected in text, expected


def test_a_credit_note_names_its_invoice_and_reason(late):
    with reading() as session:
        january = invoices.invoice_by_number(session, "T-2025-0001").id
    note = write(invoices.credit_note, actor=late["manager"], invoice_id=january,
                 reason="Rent waived <flood>", issued_on=date(2025, 2, 28))
    with reading() as session:
        html = letters.invoice_html(session, session.get(Invoice, note.id))
    assert "Nota di credito T-2025-0003" in html
    assert "Nota di credito per la fattura T-2025-0001 del 1 gen 2025" in html
    assert "Motivo: Rent waived &lt;flood&gt;" in html and "Da pagare" not in html
