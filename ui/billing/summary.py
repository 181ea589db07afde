"""Billing's figures: billed and collected, collection rate, days to collect, arrears by age,
income against the building budget; and, for a manager, the late payers."""
from __future__ import annotations

import streamlit as st

from db.models import User
from hub.i18n import _
from ui.widgets import SiteChoice


def show_summary(user: User, site: SiteChoice) -> None:
    st.header(_("Summary"))


def show_arrears(user: User, site: SiteChoice) -> None:
    st.header(_("Arrears"))
