"""Lab occupancy: Which labs and benches are taken, by whom and until when; occupancy rates and vacancies."""
import streamlit as st

from ui.navigation import guard

guard("occupancy")

st.title("Lab occupancy")
st.caption("Which labs and benches are taken, by whom and until when; occupancy rates and vacancies.")
st.info("Coming on this screen: the space × month heatmap, occupancy rates (unit, area, utilisation), the vacancy list, leases ending soon, the week view of bench and room bookings, and forms to manage spaces, leases and bookings.", icon=":material/construction:")
