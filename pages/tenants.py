"""Tenants: Who works here: the artisans and craft businesses of the hub."""
import streamlit as st

from ui.navigation import guard

guard("tenants")

st.title("Tenants")
st.caption("Who works here: the artisans and craft businesses of the hub.")
st.info("Coming on this screen: a searchable directory, tenant profiles, the public listing editor with its preview, exports for the website, and indicators on sectors, origins and target groups.", icon=":material/construction:")
