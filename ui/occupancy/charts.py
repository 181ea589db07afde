"""Lab occupancy charts (Altair). Each takes a small, already aggregated frame and returns a chart
whose title states what it shows and whose axes are labelled."""
from __future__ import annotations

import altair as alt
import pandas as pd

from ui.format import counted, listed, month, percent
from ui.palette import CLAY, OLIVE, SEPARATOR, SEQUENTIAL, SLATE, STONE, TERRACOTTA
from ui.titles import chart_title

STATUS_COLOURS = alt.Scale(domain=["occupied", "partly", "vacant", "works"],
                           range=[TERRACOTTA, CLAY, STONE, SLATE])


def _months(column: pd.Series) -> str:
    """Jan 2026 to Dec 2026."""
    return f"{month(column.min())} to {month(column.max())}"


def occupancy_heatmap(cells: pd.DataFrame) -> alt.Chart:
    """Space × month: occupied / partly / vacant, or works (out of use some days of the
    month). Columns: space, month, status, share, leases, works."""
    spaces = cells["space"].nunique()
    last = cells[cells["month"] == cells["month"].max()]["status"].value_counts()
    described = (f"Heatmap of {spaces} spaces by month, {_months(cells['month'])}: each cell is "
                 f"occupied, partly occupied, vacant, or closed for works some days. In "
                 f"{month(cells['month'].max())} "
                 + listed([f"{last.get(status, 0)} "
                           f"{'closed for works' if status == 'works' else status}"
                           for status in STATUS_COLOURS.domain]) + ".")
    return alt.Chart(cells, description=described, title=chart_title(
        "Who held each space, month by month",
        subtitle="Occupied = leased every day of the month; partly = some days; "
                 "works = out of use for works some days")).mark_rect(
        stroke=SEPARATOR, strokeWidth=1).encode(
        x=alt.X("yearmonth(month):O", title="Month", axis=alt.Axis(format="%b %y", labelAngle=-45)),
        y=alt.Y("space:N", title="Space", sort=None, axis=alt.Axis(labelOverlap=False)),
        color=alt.Color("status:N", title="Status", scale=STATUS_COLOURS),
        tooltip=[alt.Tooltip("space:N", title="Space"),
                 alt.Tooltip("yearmonth(month):T", title="Month", format="%B %Y"),
                 alt.Tooltip("share:Q", title="Days leased", format=".0%"),
                 alt.Tooltip("leases:N", title="Tenant (lease)"),
                 alt.Tooltip("works:N", title="Works")],
    ).properties(height=max(220, 22 * spaces))


def site_heatmap(cells: pd.DataFrame) -> alt.Chart:
    """Site × month unit rate, for a network of hubs. Columns: site, month, unit_rate."""
    sites = cells["site"].nunique()
    last = cells[cells["month"] == cells["month"].max()].dropna(subset=["unit_rate"])
    ranked = last.sort_values("unit_rate")
    described = (f"Heatmap of the unit occupancy of {sites} sites by month, "
                 f"{_months(cells['month'])}, darker for a higher rate."
                 + (f" In {month(cells['month'].max())} from {percent(ranked.unit_rate.iloc[0])} "
                    f"({ranked.site.iloc[0]}) to {percent(ranked.unit_rate.iloc[-1])} "
                    f"({ranked.site.iloc[-1]})." if not ranked.empty else ""))
    return alt.Chart(cells, description=described, title=chart_title(
        "Unit occupancy of every site, month by month",
        subtitle="Leased units ÷ leasable units, averaged over the month's days")).mark_rect(
        stroke=SEPARATOR, strokeWidth=1).encode(
        x=alt.X("yearmonth(month):O", title="Month", axis=alt.Axis(format="%b %y", labelAngle=-45)),
        y=alt.Y("site:N", title="Site", sort=None),
        color=alt.Color("unit_rate:Q", title="Unit rate", scale=alt.Scale(
            domain=[0, 1], range=SEQUENTIAL), legend=alt.Legend(format=".0%")),
        tooltip=[alt.Tooltip("site:N", title="Site"),
                 alt.Tooltip("yearmonth(month):T", title="Month", format="%B %Y"),
                 alt.Tooltip("unit_rate:Q", title="Unit rate", format=".0%")],
    ).properties(height=max(220, 16 * sites))


def rate_trend(rates: pd.DataFrame) -> alt.Chart:
    """Monthly trend. Columns: month, rate (label), value (0..1)."""
    return alt.Chart(rates, description="Line chart of the unit and the area occupancy rate by "
                     f"month, {_months(rates['month'])}. {rate_summary(rates)}", title=chart_title(
        "Occupancy rate by month",
        subtitle="Unit: leased ÷ leasable units · Area: leased ÷ leasable m² · "
                 "each averaged over the month's days")).mark_line(point=True).encode(
        x=alt.X("yearmonth(month):T", title="Month", axis=alt.Axis(format="%b %Y")),
        y=alt.Y("value:Q", title="Occupancy rate", axis=alt.Axis(format=".0%"),
                scale=alt.Scale(domain=[0, 1])),
        color=alt.Color("rate:N", title="Rate", scale=alt.Scale(range=[TERRACOTTA, OLIVE])),
        tooltip=[alt.Tooltip("yearmonth(month):T", title="Month", format="%B %Y"),
                 alt.Tooltip("rate:N", title="Rate"),
                 alt.Tooltip("value:Q", title="Value", format=".1%")],
    ).properties(height=280)


def rate_summary(rates: pd.DataFrame) -> str:
    """The trend's finding: "Unit occupancy 79% in Dec 2026, up 8 points on Dec 2025; area
    occupancy 74%." (against the first month shown when there is no month a year before)."""
    if rates.empty:
        return ""
    rates = rates.assign(month=pd.to_datetime(rates["month"]))

    def value(name: str, when) -> float | None:
        rows = rates[(rates["rate"] == name) & (rates["month"] == when)]["value"].dropna()
        return float(rows.iloc[0]) if not rows.empty else None
    last = rates["month"].max()
    year_before = last - pd.DateOffset(years=1)
    before = year_before if (rates["month"] == year_before).any() else rates["month"].min()
    unit, then, area = value("Unit rate", last), value("Unit rate", before), value("Area rate", last)
    if unit is None:
        return f"No leasable unit in {month(last)}."
    change = ""
    if then is not None and before != last:
        points = round((unit - then) * 100)
        change = (f", {'up' if points > 0 else 'down'} {abs(points)} points on {month(before)}"
                  if points else f", as in {month(before)}")
    return f"Unit occupancy {percent(unit)} in {month(last)}{change}; area occupancy {percent(area)}."


def utilisation_summary(weeks: pd.DataFrame) -> str:
    """The bars' finding: Bookable spaces were used 34% of their open place-hours over 12
    weeks; 41% in the week of 23 Nov."""
    if weeks.empty or weeks["open_hours"].sum() == 0:
        return ""
    overall = weeks["booked_hours"].sum() / weeks["open_hours"].sum()
    latest = weeks.sort_values("week").iloc[-1]
    return (f"Bookable spaces were used {percent(overall)} of their open place-hours over "
            f"{len(weeks)} weeks; {percent(latest.rate)} in the week of "
            f"{pd.Timestamp(latest.week):%-d %b}.")


def utilisation_bars(weeks: pd.DataFrame) -> alt.Chart:
    """Weekly utilisation of bookable spaces. Columns: week, rate, booked_hours, open_hours."""
    return alt.Chart(weeks, description=f"Bar chart of the weekly utilisation of bookable "
                     f"spaces, one bar per week. {utilisation_summary(weeks)}", title=chart_title(
        "Utilisation of bookable spaces by week",
        subtitle="Booked place-hours ÷ open place-hours (opening hours × capacity)")).mark_bar(
        color=OLIVE).encode(
        x=alt.X("yearmonthdate(week):O", title="Week starting",
                axis=alt.Axis(format="%-d %b", labelAngle=-45)),
        y=alt.Y("rate:Q", title="Utilisation", axis=alt.Axis(format=".0%")),
        tooltip=[alt.Tooltip("week:T", title="Week of", format="%-d %B %Y"),
                 alt.Tooltip("rate:Q", title="Utilisation", format=".1%"),
                 alt.Tooltip("booked_hours:Q", title="Booked place-hours", format=",.0f"),
                 alt.Tooltip("open_hours:Q", title="Open place-hours", format=",.0f")],
    ).properties(height=240)


def week_timeline(bookings: pd.DataFrame, opens: float, closes: float) -> alt.Chart:
    """One panel per day, spaces down, hours across. Columns: day_label, space, start, end
    (hours as decimals), who, purpose, places, time."""
    return alt.Chart(bookings).mark_bar(color=TERRACOTTA, cornerRadius=2, height=16,
                                        stroke=SEPARATOR, strokeWidth=1).encode(
        x=alt.X("start:Q", title="Hour", scale=alt.Scale(domain=[opens, closes]),
                axis=alt.Axis(tickCount=int(closes - opens) // 2, format="d")),
        x2="end:Q",
        y=alt.Y("space:N", title=None),
        tooltip=[alt.Tooltip("day_label:N", title="Day"), alt.Tooltip("space:N", title="Space"),
                 alt.Tooltip("time:N", title="Time"), alt.Tooltip("who:N", title="Booked by"),
                 alt.Tooltip("places:Q", title="Places"),
                 alt.Tooltip("purpose:N", title="Purpose")],
    ).properties(width=130, height=alt.Step(22)).facet(
        column=alt.Column("day_label:N", title=None, sort=alt.SortField("day")),
        title=chart_title("Bookings this week", subtitle="Each bar is one booking, by space"),
        description=f"Timeline of this week's {len(bookings)} bookings, one panel per day, "
                    f"{counted(bookings['space'].nunique(), 'space')} down and the hours across: "
                    + listed([f"{count} on {day}" for day, count in
                              bookings.groupby(["day", "day_label"]).size().droplevel(0).items()])
                    + ".")
