"""Overview: how is the hub doing? The landing page for every role."""
import streamlit as st

from hub.indicators import hub_summary
from ui.database import reading
from ui.navigation import guard

guard("overview")


@st.cache_data(ttl=300, show_spinner=False)
def load_summary():
    with reading() as session:
        return hub_summary(session)


st.title("Overview")
st.caption("How is the hub doing? Occupancy, tenants, programme and partners at a glance.")
summary = load_summary()
columns = st.columns(4)
columns[0].metric("Sites", summary.sites)
columns[1].metric("Leasable spaces", summary.leasable_spaces,
                  help="Laboratories, benches, shops and offices that can be rented by the month.")
columns[2].metric("Leasable area", f"{summary.leasable_area_m2:,.0f} m²".replace(",", "."))
columns[3].metric("Active tenants", summary.active_tenants,
                  help=f"From {summary.countries} countries.")
st.info("Coming next on this page: occupancy and programme trends against last year, the "
        "evidence of success since 2016, INNOCRAFTS indicators, and a one-page report for "
        "stakeholders.", icon=":material/construction:")
