"""Twenty issuers at once, each in its own session and transaction, started together by a
barrier: every credit note is numbered, none is refused, and the numbers still run 1..n
without a gap or a repeat per site and year. The number is taken with an UPDATE of the
site's counter in the issuing transaction (hub/billing/invoices.py, next_numbers), so on
PostgreSQL the issuers wait on the counter's row, and on SQLite on the write lock (a writing
session begins IMMEDIATE, db/engine.py). Runs on both backends, like tests/test_concurrency.py."""
from __future__ import annotations

import threading
from collections import defaultdict
from datetime import date

from sqlmodel import select

from db.engine import reading, writing
from db.models import Invoice, InvoiceCounter, Site, Tenant
from hub.billing import charges, invoices
from tests.worlds import write

ISSUERS = 20


def run_issuers(work) -> list:
    """Start ISSUERS threads together; each returns an outcome; any exception is an outcome."""
    barrier = threading.Barrier(ISSUERS)
    outcomes = [None] * ISSUERS

    def issuer(number):
        barrier.wait()
        try:
            outcomes[number] = work(number)
        except Exception as error:  # noqa: BLE001 - the test reports what escaped
            outcomes[number] = ("escaped", repr(error))

    threads = [threading.Thread(target=issuer, args=(n,)) for n in range(ISSUERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


def test_twenty_credit_notes_at_once_are_numbered_without_gaps_per_site_and_year(base):
    """Ten tenants at T and ten at S, each invoiced for a one-off charge in March 2027
    (T-2027-0001..0010, S-2027-0001..0010); then each invoice gets a credit note at the same
    moment, half of them dated 2 January 2028 (a new year: a new series)."""
    manager = base["manager"]
    with writing() as session, session.begin():
        second = Site(code="S", name="Second Hub", city="Siena")
        session.add(second)
        session.flush()
        tenants = [Tenant(site_id=site, name=f"Tenant {code}{n}", sector="ceramics",
                          origin_country="IT", joined_on=date(2020, 1, 1))
                   for site, code in ((base["site"], "T"), (second.id, "S"))
                   for n in range(ISSUERS // 2)]
        session.add_all(tenants)
        session.flush()
        people = [(tenant.site_id, tenant.id) for tenant in tenants]
    for site_id, tenant_id in people:
        write(charges.add_charge, actor=manager, site_id=site_id, kind="damage",
              amount="40", day=date(2027, 3, 3), description="Broken shelf",
              tenant_id=tenant_id)
    run = write(invoices.bill_month, actor=manager, month="2027-03",
                issued_on=date(2027, 3, 31))
    assert sorted(run.invoices) == sorted(
        [f"{code}-2027-{n:04d}" for code in "ST" for n in range(1, 11)])
    with reading() as session:
        issued = [invoice.id for invoice in session.exec(
            select(Invoice).order_by(Invoice.site_id, Invoice.seq)).all()]

    def credit(number):
        on = date(2028, 1, 2) if number % 2 else date(2027, 4, 1)
        with writing() as session, session.begin():
            note = invoices.credit_note(session, actor=manager, invoice_id=issued[number],
                                        reason=f"Issuer {number}", issued_on=on)
            return ("issued", note.number)

    outcomes = run_issuers(credit)
    assert [outcome for outcome in outcomes if outcome is None or outcome[0] != "issued"] == []
    with reading() as session:
        notes = session.exec(select(Invoice).where(Invoice.kind == "credit_note")).all()
        codes = dict(session.exec(select(Site.id, Site.code)).all())
        counters = {(codes[c.site_id], c.year): c.last
                    for c in session.exec(select(InvoiceCounter)).all()}
    assert sorted(note.number for note in notes) == sorted(number for _, number in outcomes)
    series = defaultdict(list)
    for note in notes:
        series[codes[note.site_id], note.year].append(note.seq)
    # five credit notes per site in 2027 after its ten invoices, five in 2028 from 1
    assert {key: sorted(seqs) for key, seqs in series.items()} == {
        ("T", 2027): list(range(11, 16)), ("S", 2027): list(range(11, 16)),
        ("T", 2028): list(range(1, 6)), ("S", 2028): list(range(1, 6))}
    assert counters == {("T", 2027): 15, ("S", 2027): 15, ("T", 2028): 5, ("S", 2028): 5}
