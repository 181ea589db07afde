"""Invoices: the monthly billing run, invoice numbers, credit notes.

One invoice per payer, site and month, for every charge not yet invoiced up to the month's
end. Numbers run without gaps per site and calendar year (`ON-2027-0001`), credit notes in
the same series: the number is taken with an UPDATE of the site's counter in the issuing
transaction, so two issuers wait for each other and a rolled-back issue leaves no gap. VAT is
per line, rounded half-up to the cent; the invoice's totals are the sums of its lines. An
issued invoice never changes; a correction is a credit note that refers to it."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from db.models import (Charge, Enrolment, Invoice, InvoiceCounter, Payer, ProgrammeItem, Site,
                       User)
from hub.billing.charges import (cents, first_of, month_charges, pending_by_payer, refunded)
from hub.billing.payments import (allocated, apply_credit, credited, payers_in_credit,
                                  release)
from hub.checks import day as checked_day, text
from hub.dates import month_end
from hub.errors import Invalid
from hub.i18n import N_, _, day_text
from hub.records import record, record_event, snapshot
from hub.roles import BILLERS, require_role
from hub.scope import open_site

ZERO = Decimal("0.00")


@dataclass
class BillRun:
    """What a billing run issued."""
    month: date
    invoices: list[str] = field(default_factory=list)
    credit_notes: list[str] = field(default_factory=list)
    total: Decimal = ZERO           # of the invoices issued
    credited: Decimal = ZERO        # of the credit notes issued


def next_numbers(session: Session, site: Site, year: int, count: int = 1) -> list[int]:
    """The next `count` numbers of the site's series for `year`, taken in this transaction
    with one UPDATE (the counter's row stays locked until it ends: no one else takes them)."""
    table = InvoiceCounter.__table__
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.execute(insert(table).values(site_id=site.id, year=year, last=0)
                    .on_conflict_do_nothing())
    last = session.execute(update(table).where(table.c.site_id == site.id, table.c.year == year)
                           .values(last=table.c.last + count).returning(table.c.last)
                           ).scalar_one()
    return list(range(last - count + 1, last + 1))


def number_of(site: Site, year: int, seq: int) -> str:
    return f"{site.code}-{year}-{seq:04d}"


def _drafted(site: Site, payer: Payer, lines: list[Charge], *, month: date, issued_on: date,
             seq: int, actor: User, credit_of: Invoice | None = None,
             reason: str | None = None) -> tuple[Invoice, list[Decimal]]:
    """An invoice (or a credit note) for `lines` with its number, and each line's VAT."""
    vats = [cents(line.amount * line.vat_rate / 100) for line in lines]
    net = sum((line.amount for line in lines), ZERO)
    vat = sum(vats, ZERO)
    invoice = Invoice(site_id=site.id, payer_id=payer.id,
                      number=number_of(site, issued_on.year, seq), year=issued_on.year,
                      seq=seq, month=month, issued_on=issued_on,
                      due_on=issued_on + timedelta(days=payer.terms_days),
                      net=net, vat=vat, total=net + vat, created_by=actor.username,
                      kind="credit_note" if credit_of else "invoice",
                      credit_of_id=credit_of.id if credit_of else None, reason=reason)
    return invoice, vats


def _issued(session: Session, actor: User, drafts: list[tuple[Invoice, list[Decimal]]],
            lines: list[list[Charge]]) -> None:
    """Write numbered drafts at once, freeze their lines' VAT, and log each issue."""
    session.add_all([invoice for invoice, _vats in drafts])
    session.flush()
    for (invoice, vats), its_lines in zip(drafts, lines):
        for line, line_vat in zip(its_lines, vats):
            line.invoice_id, line.vat = invoice.id, line_vat
        record_event(session, actor, "issue", "invoices", invoice.id,
                     {field: [None, value] for field, value in snapshot(invoice).items()
                      if value is not None})


def issue_invoice(session: Session, actor: User, *, site: Site, payer: Payer,
                  lines: list[Charge], month: date, issued_on: date,
                  credit_of: Invoice | None = None, reason: str | None = None) -> Invoice:
    """Number an invoice (or a credit note) for `lines`, freeze each line's VAT, and log it."""
    seq = next_numbers(session, site, issued_on.year)[0]
    draft = _drafted(site, payer, lines, month=month, issued_on=issued_on, seq=seq,
                     actor=actor, credit_of=credit_of, reason=reason)
    _issued(session, actor, [draft], [lines])
    return draft[0]


def invoice_by_number(session: Session, number: str) -> Invoice | None:
    return session.exec(select(Invoice).where(Invoice.number == number)).first()


def _sites(session: Session, site_id: int | None) -> list[Site]:
    if site_id is not None:
        return [open_site(session, site_id)]
    return list(session.exec(select(Site).where(Site.archived_at.is_(None))
                             .order_by(Site.code)).all())


def bill_month(session: Session, *, actor: User, month, site_id: int | None = None,
               issued_on: date | None = None) -> BillRun:
    """Issue the month's invoices for every payer not yet billed for it (at one site, or at
    every site in use), and the credit notes of fees refunded since the last run. A second
    run of the same month issues nothing."""
    require_role(actor, *BILLERS)
    month = first_of(month)
    issued_on = checked_day(issued_on, N_("issued on")) or date.today()
    run = BillRun(month=month)
    try:
        _bill(session, actor, run, _sites(session, site_id), issued_on)
        session.flush()
    except IntegrityError as error:     # someone else billed the same month at the same moment
        if "unique" not in str(error.orig).lower():
            raise
        raise Invalid("month", _("{month} is being billed by someone else right now; try "
                                 "again in a moment").format(month=month.strftime("%Y-%m")))
    return run


def _bill(session: Session, actor: User, run: BillRun, sites: list[Site], issued_on: date
          ) -> None:
    month = run.month
    for site in sites:
        month_charges(session, actor, site, month)
        for note in refunds(session, actor, site, issued_on):
            run.credit_notes.append(note.number)
            run.credited += note.total
        billed = set(session.exec(select(Invoice.payer_id).where(
            Invoice.site_id == site.id, Invoice.month == month,
            Invoice.kind == "invoice")).all())
        # on the payer's next invoice if already billed for the month
        pending = {payer_id: lines for payer_id, lines
                   in pending_by_payer(session, site.id, month_end(month)).items()
                   if payer_id not in billed}
        if not pending:
            continue
        payers = {payer.id: payer for payer in session.exec(
            select(Payer).where(Payer.id.in_(pending))).all()}
        seqs = next_numbers(session, site, issued_on.year, len(pending))
        drafts = [_drafted(site, payers[payer_id], lines, month=month, issued_on=issued_on,
                           seq=seq, actor=actor)
                  for seq, (payer_id, lines) in zip(seqs, pending.items())]
        _issued(session, actor, drafts, list(pending.values()))
        in_credit = payers_in_credit(session, list(pending))
        for invoice, _vats in drafts:
            if invoice.payer_id in in_credit:
                apply_credit(session, actor, invoice.payer_id, invoice)
            run.invoices.append(invoice.number)
            run.total += invoice.total


def _credit_lines(lines: list[Charge], actor: User) -> list[Charge]:
    return [Charge(site_id=line.site_id, payer_id=line.payer_id, kind=line.kind,
                   lease_id=line.lease_id, booking_id=line.booking_id,
                   enrolment_id=line.enrolment_id, credit_of_id=line.id,
                   period_start=line.period_start, period_end=line.period_end,
                   description=line.description, amount=line.amount, vat_rate=line.vat_rate,
                   exempt_reason=line.exempt_reason, vat_nature=line.vat_nature,
                   created_by=actor.username) for line in lines]


def _credit(session: Session, actor: User, invoice: Invoice, lines: list[Charge],
            reason: str, issued_on: date) -> Invoice:
    credit_lines = _credit_lines(lines, actor)
    session.add_all(credit_lines)
    note = issue_invoice(session, actor, site=session.get(Site, invoice.site_id),
                 payer=session.get(Payer, invoice.payer_id), lines=credit_lines,
                 month=first_of(issued_on), issued_on=issued_on, credit_of=invoice,
                 reason=reason)
    # Paid beyond what the invoice now needs: that part of its payments is credit again,
    # for the payer's next invoice.
    needs = invoice.total - credited(session, [invoice.id]).get(invoice.id, ZERO)
    over = allocated(session, [invoice.id]).get(invoice.id, ZERO) - needs
    if over > 0:
        release(session, actor, invoice, over)
    return note


def credited_lines(session: Session, invoice_id: int) -> set[int]:
    """The ids of an invoice's lines a credit note already gave back."""
    return set(session.exec(select(Charge.credit_of_id).join(
        Invoice, Invoice.id == Charge.invoice_id).where(
        Invoice.credit_of_id == invoice_id)).all())


def credit_note(session: Session, *, actor: User, invoice_id: int, reason: str,
                line_ids: list[int] | None = None, issued_on: date | None = None) -> Invoice:
    """A credit note giving back the chosen lines of an invoice (all its lines not yet
    credited, if none are chosen), with the reason. What was paid beyond what the invoice
    still needs becomes the payer's credit."""
    require_role(actor, *BILLERS)
    invoice = session.get(Invoice, invoice_id) if invoice_id is not None else None
    if invoice is None or invoice.kind != "invoice":
        raise Invalid("invoice", _("choose an issued invoice"))
    reason = text(reason, N_("reason"), limit=300, required=True)
    issued_on = checked_day(issued_on, N_("issued on")) or date.today()
    if issued_on < invoice.issued_on:
        raise Invalid("issued on", _("a credit note cannot come before its invoice ({day})")
                      .format(day=day_text(invoice.issued_on)))
    done = credited_lines(session, invoice.id)
    lines = [line for line in session.exec(select(Charge).where(
        Charge.invoice_id == invoice.id).order_by(Charge.id)).all()
        if line.id not in done and (not line_ids or line.id in line_ids)]
    if line_ids and len(lines) != len(set(line_ids)):
        raise Invalid("lines", _("choose lines of invoice {number} not yet credited").format(
            number=invoice.number))
    if not lines:
        raise Invalid("lines", _("every line of invoice {number} is already credited").format(
            number=invoice.number))
    return _credit(session, actor, invoice, lines, reason, issued_on)


def refunds(session: Session, actor: User, site: Site, issued_on: date) -> list[Invoice]:
    """Fees of enrolments cancelled on or before their refund deadline: a fee not invoiced
    yet is dropped; an invoiced one gets a credit note (one per invoice)."""
    fees = session.exec(select(Charge, Enrolment, ProgrammeItem)
                        .join(Enrolment, Enrolment.id == Charge.enrolment_id)
                        .join(ProgrammeItem, ProgrammeItem.id == Enrolment.item_id).where(
        Charge.site_id == site.id, Charge.credit_of_id.is_(None),
        Enrolment.status == "cancelled")).all()
    to_credit: dict[int, list[Charge]] = {}
    for charge, enrolment, item in fees:
        if not refunded(item, enrolment):
            continue
        if charge.invoice_id is None:
            record(session, actor, "delete", charge)
            session.delete(charge)
        elif charge.id not in credited_lines(session, charge.invoice_id):
            to_credit.setdefault(charge.invoice_id, []).append(charge)
    reason = _("fee refunded: cancelled by the refund deadline")
    return [_credit(session, actor, session.get(Invoice, invoice_id), lines, reason,
                    max(issued_on, session.get(Invoice, invoice_id).issued_on))
            for invoice_id, lines in to_credit.items()]
