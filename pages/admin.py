"""Admin: sites, users and roles, the audit log, imports and exports, backup, privacy
(manager only)."""
import streamlit as st

from ui.admin import audit as admin_audit
from ui.admin import backup as admin_backup
from ui.admin import privacy as admin_privacy
from ui.admin import sites as admin_sites
from ui.admin import transfer as admin_transfer
from ui.admin import users as admin_users
from ui.format import as_text
from ui.navigation import guard
from ui.widgets import show_flash

user = guard("admin")

st.title("Admin")
st.caption("The hub's sites, users and roles, the audit log, imports and exports, backup.")
show_flash()
# ?tab=import opens that tab (the Overview's first steps link to Sites and Import / export).
TABS = {"sites": "Sites", "users": "Users", "audit": "Audit log", "import": "Import / export",
        "backup": "Backup", "privacy": "Privacy"}
asked = st.query_params.get("tab")
if asked is not None and asked not in TABS:
    st.caption(f"The link's tab '{as_text(asked[:40])}' is not a tab of Admin; showing Sites.")
sites_tab, users_tab, audit_tab, transfer_tab, backup_tab, privacy_tab = st.tabs(
    list(TABS.values()), default=TABS.get(asked, "Sites"))
with sites_tab:
    admin_sites.render(user)
with users_tab:
    admin_users.render(user)
with audit_tab:
    admin_audit.render(user)
with transfer_tab:
    admin_transfer.render(user)
with backup_tab:
    admin_backup.render(user)
with privacy_tab:
    admin_privacy.render(user)
