"""The manager's billing lists: cached reads (hub/billing/views.py) and the tables the Invoices,
Payments, Charges and Payers tabs show, with money and dates in the reader's language on
screen and plain in the CSV download."""
from __future__ import annotations

from datetime import date

import pandas as pd

from hub.billing import views
from hub.i18n import N_, _, locale
from hub.partners.directory import partner_choices
from hub.tenants.roster import tenant_choices
from ui.database import cached, reading
from ui.format import day_text, listed, money, month

# The words of billing's stored codes, as a screen says them.
STATUS_NAMES = {"open": N_("open"), "partly_paid": N_("partly paid"), "paid": N_("paid"),
                "credited": N_("credited"), "overdue": N_("overdue")}
KIND_NAMES = {"rent": N_("rent"), "booking": N_("booking"), "course": N_("course fee"),
              "deposit": N_("deposit"), "damage": N_("damage"),
              "consumables": N_("consumables"), "other": N_("other charge")}
METHOD_NAMES = {"transfer": N_("bank transfer"), "direct_debit": N_("direct debit"),
                "card": N_("card"), "cash": N_("cash")}
PAYER_KIND_NAMES = {"tenant": N_("tenant"), "person": N_("person"),
                    "organisation": N_("organisation")}


def language_name(code: str) -> str:
    """A payer's letters' language, named in the reader's (Babel): Italian, inglese …"""
    name = locale().languages.get(code, code)
    return name[:1].upper() + name[1:]


def named(names: dict[str, str], code: str | None) -> str:
    return _(names[code]) if code in names else (code or "")


# --- the reads -------------------------------------------------------------------------------

@cached(ttl=120)
def load_invoices(site_id, on: date, month_shown: date | None, statuses: tuple[str, ...],
                  search: str) -> list[views.InvoiceRow]:
    with reading() as session:
        return views.invoice_rows(session, today=on, site_id=site_id, month=month_shown,
                                  statuses=statuses, search=search)


@cached(ttl=120)
def load_invoice_list(site_id, on: date, month_shown: date | None, statuses: tuple[str, ...],
                      search: str) -> tuple[pd.DataFrame, pd.DataFrame, dict, tuple]:
    """The Invoices tab's list, shaped once per data version and filters: the screen's table,
    the CSV's, the count and sums, and the invoices a person may open ((id, label), at most
    PICKABLE of them: a network's month holds thousands)."""
    rows = load_invoices(site_id, on, month_shown, statuses, search)
    sums = {"count": len(rows), "total": sum((row.total for row in rows), 0),
            "due": sum((row.still_due for row in rows), 0)}
    pickable = tuple((row.id, f"{row.number} · {row.payer} · {money(row.total)}")
                     for row in rows[:PICKABLE])
    return (on_screen(invoice_table(rows, for_screen=True)), invoice_table(rows), sums,
            pickable)


PICKABLE = 500


@cached(ttl=120)
def load_payment_table(search: str) -> pd.DataFrame:
    return on_screen(payment_table(load_payments(search)))


@cached(ttl=120)
def load_payer_table() -> pd.DataFrame:
    return on_screen(payer_table(load_payers()))


@cached(ttl=120)
def load_charge_table(site_id) -> pd.DataFrame:
    return on_screen(charge_table(load_pending(site_id)))


@cached(ttl=120)
def load_months(site_id) -> list[date]:
    with reading() as session:
        return views.invoice_months(session, site_id=site_id)


@cached(ttl=120)
def load_invoice(invoice_id: int, on: date) -> views.InvoiceDetail | None:
    with reading() as session:
        return views.invoice_detail(session, invoice_id=invoice_id, today=on)


@cached(ttl=120)
def load_payments(search: str) -> list[views.PaymentRow]:
    with reading() as session:
        return views.payment_rows(session, search=search)


@cached(ttl=120)
def load_payers() -> list[views.PayerRow]:
    with reading() as session:
        return views.payer_rows(session)


@cached(ttl=120)
def load_open_invoices(payer_id: int) -> list[tuple[int, str, date, object]]:
    with reading() as session:
        return views.open_invoice_choices(session, payer_id)


@cached(ttl=120)
def load_pending(site_id) -> list[views.ChargeRow]:
    with reading() as session:
        return views.pending_charges(session, site_id=site_id)


@cached(ttl=300)
def load_billable(on: date) -> dict[tuple[str, int], str]:
    """Whom a one-off charge can go to: the tenants in the hub and the partner organisations,
    by name."""
    with reading() as session:
        tenants = tenant_choices(session, on=on)
        partners = partner_choices(session)
    return ({("tenant", tenant_id): name for tenant_id, name in tenants}
            | {("partner", partner_id): _("{name} (organisation)").format(name=name)
               for partner_id, name in partners})


# --- the tables: English column names in the CSV, translated on screen -----------------------

COLUMNS = (N_("Number"), N_("Site"), N_("Payer"), N_("Month"), N_("Issued"), N_("Due"),
           N_("Total"), N_("Still due"), N_("Status"), N_("Description"), N_("Period"),
           N_("Net"), N_("VAT rate"), N_("VAT"), N_("VAT exempt because"), N_("Credited"),
           N_("Reason"), N_("Received"), N_("Amount"), N_("Method"), N_("Reference"),
           N_("Paid invoices"), N_("Credit"), N_("Returned"), N_("Kind"), N_("Day"),
           N_("Email"), N_("Language"), N_("Payment terms (days)"), N_("Notes"))


def on_screen(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with its column names in the reader's language."""
    return frame.rename(columns=_)


def invoice_table(rows: list[views.InvoiceRow], *, for_screen: bool = False) -> pd.DataFrame:
    """The invoices listed: formatted for the screen, plain days and amounts in the CSV."""
    def day(value):
        return day_text(value) if for_screen else value

    def amount(value):
        return money(value) if for_screen else value
    return pd.DataFrame([{
        "Number": r.number, "Site": r.site, "Payer": r.payer,
        "Month": month(r.month) if for_screen else r.month.strftime("%Y-%m"),
        "Issued": day(r.issued_on), "Due": day(r.due_on), "Total": amount(r.total),
        "Still due": amount(r.still_due),
        "Status": named(STATUS_NAMES, r.status) if for_screen else r.status,
    } for r in rows], columns=["Number", "Site", "Payer", "Month", "Issued", "Due", "Total",
                               "Still due", "Status"])


def _period(first: date, last: date) -> str:
    return day_text(first) if first == last else f"{day_text(first)} – {day_text(last)}"


def _rate(value) -> str:
    return f"{value.normalize():f}%" if value is not None else ""


def line_table(lines: list[views.Line]) -> pd.DataFrame:
    """An invoice's lines, with the VAT of each and why none is due."""
    return pd.DataFrame([{
        "Description": line.description, "Kind": named(KIND_NAMES, line.kind),
        "Period": _period(line.period_start, line.period_end), "Net": money(line.amount),
        "VAT rate": _rate(line.vat_rate), "VAT": money(line.vat),
        "VAT exempt because": _(line.exempt_reason) if line.exempt_reason else "",
        "Credited": _("yes") if line.credited else "",
    } for line in lines])


def credit_note_table(notes: list[views.CreditNoteRow]) -> pd.DataFrame:
    return pd.DataFrame([{"Number": note.number, "Issued": day_text(note.issued_on),
                          "Total": money(note.total), "Reason": note.reason or ""}
                         for note in notes])


def paid_by_table(paid: list[views.PaidBy]) -> pd.DataFrame:
    return pd.DataFrame([{"Received": day_text(p.received_on),
                          "Method": named(METHOD_NAMES, p.method),
                          "Reference": p.reference or "", "Amount": money(p.amount)}
                         for p in paid])


def returned_text(row: views.PaymentRow) -> str:
    if row.returned_on is None:
        return ""
    return _("returned on {day}: {reason}").format(day=day_text(row.returned_on),
                                                  reason=row.return_reason)


def payment_table(rows: list[views.PaymentRow]) -> pd.DataFrame:
    return pd.DataFrame([{
        "Received": day_text(r.received_on), "Payer": r.payer, "Amount": money(r.amount),
        "Method": named(METHOD_NAMES, r.method), "Reference": r.reference or "",
        "Paid invoices": listed([f"{number} {money(amount)}" for number, amount in r.paid]),
        "Credit": money(r.unallocated) if r.unallocated else "",
        "Returned": returned_text(r),
    } for r in rows], columns=["Received", "Payer", "Amount", "Method", "Reference",
                               "Paid invoices", "Credit", "Returned"])


def charge_table(rows: list[views.ChargeRow]) -> pd.DataFrame:
    return pd.DataFrame([{
        "Site": r.site, "Payer": r.payer, "Kind": named(KIND_NAMES, r.kind),
        "Period": _period(r.period_start, r.period_end), "Description": r.description,
        "Net": money(r.amount), "VAT rate": _rate(r.vat_rate),
    } for r in rows], columns=["Site", "Payer", "Kind", "Period", "Description", "Net",
                               "VAT rate"])


def payer_table(rows: list[views.PayerRow]) -> pd.DataFrame:
    return pd.DataFrame([{
        "Payer": r.name, "Kind": named(PAYER_KIND_NAMES, r.kind), "Email": r.email or "",
        "Language": language_name(r.language), "Payment terms (days)": r.terms_days,
    } for r in rows], columns=["Payer", "Kind", "Email", "Language", "Payment terms (days)"])
