"""A manager's billing work: the month's run and the invoices, payments, one-off charges and
payers."""
from __future__ import annotations

import streamlit as st

from db.models import User
from hub.i18n import _
from ui.widgets import SiteChoice


def invoices_tab(user: User, site: SiteChoice) -> None:
    st.header(_("Invoices"))


def payments_tab(user: User, site: SiteChoice) -> None:
    st.header(_("Payments"))


def charges_tab(user: User, site: SiteChoice) -> None:
    st.header(_("Charges"))


def payers_tab(user: User, site: SiteChoice) -> None:
    st.header(_("Payers"))
