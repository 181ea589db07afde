"""Admin: sites, users and roles, the audit log, imports and exports, backup, privacy
(manager only)."""
import streamlit as st

from ui.admin import audit as admin_audit
from ui.admin import backup as admin_backup
from ui.admin import privacy as admin_privacy
from ui.admin import sites as admin_sites
from ui.admin import transfer as admin_transfer
from ui.admin import users as admin_users
from ui.navigation import guard
from ui.widgets import show_flash

user = guard("admin")

st.title("Admin")
st.caption("The hub's sites, users and roles, the audit log, imports and exports, backup.")
show_flash()
sites_tab, users_tab, audit_tab, transfer_tab, backup_tab, privacy_tab = st.tabs(
    ["Sites", "Users", "Audit log", "Import / export", "Backup", "Privacy"])
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
