"""The manager's billing forms: bill a month, a credit note, record or return a payment, a
one-off charge, a payer's details. Each calls one hub/billing function through ui/forms.py: a
refusal shows beside the form and nothing is written; after a save the form starts afresh."""
from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from db.models import User
from db.vocabulary import LANGUAGES, ONE_OFF_KINDS, PAYMENT_METHODS
from hub.billing import charges, invoices, payers, payments, views
from hub.billing.views import InvoiceDetail, PayerRow, PaymentRow
from hub.i18n import _, day_text, ngettext
from ui.billing import lists
from ui.billing.lists import (KIND_NAMES, language_name, METHOD_NAMES, load_open_invoices,
                              named)
from ui.database import reading
from ui.format import as_text, listed, money, month, number
from ui.forms import form
from ui.widgets import (EARLIEST_DAY, SiteChoice, choice_box, choice_boxes, labels_of,
                        record_picker, site_choices)


def billing_months(today: date) -> list[date]:
    """The months a manager bills from the screen: this one and the one before."""
    this = today.replace(day=1)
    return [this, (this - timedelta(days=1)).replace(day=1)]


def bill_month_form(user: User, site: SiteChoice, today: date) -> None:
    """Issue the month's invoices at the chosen site (or every site), and say what was
    issued; a second run of the month issues nothing and says so."""
    months = billing_months(today)
    with form("billing_bill_month") as run:
        key = run.key("billing_bill")
        left, right = st.columns([1, 2])
        chosen = left.selectbox(_("Month to bill"), months, key=f"{key}_month",
                                format_func=labels_of({m: month(m) for m in months}))
        right.caption(_("Issues one invoice per payer for every charge not yet invoiced up to "
                        "the month's end: rent of the month, bookings of the month before, "
                        "course fees, one-off charges; and credit notes for fees refunded. "
                        "Issued today, at {site}.").format(
            site=as_text(site.name) if site.id is not None else _("every site")))
        if not run.submitted(_("Bill the month"), type="primary"):
            return
        done = run.save(invoices.bill_month, actor=user, month=chosen, site_id=site.id)
        if done is not None:
            run.done(bill_run_sentence(done))


def bill_run_sentence(done: invoices.BillRun) -> str:
    when = month(done.month)
    if not done.invoices and not done.credit_notes:
        return _("Nothing new to bill for {month}: every payer with charges is billed for it "
                 "already, and no fee was refunded since.").format(month=when)
    invoiced = ngettext("{count} invoice for {total}", "{count} invoices for {total}",
                        len(done.invoices)).format(count=number(len(done.invoices)),
                                                   total=money(done.total))
    credited = ngettext("{count} credit note for {credited}",
                        "{count} credit notes for {credited}", len(done.credit_notes)).format(
        count=number(len(done.credit_notes)), credited=money(done.credited))
    if not done.credit_notes:
        return _("{month} billed: {invoices}.").format(month=when, invoices=invoiced)
    if not done.invoices:
        return _("{month}: no new invoice; {notes} for refunded fees.").format(
            month=when, notes=credited)
    return _("{month} billed: {invoices}; {notes} for refunded fees.").format(
        month=when, invoices=invoiced, notes=credited)


def credit_note_form(user: User, detail: InvoiceDetail) -> None:
    """Give back chosen lines of an invoice (every line not yet credited when none is
    chosen), with the reason."""
    invoice = detail.row
    open_lines = {line.id: f"{line.description} · {money(line.amount)}"
                  for line in detail.lines if not line.credited}
    if not open_lines:
        st.caption(_("Every line of {number} is credited.").format(number=invoice.number))
        return
    with form(f"billing_credit_{invoice.id}") as credit:
        key = credit.key(f"billing_credit_{invoice.id}")
        st.markdown("**" + _("Credit note for {number}").format(number=invoice.number) + "**")
        lines = choice_boxes(_("Lines to credit (none chosen: every line not yet credited)"),
                             open_lines, key=f"{key}_lines", placeholder=_("Every line"))
        reason = st.text_input(_("Reason"), max_chars=300, key=f"{key}_reason")
        if credit.submitted(_("Issue credit note")):
            note = credit.save(invoices.credit_note, actor=user, invoice_id=invoice.id,
                               reason=reason, line_ids=lines or None)
            if note is not None:
                credit.done(_("Credit note {number} issued for {total}.").format(
                    number=note.number, total=money(note.total)))


def payment_form(user: User, today: date) -> None:
    """A payment received: the payer first (their open invoices to choose from follow)."""
    known = {row.id: row.name for row in lists.load_payers()}
    if not known:
        st.info(_("No payer yet: payers are made when a month is billed or a charge is "
                  "added."))
        return
    payer_id = choice_box(_("Payer"), known, key="billing_payment_payer", index=None,
                          placeholder=_("Choose a payer…"))
    if payer_id is None:
        return
    due = load_open_invoices(payer_id)
    with form(f"billing_payment_{payer_id}") as pay:
        key = pay.key(f"billing_payment_{payer_id}")
        left, middle, right = st.columns(3)
        received_on = left.date_input(_("Received on"), today, min_value=EARLIEST_DAY,
                                      max_value=today, format="DD/MM/YYYY",
                                      key=f"{key}_received")
        amount = middle.text_input(_("Amount €"), key=f"{key}_amount",
                                   placeholder=money(1250.5).replace("€", "").strip())
        method = right.selectbox(_("Method"), PAYMENT_METHODS, key=f"{key}_method",
                                 format_func=labels_of({code: named(METHOD_NAMES, code)
                                                        for code in PAYMENT_METHODS}))
        reference = left.text_input(_("Reference (bank or terminal)"), max_chars=80,
                                    key=f"{key}_reference")
        notes = middle.text_input(_("Notes"), max_chars=500, key=f"{key}_notes")
        chosen = choice_boxes(
            _("Pay these invoices, in this order (none chosen: the oldest first)"),
            {invoice_id: _("{number} · due {day} · {amount} still due").format(
                number=number, day=day_text(due_on), amount=money(left_due))
             for invoice_id, number, due_on, left_due in due},
            key=f"{key}_invoices", placeholder=_("The oldest first"))
        if not due:
            st.caption(_("{payer} has no open invoice: the payment is kept as credit for the "
                         "next one.").format(payer=as_text(known[payer_id])))
        if not pay.submitted(_("Record payment"), type="primary"):
            return
        payment = pay.save(payments.record_payment, actor=user, payer_id=payer_id,
                           received_on=received_on, amount=amount, method=method,
                           reference=reference, notes=notes, invoice_ids=chosen or None)
        if payment is not None:
            pay.done(payment_sentence(payment.id))


def payment_sentence(payment_id: int) -> str:
    with reading() as session:
        row = views.payment_rows(session, payment_id=payment_id)[0]
    said = _("{amount} from {payer} recorded.").format(amount=money(row.amount),
                                                       payer=row.payer)
    if row.paid:
        said += " " + _("It paid {invoices}.").format(invoices=listed(
            [f"{number} ({money(amount)})" for number, amount in row.paid]))
    if row.unallocated:
        said += " " + _("{amount} kept as credit for the next invoice.").format(
            amount=money(row.unallocated))
    return said


def _payment_label(row: PaymentRow) -> str:
    label = f"{day_text(row.received_on)} · {row.payer} · {money(row.amount)}"
    if row.reference:
        label += f" · {row.reference}"
    if row.returned_on:
        label += " · " + _("returned")
    return label


def return_form(user: User, rows: list[PaymentRow], today: date) -> None:
    """A payment sent back (a returned direct debit, a bounced transfer): what it paid is
    open again. The version of the payment drawn goes with the save: a payment someone else
    returned meanwhile is refused, naming who."""
    with form("billing_return", versions={row.id: row.version for row in rows}) as back:
        key = back.key("billing_return")
        pinned = st.session_state.get(f"{key}_payment")
        # Those not returned; and the one chosen, should it have been returned meanwhile
        # (the save then says by whom).
        offered = [row for row in rows if row.returned_on is None or row.id == pinned]
        if not offered:
            st.caption(_("No payment to return."))
            back.submitted(_("Return payment"), disabled=True)
            return
        payment = record_picker(_("Payment"), offered, key=f"{key}_payment",
                                name_of=_payment_label, index=None,
                                placeholder=_("Choose a payment…"))
        left, right = st.columns([1, 2])
        returned_on = left.date_input(_("Returned on"), today, min_value=EARLIEST_DAY,
                                      format="DD/MM/YYYY", key=f"{key}_day")
        reason = right.text_input(_("Reason (like MD06: refund requested by the debtor)"),
                                  max_chars=200, key=f"{key}_reason")
        if not back.submitted(_("Return payment")):
            return
        if payment is None:
            st.error(_("payment: choose the payment that came back"))
            return
        if back.save(payments.return_payment, actor=user, payment_id=payment.id,
                     version=back.version_of(payment.id), returned_on=returned_on,
                     reason=reason):
            back.done(_("Payment of {amount} from {payer} returned: what it paid is open "
                        "again.").format(amount=money(payment.amount), payer=payment.payer))


def charge_form(user: User, site: SiteChoice, today: date) -> None:
    """A one-off charge: a deposit, damage, consumables, other."""
    billable = lists.load_billable(today)
    with form(f"billing_charge_{site.id}") as add:
        key = add.key(f"billing_charge_{site.id}")
        left, middle, right = st.columns(3)
        if site.id is None:
            sites = {choice.id: choice.name for choice in site_choices()}
            site_id = choice_box(_("Site of the charge"), sites, key=f"{key}_site",
                                 container=left)
        else:
            site_id = site.id
        who = choice_box(_("Tenant or organisation"), billable, key=f"{key}_payer",
                         container=middle, index=None, placeholder=_("Choose who pays…"))
        kind = right.selectbox(_("Kind"), ONE_OFF_KINDS, key=f"{key}_kind",
                               format_func=labels_of({code: named(KIND_NAMES, code)
                                                      for code in ONE_OFF_KINDS}))
        amount = left.text_input(_("Amount € (net of VAT)"), key=f"{key}_amount")
        day = middle.date_input(_("Day"), today, min_value=EARLIEST_DAY, format="DD/MM/YYYY",
                                key=f"{key}_day")
        description = st.text_input(_("Description (printed on the invoice)"), max_chars=300,
                                    key=f"{key}_description")
        if not add.submitted(_("Add charge"), type="primary"):
            return
        payer = {"tenant_id": who[1]} if who and who[0] == "tenant" else \
            {"partner_id": who[1]} if who else {}
        charge = add.save(charges.add_charge, actor=user, site_id=site_id, kind=kind,
                          amount=amount, day=day, description=description, **payer)
        if charge is not None:
            add.done(_("{kind} of {amount} for {payer} added: it goes on their invoice for "
                       "{month} or a later one.").format(
                kind=named(KIND_NAMES, charge.kind).capitalize(), amount=money(charge.amount),
                payer=billable.get(who, ""), month=month(charge.period_start)))


def remove_charge_form(user: User, rows: list[views.ChargeRow]) -> None:
    one_offs = [row for row in rows if row.kind in ONE_OFF_KINDS]
    if not one_offs:
        return
    with form("billing_remove_charge") as remove:
        key = remove.key("billing_remove_charge")
        charge = record_picker(
            _("One-off charge to remove"), one_offs, key=f"{key}_charge", index=None,
            placeholder=_("Choose a charge…"),
            name_of=lambda row: f"{day_text(row.period_start)} · {row.payer} · "
                                f"{named(KIND_NAMES, row.kind)} · {money(row.amount)} · "
                                f"{row.description}")
        if remove.submitted(_("Remove charge")):
            if charge is None:
                st.error(_("charge: choose the charge to remove"))
            elif remove.save(_remove_charge, actor=user, charge_id=charge.id):
                remove.done(_("Charge removed: {description}").format(
                    description=charge.description))


def _remove_charge(session, **arguments) -> bool:
    """hub's remove_charge, saying it removed it (it returns nothing)."""
    charges.remove_charge(session, **arguments)
    return True


def payer_form(user: User, rows: list[PayerRow]) -> None:
    """The name and address invoices carry, the letters' language, the payment terms."""
    payer = record_picker(_("Payer to edit"), rows, key="billing_payer_pick", index=None,
                          placeholder=_("Choose a payer…"), name_of=lambda row: row.name)
    if payer is None:
        return
    with form(f"billing_payer_{payer.id}", version=payer.version,
              about=("payer", payer.id)) as edit:
        key = edit.key(f"billing_payer_{payer.id}")
        left, right = st.columns(2)
        name = left.text_input(_("Name on invoices"), payer.name, max_chars=160,
                               key=f"{key}_name")
        email = right.text_input(_("Email"), payer.email or "", max_chars=254,
                                 key=f"{key}_email")
        language = left.selectbox(_("Language of letters"), LANGUAGES,
                                  LANGUAGES.index(payer.language)
                                  if payer.language in LANGUAGES else 0,
                                  format_func=labels_of({code: language_name(code)
                                                         for code in LANGUAGES}),
                                  key=f"{key}_language")
        terms = right.number_input(_("Payment terms (days)"), 0, 365, payer.terms_days,
                                   key=f"{key}_terms")
        if edit.submitted(_("Save payer"), type="primary"):
            saved = edit.save(payers.edit_payer, actor=user, payer_id=payer.id, name=name,
                              email=email, language=language, terms_days=terms)
            if saved is not None:
                edit.done(_("{name} saved.").format(name=saved.name))
