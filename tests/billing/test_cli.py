"""python -m db bill --month YYYY-MM [--site CODE]: the month's invoices for every payer not
yet billed for it, how many and their total; a second run issues nothing and says so; a bad
month or an unknown site is one line naming the field, a non-zero exit and nothing written."""
from datetime import UTC, date, datetime

import pytest
from sqlmodel import select

from db.engine import reading, writing
from db.models import AuditEntry, Charge, Enrolment, Invoice, Payer, Space
from hub.billing import invoices
from hub.programme.items import add_item
from tests.test_cli import cli, count
from tests.worlds import lease, write

YEAR = date.today().year        # the CLI issues on the day it runs: numbers carry its year


def numbers():
    with reading() as session:
        return session.exec(select(Invoice.number).order_by(Invoice.id)).all()


def test_bill_issues_the_month_once_and_says_how_many_and_their_total(base, capsys,
                                                                     monkeypatch):
    lease(base, starts_on=date(2026, 1, 1), rent="300")
    lease(base, space="L2", tenant="aiko", starts_on=date(2026, 1, 1), rent="200.50")
    status, out, err = cli(capsys, monkeypatch, "bill", "--month", "2026-03")
    assert (status, err) == (0, "")
    assert out == "billed 2026-03: 2 invoices, total €610.61\n"       # 500.50 + 22 % VAT
    assert numbers() == [f"T-{YEAR}-0001", f"T-{YEAR}-0002"]
    with reading() as session:
        issued = session.exec(select(AuditEntry.username).where(
            AuditEntry.action == "issue")).all()
    assert issued == ["cli", "cli"]
    status, out, err = cli(capsys, monkeypatch, "bill", "--month", "2026-03")
    assert (status, err) == (0, "")
    assert out == "nothing issued for 2026-03: every payer with something to bill is " \
                  "already billed for it\n"
    assert numbers() == [f"T-{YEAR}-0001", f"T-{YEAR}-0002"]


def test_one_invoice_is_said_in_the_singular_and_in_the_readers_language(base, capsys,
                                                                        monkeypatch):
    lease(base, starts_on=date(2026, 1, 1), rent="1250")
    monkeypatch.setenv("BOTTEGA_LANGUAGE", "it")
    status, out, __ = cli(capsys, monkeypatch, "bill", "--month", "2026-02")
    assert (status, out) == (0, "billed 2026-02: 1 invoice, total 1.525,00\xa0€\n")


def test_site_bills_that_site_alone(second_site, capsys, monkeypatch):
    base = second_site
    with writing() as session, session.begin():
        session.add(Space(site_id=base["S"], code="S1", name="Lab S1", kind="laboratory",
                          area_m2=10, monthly_rent=100, leasable=True))
        session.flush()
        base["S1"] = session.exec(select(Space.id).where(Space.code == "S1")).one()
    lease(base, starts_on=date(2026, 1, 1), rent="100")
    lease(base, space="S1", tenant="aiko", starts_on=date(2026, 1, 1), rent="50")
    status, out, __ = cli(capsys, monkeypatch, "bill", "--month", "2026-05", "--site", "s")
    assert (status, out) == (0, "billed 2026-05 at S: 1 invoice, total €61.00\n")
    assert numbers() == [f"S-{YEAR}-0001"]
    status, out, __ = cli(capsys, monkeypatch, "bill", "--month", "2026-05")
    assert (status, out) == (0, "billed 2026-05: 1 invoice, total €122.00\n")
    assert numbers() == [f"S-{YEAR}-0001", f"T-{YEAR}-0001"]


def test_credit_notes_of_refunded_fees_are_counted_apart(base, capsys, monkeypatch):
    item = write(add_item, actor=base["manager"], site_id=base["site"], kind="course",
                 title="Wheel throwing", sector="ceramics", capacity=10, price="120",
                 refund_deadline=date(2026, 3, 20)).id
    with writing() as session, session.begin():
        enrolment = Enrolment(item_id=item, participant_name="Marta Rossi",
                              email="marta@example.org",
                              created_at=datetime(2026, 3, 2, 10, tzinfo=UTC))
        session.add(enrolment)
    billed = write(invoices.bill_month, actor=base["manager"], month="2026-03",
                   issued_on=date(2026, 3, 5))
    assert billed.invoices == ["T-2026-0001"]
    with writing() as session, session.begin():
        enrolment = session.exec(select(Enrolment)).one()
        enrolment.status = "cancelled"
        enrolment.cancelled_at = datetime(2026, 3, 18, 9, tzinfo=UTC)   # before the deadline
    status, out, __ = cli(capsys, monkeypatch, "bill", "--month", "2026-04")
    assert (status, out) == (0, "billed 2026-04: 0 invoices, total €0.00; 1 credit note, "
                                "total €120.00\n")


def nothing_written() -> bool:
    return (count(Invoice), count(Charge), count(Payer), count(AuditEntry)) == (0, 0, 0, 0)


def test_a_month_that_is_no_month_is_one_line_and_writes_nothing(base, capsys, monkeypatch):
    lease(base, starts_on=date(2026, 1, 1), rent="300")
    with writing() as session, session.begin():
        session.exec(AuditEntry.__table__.delete())
    status, out, err = cli(capsys, monkeypatch, "bill", "--month", "2027-13")
    assert (status, out) == (1, "")
    assert err == "error: month: month '2027-13' is not a month (like 2027-03)\n"
    assert nothing_written()


def test_an_unknown_site_is_one_line_naming_the_known_ones_and_writes_nothing(
        second_site, capsys, monkeypatch):
    lease(second_site, starts_on=date(2026, 1, 1), rent="300")
    with writing() as session, session.begin():
        session.exec(AuditEntry.__table__.delete())
    status, out, err = cli(capsys, monkeypatch, "bill", "--month", "2026-03", "--site", "XX")
    assert (status, out) == (1, "")
    assert err == "error: site: there is no site with code 'XX' (known: S, T)\n"
    assert nothing_written()


def test_the_month_is_required(base, capsys, monkeypatch):
    with pytest.raises(SystemExit) as exit_:
        cli(capsys, monkeypatch, "bill")
    assert exit_.value.code == 2
    assert "the following arguments are required: --month" in capsys.readouterr().err
    assert count(Invoice) == 0
