"""Lab occupancy: which labs and benches are taken, by whom, until when; what is free."""
from datetime import date, timedelta

import streamlit as st


from hub.i18n import _
from hub.roles import keeps_spaces, sees_contacts, sees_rents
from ui.format import money, number, percent
from ui.format import day_text
from ui.empty import nothing_yet, require_site
from ui.navigation import guard
from ui.occupancy import charts
from ui.billing.summary import still_owed
from ui.occupancy.forms import booking_forms, lease_forms, space_forms
from ui import url_params
from ui.url_params import linked
from ui.widgets import csv_download, EARLIEST_DAY, kpi_row, site_picker
from ui.occupancy.data import (ENDING_WITHIN_DAYS, ending_table, lease_table, load_heatmap,
                               load_kpis, load_lists, load_trend, load_utilisation, load_week,
                               on_screen, vacancy_table, week_frame)

user = guard("occupancy")
rents_shown = sees_rents(user)
manages_spaces = keeps_spaces(user)


st.title(_("Lab occupancy"))
st.caption(_("Which labs and benches are taken, by whom and until when — and what is free."))
require_site(user, _("Lab occupancy will show which labs and benches are taken, by whom and "
                     "until when, and what is free."))
top = st.columns([2, 1, 1])
site = site_picker("occupancy_site", container=top[0])
today, latest = date.today(), date.today() + timedelta(days=5 * 366)
on = linked(top[1].date_input, _("As of"), value=today, key="occupancy_day",
            format="DD/MM/YYYY", min_value=EARLIEST_DAY, max_value=latest,
            link=url_params.day("on", default=today, fallback=_("today"), earliest=EARLIEST_DAY,
                           latest=latest))
months = linked(top[2].select_slider, _("Months shown"), [12, 24, 36], value=12,
                key="occupancy_months",
                link=url_params.one_of("months", [12, 24, 36], what=_("12, 24 or 36"),
                                  fallback=_("12 months")))

rates, roll = load_kpis(site.id, on)
free, running, ending = load_lists(site.id, on)
metrics = [
    (_("Unit occupancy"), percent(rates.unit_rate),
     _("Leased units ÷ leasable units on {day}: {leased} of {units}.").format(
         day=day_text(on), leased=number(rates.leased_units), units=number(rates.units))),
    (_("Area occupancy"), percent(rates.area_rate),
     _("Leased m² ÷ leasable m²: {leased} of {area} m².").format(
         leased=number(rates.leased_area), area=number(rates.area))),
    (_("Vacant units"), number(rates.units - rates.leased_units),
     _("Leasable spaces nobody holds today.")),
    (_("Leases ending in 90 days"), number(len(ending)),
     _("Time to renew or to find the next tenant.")),
]
if rents_shown:
    metrics.append((_("Monthly rent roll"), money(roll),
                    _("Monthly rent of the leases running today.")))
kpi_row(metrics)

names = [_("Occupancy"), _("Vacancies and leases"), _("Bookings")] + (
    [_("Manage")] if manages_spaces else [])
tabs = st.tabs(names)

with tabs[0]:
    heatmap = load_heatmap(site.id, on, months)
    if heatmap.empty:
        nothing_yet(_("No leasable space here yet: the heatmap and the occupancy trend appear "
                      "once labs or benches are added (Manage tab, or an import in Admin)."))
    else:
        st.altair_chart(charts.site_heatmap(heatmap) if site.id is None
                        else charts.occupancy_heatmap(heatmap), width="stretch")
        trend = load_trend(site.id, on, months)
        st.altair_chart(charts.rate_trend(trend), width="stretch")
        st.caption(charts.rate_summary(trend))
    utilisation = load_utilisation(site.id, on, 12)
    if utilisation["open_hours"].sum() > 0:
        st.altair_chart(charts.utilisation_bars(utilisation), width="stretch")
        st.caption(charts.utilisation_summary(utilisation))
    else:
        nothing_yet(_("No bookable space here yet: booking utilisation appears once a bench, "
                      "the workshop or a room can be booked."))

with tabs[1]:
    st.header(_("Vacant on {day}").format(day=day_text(on)))
    vacant = vacancy_table(free, rents=rents_shown)
    if vacant.empty:
        st.success(_("Every leasable space is taken on this date."))
    else:
        st.dataframe(on_screen(vacant), hide_index=True, width="stretch")
    csv_download(_("Download vacancies (CSV)"), vacant, "vacancies.csv",
                 "occupancy_vacancies_csv")

    st.header(_("Leases ending by {day}").format(
        day=day_text(on + timedelta(days=ENDING_WITHIN_DAYS))))
    if ending:
        st.dataframe(on_screen(ending_table(ending, on)), hide_index=True, width="stretch")
    else:
        st.caption(_("No lease ends in the next 90 days."))

    st.header(_("Leases running on {day}").format(day=day_text(on)))
    st.dataframe(on_screen(lease_table(running, rents=rents_shown, for_screen=True)),
                 hide_index=True, width="stretch")
    csv_download(_("Download leases (CSV)"), lease_table(running, rents=rents_shown),
                 "leases.csv", "occupancy_leases_csv")

with tabs[2]:
    if site.id is None:
        st.info(_("Choose a site above to see its week of bookings."))
    else:
        monday = st.columns(3)[0].date_input(_("Week of"),
                                             value=on - timedelta(days=on.weekday()),
                                             key="occupancy_week", format="DD/MM/YYYY")
        monday -= timedelta(days=monday.weekday())
        week = load_week(site.id, monday)
        frame = week_frame(week, contacts=sees_contacts(user))
        if frame.empty:
            st.info(_("No bookings in the week of {day}.").format(day=day_text(monday)))
        else:
            st.altair_chart(charts.week_timeline(frame, min(8, int(frame["start"].min())),
                                                 max(20, -int(-frame["end"].max() // 1))))
        if manages_spaces:
            booking_forms(user, site, monday, week)

if manages_spaces:
    with tabs[3]:
        space_forms(user, site)
        lease_forms(user, site, on, running, owed=still_owed)
