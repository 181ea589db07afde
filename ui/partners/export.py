"""Partner exports: CSV and XLSX, built only when someone clicks (Streamlit calls the
function then), with formula-like cells neutralised in both."""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from db.models import User
from hub.partners.directory import export_rows, PartnerFilter
from hub.i18n import _
from ui.database import reading
from ui.widgets import csv_bytes
from ui.widgets import xlsx_bytes as workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export_frame(actor: User, partner_filter: PartnerFilter) -> pd.DataFrame:
    """What export_rows gives this user: a viewer's has no contacts column."""
    with reading() as session:
        return pd.DataFrame(export_rows(session, actor=actor, partner_filter=partner_filter))


def xlsx_bytes(frame: pd.DataFrame) -> bytes:
    """Written like every other workbook Bottega makes (hub/admin/transfer/formats.py), so a
    carriage return or a control character in a note neither breaks nor crashes it."""
    return workbook(frame, sheet="Partners")


def export_buttons(actor: User, partner_filter: PartnerFilter, *, key: str) -> None:
    def later(convert: Callable[[pd.DataFrame], bytes]) -> Callable[[], bytes]:
        return lambda: convert(export_frame(actor, partner_filter))
    left, right = st.columns(2)
    left.download_button(_("Download partners (CSV)"), later(csv_bytes), "partners.csv",
                         mime="text/csv", key=f"{key}_csv", icon=":material/download:",
                         on_click="ignore")
    right.download_button(_("Download partners (XLSX)"), later(xlsx_bytes), "partners.xlsx",
                          mime=XLSX, key=f"{key}_xlsx", icon=":material/download:",
                          on_click="ignore")
