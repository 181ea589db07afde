"""Calendar: everything that happens in a site, room by room — bookings, programme sessions,
works, leases starting and ending — by day, week or month, with clashes highlighted."""
from datetime import timedelta

import pandas as pd
import streamlit as st

from hub.roles import EDITORS
from ui.calendar import charts, data
from ui.calendar.filters import calendar_filters
from ui.empty import require_site
from ui.format import day as show_day
from ui.navigation import guard

user = guard("calendar")
staff = user.role in EDITORS
ICS_DAYS_AFTER = 90     # a calendar file holds the period shown and the 90 days after it

st.title("Calendar")
st.caption("Everything that happens in a site, room by room: bookings, programme sessions, "
           "works, and leases starting or ending.")
require_site(user, "The calendar will show everything that happens in a site, room by room.")
chosen = calendar_filters()
site_id = chosen.site.id
first, last = chosen.days
period = charts.period_words(chosen.view, first, last)
within = f"{'on' if chosen.view == 'day' else 'in'} {period}"
clashes = data.clashes(site_id, first, last)
grid = site_id is None or chosen.view == "month"
place_word = "site" if site_id is None else "room"

if grid:
    # a month, or every site: counts per room (or site) and day, added up in SQL
    totals = data.totals(site_id, first, last, chosen.kinds)
    events = None
    counted = totals[totals["kind"] != "works"]
    counts = counted.groupby("kind")["events"].sum().to_dict()
    places = counted["place"].nunique()
    with_works = totals[totals["kind"] == "works"]["place"].nunique()
    if totals.empty:
        st.info(f"Nothing on the calendar {within}.")
    else:
        marked = {(row.Site if site_id is None else row.Room, row.Day)
                  for row in clashes.itertuples()}
        st.altair_chart(charts.month_grid(charts.month_cells(totals, marked), period,
                                          place_word), width="stretch")
    if site_id is None and chosen.view != "month":
        st.caption("Every site is shown day by day; choose a site to see its rooms hour by "
                   "hour.")
else:
    events = data.events(site_id, first, last, chosen.kinds, chosen.cancelled, user.role,
                         user)
    live = events.loc[~events["cancelled"].astype(bool)]
    counts = live.drop_duplicates(["kind", "record_id"]).groupby("kind").size().to_dict()
    places = live["room"].nunique()
    with_works = 0
    if events.empty:
        st.info(f"Nothing on the calendar {within}.")
    else:
        st.altair_chart(charts.room_timeline(events, first, last, period), width="stretch")
st.caption(charts.summary(counts, places, place_word, len(clashes), period, with_works))

st.header("Clashes")
if clashes.empty:
    st.success(f"No clash {within}: no two things in one room at one time.",
               icon=":material/check_circle:")
else:
    st.caption("Two things in one room at one time — data entered before a rule existed, or "
               "imported. Move or cancel one of them where it is kept (Lab occupancy, Courses, "
               "Building).")
    st.dataframe(clashes.assign(Day=clashes["Day"].map(show_day)).drop(
        columns=["Site"] if site_id is not None else []), hide_index=True, width="stretch")

st.header("Events" if events is not None else f"Events by {place_word} and day")
if events is not None:
    if not events.empty:
        st.dataframe(pd.DataFrame({
            "Day": events["day"].map(show_day), "Time": events["when"], "Room": events["room"],
            "Kind": events["label"], "What": events["title"], "Who": events["who"],
            "Clash": events["clash"].map({True: "clash", False: ""}),
            **({"Cancelled": events["cancelled"].map({True: "cancelled", False: ""})}
               if chosen.cancelled else {})}), hide_index=True, width="stretch")
elif not totals.empty:
    table = totals.pivot_table(index=["place", "day"], columns="label", values="events",
                               aggfunc="sum", fill_value=0).reset_index()
    table["day"] = table["day"].map(show_day)
    st.dataframe(table.rename(columns={"place": place_word.capitalize(), "day": "Day"}),
                 hide_index=True, width="stretch")
    st.caption("Works count the rooms out of use that day."
               + (" Choose the day or week view to list each event with its time."
                  if site_id is not None else ""))

if site_id is not None:
    st.header("Calendar files")
    if not staff:
        st.caption("Calendar files (.ics) are for the manager and the communication team: "
                   "they name tenants and bookers.")
    else:
        until = last + timedelta(days=ICS_DAYS_AFTER)
        code = data.site_code(site_id)
        left, right = st.columns(2)
        left.download_button(
            f"Download {chosen.site.name}'s calendar (.ics)",
            lambda: data.ics_file(site_id, None, first, until, chosen.kinds, user),
            file_name=f"bottega-{code.lower()}-calendar.ics", mime="text/calendar",
            key="calendar_site_ics", icon=":material/calendar_month:", on_click="ignore")
        rooms = data.rooms(site_id)
        room = right.selectbox("Room", rooms, key="calendar_room",
                               format_func=lambda choice: choice[1])
        if room is not None:
            right.download_button(
                f"Download {room[1].split(' · ')[0]}'s calendar (.ics)",
                lambda: data.ics_file(None, room[0], first, until, chosen.kinds, user),
                file_name=f"bottega-{code.lower()}-{room[1].split(' · ')[0].lower()}.ics",
                mime="text/calendar", key="calendar_room_ics",
                icon=":material/calendar_month:", on_click="ignore")
        st.caption(f"From {show_day(first)} to {show_day(until)} (the period shown and the "
                   f"{ICS_DAYS_AFTER} days after it), the kinds chosen above; each event keeps "
                   "its identity from one download to the next, so a calendar application "
                   "updates it rather than adding it twice.")
