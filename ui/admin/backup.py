"""Admin › Backup: download a consistent backup; restore one into an empty database."""
from __future__ import annotations

import logging
from datetime import datetime

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from db.engine import get_engine
from db.models import User
from hub.admin import backup
from hub.errors import Refused
from hub.i18n import _, ngettext
from ui.admin.audit import record_label
from ui.database import cached
from ui.confirm import ask, confirm
from ui.format import as_text, number, HUB_TIMEZONE
from ui.forms import form
from ui.widgets import flash

log = logging.getLogger("bottega")
RESTORE = "admin_restore"


@cached(ttl=30)
def load_hub_data() -> dict[str, int]:
    with get_engine().connect() as connection:
        return backup.hub_data(connection)


def rows_text(count: int) -> str:
    return ngettext("{count} row", "{count} rows", count).format(count=number(count))


def accounts_text(count: int) -> str:
    return ngettext("{count} account", "{count} accounts", count).format(count=number(count))


def table_name(table: str) -> str:
    """A table as a sentence names it: "tenant listings" (English), "schede pubbliche"."""
    return record_label(table).replace("_", " ")


def _download(user: User) -> None:
    engine = get_engine()
    sqlite = engine.dialect.name == "sqlite"
    st.markdown("**{}**".format(_("Download a backup")))
    st.caption(_("A consistent copy of the whole database, taken while Bottega runs: the "
                 "SQLite database file itself (SQLite's online backup).") if sqlite else
               _("A consistent copy of the whole database, taken while Bottega runs: a "
                 "portable dump of every table (a zip of JSON files)."))
    stamp = datetime.now(HUB_TIMEZONE).strftime("%Y-%m-%d-%H%M")

    def build() -> bytes:
        return backup.backup_bytes(get_engine(), actor=user)

    st.download_button(_("Download backup"), build, file_name=backup.backup_name(engine, stamp),
                       mime="application/octet-stream", key="admin_backup_download",
                       icon=":material/download:", type="primary", on_click="ignore")


def _restore(user: User) -> None:
    st.markdown("**{}**".format(_("Restore a backup")))
    held = load_hub_data()
    if held:
        # TRANSLATORS: one table and its rows in a list ("3 sites, 6 spaces").
        holding = ", ".join(_("{count} {table}").format(count=number(n), table=table_name(table))
                            for table, n in held.items())

        st.info(_("Restore is only offered on an empty database, so a backup never mixes with "
                  "or overwrites live data. This one holds {held}. To restore, start Bottega "
                  "on a new, empty database (BOTTEGA_DEMO=0), create the first manager, and "
                  "restore here, or run `python -m db restore FILE`.").format(held=holding),
                icon=":material/info:")
        return
    st.caption(_("This database holds no hub data yet. Restoring replaces its accounts with "
                 "those in the backup: sign in again with an account from the backup."))
    with form("admin_restore") as restore:
        upload = st.file_uploader(_("Backup file (.db or .zip)"),
                                  key=restore.key("admin_restore_file"))
        submitted = restore.submitted(_("Restore"), type="primary")
    if submitted and upload is None:
        st.error(_("Choose the backup file to restore."))
    elif submitted:
        _ask_to_restore(upload.getvalue(), upload.name)
    confirm(RESTORE, title=_("Restore a backup"), action=_("Restore it"),
            run=lambda **request: _restore_now(user, **request))


def _ask_to_restore(data: bytes, file_name: str) -> None:
    """Name the file and what it writes; a file that cannot be restored is refused here."""
    try:
        plan = backup.restore_plan(get_engine(), data=data, file_name=file_name)
    except Refused as refusal:
        st.error(as_text(str(refusal)), icon=":material/block:")
        return
    except SQLAlchemyError:
        log.exception("reading a backup failed")
        st.error(_("The backup could not be read; nothing was restored."))
        return
    accounts = plan.rows.get("users", 0)
    ask(RESTORE, _("Restore {file} into this database — it writes {rows} and replaces the "
                   "{here} here with the backup's {theirs} (an account that is not among them "
                   "is signed out).").format(
        file=file_name, rows=rows_text(sum(plan.rows.values())),
        here=accounts_text(plan.accounts_here), theirs=accounts_text(accounts)),
        details=[_("{rows} of {table}").format(rows=rows_text(n), table=table_name(table))
                 for table, n in plan.rows.items()],
        data=data, file_name=file_name)


def _restore_now(user: User, *, data: bytes, file_name: str) -> bool:
    try:
        counts = backup.restore_bytes(get_engine(), actor=user, data=data,
                                      file_name=file_name)
    except Refused as refusal:
        st.error(as_text(str(refusal)), icon=":material/block:")
        return False
    except SQLAlchemyError:
        log.exception("restore failed")
        st.error(_("The backup could not be read into this database; nothing was restored."))
        return False
    st.cache_data.clear()
    flash(_("Restored {rows} from {file}").format(
        rows=rows_text(sum(counts.values())), file=file_name))

    return True


def render(user: User) -> None:
    _download(user)
    st.divider()
    _restore(user)
