"""Courses: the programme — courses, workshops, seminars, events; sessions by room,
enrolments and waitlist, the public calendar, and figures since 2016."""
from datetime import date, timedelta

import pandas as pd
import streamlit as st

from db.vocabulary import PROGRAMME_KINDS, PROGRAMME_STATUSES, SECTORS
from hub.programme_clashes import clock
from hub.roles import sees_contacts
from ui import course_charts as charts
from ui import course_data as data
from ui.course_enrolments import (attendance_form, cancel_form, enrol_form, move_form,
                                  people_tables)
from ui.course_forms import instructor_form, item_form, remove_session_form, session_form
from ui.format import as_text, day as show_day, money
from ui.navigation import guard
from ui.widgets import csv_download, kpi_row, site_picker

user = guard("courses")
editor = user.role in ("manager", "communication")
contacts = sees_contacts(user)
today = date.today()

st.title("Courses")
st.caption("The programme: courses, workshops, seminars and events — sessions by room, "
           "enrolments and waitlist, the public calendar.")
top = st.columns([2, 1])
site = site_picker("courses_site", container=top[0])
weeks = top[1].select_slider("Weeks shown", [2, 4, 8, 12], value=4, key="courses_weeks")

kinds_frame, people_frame, hours_frame = data.figures(site.id)
this_year = people_frame[people_frame["year"] == today.year] if not people_frame.empty else None
courses_since = 0 if kinds_frame.empty else int(
    kinds_frame[kinds_frame["kind"] == "course"]["items"].sum())
kpi_row([
    ("Courses since 2016", f"{courses_since}", "Published or done courses, every year."),
    (f"Items in {today.year}", "0" if this_year is None or this_year.empty
     else f"{int(this_year['items'].iloc[0])}", "Published or done items starting this year."),
    (f"Participants in {today.year}", "0" if this_year is None or this_year.empty
     else f"{int(this_year['participants'].iloc[0]):,}", "People holding a seat."),
    ("Average fill rate", "—" if this_year is None or this_year.empty
     else f"{this_year['fill_rate'].iloc[0]:.0%}", "Seats taken ÷ capacity, this year's items."),
])

tabs = st.tabs(["Calendar", "Programme", "Item", "Figures"] + (["Plan"] if editor else []))

with tabs[0]:
    frame = data.calendar(site.id, today, weeks)
    if frame.empty:
        st.info(f"No session in the next {weeks} weeks.")
    else:
        st.altair_chart(charts.calendar_timeline(frame), width="stretch")
    ics, published = data.published(site.id, None)
    left, right = st.columns(2)
    left.download_button("Download the published programme (.ics)", ics,
                         file_name="bottega-programme.ics", mime="text/calendar",
                         key="courses_ics", icon=":material/calendar_month:",
                         disabled=published.empty)
    with right:
        csv_download("Download the published programme (CSV)", published,
                     "bottega-programme.csv", "courses_programme_csv")
    st.caption(f"{len(published)} sessions of published items; drafts and cancelled items are "
               "never exported.")

with tabs[1]:
    left, middle, right, last = st.columns(4)
    kinds = left.multiselect("Kind", PROGRAMME_KINDS, key="courses_kinds")
    statuses = middle.multiselect("Status", PROGRAMME_STATUSES, key="courses_statuses")
    sectors = right.multiselect("Sector", SECTORS, key="courses_sectors")
    period = last.date_input("Period", (today - timedelta(days=365), today + timedelta(days=180)),
                             key="courses_period", format="DD/MM/YYYY")
    start, end = (period + (None, None))[:2] if isinstance(period, tuple) else (period, None)
    rows = data.item_list(site.id, tuple(kinds), tuple(statuses), tuple(sectors), start, end)
    listing = pd.DataFrame([{
        "Title": r.title, "Kind": r.kind, "Sector": r.sector, "Status": r.status,
        "Format": r.format.replace("_", " "), "From": show_day(r.starts_on),
        "Until": show_day(r.ends_on), "Price": money(r.price) if r.price else "free",
        "Enrolled": f"{r.seated}/{r.capacity}", "Waitlist": r.waitlisted,
        "Fill rate": f"{r.fill_rate:.0%}", **({"Site": r.site} if site.id is None else {}),
    } for r in rows])
    if listing.empty:
        st.info("No item matches these filters.")
    else:
        st.dataframe(listing, hide_index=True, width="stretch")
        st.caption(f"{len(rows)} items" + (" (the latest 500; narrow the filters)"
                                           if len(rows) >= 500 else ""))
    csv_download("Download this list (CSV)", pd.DataFrame([{
        "title": r.title, "kind": r.kind, "sector": r.sector, "status": r.status,
        "format": r.format, "starts_on": r.starts_on, "ends_on": r.ends_on, "price": r.price,
        "capacity": r.capacity, "enrolled": r.seated, "waitlisted": r.waitlisted}
        for r in rows]), "programme-list.csv", "courses_list_csv")

with tabs[2]:
    if done := st.session_state.pop("courses_done", None):
        st.success(done, icon=":material/check_circle:")
    if not rows:
        st.info("Choose filters on the Programme tab that list at least one item.")
    else:
        chosen = st.selectbox("Item", rows, key="courses_item", format_func=lambda r: (
            f"{r.title} · {r.status} · {show_day(r.starts_on)}"))
        row, sessions, people, texts = data.item_detail(chosen.id)
        kpi_row([("Capacity", f"{row.capacity}", None), ("Enrolled", f"{row.seated}", None),
                 ("Waitlist", f"{row.waitlisted}", None),
                 ("Fill rate", f"{row.fill_rate:.0%}", "Seats taken ÷ capacity.")])
        st.altair_chart(charts.seats_bar(charts.fill_gauge_frame(
            row.seated, row.waitlisted, row.capacity)), width="stretch")
        description, funding, target_group = texts
        st.markdown(as_text(description) or "_No description yet._")
        st.caption(" · ".join(part for part in (
            f"{row.kind} · {row.sector} · {row.format.replace('_', ' ')}",
            money(row.price) if row.price else "free",
            f"funding: {funding}" if funding else "", f"for: {target_group}" if target_group
            else "") if part))
        st.dataframe(pd.DataFrame([{
            "Day": show_day(s.day), "Time": f"{clock(s.start_minute)}–{clock(s.end_minute)}",
            "Where": s.place, "Instructor": s.instructor or "",
            **({"Instructor contact": " · ".join(filter(None, (s.instructor_email,
                                                                s.instructor_phone)))}
               if contacts else {})} for s in sessions]), hide_index=True, width="stretch")
        if editor:
            people_tables(row, people, contacts)
            targets = data.move_targets(site.id, row.id)
            tenants = data.choices(None)["tenants"]
            enrol_form(user, row, tenants)
            with st.expander("Cancel, attendance, move", icon=":material/group:"):
                cancel_form(user, row, people)
                attendance_form(user, row, people)
                move_form(user, row, people, targets)
            with st.expander("Edit this item and its sessions", icon=":material/edit:"):
                picks = data.choices(row.site_id)
                item_form(user, site, row, texts)
                session_form(user, row, picks["spaces"], picks["instructors"])
                remove_session_form(user, row, sessions)
        else:
            st.caption("Participants are listed for the manager and the communication team "
                       "only; you see the counts.")

with tabs[3]:
    if kinds_frame.empty:
        st.info("No published or done item yet.")
    else:
        st.altair_chart(charts.items_per_year(kinds_frame), width="stretch")
        st.altair_chart(charts.participants_per_year(people_frame), width="stretch")
        st.altair_chart(charts.waitlist_pressure(people_frame), width="stretch")
        st.altair_chart(charts.hours_by_sector(hours_frame), width="stretch")

if editor:
    with tabs[4]:
        if site.id is None:
            st.info("Choose a site above to add items to its programme.")
        else:
            st.subheader("New item")
            item_form(user, site)
        st.subheader("Instructors")
        instructor_form(user, data.choices(None)["tenants"])
