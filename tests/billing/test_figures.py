"""Billing's figures on a small world of two sites whose right answers are worked out by hand.

Test Hub (T): Giulia leases L1 at 100 a month (122.00 with VAT), Aiko L2 at 200 (244.00), and
Giulia books the pottery on 4 January 2027 for two hours (30 + 6.60 VAT, billed in February).
Second Hub (S): Marco leases S1 at 300 (366.00). Terms are 30 days.

- January, issued 1 Jan (due 31 Jan): Giulia 122.00, Aiko 244.00, Marco 366.00.
- February, issued 1 Feb (due 3 Mar): Giulia 158.60 (rent 122.00, booking 36.60), Aiko 244.00,
  Marco 366.00.
- Giulia pays 122.00 on 20 Jan (January) and 200.00 on 20 Feb: February's 158.60, and 41.40
  of credit that March's invoice takes.
- Aiko's direct debit of 244.00 on 10 Feb pays January, and comes back on 15 Feb.
- A credit note of 5 Mar gives back Aiko's February invoice (244.00).
- Marco pays 100.00 on 10 Mar (on January, 266.00 left).
- March at T only, issued 20 Apr (due 20 May): Giulia 122.00 (41.40 paid by her credit),
  Aiko 244.00.
"""
from datetime import date
from decimal import Decimal

import pytest
from sqlmodel import select

from db.engine import reading, writing
from db.models import Invoice, Payer, Payment, Site, Space, Tenant
from hub.billing import figures, invoices, payments
from hub.errors import Forbidden
from tests.worlds import book, lease, read, write

D = Decimal
PAID_BY = date(2027, 12, 31)      # the day record_payment takes as today


def payer_id(name):
    with reading() as session:
        return session.exec(select(Payer.id).where(Payer.name == name)).one()


def invoice_id(number):
    with reading() as session:
        return session.exec(select(Invoice.id).where(Invoice.number == number)).one()


def pay(base, name, amount, on, method="transfer"):
    return write(payments.record_payment, actor=base["manager"], payer_id=payer_id(name),
                 received_on=on, amount=amount, method=method, today=PAID_BY)


def bill(base, month, issued_on, site_id=None):
    return write(invoices.bill_month, actor=base["manager"], month=month, issued_on=issued_on,
                 site_id=site_id)


@pytest.fixture
def world(second_site):
    base = second_site
    with writing() as session, session.begin():
        space = Space(site_id=base["S"], code="S1", name="Studio 1", kind="laboratory",
                      area_m2=25, monthly_rent=D(300), leasable=True)
        marco = Tenant(site_id=base["S"], name="Marco Blu", sector="wood",
                       origin_country="IT", joined_on=date(2020, 1, 1))
        session.add_all([space, marco])
        session.flush()
        base["S1"], base["marco"] = space.id, marco.id
        session.get(Site, base["site"]).building_budget = D("10000")
    lease(base, space="L1", starts_on=date(2027, 1, 1), rent="100")
    lease(base, space="L2", tenant="aiko", starts_on=date(2027, 1, 1), rent="200")
    lease(base, space="S1", tenant="marco", starts_on=date(2027, 1, 1), rent="300")
    book(base, day=date(2027, 1, 4))
    bill(base, "2027-01", date(2027, 1, 1))
    pay(base, "Giulia Neri", "122", date(2027, 1, 20))
    bill(base, "2027-02", date(2027, 2, 1))
    debit = pay(base, "Aiko Tanaka", "244", date(2027, 2, 10), method="direct_debit")
    write(payments.return_payment, actor=base["manager"], payment_id=debit.id,
          version=debit.version, returned_on=date(2027, 2, 15),
          reason="MD06: refund requested by the debtor")
    pay(base, "Giulia Neri", "200", date(2027, 2, 20))
    write(invoices.credit_note, actor=base["manager"], invoice_id=invoice_id("T-2027-0004"),
          reason="Lab closed in February", issued_on=date(2027, 3, 5))
    pay(base, "Marco Blu", "100", date(2027, 3, 10))
    bill(base, "2027-03", date(2027, 4, 20), site_id=base["site"])
    return base


def test_the_world_is_the_one_described(world):
    with reading() as session:
        issued = session.exec(select(Invoice.number, Invoice.kind, Invoice.total,
                                     Invoice.due_on).order_by(Invoice.id)).all()
    assert issued == [
        ("S-2027-0001", "invoice", D("366.00"), date(2027, 1, 31)),
        ("T-2027-0001", "invoice", D("122.00"), date(2027, 1, 31)),
        ("T-2027-0002", "invoice", D("244.00"), date(2027, 1, 31)),
        ("S-2027-0002", "invoice", D("366.00"), date(2027, 3, 3)),
        ("T-2027-0003", "invoice", D("158.60"), date(2027, 3, 3)),
        ("T-2027-0004", "invoice", D("244.00"), date(2027, 3, 3)),
        ("T-2027-0005", "credit_note", D("244.00"), date(2027, 4, 4)),
        ("T-2027-0006", "invoice", D("122.00"), date(2027, 5, 20)),
        ("T-2027-0007", "invoice", D("244.00"), date(2027, 5, 20))]


def months(rows, what):
    """{(month number, stream): amount} of the months and streams that have any."""
    return {(row.month.month, row.stream): getattr(row, what) for row in rows
            if getattr(row, what)}


def test_billed_by_month_and_stream_counts_credit_notes_in_their_own_month(world):
    rows = read(figures.by_month_and_stream, site_id=None, month="2027-05", months=12)
    assert len(rows) == 12 * 4 and rows[0].month == date(2026, 6, 1)
    assert [row.stream for row in rows[:4]] == ["rent", "bookings", "courses", "other"]
    assert months(rows, "billed") == {
        (1, "rent"): D("732.00"),
        (2, "rent"): D("732.00"), (2, "bookings"): D("36.60"),
        (3, "rent"): D("-244.00"),                       # Aiko's credit note
        (4, "rent"): D("366.00")}                        # March's invoices, issued in April
    at_t = read(figures.by_month_and_stream, site_id=world["site"], month="2027-05", months=5)
    assert months(at_t, "billed") == {
        (1, "rent"): D("366.00"), (2, "rent"): D("366.00"), (2, "bookings"): D("36.60"),
        (3, "rent"): D("-244.00"), (4, "rent"): D("366.00")}


def test_collected_by_month_and_stream_leaves_out_the_returned_payment(world):
    rows = read(figures.by_month_and_stream, site_id=None, month="2027-05", months=5)
    assert months(rows, "collected") == {
        (1, "rent"): D("122.00"),
        # Giulia's 200: February's rent and booking, and 41.40 March's rent took as credit
        (2, "rent"): D("163.40"), (2, "bookings"): D("36.60"),
        (3, "rent"): D("100.00")}                        # Marco, at S
    at_s = read(figures.by_month_and_stream, site_id=world["S"], month="2027-05", months=5)
    assert months(at_s, "collected") == {(3, "rent"): D("100.00")}


def test_collected_splits_a_payment_across_streams_as_the_invoice_lines_are(base):
    lease(base, space="L1", starts_on=date(2027, 2, 1), rent="100")
    book(base, day=date(2027, 1, 4))
    bill(base, "2027-02", date(2027, 2, 1))          # rent 122.00 and a booking 36.60
    pay(base, "Giulia Neri", "79.30", date(2027, 2, 10))     # half of 158.60
    rows = read(figures.collected_by_month, site_id=base["site"], first=date(2027, 2, 1),
                last=date(2027, 2, 28))
    assert rows == {(date(2027, 2, 1), "rent"): D("61.00"),
                    (date(2027, 2, 1), "bookings"): D("18.30")}


def test_collection_rate_of_invoices_due_in_a_period(world):
    rate = read(figures.collection, site_id=None, first=date(2027, 1, 1),
                last=date(2027, 3, 31), today=date(2027, 5, 10))
    # due 31 Jan: 122 + 244 + 366; due 3 Mar: 158.60 + 244 + 366; less Aiko's credit note
    assert rate.billed == D("1256.60")
    assert rate.collected == D("380.60")         # Giulia 122 + 158.60, Marco 100
    assert round(rate.rate, 4) == 0.3029
    # On 4 March neither the credit note nor Marco's payment has come yet.
    early = read(figures.collection, site_id=world["S"], first=date(2027, 1, 1),
                 last=date(2027, 3, 31), today=date(2027, 3, 4))
    assert (early.billed, early.collected) == (D("732.00"), D("0.00"))
    none = read(figures.collection, site_id=None, first=date(2026, 1, 1),
                last=date(2026, 12, 31), today=date(2027, 5, 10))
    assert (none.billed, none.rate) == (D("0.00"), None)


def test_days_to_collect_are_weighted_by_the_amount_paid(world):
    days = read(figures.days_to_collect, site_id=None, first=date(2027, 1, 1),
                last=date(2027, 5, 31))
    # (122 × 19 + 158.60 × 19 + 41.40 × 0 (paid before its invoice) + 100 × 68) ÷ 422
    assert days == 28.7
    assert read(figures.days_to_collect, site_id=world["S"], first=date(2027, 1, 1),
                last=date(2027, 5, 31)) == 68.0
    assert read(figures.days_to_collect, site_id=None, first=date(2027, 6, 1),
                last=date(2027, 6, 30)) is None


def ages(rows):
    return {(row.site, row.age): row.due for row in rows if row.due}


def test_arrears_by_age_and_site_as_of_a_day(world):
    may = read(figures.arrears, site_id=None, today=date(2027, 5, 10))
    assert ages(may) == {
        ("Second Hub", "over 90 days"): D("266.00"),     # Marco's January less his 100
        ("Second Hub", "61–90 days"): D("366.00"),       # his February, 68 days late
        ("Test Hub", "over 90 days"): D("244.00"),       # Aiko's January, its debit returned
        ("Test Hub", "not yet due"): D("324.60")}        # March: 122 − 41.40 credit, and 244
    assert [row.site for row in may] == ["Second Hub"] * 5 + ["Test Hub"] * 5
    assert figures.arrears_by_age(may) == {
        "not yet due": D("324.60"), "1–30 days": D("0.00"), "31–60 days": D("0.00"),
        "61–90 days": D("366.00"), "over 90 days": D("510.00")}
    assert figures.overdue(may) == D("876.00")
    # On 5 March: Marco's payment not yet in, Aiko's credit note issued that day.
    march = read(figures.arrears, site_id=None, today=date(2027, 3, 5))
    assert ages(march) == {
        ("Second Hub", "31–60 days"): D("366.00"),       # due 31 Jan: 33 days
        ("Second Hub", "1–30 days"): D("366.00"),        # due 3 Mar: 2 days
        ("Test Hub", "31–60 days"): D("244.00")}
    assert ages(read(figures.arrears, site_id=world["site"], today=date(2027, 3, 5))) == {
        ("Test Hub", "31–60 days"): D("244.00")}


def test_an_invoice_due_today_is_not_yet_late(world):
    due_day = read(figures.arrears, site_id=world["S"], today=date(2027, 3, 3))
    assert ages(due_day)[("Second Hub", "not yet due")] == D("366.00")
    day_after = read(figures.arrears, site_id=world["S"], today=date(2027, 3, 4))
    assert ages(day_after)[("Second Hub", "1–30 days")] == D("366.00")


def test_income_against_each_sites_building_budget(world):
    rows = read(figures.income_against_budget, site_id=None, year=2027)
    assert [(row.site, row.collected, row.budget) for row in rows] == [
        ("Second Hub", D("100.00"), None), ("Test Hub", D("322.00"), D("10000.00"))]
    assert [row.collected for row in read(figures.income_against_budget,
                                          site_id=None, year=2026)] == [D("0.00"), D("0.00")]


def test_the_overviews_pair(world):
    tenth = read(figures.headline, site_id=None, today=date(2027, 3, 10))
    assert (tenth.collected_this_month, tenth.arrears_over_60) == (D("100.00"), D("0.00"))
    april = read(figures.headline, site_id=None, today=date(2027, 4, 5))
    # Aiko's and Marco's January invoices are 64 days late; Marco's February only 33
    assert (april.collected_this_month, april.arrears_over_60) == (D("0.00"), D("510.00"))
    at_t = read(figures.headline, site_id=world["site"], today=date(2027, 4, 5))
    assert at_t.arrears_over_60 == D("244.00")


def test_late_payers_the_longest_late_first(world):
    late = read(figures.late_payers, actor=world["manager"], site_id=None,
                today=date(2027, 5, 10))
    assert [(p.name, p.overdue, p.oldest_due_on, p.days_late, p.invoices) for p in late] == [
        ("Marco Blu", D("632.00"), date(2027, 1, 31), 99, 2),
        ("Aiko Tanaka", D("244.00"), date(2027, 1, 31), 99, 1)]    # Giulia: not yet due
    assert read(figures.late_payers, actor=world["manager"], site_id=None,
                today=date(2027, 5, 10), limit=1)[0].name == "Marco Blu"


def test_aging_by_payer(world):
    rows = read(figures.aging_by_payer, actor=world["manager"], site_id=world["site"],
                today=date(2027, 5, 10))
    assert [(row.name, {age: due for age, due in row.ages.items() if due}, row.total)
            for row in rows] == [
        ("Aiko Tanaka", {"not yet due": D("244.00"), "over 90 days": D("244.00")},
         D("488.00")),
        ("Giulia Neri", {"not yet due": D("80.60")}, D("80.60"))]


def test_each_payers_account(world):
    pay(world, "Aiko Tanaka", "600", date(2027, 5, 20))   # January, March, and 112.00 over
    found = read(figures.accounts, actor=world["manager"])
    shown = {account.name: (account.invoiced, account.credited, account.paid,
                            account.balance, account.credit, account.last_paid_on,
                            account.last_paid) for account in found.values()}
    assert shown == {
        "Giulia Neri": (D("402.60"), D("0.00"), D("322.00"), D("80.60"), D("0.00"),
                        date(2027, 2, 20), D("200.00")),
        "Aiko Tanaka": (D("732.00"), D("244.00"), D("488.00"), D("0.00"), D("112.00"),
                        date(2027, 5, 20), D("600.00")),
        "Marco Blu": (D("732.00"), D("0.00"), D("100.00"), D("632.00"), D("0.00"),
                      date(2027, 3, 10), D("100.00"))}


def test_an_account_skips_a_returned_payment_and_a_tenant_never_billed_has_none(world):
    aiko = read(figures.account_of_tenant, actor=world["manager"], tenant_id=world["aiko"])
    assert (aiko.balance, aiko.credit, aiko.last_paid_on, aiko.last_paid) == (
        D("488.00"), D("0.00"), None, None)
    with writing() as session, session.begin():
        newcomer = Tenant(site_id=world["site"], name="Nadia Verdi", sector="glass",
                          origin_country="IT", joined_on=date(2027, 1, 1))
        session.add(newcomer)
        session.flush()
        newcomer_id = newcomer.id
    assert read(figures.account_of_tenant, actor=world["manager"],
                tenant_id=newcomer_id) is None


@pytest.mark.parametrize("role", ["communication", "viewer"])
def test_only_a_manager_reads_payers_names_and_accounts(world, role):
    for action, extra in ((figures.late_payers, dict(site_id=None, today=date(2027, 5, 10))),
                          (figures.aging_by_payer, dict(site_id=None, today=date(2027, 5, 10))),
                          (figures.accounts, {}),
                          (figures.account_of_tenant, dict(tenant_id=world["giulia"]))):
        with pytest.raises(Forbidden):
            read(action, actor=world[role], **extra)


def test_a_hub_that_billed_nothing_has_zeros(base):
    rows = read(figures.by_month_and_stream, site_id=None, month="2027-05", months=3)
    assert {row.billed for row in rows} == {row.collected for row in rows} == {D("0.00")}
    assert read(figures.arrears, site_id=None, today=date(2027, 5, 10)) == []
    assert read(figures.headline, site_id=None, today=date(2027, 5, 10)) == figures.Headline(
        D("0.00"), D("0.00"))
    assert read(figures.late_payers, actor=base["manager"], site_id=None,
                today=date(2027, 5, 10)) == []
