"""Admin › Audit log: who changed what and when, filtered by user, record and period."""
from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import streamlit as st

from db.models import User
from hub.admin import audit
from ui.database import cached, reading
from ui.format import moment
from ui.widgets import csv_bytes, EARLIEST_DAY

EVERYONE, EVERYTHING = "Everyone", "Everything"
EXPORT_LIMIT = 50_000


@cached(ttl=60)
def load_choices(_user: User, username: str) -> tuple[list[str], list[str]]:
    with reading() as session:
        return audit.audit_choices(session, actor=_user)


@cached(ttl=60)
def load_entries(_user: User, username: str, who: str | None, entity: str | None,
                 since: date | None, until: date | None, limit: int | None
                 ) -> tuple[pd.DataFrame, int]:
    with reading() as session:
        rows, total = audit.audit_entries(session, actor=_user, username=who, entity=entity,
                                          since=since, until=until, limit=limit)
    frame = pd.DataFrame([{"When": moment(r.at), "User": r.username, "Action": r.action,
                           "Record": r.entity, "Id": r.entity_id, "Changes (old → new)":
                           r.changes} for r in rows],
                         columns=["When", "User", "Action", "Record", "Id",
                                  "Changes (old → new)"])
    return frame, total


def _period() -> tuple[date | None, date | None]:
    today = date.today()
    chosen = st.date_input("Period", (today - timedelta(days=30), today), key="admin_audit_period",
                           min_value=EARLIEST_DAY, max_value=today, format="DD/MM/YYYY")
    if isinstance(chosen, (tuple, list)):
        since = chosen[0] if len(chosen) > 0 else None
        until = chosen[1] if len(chosen) > 1 else since
        return since, until
    return chosen, chosen


def render(user: User) -> None:
    names, entities = load_choices(user, user.username)
    left, middle, right = st.columns(3)
    who = left.selectbox("User", [EVERYONE, *names], key="admin_audit_user")
    entity = middle.selectbox("Record", [EVERYTHING, *entities], key="admin_audit_entity")
    with right:
        since, until = _period()
    filters = (None if who == EVERYONE else who, None if entity == EVERYTHING else entity,
               since, until)
    frame, total = load_entries(user, user.username, *filters, audit.AUDIT_LIMIT)
    st.caption(f"{total:,} entr{'y' if total == 1 else 'ies'} match; "
               + (f"the newest {len(frame):,} are shown." if total > len(frame)
                  else "newest first."))
    st.dataframe(frame, hide_index=True, width="stretch")

    def export() -> bytes:
        return csv_bytes(load_entries(user, user.username, *filters, EXPORT_LIMIT)[0])

    st.download_button("Export CSV", export, file_name="bottega-audit-log.csv", mime="text/csv",
                       key="admin_audit_export", icon=":material/download:",
                       disabled=frame.empty,
                       help=f"The entries that match the filters (at most {EXPORT_LIMIT:,}).")
