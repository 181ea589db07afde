"""Admin: sites, users and roles, the audit log, imports and exports, backup, privacy
(manager only)."""
import streamlit as st

from hub.i18n import N_, _
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

st.title(_("Admin"))
st.caption(_("The hub's sites, users and roles, the audit log, imports and exports, backup."))
show_flash()
# ?tab=import opens that tab (the Overview's first steps link to Sites and Import / export).
TABS = {"sites": N_("Sites"), "users": N_("Users"), "audit": N_("Audit log"),
        "import": N_("Import / export"), "backup": N_("Backup"), "privacy": N_("Privacy")}
asked = st.query_params.get("tab")
if asked is not None and asked not in TABS:
    st.caption(_("The link's tab '{tab}' is not a tab of Admin; showing Sites.").format(
        tab=as_text(asked[:40])))
titles = {name: _(title) for name, title in TABS.items()}
sites_tab, users_tab, audit_tab, transfer_tab, backup_tab, privacy_tab = st.tabs(
    list(titles.values()), default=titles.get(asked, titles["sites"]))
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
