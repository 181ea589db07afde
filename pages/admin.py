"""Admin: Users and roles, the audit log, imports and exports, backup."""
import streamlit as st

from ui.navigation import guard

guard("admin")

st.title("Admin")
st.caption("Users and roles, the audit log, imports and exports, backup.")
st.info("Coming on this screen: user management, the audit log with filters, CSV/XLSX import with a preview, backup and restore, and privacy exports.", icon=":material/construction:")
