"""Lab occupancy: which labs and benches are taken, by whom, until when; what is free."""
from datetime import date, timedelta

import pandas as pd
import streamlit as st


from hub.dates import clock
from hub.i18n import N_, _
from hub.occupancy.bookings import weekday_name
from hub.roles import sees_contacts, sees_rents
from ui.format import label, money, number, percent
from ui.format import day_text
from ui.empty import nothing_yet, require_site
from ui.navigation import guard
from ui.occupancy import charts
from ui.occupancy.forms import booking_forms, lease_forms, space_forms
from ui import url_params
from ui.url_params import linked
from ui.widgets import csv_download, EARLIEST_DAY, kpi_row, site_picker
from ui.occupancy.data import (ENDING_WITHIN_DAYS, load_heatmap, load_kpis, load_lists, load_trend,
                               load_utilisation, load_week)

user = guard("occupancy")
rents_shown = sees_rents(user)


# The vacancy and lease tables' columns: English in the CSV downloads, translated on screen.
COLUMNS = (N_("Site"), N_("Space"), N_("Name"), N_("Kind"), N_("Floor"), N_("Area m²"),
           N_("Monthly rent"), N_("Vacant since"), N_("Next lease starts"), N_("Works"),
           N_("Tenant"), N_("From"), N_("Until"), N_("Deposit"))


def on_screen(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with its column names in the reader's language."""
    return frame.rename(columns=_)


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
    [_("Manage")] if rents_shown else [])
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
    vacant = pd.DataFrame([{
        "Site": v.site, "Space": v.space, "Name": v.name, "Kind": label("space kind", v.kind),
        "Floor": v.floor or "", "Area m²": v.area_m2,
        **({"Monthly rent": money(v.monthly_rent)} if rents_shown else {}),
        "Vacant since": day_text(v.vacant_since) if v.vacant_since else _("never leased"),
        "Next lease starts": day_text(v.next_lease_starts) if v.next_lease_starts else "",
        "Works": _("closed for works until {day}").format(day=day_text(v.closed_until))
        if v.closed_until else "",
    } for v in free])
    if vacant.empty:
        st.success(_("Every leasable space is taken on this date."))
    else:
        st.dataframe(on_screen(vacant), hide_index=True, width="stretch")
    csv_download(_("Download vacancies (CSV)"), vacant, "vacancies.csv",
                 "occupancy_vacancies_csv")

    st.header(_("Leases ending by {day}").format(
        day=day_text(on + timedelta(days=ENDING_WITHIN_DAYS))))
    if ending:
        st.dataframe(pd.DataFrame([{
            _("Site"): r.site, _("Space"): r.space, _("Tenant"): r.tenant,
            _("Ends"): day_text(r.ends_on), _("Days left"): (r.ends_on - on).days}
            for r in ending]), hide_index=True, width="stretch")
    else:
        st.caption(_("No lease ends in the next 90 days."))

    st.header(_("Leases running on {day}").format(day=day_text(on)))
    def lease_table(shown) -> pd.DataFrame:
        """`shown` formats values for the screen; the CSV keeps plain dates and amounts."""
        return pd.DataFrame([{
            "Site": r.site, "Space": r.space, "Tenant": r.tenant,
            "From": day_text(r.starts_on) if shown else r.starts_on,
            "Until": (day_text(r.ends_on) if shown else r.ends_on) if r.ends_on else _("open end"),
            "Works": r.works or "",
            **({"Monthly rent": money(r.monthly_rent) if shown else r.monthly_rent,
                "Deposit": money(r.deposit) if shown else r.deposit} if rents_shown else {}),
        } for r in running])
    st.dataframe(on_screen(lease_table(True)), hide_index=True, width="stretch")
    csv_download(_("Download leases (CSV)"), lease_table(False), "leases.csv",
                 "occupancy_leases_csv")

with tabs[2]:
    if site.id is None:
        st.info(_("Choose a site above to see its week of bookings."))
    else:
        monday = st.columns(3)[0].date_input(_("Week of"),
                                             value=on - timedelta(days=on.weekday()),
                                             key="occupancy_week", format="DD/MM/YYYY")
        monday -= timedelta(days=monday.weekday())
        week = load_week(site.id, monday)
        guest = _("Guest") if not sees_contacts(user) else None
        frame = pd.DataFrame([{
            "day": b.day, "day_label": f"{weekday_name(b.day.weekday(), 'abbreviated')} "
                                       f"{b.day.day}", "space": b.space,
            "start": b.start_minute / 60, "end": b.end_minute / 60, "places": b.places,
            "time": f"{clock(b.start_minute)}–{clock(b.end_minute)}",
            "who": b.tenant or guest or b.guest_name, "purpose": b.purpose} for b in week])
        if frame.empty:
            st.info(_("No bookings in the week of {day}.").format(day=day_text(monday)))
        else:
            st.altair_chart(charts.week_timeline(frame, min(8, int(frame["start"].min())),
                                                 max(20, -int(-frame["end"].max() // 1))))
        if rents_shown:
            booking_forms(user, site, monday, week)

if rents_shown:
    with tabs[3]:
        space_forms(user, site)
        lease_forms(user, site, on, running)
