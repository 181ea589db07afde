"""Partners: The hub's network of institutions, associations, buyers, galleries and schools."""
import streamlit as st

from ui.navigation import guard

guard("partners")

st.title("Partners")
st.caption("The hub's network of institutions, associations, buyers, galleries and schools.")
st.info("Coming on this screen: partners by country and kind, contacts, interactions and follow-ups, links to tenants and courses, a world view and a network graph.", icon=":material/construction:")
