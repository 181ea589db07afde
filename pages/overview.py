"""Overview: how is the hub doing? KPIs against last year, the evidence of success since
2016, the INNOCRAFTS indicators, and a one-page report for stakeholders."""
from datetime import date

import pandas as pd
import streamlit as st

from hub.overview import indicators
from hub.roles import sees_contacts
from ui.database import cached, reading
from ui.format import day
from ui.empty import require_site
from ui.navigation import guard
from ui.overview import charts as overview_charts
from ui.overview.first_steps import checklist, load_steps
from ui.report import report_html
from ui import links
from ui.links import linked
from ui.widgets import site_picker

user = guard("overview")
today = date.today()
PERIODS = indicators.periods(today)


def period_code(name: str) -> str:
    """How a period is written in the URL: ?period=ytd, 12m, or the year (2024)."""
    return {"This year so far": "ytd", "Last 12 months": "12m"}.get(name, name.removeprefix("Year "))


@cached(ttl=300)
def load_snapshots(site_id, period: indicators.Period, on: date):
    with reading() as session:
        return (indicators.snapshot(session, site_id=site_id, period=period, today=on),
                indicators.snapshot(session, site_id=site_id, period=period.year_before(), today=on),
                indicators.follow_ups_due(session, today=on))


@cached(ttl=300)
def load_evidence(site_id, until: int, on: date):
    with reading() as session:
        totals = pd.DataFrame([vars(row) for row in indicators.evidence(session, site_id=site_id, until=until)])
        regions = pd.DataFrame(indicators.partners_by_region_cumulative(session, until=until),
                               columns=["year", "region", "partners"])
        return totals, regions, indicators.innocrafts(session, site_id=site_id, on=on)


def percent(rate) -> str:
    return "—" if rate is None else f"{rate:.0%}"


def kpis(now: indicators.Snapshot, before: indicators.Snapshot, due: int | None) -> list[tuple]:
    """(label, value, delta shown by st.metric, comparison in words, help)."""
    def points(a, b):  # no arrow when nothing changed
        return None if a is None or b is None or round((a - b) * 100) == 0 else f"{(a - b) * 100:+.0f} pts"
    def change(a, b):
        return f"{a - b:+d}" if a != b else None
    rows = [("Unit occupancy", percent(now.unit_rate), points(now.unit_rate, before.unit_rate),
             "leased units ÷ leasable units"),
            ("Area occupancy", percent(now.area_rate), points(now.area_rate, before.area_rate),
             "leased m² ÷ leasable m²"),
            ("Tenants (resident / visiting)", f"{now.residents} / {now.visitors}",
             change(now.residents + now.visitors, before.residents + before.visitors), "present on the day"),
            ("Programme items", f"{now.items}", change(now.items, before.items), "started in the period"),
            ("Participants", f"{now.participants}", change(now.participants, before.participants),
             "seated in those items"),
            ("Active partners", f"{now.partners}", change(now.partners, before.partners), "in the network"),
            ("Countries reached", f"{now.countries}", change(now.countries, before.countries),
             "countries of active partners")]
    if due is not None:
        rows.append(("Follow-ups due", f"{due}", None, "partner follow-ups today or overdue"))
    return rows


def innocrafts_frame(figures: indicators.Innocrafts) -> pd.DataFrame:
    groups = figures.groups
    return pd.DataFrame([
        {"indicator": "Young entrepreneurs", "share": groups.share(groups.young) or 0.0},
        {"indicator": "Female-led businesses", "share": groups.share(groups.female_led) or 0.0},
        {"indicator": "Start-ups", "share": groups.share(groups.startup) or 0.0},
        {"indicator": "Tenants from abroad", "share": figures.tenants_from_abroad or 0.0},
        {"indicator": "Partners abroad", "share": figures.partners_abroad or 0.0}])


st.title("Overview")
st.caption("How is the hub doing? Occupancy, tenants, programme and partners against the same "
           "period last year, and what the hub has achieved since 2016.")
steps = load_steps()
if user.role == "manager" and not steps[0].done:
    checklist(user, steps)     # a new hub: what to do first, and nothing else yet
    st.stop()
require_site(user, "The Overview will show the hub's occupancy, tenants, programme and "
                   "partners against last year, and its record since 2016.")
if user.role == "manager" and not all(step.done for step in steps):
    with st.expander(f"First steps — {sum(s.done for s in steps)} of {len(steps)} done",
                     expanded=True):
        checklist(user, steps, heading=False)
left, right = st.columns(2)
with left:
    site = site_picker("overview_site")
period_name = linked(right.selectbox, "Period", list(PERIODS), key="overview_period",
                     link=links.one_of("period", list(PERIODS), what="ytd, 12m or a year",
                                       fallback="this year so far", code=period_code))
period = PERIODS[period_name]
now, before, due = load_snapshots(site.id, period, today)
rows = kpis(now, before, due if sees_contacts(user) else None)
st.caption(f"{site.name}, {day(period.start)} – {day(period.end)}; occupancy and tenants on "
           f"{day(period.day_for(today))}; changes against the same period a year earlier. "
           "Partners belong to the whole network.")
for start in range(0, len(rows), 4):    # four to a row; they wrap two to a row on a phone
    row = st.container(horizontal=True, gap="medium")
    for label, value, delta, note in rows[start:start + 4]:
        row.metric(label, value, delta=delta, help=note.capitalize())

st.header("Evidence of success since 2016", anchor=False)
totals, regions, figures = load_evidence(site.id, period.end.year, today)
def has(frame: pd.DataFrame, *columns: str) -> bool:
    return not frame.empty and bool(frame[list(columns)].to_numpy().sum() > 0)


# Each chart only when it has something to show; otherwise one line saying what will be there.
planned = [
    (has(totals, "courses", "events"), lambda: overview_charts.programme_growth(totals),
     "Courses and events since 2016 appear once programme items have run."),
    (has(totals, "participants"), lambda: overview_charts.running_total(
        totals, "participants", "{total} participants trained and hosted", "Participants since 2016"),
     "Participants appear once people are seated in programme items."),
    (has(totals, "tenants"), lambda: overview_charts.running_total(
        totals, "tenants", "{total} artisans hosted since 2016", "Tenants hosted",
        colour=overview_charts.CLAY),
     "Tenants hosted since 2016 appear once tenants are added."),
    (has(regions, "partners"), lambda: overview_charts.partners_by_region(regions),
     "The partner network by region appears once partners are recorded."),
    (figures.groups.consenting > 0 or figures.partner_countries > 0,
     lambda: overview_charts.innocrafts_bars(
         innocrafts_frame(figures), f"Target groups among the {figures.groups.consenting} "
         f"consenting tenants; {figures.partner_countries} partner countries"),
     "The INNOCRAFTS indicators appear once tenants consent to them or partners are active."),
]
charts = [build() for shown, build, _ in planned if shown]
notes = [note for shown, _, note in planned if not shown]
for pair in range(0, len(charts), 2):
    for column, chart in zip(st.columns(2), charts[pair:pair + 2]):
        column.altair_chart(chart, width="stretch")
for note in notes:
    st.caption(note)

st.header("Report for stakeholders", anchor=False)
st.caption("One page with these figures and charts, as an HTML file that opens offline.")
st.download_button(
    "Download the report", key="overview_report", icon=":material/download:",
    file_name=f"bottega-report-{period.start.isoformat()}-{period.end.isoformat()}.html",
    mime="text/html", on_click="ignore",
    data=lambda: report_html(
        title=f"Bottega — {site.name}", subtitle=f"{period_name}: {day(period.start)} – {day(period.end)}",
        kpis=[(label, value, f"{delta} on last year" if delta else note)
              for label, value, delta, note in rows],
        charts=charts, notes=[f"Occupancy and tenants as on {day(period.day_for(today))}.",
                              "Target-group shares count only tenants who consented to them."],
        made_on=today))
