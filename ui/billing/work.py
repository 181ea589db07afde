"""A manager's billing work: the month's run and the invoices, payments, one-off charges and
payers. The tables come from ui/billing/lists.py, the forms from ui/billing/forms.py."""
from __future__ import annotations

from datetime import date

import streamlit as st

from db.models import User
from hub.billing.views import INVOICE_STATUSES
from hub.i18n import _, ngettext
from ui.billing import forms, lists
from ui.billing.lists import STATUS_NAMES, named, on_screen
from ui.format import as_text, day_text, money, month, number
from ui.widgets import SiteChoice, choice_box, csv_download, labels_of

ALL = "all"


def invoices_tab(user: User, site: SiteChoice) -> None:
    today = date.today()
    st.header(_("Bill a month"), anchor=False)
    forms.bill_month_form(user, site, today)

    st.header(_("Invoices"), anchor=False)
    months = lists.load_months(site.id)
    left, middle, right = st.columns([1, 2, 2])
    shown_month = left.selectbox(
        _("Month"), months + [ALL], key="billing_invoices_month",     # the latest first
        format_func=labels_of({ALL: _("All months")} | {m: month(m) for m in months}))
    statuses = middle.multiselect(
        _("Status"), INVOICE_STATUSES, key="billing_invoices_status",
        format_func=labels_of({code: named(STATUS_NAMES, code) for code in INVOICE_STATUSES}),
        placeholder=_("Every status"))
    search = right.text_input(_("Payer or number"), key="billing_invoices_search",
                              placeholder=_("Search…"))
    shown, for_csv, sums, pickable = lists.load_invoice_list(
        site.id, today, None if shown_month == ALL else shown_month, tuple(statuses), search)
    if sums["count"]:
        st.dataframe(shown, hide_index=True, width="stretch")
        st.caption(ngettext("{count} invoice: {total} billed, {due} still due.",
                            "{count} invoices: {total} billed, {due} still due.",
                            sums["count"]).format(
            count=number(sums["count"]), total=money(sums["total"]), due=money(sums["due"])))
    else:
        st.info(_("No invoice matches these filters."))
    csv_download(_("Download invoices (CSV)"), for_csv, "invoices.csv", "billing_invoices_csv")
    if pickable:
        _invoice_detail(user, pickable, sums["count"], today)


def _invoice_detail(user: User, pickable: tuple, count: int, today: date) -> None:
    st.subheader(_("One invoice"), anchor=False)
    if count > len(pickable):
        st.caption(_("The first {shown} of {count} invoices can be opened here: choose a "
                     "month, a status or search for the one you need.").format(
            shown=number(len(pickable)), count=number(count)))
    picked = choice_box(_("Invoice"), dict(pickable), key="billing_invoice_pick", index=None,
                        placeholder=_("Choose an invoice…"))
    if picked is None:
        return
    detail = lists.load_invoice(picked, today)
    if detail is None:
        return
    row = detail.row
    st.markdown(_("**{number}** to {payer} · issued {issued} · due {due} · {status}").format(
        number=row.number, payer=as_text(row.payer), issued=day_text(row.issued_on),
        due=day_text(row.due_on), status=named(STATUS_NAMES, row.status)))
    st.caption(_("Net {net} + VAT {vat} = {total}; credited {credited}, paid {paid}, still "
                 "due {due}.").format(net=money(row.net), vat=money(row.vat),
                                      total=money(row.total), credited=money(row.credited),
                                      paid=money(row.paid), due=money(row.still_due)))
    st.dataframe(on_screen(lists.line_table(detail.lines)), hide_index=True, width="stretch")
    if detail.credit_notes:
        st.markdown("**" + _("Credit notes") + "**")
        st.dataframe(on_screen(lists.credit_note_table(detail.credit_notes)), hide_index=True,
                     width="stretch")
    if detail.payments:
        st.markdown("**" + _("Paid by") + "**")
        st.dataframe(on_screen(lists.paid_by_table(detail.payments)), hide_index=True,
                     width="stretch")
    forms.credit_note_form(user, detail)


def payments_tab(user: User, site: SiteChoice) -> None:
    today = date.today()
    st.header(_("Record a payment"), anchor=False)
    forms.payment_form(user, today)

    st.header(_("Payments"), anchor=False)
    st.caption(_("A payment is the payer's, whatever site it pays for."))
    search = st.text_input(_("Payer or reference"), key="billing_payments_search",
                           placeholder=_("Search…"))
    table = lists.load_payment_table(search)
    if not table.empty:
        st.dataframe(table, hide_index=True, width="stretch")
    else:
        st.info(_("No payment recorded yet."))

    st.subheader(_("Return a payment"), anchor=False)
    forms.return_form(user, lists.load_payments(""), today)


def charges_tab(user: User, site: SiteChoice) -> None:
    today = date.today()
    st.header(_("Add a one-off charge"), anchor=False)
    forms.charge_form(user, site, today)

    st.header(_("Charges not yet invoiced"), anchor=False)
    rows = lists.load_pending(site.id)
    if rows:
        st.dataframe(lists.load_charge_table(site.id), hide_index=True, width="stretch")
    else:
        st.info(_("Every charge is invoiced."))
    forms.remove_charge_form(user, rows)


def payers_tab(user: User, site: SiteChoice) -> None:
    st.header(_("Payers"), anchor=False)
    rows = lists.load_payers()
    if not rows:
        st.info(_("No payer yet: payers are made when a month is billed or a charge is "
                  "added."))
        return
    st.dataframe(lists.load_payer_table(), hide_index=True, width="stretch")
    forms.payer_form(user, rows)
