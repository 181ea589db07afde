"""Building: maintenance issues, works that take spaces out of use, and what they cost."""
from datetime import date

import streamlit as st

from hub.building import issues
from hub.i18n import _
from hub.roles import keeps_spaces, plans_issues, reports_issues
from ui.building import charts
from ui.building.forms import (cancel_works_form, edit_works_form, manage_issue_form,
                               plan_works_form, report_form)
from ui.empty import nothing_yet, require_site
from ui.format import money, number
from ui.navigation import guard
from ui.widgets import kpi_row, show_flash, site_picker
from ui.building.data import issue_table, load_figures, load_issues, load_works, works_table

user = guard("building")
staff = reports_issues(user)     # reports issues and reads the staff's notes


show_flash()
st.title(_("Building"))
st.caption(_("What needs fixing, which spaces are out of use for works and until when, and "
             "what the building costs against its yearly budget."))
require_site(user, _("Building will list the maintenance issues and the works that take "
                     "spaces out of use."))
site = site_picker("building_site", allow_all=False)
today = date.today()
rows, periods = load_issues(site.id, user.role, user), load_works(site.id, user.role, user)
counts, spending, days_out = load_figures(site.id, today)
open_rows = [row for row in rows if row.status in issues.OPEN_STATUSES]
running = [p for p in periods if p.starts_on <= today <= p.ends_on]
this_year = spending[spending["year"] == today.year].iloc[0]
budget = this_year["budget"]
kpi_row([
    (_("Open issues"), number(len(open_rows)), _("Reported, planned or in progress.")),
    (_("Urgent or high"), number(sum(row.priority in ('urgent', 'high') for row in open_rows)),
     _("Open issues of urgent or high priority.")),
    (_("Spaces out of use today"), number(sum(len(p.space_ids) for p in running)),
     _("Spaces closed for works today: they cannot be leased, booked or given a session.")),
    (_("Spent in {year}").format(year=today.year), money(this_year["spent"]),
     _("Final costs of the issues done this year; budget {budget}").format(budget=money(budget))
     if budget == budget and budget is not None else _("No yearly budget set for this site.")),
])

tabs = st.tabs([_("Issues"), _("Works"), _("Figures")])

with tabs[0]:
    st.header(_("Issues"))
    table = issue_table(rows, staff=staff)
    if table.empty:
        nothing_yet(_("No issue reported at this site yet."))
    else:
        st.dataframe(table, hide_index=True, width="stretch")
    if staff:
        report_form(user, site)
    if plans_issues(user):
        manage_issue_form(user, site, rows)

with tabs[1]:
    st.header(_("Works periods"))
    listed = works_table(periods, today, staff=staff)
    if listed.empty:
        nothing_yet(_("No works planned at this site."))
    else:
        st.dataframe(listed, hide_index=True, width="stretch")
        st.caption(_("While works run, their spaces cannot be newly leased or booked and take "
                     "no programme session; a running lease stays, flagged on Lab occupancy."))
    if keeps_spaces(user):
        plan_works_form(user, site, open_rows)
        edit_works_form(user, site, periods)
        cancel_works_form(user, periods)

with tabs[2]:
    st.header(_("Figures"))
    st.altair_chart(charts.issues_by_priority(counts), width="stretch")
    st.caption(charts.issues_summary(counts))
    st.altair_chart(charts.spending_bars(spending), width="stretch")
    st.caption(charts.spending_summary(spending))
    period = _("in {year}").format(year=today.year)
    if days_out.empty:
        st.caption(charts.days_out_summary(days_out, period))
    else:
        st.altair_chart(charts.days_out_bars(days_out, period), width="stretch")
        st.caption(charts.days_out_summary(days_out, period))
