"""Letters to a payer, as HTML and as PDF: a reminder of overdue invoices (polite, firm, final
notice), an account statement for a period, and an invoice or credit note itself.

Every letter is in the payer's language (Payer.language), whoever prints it: its words come
from the catalog (`_()` inside `speaking(...)`), its dates and money from Babel in that
language (€ 1.250,00 and 3 marzo 2025 in Italian). The templates (hub/billing/templates/)
hold no English of their own and escape everything they are given (autoescape is on), so a
payer called `<b>Ann & Co</b>` is printed as typed.

The PDF is the same HTML drawn by fpdf2's `write_html` (pure Python, no system library),
with the DejaVu Sans fonts kept in hub/billing/fonts/ so € and accented letters print on any
machine. A character the font lacks is left out of the PDF, never an error."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

from babel.dates import format_date
from babel.numbers import NumberPattern, parse_pattern
from jinja2 import Environment, FileSystemLoader
from sqlmodel import Session, select

from db.models import Charge, Invoice, Payer, Reminder, Site
from hub.billing.arrears import (ENTRY_KINDS, DueReminder, Statement, pay_by,
                                 reminder_as_sent)
from hub.billing.payments import still_due
from hub.i18n import N_, _, day_text, language, locale, speaking

HERE = Path(__file__).resolve().parent
FONTS = HERE / "fonts"
FONT = "DejaVu"
templates = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True,
                        trim_blocks=True, lstrip_blocks=True)
# € 1.250,00 in Italian, €1,250.00 in English: as ui/format.py's money() writes it on screen.
MONEY_PATTERNS = {"it": "¤ #,##0.00", "en": "¤#,##0.00"}
TITLES = {1: N_("Payment reminder"), 2: N_("Second reminder"), 3: N_("Final notice")}


@cache
def _pattern(pattern: str) -> NumberPattern:
    return parse_pattern(pattern)


def euros(amount: Decimal) -> str:
    """An amount in euros as the current language writes it."""
    return _pattern(MONEY_PATTERNS[language()]).apply(Decimal(amount), locale(), currency="EUR",
                                                      currency_digits=False)


def long_day(value: date) -> str:
    """3 marzo 2025 / 3 March 2025: the date a letter carries."""
    return format_date(value, "d MMMM y", locale=locale())


@dataclass
class Sender:
    name: str
    lines: list[str]


def sender_of(session: Session, site_id: int | None) -> Sender | None:
    site = session.get(Site, site_id) if site_id is not None else None
    if site is None:
        return None
    return Sender(site.name, [line for line in (site.address, site.city) if line])


def _letter(template: str, *, payer: Payer, sender: Sender | None, title: str, day: date,
            pdf: bool, **content) -> str:
    """Render a letter (the caller speaks the payer's language)."""
    return templates.get_template(template).render(
        lang=language(), payer=payer, sender=sender, title=title, dated=long_day(day),
        pdf=pdf, **content)


# --- reminders ------------------------------------------------------------------------------

def _reminder(session: Session, due: DueReminder, *, pdf: bool) -> str:
    payer = due.payer
    with speaking(payer.language):
        total = euros(due.total)
        deadline = pay_by(due)
        opening = {
            1: _("According to our records, the invoices below are past their due date. "
                 "Perhaps your payment has crossed this letter; if not, we kindly ask you to "
                 "pay {total} at your earliest convenience."),
            2: _("Despite our reminder, the invoices below are still unpaid. Please pay "
                 "{total} by {day}."),
            3: _("This is our final notice: the invoices below are still unpaid despite our "
                 "reminders. Unless {total} is paid by {day}, we will take further steps to "
                 "recover it without further notice."),
        }[due.level].format(total=total, day=long_day(deadline) if deadline else "")
        rows = [{"number": item.invoice.number, "issued": day_text(item.invoice.issued_on),
                 "due_on": day_text(item.invoice.due_on), "still_due": euros(item.due),
                 "days_late": item.days_late} for item in due.invoices]
        words = {"dear": _("Dear {name},").format(name=payer.name), "opening": opening,
                 "number": _("Invoice"), "issued": _("Issued"), "due_on": _("Due"),
                 "still_due": _("Still due"), "days_late": _("Days late"),
                 "total": _("Total"),
                 "paid": _("If you have paid in the meantime, please disregard this letter."),
                 "regards": _("Kind regards,")}
        sender = sender_of(session, due.invoices[0].invoice.site_id if due.invoices else None)
        return _letter("reminder.html", payer=payer, sender=sender, title=_(TITLES[due.level]),
                       day=due.today, pdf=pdf, rows=rows, total=total, words=words)


def reminder_html(session: Session, due: DueReminder | Reminder) -> str:
    """The reminder letter (a draft from hub.billing.arrears, or a reminder sent) as HTML."""
    return _reminder(session, _as_due(session, due), pdf=False)


def reminder_pdf(session: Session, due: DueReminder | Reminder) -> bytes:
    return pdf_of(_reminder(session, _as_due(session, due), pdf=True))


def _as_due(session: Session, due: DueReminder | Reminder) -> DueReminder:
    return reminder_as_sent(session, due) if isinstance(due, Reminder) else due


# --- account statement ----------------------------------------------------------------------

def _statement(session: Session, account: Statement, *, pdf: bool) -> str:
    payer = account.payer
    with speaking(payer.language):
        rows = [{"day": day_text(entry.day), "what": _(ENTRY_KINDS[entry.kind]),
                 "reference": entry.reference, "note": entry.note if entry.kind in (
                     "credit_note", "return") else "",
                 "debit": euros(entry.amount) if entry.amount > 0 else "",
                 "credit": euros(-entry.amount) if entry.amount < 0 else "",
                 "balance": euros(balance)} for entry, balance in account.rows]
        words = {"period": _("From {first} to {last}").format(
                     first=long_day(account.first), last=long_day(account.last)),
                 "day": _("Day"), "what": _("What"), "reference": _("Reference"),
                 "debit": _("Charged"), "credit": _("Paid or credited"),
                 "balance": _("Balance"),
                 "opening": _("Balance on {day}").format(day=day_text(account.first)),
                 "closing": _("Balance on {day}").format(day=day_text(account.last)),
                 "nothing": _("Nothing in this period."),
                 "sign": _("A negative balance is money of yours we hold, for your next "
                           "invoices.")}
        site_id = session.exec(select(Invoice.site_id).where(Invoice.payer_id == payer.id)
                               .order_by(Invoice.issued_on.desc(), Invoice.id.desc())).first()
        return _letter("statement.html", payer=payer, sender=sender_of(session, site_id),
                       title=_("Account statement"), day=account.last, pdf=pdf, rows=rows,
                       opening=euros(account.opening), closing=euros(account.closing),
                       negative=account.closing < 0, words=words)


def statement_html(session: Session, account: Statement) -> str:
    """The account statement (hub.billing.arrears.statement) as HTML."""
    return _statement(session, account, pdf=False)


def statement_pdf(session: Session, account: Statement) -> bytes:
    return pdf_of(_statement(session, account, pdf=True))


# --- the invoice itself ---------------------------------------------------------------------

def _invoice(session: Session, invoice: Invoice, *, pdf: bool) -> str:
    payer = session.get(Payer, invoice.payer_id)
    lines = session.exec(select(Charge).where(Charge.invoice_id == invoice.id)
                         .order_by(Charge.period_start, Charge.id)).all()
    credit = invoice.kind == "credit_note"
    with speaking(payer.language):
        rows = [{"description": line.description,
                 "period": day_text(line.period_start) if line.period_start == line.period_end
                 else f"{day_text(line.period_start)} – {day_text(line.period_end)}",
                 "net": euros(line.amount), "rate": f"{line.vat_rate.normalize():f} %",
                 "vat": euros(line.vat or 0),
                 "exempt": _(line.exempt_reason) if line.exempt_reason else ""}
                for line in lines]
        refers = session.get(Invoice, invoice.credit_of_id) if credit else None
        due = None if credit else still_due(session, [invoice])[invoice.id]
        words = {"number": _("Number"), "issued": _("Issued"), "due_on": _("Due"),
                 "description": _("Description"), "period": _("Period"), "net": _("Net"),
                 "rate": _("VAT %"), "vat": _("VAT"), "total": _("Total"),
                 "refers": _("Credit note for invoice {number} of {day}").format(
                     number=refers.number, day=day_text(refers.issued_on)) if refers else "",
                 "reason": _("Reason: {reason}").format(reason=invoice.reason)
                 if invoice.reason else "",
                 "still_due": _("Still due: {amount}").format(amount=euros(due))
                 if due is not None else "",
                 "courtesy": _("Courtesy copy: the invoice with legal value is the one sent "
                               "through the exchange system (SdI).")}
        return _letter("invoice.html", payer=payer, sender=sender_of(session, invoice.site_id),
                       title=(_("Credit note {number}") if credit else _("Invoice {number}"))
                       .format(number=invoice.number), day=invoice.issued_on, pdf=pdf,
                       invoice={"number": invoice.number, "issued": day_text(invoice.issued_on),
                                "due_on": day_text(invoice.due_on), "net": euros(invoice.net),
                                "vat": euros(invoice.vat), "total": euros(invoice.total)},
                       credit=credit, rows=rows, words=words)


def invoice_html(session: Session, invoice: Invoice) -> str:
    """An invoice or a credit note as HTML: its lines, the VAT of each (or why none is due),
    its totals."""
    return _invoice(session, invoice, pdf=False)


def invoice_pdf(session: Session, invoice: Invoice) -> bytes:
    return pdf_of(_invoice(session, invoice, pdf=True))


# --- the PDF --------------------------------------------------------------------------------

def pdf_of(html: str) -> bytes:
    """An A4 PDF of a letter's HTML (rendered with pdf=True: no style sheet, no head)."""
    from fpdf import FPDF
    from fpdf.fonts import TextStyle

    document = FPDF(format="A4")
    document.set_margins(20, 18, 20)
    document.set_auto_page_break(True, margin=18)
    document.add_font(FONT, "", FONTS / "DejaVuSans.ttf")
    document.add_font(FONT, "B", FONTS / "DejaVuSans-Bold.ttf")
    document.set_creator("Bottega")
    document.add_page()
    document.set_font(FONT, size=10)
    heading = TextStyle(font_family=FONT, font_style="B", font_size_pt=15, color=(0, 0, 0),
                        t_margin=2, b_margin=1)
    document.write_html(html, font_family=FONT, tag_styles={"h1": heading},
                        warn_on_tags_not_matching=False)
    return bytes(document.output())
