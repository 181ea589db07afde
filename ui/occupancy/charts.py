"""Lab occupancy charts (Altair). Each takes a small, already aggregated frame and returns a chart
whose title states what it shows and whose axes are labelled."""
from __future__ import annotations

import altair as alt
import pandas as pd

from ui.palette import CLAY, OLIVE, SAND, TERRACOTTA

STATUS_COLOURS = alt.Scale(domain=["occupied", "partly", "vacant"],
                           range=[TERRACOTTA, CLAY, SAND])


def occupancy_heatmap(cells: pd.DataFrame) -> alt.Chart:
    """Space × month: occupied / partly / vacant. Columns: space, month, status, share, leases."""
    spaces = cells["space"].nunique()
    return alt.Chart(cells, title=alt.Title(
        "Who held each space, month by month",
        subtitle="Occupied = leased every day of the month; partly = some days")).mark_rect(
        stroke="white", strokeWidth=1).encode(
        x=alt.X("yearmonth(month):O", title="Month", axis=alt.Axis(format="%b %y", labelAngle=-45)),
        y=alt.Y("space:N", title="Space", sort=None, axis=alt.Axis(labelOverlap=False)),
        color=alt.Color("status:N", title="Status", scale=STATUS_COLOURS),
        tooltip=[alt.Tooltip("space:N", title="Space"),
                 alt.Tooltip("yearmonth(month):T", title="Month", format="%B %Y"),
                 alt.Tooltip("share:Q", title="Days leased", format=".0%"),
                 alt.Tooltip("leases:N", title="Tenant (lease)")],
    ).properties(height=max(220, 22 * spaces))


def site_heatmap(cells: pd.DataFrame) -> alt.Chart:
    """Site × month unit rate, for a network of hubs. Columns: site, month, unit_rate."""
    sites = cells["site"].nunique()
    return alt.Chart(cells, title=alt.Title(
        "Unit occupancy of every site, month by month",
        subtitle="Leased units ÷ leasable units, averaged over the month's days")).mark_rect().encode(
        x=alt.X("yearmonth(month):O", title="Month", axis=alt.Axis(format="%b %y", labelAngle=-45)),
        y=alt.Y("site:N", title="Site", sort=None),
        color=alt.Color("unit_rate:Q", title="Unit rate", scale=alt.Scale(
            domain=[0, 1], range=[SAND, TERRACOTTA]), legend=alt.Legend(format=".0%")),
        tooltip=[alt.Tooltip("site:N", title="Site"),
                 alt.Tooltip("yearmonth(month):T", title="Month", format="%B %Y"),
                 alt.Tooltip("unit_rate:Q", title="Unit rate", format=".0%")],
    ).properties(height=max(220, 16 * sites))


def rate_trend(rates: pd.DataFrame) -> alt.Chart:
    """Monthly trend. Columns: month, rate (label), value (0..1)."""
    return alt.Chart(rates, title=alt.Title(
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


def utilisation_bars(weeks: pd.DataFrame) -> alt.Chart:
    """Weekly utilisation of bookable spaces. Columns: week, rate, booked_hours, open_hours."""
    return alt.Chart(weeks, title=alt.Title(
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
                                        stroke="white", strokeWidth=1).encode(
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
        title=alt.Title("Bookings this week", subtitle="Each bar is one booking, by space"))
