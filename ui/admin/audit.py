"""Admin › Audit log: who changed what and when, filtered by user, record and period."""
from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import streamlit as st

from db.models import User
from hub.admin import audit
from hub.i18n import _, ngettext, pgettext
from ui.database import cached, reading
from ui.format import moment_text, number
from ui.widgets import csv_bytes, EARLIEST_DAY

EXPORT_LIMIT = 50_000
# The export keeps these English headers and the stored codes (the record's table and id, the
# changes as stored); the screen shows them translated, each record in the hub's words
# ("Tenant Nora Bianchi") and times as 09:00.
COLUMNS = ["When", "User", "Action", "Record", "Id", "Changes (old → new)"]
SCREEN_COLUMNS = ["When", "User", "Action", "Record", "Changes (old → new)"]


def column_names() -> dict[str, str]:
    return {"When": _("When"), "User": _("User"), "Action": _("Action"), "Record": _("Record"),
            "Id": _("Id"), "Changes (old → new)": _("Changes (old → new)")}


def action_label(action: str) -> str:
    """A stored action as the screen names it (English: the stored word, as before)."""
    names = {
        "create": pgettext("audit action", "create"),
        "update": pgettext("audit action", "update"),
        "delete": pgettext("audit action", "delete"),
        "archive": pgettext("audit action", "archive"),
        "restore": pgettext("audit action", "restore"),
        "cancel": pgettext("audit action", "cancel"),
        "deactivate": pgettext("audit action", "deactivate"),
        "reactivate": pgettext("audit action", "reactivate"),
        "unlock": pgettext("audit action", "unlock"),
        "lock": pgettext("audit action", "lock"),
        "reset_password": pgettext("audit action", "reset_password"),
        "backup": pgettext("audit action", "backup"),
        "erase": pgettext("audit action", "erase"),
        "privacy_export": pgettext("audit action", "privacy_export"),
        "attendance": pgettext("audit action", "attendance"),
        "promote": pgettext("audit action", "promote"),
        "end_early": pgettext("audit action", "end_early"),
        "move_out": pgettext("audit action", "move_out"),
        "retire": pgettext("audit action", "retire"),

        "follow_up_done": pgettext("audit action", "follow_up_done"),
        # A building issue's status change is logged under the new status.
        "reported": pgettext("audit action", "reported"),
        "planned": pgettext("audit action", "planned"),
        "in_progress": pgettext("audit action", "in_progress"),
        "done": pgettext("audit action", "done"),
        "dropped": pgettext("audit action", "dropped"),
        # billing
        "issue": pgettext("audit action", "issue"),
        "allocate": pgettext("audit action", "allocate"),
        "release": pgettext("audit action", "release"),
        "return": pgettext("audit action", "return"),
    }
    return names.get(action, action)


def record_label(entity: str) -> str:
    """A stored record kind (its table) as the screen names it (English: the table's name)."""
    names = {
        "sites": pgettext("audit record", "sites"),
        "spaces": pgettext("audit record", "spaces"),
        "tenants": pgettext("audit record", "tenants"),
        "tenant_listings": pgettext("audit record", "tenant_listings"),
        "leases": pgettext("audit record", "leases"),
        "bookings": pgettext("audit record", "bookings"),
        "programme_items": pgettext("audit record", "programme_items"),
        "programme_sessions": pgettext("audit record", "programme_sessions"),
        "enrolments": pgettext("audit record", "enrolments"),
        "instructors": pgettext("audit record", "instructors"),
        "partners": pgettext("audit record", "partners"),
        "partner_contacts": pgettext("audit record", "partner_contacts"),
        "interactions": pgettext("audit record", "interactions"),
        "partner_tenant_links": pgettext("audit record", "partner_tenant_links"),
        "partner_item_links": pgettext("audit record", "partner_item_links"),
        "building_issues": pgettext("audit record", "building_issues"),
        "works_periods": pgettext("audit record", "works_periods"),
        "works_spaces": pgettext("audit record", "works_spaces"),
        "users": pgettext("audit record", "users"),
        "audit_entries": pgettext("audit record", "audit_entries"),
        "database": pgettext("audit record", "database"),
        "payers": pgettext("audit record", "payers"),
        "invoices": pgettext("audit record", "invoices"),
        "charges": pgettext("audit record", "charges"),
        "payments": pgettext("audit record", "payments"),
        "reminders": pgettext("audit record", "reminders"),
    }
    return names.get(entity, entity)


@cached(ttl=60)
def load_choices(_user: User, username: str) -> tuple[list[str], list[str]]:
    with reading() as session:
        return audit.audit_choices(session, actor=_user)


@cached(ttl=60)
def load_entries(_user: User, username: str, who: str | None, entity: str | None,
                 since: date | None, until: date | None, limit: int | None
                 ) -> tuple[pd.DataFrame, int]:
    """The entries for the screen: each record named, the changes readable."""
    with reading() as session:
        rows, total = audit.audit_entries(session, actor=_user, username=who, entity=entity,
                                          since=since, until=until, limit=limit)
    frame = pd.DataFrame([{"When": moment_text(r.at), "User": r.username, "Action": r.action,
                           "Record": r.what, "Changes (old → new)": r.readable}
                          for r in rows], columns=SCREEN_COLUMNS)
    return frame, total


@cached(ttl=60)
def load_export(_user: User, username: str, who: str | None, entity: str | None,
                since: date | None, until: date | None) -> pd.DataFrame:
    """The entries for the CSV file, in its stable columns and stored words."""
    with reading() as session:
        rows, __ = audit.audit_entries(session, actor=_user, username=who, entity=entity,
                                       since=since, until=until, limit=EXPORT_LIMIT,
                                       described=False)
    return pd.DataFrame([{"When": moment_text(r.at), "User": r.username, "Action": r.action,
                          "Record": r.entity, "Id": r.entity_id, "Changes (old → new)":
                          r.changes} for r in rows], columns=COLUMNS)


def shown(frame: pd.DataFrame) -> pd.DataFrame:
    """The entries as the screen shows them: translated headers and actions."""
    return frame.assign(Action=frame["Action"].map(action_label)).rename(
        columns=column_names())


def _period() -> tuple[date | None, date | None]:
    today = date.today()
    chosen = st.date_input(_("Period"), (today - timedelta(days=30), today),
                           key="admin_audit_period", min_value=EARLIEST_DAY, max_value=today,
                           format="DD/MM/YYYY")
    if isinstance(chosen, (tuple, list)):
        since = chosen[0] if len(chosen) > 0 else None
        until = chosen[1] if len(chosen) > 1 else since
        return since, until
    return chosen, chosen


def render(user: User) -> None:
    names, entities = load_choices(user, user.username)
    left, middle, right = st.columns(3)
    # Labels made during the run: a format_func may be called outside it (AppTest does).
    everyone, kinds = _("Everyone"), {None: _("Everything")} | {
        code: record_label(code) for code in entities}
    who = left.selectbox(_("User"), [None, *names], key="admin_audit_user",
                         format_func=lambda name: everyone if name is None else name)
    entity = middle.selectbox(_("Record"), [None, *entities], key="admin_audit_entity",
                              format_func=kinds.get)

    with right:
        since, until = _period()
    filters = (who, entity, since, until)
    frame, total = load_entries(user, user.username, *filters, audit.AUDIT_LIMIT)
    if total > len(frame):
        caption = ngettext("{count} entry match; the newest {shown} are shown.",
                           "{count} entries match; the newest {shown} are shown.", total)
    else:
        caption = ngettext("{count} entry match; newest first.",
                           "{count} entries match; newest first.", total)
    st.caption(caption.format(count=number(total), shown=number(len(frame))))
    st.dataframe(shown(frame), hide_index=True, width="stretch")

    def export() -> bytes:
        return csv_bytes(load_export(user, user.username, *filters))

    st.download_button(_("Export CSV"), export, file_name="bottega-audit-log.csv",
                       mime="text/csv", key="admin_audit_export", icon=":material/download:",
                       disabled=frame.empty, on_click="ignore",
                       help=_("The entries that match the filters (at most {limit}).").format(
                           limit=number(EXPORT_LIMIT)))

