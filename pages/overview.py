"""Overview: how is the hub doing? KPIs against last year, the evidence of success since
2016, the INNOCRAFTS indicators, and a one-page report for stakeholders."""
from datetime import date

import pandas as pd
import streamlit as st

from hub.i18n import _, language, speaking
from hub.overview import figures as overview_figures
from hub.roles import bills, keeps_sites, sees_contacts
from ui.format import as_text, day_text, money, number, percent, points_change
from ui.empty import require_site
from ui.navigation import guard
from ui.overview import charts as overview_charts
from ui.overview.first_steps import checklist, load_steps
from ui.overview.report import report_html
from ui import url_params
from ui.url_params import linked
from ui.widgets import site_picker
from ui.overview.data import (innocrafts_frame, load_billing_headline, load_evidence,
                              load_snapshots)

user = guard("overview")
today = date.today()
PERIODS = overview_figures.periods(today)


def period_code(name: str) -> str:
    """How a period is written in the URL: ?period=ytd, 12m, or the year (2024)."""
    return {"This year so far": "ytd", "Last 12 months": "12m"}.get(name, name.removeprefix("Year "))


def kpis(now: overview_figures.Snapshot, before: overview_figures.Snapshot, due: int | None) -> list[tuple]:
    """(label, value, delta shown by st.metric, comparison in words, help)."""
    def points(a, b):  # no arrow when nothing changed
        if a is None or b is None or round((a - b) * 100) == 0:
            return None
        return points_change(round((a - b) * 100))
    def change(a, b):
        return ("+" if a > b else "") + number(a - b) if a != b else None
    rows = [(_("Unit occupancy"), percent(now.unit_rate), points(now.unit_rate, before.unit_rate),
             _("leased units ÷ leasable units")),
            (_("Area occupancy"), percent(now.area_rate), points(now.area_rate, before.area_rate),
             _("leased m² ÷ leasable m²")),
            (_("Tenants (resident / visiting)"), f"{number(now.residents)} / {number(now.visitors)}",
             change(now.residents + now.visitors, before.residents + before.visitors),
             _("present on the day")),
            (_("Programme items"), number(now.items), change(now.items, before.items),
             _("started in the period")),
            (_("Participants"), number(now.participants),
             change(now.participants, before.participants), _("seated in those items")),
            (_("Active partners"), number(now.partners), change(now.partners, before.partners),
             _("in the network")),
            (_("Countries reached"), number(now.countries), change(now.countries, before.countries),
             _("countries of active partners"))]
    if due is not None:
        rows.append((_("Follow-ups due"), number(due), None, _("partner follow-ups today or overdue")))
    return rows


st.title(_("Overview"))
st.caption(_("How is the hub doing? Occupancy, tenants, programme and partners against the same "
             "period last year, and what the hub has achieved since 2016."))
steps = load_steps()
if keeps_sites(user) and not steps[0].done:
    checklist(user, steps)     # a new hub: what to do first, and nothing else yet
    st.stop()
require_site(user, _("The Overview will show the hub's occupancy, tenants, programme and "
                     "partners against last year, and its record since 2016."))
if keeps_sites(user) and not all(step.done for step in steps):
    with st.expander(_("First steps — {done} of {total} done").format(
            done=sum(s.done for s in steps), total=len(steps)),
            expanded=True, key="overview_first_steps"):
        checklist(user, steps, heading=False)
left, right = st.columns(2)
with left:
    site = site_picker("overview_site")
# The names in this run's language, looked up (AppTest formats a value again after the run).
period_names = {name: overview_figures.period_name(name) for name in PERIODS}
period_name = linked(right.selectbox, _("Period"), list(PERIODS), key="overview_period",
                     format_func=lambda name: period_names.get(name, name),
                     link=url_params.one_of("period", list(PERIODS), what=_("ytd, 12m or a year"),
                                       fallback=_("this year so far"), code=period_code))
period = PERIODS[period_name]
now, before, due = load_snapshots(site.id, period, today)
rows = kpis(now, before, due if sees_contacts(user) else None)
# Money is the manager's: shown on the screen, left out of the stakeholders' report.
money_rows = []
if bills(user):
    headline = load_billing_headline(site.id, today)
    money_rows = [(_("Collected this month"), money(headline.collected_this_month), None,
                   _("payments received this month that paid invoices")),
                  (_("Arrears over 60 days"), money(headline.arrears_over_60), None,
                   _("still due more than 60 days after the due day"))]
st.caption(_("{site}, {start} – {end}; occupancy and tenants on {day}; changes against the "
             "same period a year earlier. Partners belong to the whole network.").format(
    site=as_text(site.name), start=day_text(period.start), end=day_text(period.end), day=day_text(period.day_for(today))))
shown_rows = rows + money_rows
for start in range(0, len(shown_rows), 4):   # four to a row; they wrap two to a row on a phone
    row = st.container(horizontal=True, gap="medium")
    for name, value, delta, note in shown_rows[start:start + 4]:
        row.metric(name, value, delta=delta, help=note.capitalize())

st.header(_("Evidence of success since 2016"), anchor=False)
totals, regions, figures = load_evidence(site.id, period.end.year, today)
def has(frame: pd.DataFrame, *columns: str) -> bool:
    return not frame.empty and bool(frame[list(columns)].to_numpy().sum() > 0)


# Each chart only when it has something to show; otherwise one line saying what will be there.
planned = [
    (has(totals, "courses", "events"), lambda: overview_charts.programme_growth(totals),
     _("Courses and events since 2016 appear once programme items have run.")),
    (has(totals, "participants"), lambda: overview_charts.participants_total(totals),
     _("Participants appear once people are seated in programme items.")),
    (has(totals, "tenants"), lambda: overview_charts.tenants_total(totals),
     _("Tenants hosted since 2016 appear once tenants are added.")),
    (has(regions, "partners"), lambda: overview_charts.partners_by_region(regions),
     _("The partner network by region appears once partners are recorded.")),
    (figures.groups.consenting > 0 or figures.partner_countries > 0,
     lambda: overview_charts.innocrafts_bars(
         innocrafts_frame(figures), overview_charts.innocrafts_subtitle(
             figures.groups.consenting, figures.partner_countries)),
     _("The INNOCRAFTS indicators appear once tenants consent to them or partners are active.")),
]
charts = [build() for shown, build, __ in planned if shown]
notes = [note for shown, __, note in planned if not shown]
for pair in range(0, len(charts), 2):
    for column, chart in zip(st.columns(2), charts[pair:pair + 2]):
        column.altair_chart(chart, width="stretch")
for note in notes:
    st.caption(note)

st.header(_("Report for stakeholders"), anchor=False)
st.caption(_("One page with these figures and charts, as an HTML file that opens offline."))
reader = language()


def report() -> str:
    """Built when the button is pressed, outside the page's run: in the reader's language."""
    with speaking(reader):
        return report_html(
            title=f"Bottega — {site.name}",
            subtitle=f"{period_names[period_name]}: {day_text(period.start)} – {day_text(period.end)}",
            kpis=[(name, value, _("{delta} on last year").format(delta=delta) if delta else note)
                  for name, value, delta, note in rows],
            charts=charts,
            notes=[_("Occupancy and tenants as on {day}.").format(day=day_text(period.day_for(today))),
                   _("Target-group shares count only tenants who consented to them.")],
            made_on=today)


st.download_button(
    _("Download the report"), key="overview_report", icon=":material/download:",
    file_name=f"bottega-report-{period.start.isoformat()}-{period.end.isoformat()}.html",
    mime="text/html", on_click="ignore", data=report)
