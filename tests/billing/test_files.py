"""Billing's files (hub/admin/transfer/invoices.py, payments.py): invoices exported with what
each still needs and its status; payments exported and imported (oldest invoice first, a
reference booked once, all rows or none), through the API, the command line and the Admin
screen. A hub whose leases, billing runs and payments are read into an empty one bills and
allocates the same: its invoices export the same bytes."""
from __future__ import annotations

import csv
import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy import func
from sqlmodel import Session, select

from db.engine import reading, writing
from db.models import AuditEntry, Invoice, Payer, Payment
from hub.admin import transfer
from hub.admin.transfer import invoices as invoice_file
from hub.admin.transfer.formats import read_table
from hub.billing import invoices, payments
from hub.errors import Refused
from hub.i18n import day_text
from tests.admin.test_page import admin_page
from tests.apptest import text_of
from tests.test_cli import cli, count
from tests.worlds import lease, write

D = Decimal
BOM = b"\xef\xbb\xbf"
PAYMENTS_HEADER = ("payer,tenant,business,received_on,amount,method,reference,notes,"
                   "returned_on,return_reason\n")


def payer_id(session: Session, name: str) -> int:
    return session.exec(select(Payer.id).where(Payer.name == name)).one()


def invoice_id(session: Session, number: str) -> int:
    return session.exec(select(Invoice.id).where(Invoice.number == number)).one()


def bill_and_credit(session: Session, actor) -> None:
    """January to March 2026 billed on the 1st; February's rent of Giulia credited in full."""
    for month in (1, 2):
        invoices.bill_month(session, actor=actor, month=f"2026-0{month}",
                            issued_on=date(2026, month, 1))
    invoices.credit_note(session, actor=actor, invoice_id=invoice_id(session, "T-2026-0003"),
                         reason="Lab closed for works", issued_on=date(2026, 2, 15))
    invoices.bill_month(session, actor=actor, month="2026-03", issued_on=date(2026, 3, 1))


def pay(session: Session, actor, name: str, on: date, amount: str, method: str,
        reference: str | None, notes: str | None = None) -> Payment:
    return payments.record_payment(session, actor=actor, payer_id=payer_id(session, name),
                                   received_on=on, amount=amount, method=method,
                                   reference=reference, notes=notes)


@pytest.fixture
def ledger(base):
    """Giulia rents L1 at 100 (122.00 with VAT), Aiko L2 at 200 (244.00), from January 2026.
    Invoices T-2026-0001 (Giulia) and -0002 (Aiko) for January, -0003/-0004 for February,
    credit note -0005 of -0003, -0006/-0007 for March. Giulia paid January, and 10.00 in cash;
    Aiko paid 300.00 (January and 56.00 of February), then a direct debit came back."""
    actor = base["manager"]
    lease(base, starts_on=date(2026, 1, 1), rent="100")
    lease(base, space="L2", tenant="aiko", starts_on=date(2026, 1, 1), rent="200")
    with writing() as session, session.begin():
        invoices.bill_month(session, actor=actor, month="2026-01", issued_on=date(2026, 1, 1))
        pay(session, actor, "Giulia Neri", date(2026, 1, 20), "122", "transfer", "TRF-0120")
    with writing() as session, session.begin():
        invoices.bill_month(session, actor=actor, month="2026-02", issued_on=date(2026, 2, 1))
        pay(session, actor, "Aiko Tanaka", date(2026, 2, 10), "300", "transfer", "TRF-0210")
        invoices.credit_note(session, actor=actor,
                             invoice_id=invoice_id(session, "T-2026-0003"),
                             reason="Lab closed for works", issued_on=date(2026, 2, 15))
        invoices.bill_month(session, actor=actor, month="2026-03", issued_on=date(2026, 3, 1))
        debit = pay(session, actor, "Aiko Tanaka", date(2026, 3, 5), "244", "direct_debit",
                    "SDD-0305")
        payments.return_payment(session, actor=actor, payment_id=debit.id, version=None,
                                returned_on=date(2026, 3, 9), reason="insufficient funds")
        pay(session, actor, "Giulia Neri", date(2026, 3, 12), "10", "cash", None,
            notes="at the desk")
    return base


def export(actor, name: str, file_format: str = "csv") -> bytes:
    with reading() as session:
        return transfer.export_file(session, actor=actor, kind=transfer.get_kind(name),
                                    file_format=file_format)


def import_payments(actor, data: bytes, file_name: str = "payments.csv") -> transfer.Outcome:
    with writing() as session, session.begin():
        return transfer.import_file(session, actor=actor, kind=transfer.get_kind("payments"),
                                    data=data, file_name=file_name)


def refusal(actor, data: bytes) -> list[str]:
    with pytest.raises(transfer.ImportRefused) as refused:
        import_payments(actor, data)
    return refused.value.outcome.errors


# --- invoices -------------------------------------------------------------------------------

def invoice_rows(today: date) -> list[tuple]:
    with reading() as session:
        return [(row[0], row[1], row[2], row[4], row[10], row[11], row[12], row[13], row[14])
                for row in invoice_file.export_rows(session, today=today)]


def test_invoices_say_what_each_still_needs_and_its_status(ledger):
    assert invoice_rows(date(2026, 3, 10)) == [
        ("T-2026-0001", "invoice", None, "Giulia Neri", D("122.00"), D("0.00"), D("122.00"),
         D("0.00"), "paid"),
        ("T-2026-0002", "invoice", None, "Aiko Tanaka", D("244.00"), D("0.00"), D("244.00"),
         D("0.00"), "paid"),
        ("T-2026-0003", "invoice", None, "Giulia Neri", D("122.00"), D("122.00"), D("0.00"),
         D("0.00"), "credited"),
        ("T-2026-0004", "invoice", None, "Aiko Tanaka", D("244.00"), D("0.00"), D("56.00"),
         D("188.00"), "overdue"),                      # due 3 March; the debit came back
        ("T-2026-0005", "credit_note", "T-2026-0003", "Giulia Neri", D("-122.00"), None, None,
         None, None),
        ("T-2026-0006", "invoice", None, "Giulia Neri", D("122.00"), D("0.00"), D("10.00"),
         D("112.00"), "partly paid"),
        ("T-2026-0007", "invoice", None, "Aiko Tanaka", D("244.00"), D("0.00"), D("0.00"),
         D("244.00"), "open")]
    # The day before February's fell due, its 56.00 was a part payment; after March's, late.
    assert [row[-1] for row in invoice_rows(date(2026, 3, 3))][3] == "partly paid"
    assert [row[-1] for row in invoice_rows(date(2026, 4, 1))][5:] == ["overdue", "overdue"]


def test_the_invoices_file_has_every_column_named_in_the_brief(ledger):
    data = export(ledger["manager"], "invoices")
    header, *rows = csv.reader(io.StringIO(data.decode("utf-8-sig")))
    assert header == ["number", "kind", "credit_of", "site", "payer", "month", "issued_on",
                      "due_on", "net", "vat", "total", "credited", "paid", "balance", "status"]
    assert rows[4] == ["T-2026-0005", "credit_note", "T-2026-0003", "T", "Giulia Neri",
                       "2026-02-01", "2026-02-15", "2026-03-17", "-100.00", "-22.00",
                       "-122.00", "", "", "", ""]
    assert rows[3][8:] == ["200.00", "44.00", "244.00", "0.00", "56.00", "188.00", "overdue"]


def test_invoices_are_exported_only(ledger, capsys, monkeypatch, tmp_path):
    path = tmp_path / "invoices.csv"
    path.write_bytes(export(ledger["manager"], "invoices"))
    with pytest.raises(Refused, match="invoices are exported only, never imported"):
        with writing() as session, session.begin():
            transfer.import_file(session, actor=ledger["manager"],
                                 kind=transfer.get_kind("invoices"), data=path.read_bytes(),
                                 file_name="invoices.csv")
    with pytest.raises(SystemExit) as exit_:
        cli(capsys, monkeypatch, "import", "invoices", str(path))
    assert exit_.value.code == 2 and "invalid choice: 'invoices'" in capsys.readouterr().err


# --- payments -------------------------------------------------------------------------------

def test_payments_export_every_payment_with_its_return(ledger):
    data = export(ledger["manager"], "payments")
    assert data.startswith(BOM)
    assert data.decode("utf-8-sig").splitlines() == [
        PAYMENTS_HEADER.strip(),
        "Giulia Neri,Giulia Neri,,2026-01-20,122.00,transfer,TRF-0120,,,",
        "Aiko Tanaka,Aiko Tanaka,,2026-02-10,300.00,transfer,TRF-0210,,,",
        "Aiko Tanaka,Aiko Tanaka,,2026-03-05,244.00,direct_debit,SDD-0305,,2026-03-09,"
        "insufficient funds",
        "Giulia Neri,Giulia Neri,,2026-03-12,10.00,cash,,at the desk,,"]


def test_payments_read_into_an_empty_hub_pay_the_same_invoices(ledger, fresh):
    """Spaces, tenants and leases through their files; the same months billed on the same
    days; then the payments file: both hubs' invoices export the same bytes."""
    engine, ada = fresh
    for name in ("spaces", "tenants", "leases"):
        with Session(engine) as session, session.begin():
            transfer.import_file(session, actor=ada, kind=transfer.get_kind(name),
                                 data=export(ledger["manager"], name), file_name=f"{name}.csv")
    with Session(engine) as session, session.begin():
        bill_and_credit(session, ada)
    sent = export(ledger["manager"], "payments")
    with Session(engine) as session, session.begin():
        outcome = transfer.import_file(session, actor=ada, kind=transfer.get_kind("payments"),
                                       data=sent, file_name="payments.csv")
    assert (outcome.rows, outcome.created) == (4, 4)
    with Session(engine) as session:
        back = {name: transfer.export_file(session, actor=ada, kind=transfer.get_kind(name),
                                           file_format="csv")
                for name in ("invoices", "payments")}
    assert back == {"invoices": export(ledger["manager"], "invoices"), "payments": sent}


def test_an_imported_payment_pays_the_oldest_open_invoice_first(ledger):
    outcome = import_payments(ledger["manager"], (
        PAYMENTS_HEADER + ",Aiko Tanaka,,2026-03-20,200,transfer,TRF-0320,,,\n"
        "Giulia Neri,,,2026-03-21,500,transfer,TRF-0321,,,\n").encode())
    assert (outcome.rows, outcome.created) == (2, 2)
    with reading() as session:
        due = payments.still_due(session, session.exec(select(Invoice).where(
            Invoice.kind == "invoice").order_by(Invoice.id)).all())
        credit = payments.payer_credit(session, payer_id(session, "Giulia Neri"))
    assert list(due.values()) == [D("0.00"), D("0.00"), D("0.00"), D("0.00"), D("0.00"),
                                  D("232.00")]      # 200 to -0004's 188 first, 12 to -0007
    assert credit == D("388.00")                     # 500 less -0006's 112


def test_a_reference_already_booked_or_repeated_is_refused_by_line_and_nothing_is_booked(
        ledger):
    before = (count(Payment), count(AuditEntry))
    errors = refusal(ledger["manager"], (
        PAYMENTS_HEADER + ",Aiko Tanaka,,2026-03-20,200,transfer,TRF-0401,,,\n"
        ",Giulia Neri,,2026-03-21,122,transfer,TRF-0120,,,\n"
        ",Giulia Neri,,2026-03-22,50,card,TRF-0401,,,\n"
        ",Giulia Neri,,2026-03-22,5,cash,,,,\n").encode())
    assert errors == [
        f"line 3: reference: a payment with reference TRF-0120 was already booked on "
        f"{day_text(date(2026, 1, 20))}; nothing was booked twice",
        "line 4: reference: the same reference as line 2"]
    assert (count(Payment), count(AuditEntry)) == before


def test_a_bad_amount_is_refused_naming_line_and_field_with_every_other_bad_cell(ledger):
    errors = refusal(ledger["manager"], (
        PAYMENTS_HEADER + ",Aiko Tanaka,,2026-03-20,12;50,transfer,A-1,,,\n"
        ",Giulia Neri,,2026-03-21,0,transfer,A-2,,,\n"
        ",Giulia Neri,,2026-03-32,-5,cheque,A-3,,,\n"
        "Nobody Known,,,2026-03-22,5,cash,A-4,,,\n"
        ",Giulia Neri,,2026-03-22,5,direct_debit,A-5,,2026-03-25,\n").encode())
    assert errors == [
        "line 2: amount: amount must be an amount in euros, like 450 or 450.50",
        "line 3: amount: amount must be more than zero",
        "line 4: received_on: received_on '2026-03-32' is not a date like 2026-03-01",
        "line 4: amount: amount cannot be negative",
        "line 4: method: method 'cheque' is unknown; choose one of transfer, direct_debit, "
        "card, cash",
        "line 5: payer: there is no payer 'Nobody Known' (a payer is made when first billed; "
        "name the tenant instead)",
        "line 6: return_reason: say why the payment was returned"]
    assert count(Payment) == 4


def test_a_csv_saved_by_excel_with_its_byte_order_mark_reads_back(ledger, capsys, monkeypatch,
                                                                  tmp_path):
    path = tmp_path / "payments.csv"
    status, __, err = cli(capsys, monkeypatch, "export", "payments", str(path))
    assert (status, err) == (0, "")
    data = path.read_bytes()
    assert data.startswith(BOM) and not data.startswith(BOM * 2)
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert list(rows[0]) == list(transfer.get_kind("payments").columns)   # no BOM in "payer"
    assert (rows[2]["reference"], rows[2]["returned_on"]) == ("SDD-0305", "2026-03-09")
    # As Italian Excel saves it: a byte-order mark, semicolons, days as 25/03/2026.
    path.write_bytes(BOM + (PAYMENTS_HEADER.replace(",", ";") +
                            ";Aiko Tanaka;;25/03/2026;188,00;transfer;TRF-0325;;;\n")
                     .encode())
    status, out, err = cli(capsys, monkeypatch, "import", "payments", str(path))
    assert (status, err) == (0, "")
    assert out == "imported payments from payments.csv: 1 row(s): 1 new, 0 updated, " \
                  "0 unchanged\n"
    with reading() as session:
        paid = session.exec(select(Payment).where(Payment.reference == "TRF-0325")).one()
        assert (paid.received_on, paid.amount) == (date(2026, 3, 25), D("188.00"))
        number = session.exec(select(func.count()).select_from(Invoice)).one()
    assert number == 7
    status, __, err = cli(capsys, monkeypatch, "import", "payments", str(path))
    assert status == 1 and "payments.csv, line 2: reference: a payment with reference " \
                           "TRF-0325 was already booked" in err


def test_the_xlsx_of_payments_is_typed_and_read_back_as_its_values(ledger):
    book = load_workbook(io.BytesIO(export(ledger["manager"], "payments", "xlsx")))
    first = [cell.value for cell in book.active[2]]
    assert first[3:5] == [datetime(2026, 1, 20), 122]       # a date and a number, typed
    header, rows = read_table(export(ledger["manager"], "payments", "xlsx"), "payments.xlsx")
    assert header == list(transfer.get_kind("payments").columns)
    assert [(line, cells[3:7]) for line, cells in rows] == [   # as an import reads them
        (2, ["2026-01-20", "122", "transfer", "TRF-0120"]),
        (3, ["2026-02-10", "300", "transfer", "TRF-0210"]),
        (4, ["2026-03-05", "244", "direct_debit", "SDD-0305"]),
        (5, ["2026-03-12", "10", "cash", ""])]


def test_the_admin_screen_imports_payments_and_exports_both(ledger):
    at = admin_page()
    assert not at.exception
    offered = at.selectbox(key="admin_import_kind").options
    assert "Payments" in offered and "Invoices" not in offered
    assert offered[-1] == "Payments"
    at.selectbox(key="admin_import_kind").set_value("payments").run()
    shown = text_of(at)
    assert "A reference already booked is refused" in shown
    assert "updates it" not in shown.split("Columns: payer")[1].split("\n")[0]
    assert "Invoices" in shown and "Payments" in shown
