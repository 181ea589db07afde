"""Courses: The programme: courses, workshops, seminars and events."""
import streamlit as st

from ui.navigation import guard

guard("courses")

st.title("Courses")
st.caption("The programme: courses, workshops, seminars and events.")
st.info("Coming on this screen: the calendar of sessions by room, the programme list, enrolments with waitlist, the .ics and CSV exports, and figures since 2016.", icon=":material/construction:")
