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
from ui.format import as_text, HUB_TIMEZONE

log = logging.getLogger("bottega")


@st.cache_data(ttl=30, show_spinner=False)
def load_hub_data() -> dict[str, int]:
    with get_engine().connect() as connection:
        return backup.hub_data(connection)


def _download(user: User) -> None:
    engine = get_engine()
    sqlite = engine.dialect.name == "sqlite"
    st.markdown("**Download a backup**")
    st.caption("A consistent copy of the whole database, taken while Bottega runs: "
               + ("the SQLite database file itself (SQLite's online backup)." if sqlite else
                  "a portable dump of every table (a zip of JSON files)."))
    stamp = datetime.now(HUB_TIMEZONE).strftime("%Y-%m-%d-%H%M")

    def build() -> bytes:
        return backup.backup_bytes(get_engine(), actor=user)

    st.download_button("Download backup", build, file_name=backup.backup_name(engine, stamp),
                       mime="application/octet-stream", key="admin_backup_download",
                       icon=":material/download:", type="primary")


def _restore(user: User) -> None:
    st.markdown("**Restore a backup**")
    held = load_hub_data()
    if held:
        listed = ", ".join(f"{n:,} {table.replace('_', ' ')}" for table, n in held.items())
        st.info("Restore is only offered on an empty database, so a backup never mixes with "
                f"or overwrites live data. This one holds {listed}. To restore, start Bottega "
                "on a new, empty database (BOTTEGA_DEMO=0), create the first manager, and "
                "restore here, or run `python -m db restore FILE`.", icon=":material/info:")
        return
    st.caption("This database holds no hub data yet. Restoring replaces its accounts with "
               "those in the backup: sign in again with an account from the backup.")
    with st.form("admin_restore"):
        upload = st.file_uploader("Backup file (.db or .zip)", key="admin_restore_file")
        sure = st.checkbox("Replace the accounts here with those in the backup",
                           key="admin_restore_sure")
        if not st.form_submit_button("Restore", type="primary"):
            return
    if upload is None or not sure:
        st.error("Choose the backup file and tick the box to confirm.")
        return
    try:
        counts = backup.restore_bytes(get_engine(), actor=user, data=upload.getvalue(),
                                      file_name=upload.name)
    except Refused as refusal:
        st.error(as_text(str(refusal)), icon=":material/block:")
        return
    except SQLAlchemyError:
        log.exception("restore failed")
        st.error("The backup could not be read into this database; nothing was restored.")
        return
    st.cache_data.clear()
    st.success(f"Restored {sum(counts.values()):,} rows from {as_text(upload.name)}. "
               "Sign in again with an account from the backup.")


def render(user: User) -> None:
    _download(user)
    st.divider()
    _restore(user)
