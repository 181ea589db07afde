"""Arrears: who is late, the reminder each is due, sending it, and a payer's history and
account statement.

A reminder's level follows the days its payer's oldest overdue invoice is past its due date
(REMINDER_LEVELS): a polite reminder from the day after it falls due, a firm one a month
later, a final notice a month after that. A level is due once for the invoices it lists:
a reminder of that level (or a higher one) that listed the oldest overdue invoice means it
was sent. The reminders sent are the payer's Reminder rows, part of their history.

The statement's balance counts money as the bank sees it: invoices less credit notes, less
payments received, plus payments returned. It is the payer's balance (invoiced − credited −
allocated) less their credit, so a payer who paid ahead shows a negative balance."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from sqlmodel import Session, select

from db.models import Invoice, Payer, Payment, Reminder, User
from hub.billing.payments import still_due
from hub.checks import day as checked_day
from hub.errors import Invalid
from hub.i18n import N_, _, day_text
from hub.records import record
from hub.roles import BILLERS, require_role

ZERO = Decimal("0.00")
# Reminder level: from how many days past the due date of the oldest overdue invoice.
REMINDER_LEVELS = {1: 1, 2: 31, 3: 61}


def level_for(days_late: int) -> int:
    """The reminder level `days_late` days past due reaches (0: not late)."""
    reached = [level for level, days in REMINDER_LEVELS.items() if days_late >= days]
    return max(reached, default=0)


@dataclass
class Overdue:
    """An invoice past its due date with something still to pay."""
    invoice: Invoice
    due: Decimal            # still due
    days_late: int


@dataclass
class DueReminder:
    """A payer's overdue invoices (oldest due first) and the reminder level they reach."""
    payer: Payer
    level: int
    today: date
    invoices: list[Overdue] = field(default_factory=list)
    total: Decimal = ZERO


def overdue(session: Session, payer_id: int, today: date,
            site_id: int | None = None) -> list[Overdue]:
    """The payer's invoices past due on `today` with something still due, oldest due first
    (at one site, or at every site)."""
    query = select(Invoice).where(Invoice.payer_id == payer_id, Invoice.kind == "invoice",
                                  Invoice.due_on < today)
    if site_id is not None:
        query = query.where(Invoice.site_id == site_id)
    invoices = session.exec(query.order_by(Invoice.due_on, Invoice.issued_on, Invoice.id)).all()
    due = still_due(session, invoices)
    return [Overdue(invoice, due[invoice.id], (today - invoice.due_on).days)
            for invoice in invoices if due[invoice.id] > 0]


def draft_reminder(session: Session, payer_id: int, today: date,
                   site_id: int | None = None) -> DueReminder | None:
    """The reminder the payer's arrears call for on `today` (None: nothing overdue)."""
    payer = session.get(Payer, payer_id)
    late = overdue(session, payer_id, today, site_id) if payer is not None else []
    if not late:
        return None
    return DueReminder(payer=payer, level=level_for(late[0].days_late), today=today,
                       invoices=late, total=sum((item.due for item in late), ZERO))


def already_sent(session: Session, draft: DueReminder) -> bool:
    """A reminder of the draft's level or higher already listed its oldest overdue invoice."""
    oldest = draft.invoices[0].invoice.number
    return any(oldest in (reminder.invoices or []) for reminder in session.exec(
        select(Reminder).where(Reminder.payer_id == draft.payer.id,
                               Reminder.level >= draft.level)).all())


def due_reminders(session: Session, *, site_id: int, today: date) -> list[DueReminder]:
    """The payers with overdue invoices at the site whose reminder level is not sent yet,
    the most late first."""
    payer_ids = session.exec(select(Invoice.payer_id).where(
        Invoice.site_id == site_id, Invoice.kind == "invoice", Invoice.due_on < today)
        .distinct()).all()
    drafts = [draft for draft in (draft_reminder(session, payer_id, today, site_id)
                                  for payer_id in payer_ids)
              if draft is not None and not already_sent(session, draft)]
    return sorted(drafts, key=lambda draft: (-draft.invoices[0].days_late, draft.payer.name))


def send_reminder(session: Session, *, actor: User, payer_id: int,
                  today: date | None = None) -> Reminder:
    """Record the reminder the payer's arrears call for today: its level, the overdue
    invoices it lists and their total still due, on the payer's history."""
    require_role(actor, *BILLERS)
    today = checked_day(today, N_("day")) or date.today()
    payer = session.get(Payer, payer_id) if payer_id is not None else None
    if payer is None:
        raise Invalid("payer", _("choose an existing payer"))
    draft = draft_reminder(session, payer.id, today)
    if draft is None:
        raise Invalid("payer", _("{payer} has nothing overdue on {day}: no reminder to send")
                      .format(payer=payer.name, day=day_text(today)))
    reminder = Reminder(payer_id=payer.id, level=draft.level, sent_on=today, total=draft.total,
                        invoices=[item.invoice.number for item in draft.invoices],
                        created_by=actor.username)
    session.add(reminder)
    record(session, actor, "create", reminder)
    return reminder


def reminder_as_sent(session: Session, reminder: Reminder) -> DueReminder:
    """A sent reminder as its letter shows it: the invoices it listed that are still due,
    with the days late on the day it was sent."""
    invoices = session.exec(select(Invoice).where(Invoice.number.in_(reminder.invoices or []))
                            .order_by(Invoice.due_on, Invoice.issued_on, Invoice.id)).all()
    due = still_due(session, invoices)
    listed = [Overdue(invoice, due[invoice.id], (reminder.sent_on - invoice.due_on).days)
              for invoice in invoices if due[invoice.id] > 0]
    return DueReminder(payer=session.get(Payer, reminder.payer_id), level=reminder.level,
                       today=reminder.sent_on, invoices=listed,
                       total=sum((item.due for item in listed), ZERO))


# --- the payer's history and account statement ---------------------------------------------

# What a history entry is: invoices and returns add to the balance; credit notes and payments
# take from it; a reminder only tells.
ENTRY_KINDS = {"invoice": N_("Invoice"), "credit_note": N_("Credit note"),
               "payment": N_("Payment"), "return": N_("Payment returned"),
               "reminder": N_("Reminder")}


@dataclass
class Entry:
    day: date
    kind: str                  # a key of ENTRY_KINDS
    reference: str             # the invoice's number, the payment's reference, …
    amount: Decimal            # what it adds to the balance (a credit note or payment: < 0)
    note: str = ""
    level: int | None = None   # a reminder's


def payer_history(session: Session, payer_id: int) -> list[Entry]:
    """Everything on the payer's account by day: invoices, credit notes, payments, returned
    payments and reminders sent."""
    entries: list[Entry] = []
    for invoice in session.exec(select(Invoice).where(Invoice.payer_id == payer_id)).all():
        credit = invoice.kind == "credit_note"
        entries.append(Entry(invoice.issued_on, invoice.kind, invoice.number,
                             -invoice.total if credit else invoice.total,
                             invoice.reason or ""))
    for payment in session.exec(select(Payment).where(Payment.payer_id == payer_id)).all():
        reference = payment.reference or f"#{payment.id}"
        entries.append(Entry(payment.received_on, "payment", reference, -payment.amount,
                             payment.method))
        if payment.returned_on is not None:
            entries.append(Entry(payment.returned_on, "return", reference, payment.amount,
                                 payment.return_reason or ""))
    for reminder in session.exec(select(Reminder).where(Reminder.payer_id == payer_id)).all():
        entries.append(Entry(reminder.sent_on, "reminder", ", ".join(reminder.invoices or []),
                             ZERO, level=reminder.level, note=str(reminder.total)))
    order = list(ENTRY_KINDS)
    return sorted(entries, key=lambda entry: (entry.day, order.index(entry.kind),
                                              entry.reference))


@dataclass
class Statement:
    """A payer's account over a period: the balance before it, each entry with the balance
    after it, and the balance at its end."""
    payer: Payer
    first: date
    last: date
    opening: Decimal
    rows: list[tuple[Entry, Decimal]]
    closing: Decimal


def statement(session: Session, payer_id: int, first, last) -> Statement:
    """The payer's account statement from `first` to `last` (both included)."""
    payer = session.get(Payer, payer_id) if payer_id is not None else None
    if payer is None:
        raise Invalid("payer", _("choose an existing payer"))
    first = checked_day(first, N_("from"), required=True)
    last = checked_day(last, N_("to"), required=True)
    if last < first:
        raise Invalid("to", _("the statement's last day is before its first"))
    history = [entry for entry in payer_history(session, payer.id) if entry.kind != "reminder"]
    opening = sum((entry.amount for entry in history if entry.day < first), ZERO)
    rows, balance = [], opening
    for entry in history:
        if first <= entry.day <= last:
            balance += entry.amount
            rows.append((entry, balance))
    return Statement(payer=payer, first=first, last=last, opening=opening, rows=rows,
                     closing=balance)


def days_to_pay(level: int) -> int:
    """The days a firm reminder or a final notice gives to pay (a polite one names none)."""
    return 0 if level == 1 else 10


def pay_by(draft: DueReminder) -> date | None:
    days = days_to_pay(draft.level)
    return draft.today + timedelta(days=days) if days else None
