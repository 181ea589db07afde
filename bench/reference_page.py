"""The bench's bare reference page: what a small dashboard costs Streamlit with no database.

Four metrics, one Altair chart of 12 aggregated points and a 200-row table, all built from
fixed data, so the page benchmark can express every real page as a multiple of this one.
"""
import random

import altair as alt
import pandas as pd
import streamlit as st

rng = random.Random(2016)
rows = pd.DataFrame({
    "space": [f"L{number % 26 + 1:02d}" for number in range(200)],
    "month": [f"2025-{number % 12 + 1:02d}" for number in range(200)],
    "tenant": [f"Tenant {number}" for number in range(200)],
    "area_m2": [rng.randint(20, 48) for _ in range(200)],
    "monthly_rent": [rng.randint(300, 700) for _ in range(200)],
})
by_month = rows.groupby("month", as_index=False)["monthly_rent"].sum()

st.title("Reference")
columns = st.columns(4)
columns[0].metric("Sites", 2)
columns[1].metric("Leasable spaces", 40)
columns[2].metric("Leasable area", f"{rows['area_m2'].sum():,} m²")
columns[3].metric("Active tenants", len(rows))
st.altair_chart(alt.Chart(by_month).mark_bar().encode(x="month:O", y="monthly_rent:Q"),
                width="stretch")
st.dataframe(rows, hide_index=True)
