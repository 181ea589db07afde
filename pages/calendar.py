"""Calendar: everything that happens in a site, room by room — bookings, programme sessions,
works, leases starting and ending — by day, week or month, with clashes highlighted."""
from datetime import timedelta

import streamlit as st

from hub.i18n import _
from hub.roles import sees_contacts
from ui.calendar import charts, data
from ui.calendar.filters import calendar_filters
from ui.empty import require_site
from ui.format import as_text, day_text
from ui.navigation import guard

user = guard("calendar")
staff = sees_contacts(user)      # calendar files name tenants and bookers
ICS_DAYS_AFTER = 90     # a calendar file holds the period shown and the 90 days after it

st.title(_("Calendar"))
st.caption(_("Everything that happens in a site, room by room: bookings, programme sessions, "
             "works, and leases starting or ending."))
require_site(user, _("The calendar will show everything that happens in a site, room by "
                     "room."))
chosen = calendar_filters()
site_id = chosen.site.id
first, last = chosen.days
period = charts.period_words(chosen.view, first, last)
within = charts.period_within(chosen.view, first, last)
clashes = data.clashes(site_id, first, last)
grid = site_id is None or chosen.view == "month"
place_word = "site" if site_id is None else "room"

if grid:
    # a month, or every site: counts per room (or site) and day, added up in SQL
    totals = data.totals(site_id, first, last, chosen.kinds)
    events = None
    without_works = totals[totals["kind"] != "works"]
    counts = without_works.groupby("kind")["events"].sum().to_dict()
    places = without_works["place"].nunique()
    with_works = totals[totals["kind"] == "works"]["place"].nunique()
    if totals.empty:
        st.info(_("Nothing on the calendar {period}.").format(period=within))
    else:
        marked = {(row.Site if site_id is None else row.Room, row.Day)
                  for row in clashes.itertuples()}
        st.altair_chart(charts.month_grid(charts.month_cells(totals, marked), period,
                                          place_word), width="stretch")
    if site_id is None and chosen.view != "month":
        st.caption(_("Every site is shown day by day; choose a site to see its rooms hour by "
                     "hour."))
else:
    events = data.events(site_id, first, last, chosen.kinds, chosen.cancelled, user.role,
                         user)
    live = events.loc[~events["cancelled"].astype(bool)]
    counts = live.drop_duplicates(["kind", "record_id"]).groupby("kind").size().to_dict()
    places = live["room"].nunique()
    with_works = 0
    if events.empty:
        st.info(_("Nothing on the calendar {period}.").format(period=within))
    else:
        st.altair_chart(charts.room_timeline(events, first, last, period), width="stretch")
st.caption(charts.summary(counts, places, place_word, len(clashes), period, with_works))

st.header(_("Clashes"))
if clashes.empty:
    st.success(_("No clash {period}: no two things in one room at one time.").format(
        period=within), icon=":material/check_circle:")
else:
    st.caption(_("Two things in one room at one time — data entered before a rule existed, or "
                 "imported. Move or cancel one of them where it is kept (Lab occupancy, "
                 "Courses, Building)."))
    st.dataframe(clashes.assign(Day=clashes["Day"].map(day_text)).drop(
        columns=["Site"] if site_id is not None else []).rename(columns={
            "Kind": _("Kind"), "Site": _("Site"), "Room": _("Room"), "Day": _("Day"),
            "Time": _("Time"), "What collides": _("What collides")}),
        hide_index=True, width="stretch")

if events is not None:
    st.header(_("Events"))
elif place_word == "site":
    st.header(_("Events by site and day"))
else:
    st.header(_("Events by room and day"))
if events is not None:
    if not events.empty:
        st.dataframe(data.event_table(events, cancelled=chosen.cancelled), hide_index=True,
                     width="stretch")
elif not totals.empty:
    table = totals.pivot_table(index=["place", "day"], columns="label", values="events",
                               aggfunc="sum", fill_value=0).reset_index()
    table["day"] = table["day"].map(day_text)
    st.dataframe(table.rename(columns={"place": charts.place_title(place_word),
                                       "day": _("Day")}), hide_index=True, width="stretch")
    st.caption(_("Works count the rooms out of use that day. Choose the day or week view to "
                 "list each event with its time.") if site_id is not None
               else _("Works count the rooms out of use that day."))

if site_id is not None:
    st.header(_("Calendar files"))
    if not staff:
        st.caption(_("Calendar files (.ics) are for the manager and the communication team: "
                     "they name tenants and bookers."))
    else:
        until = last + timedelta(days=ICS_DAYS_AFTER)
        code = data.site_code(site_id)
        left, right = st.columns(2)
        left.download_button(
            _("Download {site}'s calendar (.ics)").format(site=as_text(chosen.site.name)),
            lambda: data.ics_file(site_id, None, first, until, chosen.kinds, user),
            file_name=f"bottega-{code.lower()}-calendar.ics", mime="text/calendar",
            key="calendar_site_ics", icon=":material/calendar_month:", on_click="ignore")
        rooms = data.rooms(site_id)
        room = right.selectbox(_("Room"), rooms, key="calendar_room",
                               format_func=lambda choice: choice[1])
        if room is not None:
            right.download_button(
                _("Download {room}'s calendar (.ics)").format(
                    room=as_text(room[1].split(" · ")[0])),
                lambda: data.ics_file(None, room[0], first, until, chosen.kinds, user),
                file_name=f"bottega-{code.lower()}-{room[1].split(' · ')[0].lower()}.ics",
                mime="text/calendar", key="calendar_room_ics",
                icon=":material/calendar_month:", on_click="ignore")
        st.caption(_("From {first} to {last} (the period shown and the {days} days after it), "
                     "the kinds chosen above; each event keeps its identity from one download "
                     "to the next, so a calendar application updates it rather than adding it "
                     "twice.").format(first=day_text(first), last=day_text(until),
                                      days=ICS_DAYS_AFTER))
