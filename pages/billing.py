"""Billing: from the rent roll to money collected. A manager bills, records payments and
follows up arrears; a viewer sees the sums only."""
import streamlit as st

from hub.i18n import _
from hub.roles import bills
from ui.billing.summary import show_arrears, show_summary
from ui.billing.work import charges_tab, invoices_tab, payers_tab, payments_tab
from ui.empty import require_site
from ui.navigation import guard
from ui.widgets import show_flash, site_picker

user = guard("billing")

show_flash()
st.title(_("Billing"))
st.caption(_("What the hub billed for rent, bookings and courses, what it collected, and who "
             "is late."))
require_site(user, _("Billing will show invoices and payments once the hub has a site."))
site = site_picker("billing_site")

if not bills(user):
    show_summary(user, site)
    st.stop()

tabs = st.tabs([_("Summary"), _("Invoices"), _("Payments"), _("Charges"), _("Payers"),
                _("Arrears")])
with tabs[0]:
    show_summary(user, site)
with tabs[1]:
    invoices_tab(user, site)
with tabs[2]:
    payments_tab(user, site)
with tabs[3]:
    charges_tab(user, site)
with tabs[4]:
    payers_tab(user, site)
with tabs[5]:
    show_arrears(user, site)
