"""Building: maintenance issues, works that take spaces out of use, and what they cost."""
from datetime import date, timedelta

import pandas as pd
import streamlit as st

from hub.building import figures, issues, works
from hub.roles import EDITORS
from ui.building import charts
from ui.building.forms import (cancel_works_form, edit_works_form, manage_issue_form,
                               plan_works_form, report_form)
from ui.database import cached, reading
from ui.empty import nothing_yet, require_site
from ui.format import money
from ui.format import day as show_day
from ui.navigation import guard
from ui.widgets import kpi_row, show_flash, site_picker

user = guard("building")
manager = user.role == "manager"
staff = user.role in EDITORS
YEARS = 5


@cached(ttl=300)
def load_issues(site_id: int, role: str, _user) -> list:
    """`role` keys the cache: what a row shows depends on it."""
    with reading() as session:
        return issues.issue_rows(session, actor=_user, site_id=site_id)


@cached(ttl=300)
def load_works(site_id: int, role: str, _user) -> list:
    with reading() as session:
        return works.works_rows(session, actor=_user, site_id=site_id)


@cached(ttl=300)
def load_figures(site_id: int, today: date):
    years = list(range(today.year - YEARS + 1, today.year + 1))
    with reading() as session:
        counts = figures.open_issues_by_priority(session, site_id=site_id, today=today)
        spending = figures.spending_by_year(session, site_id=site_id, years=years, today=today)
        days = figures.days_out_of_use(session, site_id=site_id,
                                       first=date(today.year, 1, 1), last=date(today.year, 12, 31))
    return (pd.DataFrame([vars(c) for c in counts]),
            pd.DataFrame([{"year": s.year, "spent": float(s.spent),
                           "committed": float(s.committed),
                           "budget": float(s.budget) if s.budget is not None else None}
                          for s in spending]),
            pd.DataFrame([vars(d) for d in days], columns=["space", "days"]))


show_flash()
st.title("Building")
st.caption("What needs fixing, which spaces are out of use for works and until when, and "
           "what the building costs against its yearly budget.")
require_site(user, "Building will list the maintenance issues and the works that take spaces "
             "out of use.")
site = site_picker("building_site", allow_all=False)
today = date.today()
rows, periods = load_issues(site.id, user.role, user), load_works(site.id, user.role, user)
counts, spending, days_out = load_figures(site.id, today)
open_rows = [row for row in rows if row.status in issues.OPEN_STATUSES]
running = [p for p in periods if p.starts_on <= today <= p.ends_on]
this_year = spending[spending["year"] == today.year].iloc[0]
budget = this_year["budget"]
kpi_row([
    ("Open issues", f"{len(open_rows)}", "Reported, planned or in progress."),
    ("Urgent or high", f"{sum(row.priority in ('urgent', 'high') for row in open_rows)}",
     "Open issues of urgent or high priority."),
    ("Spaces out of use today", f"{sum(len(p.space_ids) for p in running)}",
     "Spaces closed for works today: they cannot be leased, booked or given a session."),
    (f"Spent in {today.year}", money(this_year["spent"]),
     f"Final costs of the issues done this year; budget {money(budget)}"
     if budget == budget and budget is not None else "No yearly budget set for this site."),
])

tabs = st.tabs(["Issues", "Works", "Figures"])

with tabs[0]:
    st.header("Issues")
    table = pd.DataFrame([{
        "#": row.id, "Where": row.space, "Issue": row.title,
        "Priority": row.priority, "Status": issues.STATUS_LABELS[row.status],
        "Reported": show_day(row.reported_on),
        **({"By": row.reported_by or "", "Contractor": row.contractor or ""} if staff else {}),
        "Estimate": money(row.cost_estimate) if row.cost_estimate is not None else "",
        "Final cost": money(row.final_cost) if row.final_cost is not None else "",
        **({"Notes": row.notes or ""} if staff else {}),
    } for row in rows])
    if table.empty:
        nothing_yet("No issue reported at this site yet.")
    else:
        st.dataframe(table, hide_index=True, width="stretch")
    if staff:
        report_form(user, site)
    if manager:
        manage_issue_form(user, site, rows)

with tabs[1]:
    st.header("Works periods")
    listed = pd.DataFrame([{
        "Works": p.title, "Spaces out of use": p.spaces, "From": show_day(p.starts_on),
        "To": show_day(p.ends_on), "State": p.state(today),
        "Issue": f"#{p.issue_id}" if p.issue_id else "",
        **({"Notes": p.notes or ""} if staff else {}),
    } for p in periods])
    if listed.empty:
        nothing_yet("No works planned at this site.")
    else:
        st.dataframe(listed, hide_index=True, width="stretch")
        st.caption("While works run, their spaces cannot be newly leased or booked and take "
                   "no programme session; a running lease stays, flagged on Lab occupancy.")
    if manager:
        plan_works_form(user, site, open_rows)
        edit_works_form(user, site, periods)
        cancel_works_form(user, periods)

with tabs[2]:
    st.header("Figures")
    st.altair_chart(charts.issues_by_priority(counts), width="stretch")
    st.caption(charts.issues_summary(counts))
    st.altair_chart(charts.spending_bars(spending), width="stretch")
    st.caption(charts.spending_summary(spending))
    period = f"in {today.year}"
    if days_out.empty:
        st.caption(charts.days_out_summary(days_out, period))
    else:
        st.altair_chart(charts.days_out_bars(days_out, period), width="stretch")
        st.caption(charts.days_out_summary(days_out, period))
