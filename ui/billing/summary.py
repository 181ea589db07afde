"""Billing's figures: billed and collected, collection rate, days to collect, arrears by age,
income against the building budget; and, for a manager, the late payers, each payer's
arrears by age, and a tenant's account (on the Tenants screen, through pages/tenants.py).

A viewer gets the sums only: nothing here names a payer unless `bills(user)`."""
from __future__ import annotations

from datetime import date

import streamlit as st

from db.models import User
from hub.i18n import _
from hub.roles import bills
from ui.billing import charts as billing_charts
from ui.billing.reminders import reminders_section
from ui.billing.data import (MONTHS, load_account_of_tenant, load_arrears_tables,
                             load_summary)
from ui.empty import nothing_yet
from ui.format import day_text, money, number, percent
from ui.widgets import SiteChoice, kpi_row


def show_summary(user: User, site: SiteChoice, today: date | None = None) -> None:
    today = today or date.today()
    st.header(_("Summary"), anchor=False)
    summary = load_summary(site.id, today)
    if not summary.anything:
        nothing_yet(_("Nothing billed yet: this summary will show what the hub billed and "
                      "collected each month, the collection rate and the arrears once the "
                      "first month is billed.") + " " +
                    (_("Bill a month in the Invoices tab.") if bills(user) else
                     _("The manager bills each month.")))
        return
    rate = summary.collection.rate
    days = summary.days_to_collect
    kpi_row([
        (_("Billed this month"), money(summary.billed_this_month),
         _("Invoices issued this month, less credit notes")),
        (_("Collected this month"), money(summary.collected_this_month),
         _("Payments received this month (not returned) that paid invoices")),
        (_("Collection rate"), percent(rate),
         _("Collected ÷ billed, of invoices due in the last {months} months").format(
             months=MONTHS)),
        (_("Arrears"), money(summary.overdue),
         _("Still due on invoices past their due day")),
        (_("Days to collect"), number(days, decimals=1) if days is not None else "—",
         _("From issue to payment, weighted by the amount paid, last {months} months")
         .format(months=MONTHS)),
    ])
    st.altair_chart(billing_charts.billed_and_collected(summary.months), width="stretch")
    left, right = st.columns(2)
    if summary.arrears.empty:
        left.caption(_("Nothing is still due."))
    else:
        left.altair_chart(billing_charts.arrears_by_age(summary.arrears), width="stretch")
    if not summary.income.empty:
        right.altair_chart(billing_charts.income_against_budget(summary.income, today.year),
                           width="stretch")


def show_arrears(user: User, site: SiteChoice, today: date | None = None) -> None:
    """Who owes what, by age: a manager's only (it names payers)."""
    if not bills(user):
        return
    today = today or date.today()
    st.header(_("Arrears"), anchor=False)
    aging, late = load_arrears_tables(site.id, today, user.role, user)
    if aging.empty:
        nothing_yet(_("No open invoice: every invoice issued is paid or credited."))
        reminders_section(user, site, today)
        return
    st.caption(_("What each payer's open invoices still need on {day}, by days past their "
                 "due day.").format(day=day_text(today)))
    st.dataframe(aging, hide_index=True, width="stretch")
    st.subheader(_("Late payers"), anchor=False)
    if not late.empty:
        st.dataframe(late, hide_index=True, width="stretch")
    else:
        st.caption(_("No payer is late."))
    reminders_section(user, site, today)


def account_lines(user: User, tenant_id: int) -> list[str]:
    """A tenant's account in words (a manager's only; [] for anyone else or a tenant never
    billed): what they still owe, their credit, their last payment."""
    if not bills(user):
        return []
    account = load_account_of_tenant(tenant_id, user.role, user)
    if account is None:
        return []
    lines = [_("Still owed: {amount}").format(amount=money(account.balance))]
    if account.credit:
        lines.append(_("In credit: {amount}").format(amount=money(account.credit)))
    if account.last_paid_on is not None:
        lines.append(_("Last payment: {amount} on {day}").format(
            amount=money(account.last_paid), day=day_text(account.last_paid_on)))
    else:
        lines.append(_("No payment yet"))
    return lines


def account_box(user: User, tenant_id: int) -> None:
    """The tenant's balance and last payment, on their profile (a manager's only)."""
    if not bills(user):
        return
    st.markdown(_("**Account**"))
    lines = account_lines(user, tenant_id)
    st.markdown("  \n".join(lines) if lines else _("Never billed."))


def still_owed(user: User, tenant_id: int) -> list[str]:
    """For a confirmation (retiring a tenant, ending a lease early): what the tenant still
    owes or holds in credit; [] when neither, or for anyone but a manager."""
    if not bills(user):
        return []
    account = load_account_of_tenant(tenant_id, user.role, user)
    if account is None:
        return []
    said = []
    if account.balance:
        said.append(_("They still owe {amount}.").format(amount=money(account.balance)))
    if account.credit:
        said.append(_("They hold {amount} in credit.").format(amount=money(account.credit)))
    return said
