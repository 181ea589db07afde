"""Altair charts of the tenant indicators; each takes a small aggregated frame."""
from __future__ import annotations

import altair as alt
import pandas as pd

from ui.format import listed, percent
from ui.palette import CLAY, OLIVE, SEPARATOR, TERRACOTTA
from ui.titles import chart_title

ORIGIN_COLOURS = alt.Scale(domain=["Italy", "rest of Europe", "outside Europe"],
                           range=[TERRACOTTA, CLAY, OLIVE])
RESIDENCY_COLOURS = alt.Scale(domain=["resident", "visiting"], range=[TERRACOTTA, OLIVE])


def sector_bars(frame: pd.DataFrame) -> alt.Chart:
    """Columns: sector, tenants."""
    top = frame.iloc[0] if not frame.empty else None
    title = f"{top.sector.capitalize()} is the largest craft here" if top is not None else "Sectors"
    described = ("Bar chart of current tenants by craft sector: " + listed(
        [f"{row.sector} {row.tenants}" for row in frame.itertuples()]) + ".")
    return alt.Chart(frame, description=described,
                     title=chart_title(title, subtitle="Current tenants by craft sector")
                     ).mark_bar(color=TERRACOTTA).encode(
        x=alt.X("tenants:Q", title="Current tenants", axis=alt.Axis(tickMinStep=1)),
        y=alt.Y("sector:N", title="Sector", sort="-x",
                axis=alt.Axis(labelOverlap=False, labelLimit=200)),
        tooltip=[alt.Tooltip("sector:N", title="Sector"), alt.Tooltip("tenants:Q", title="Tenants")],
    ).properties(height=max(160, 24 * len(frame)))


def origin_bars(frame: pd.DataFrame) -> alt.Chart:
    """Columns: origin, tenants, share."""
    abroad = frame.loc[frame.origin != "Italy", "share"].sum()
    described = (f"Bar chart of current tenants by origin, {abroad:.0%} from abroad: " + listed(
        [f"{row.origin} {row.tenants} ({percent(row.share)})" for row in frame.itertuples()]) + ".")
    return alt.Chart(frame, description=described,
                     title=chart_title(f"{abroad:.0%} of tenants come from abroad",
                                       subtitle="Current tenants by origin")).mark_bar().encode(
        x=alt.X("tenants:Q", title="Current tenants", axis=alt.Axis(tickMinStep=1)),
        y=alt.Y("origin:N", title="Origin", sort=list(ORIGIN_COLOURS.domain)),
        color=alt.Color("origin:N", scale=ORIGIN_COLOURS, legend=None),
        tooltip=[alt.Tooltip("origin:N", title="Origin"), alt.Tooltip("tenants:Q", title="Tenants"),
                 alt.Tooltip("share:Q", title="Share", format=".0%")],
    ).properties(height=200)


def residency_over_time(frame: pd.DataFrame) -> alt.Chart:
    """Columns: year, residency, tenants."""
    last = frame[frame["year"] == frame["year"].max()].set_index("residency")["tenants"]
    described = (f"Stacked bar chart of resident and visiting artists per year, "
                 f"{frame['year'].min()} to {frame['year'].max()}: in {frame['year'].max()}, "
                 f"{int(last.get('resident', 0))} resident and {int(last.get('visiting', 0))} "
                 "visiting." if not frame.empty else "No tenant yet.")
    return alt.Chart(frame, description=described,
                     title=chart_title("Resident and visiting artists, year by year",
                                       subtitle="Tenants present at some point in the year")
                     ).mark_bar(stroke=SEPARATOR, strokeWidth=1).encode(
        x=alt.X("year:O", title="Year", axis=alt.Axis(labelAngle=0)),
        y=alt.Y("tenants:Q", title="Tenants", stack="zero"),
        color=alt.Color("residency:N", title="Residency", scale=RESIDENCY_COLOURS),
        tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("residency:N", title="Residency"),
                 alt.Tooltip("tenants:Q", title="Tenants")],
    ).properties(height=260)


def target_group_bars(frame: pd.DataFrame, consenting: int) -> alt.Chart:
    """Columns: group, share, tenants."""
    return alt.Chart(frame, description=f"Bar chart of shares: {target_group_summary(frame)}",
                     title=chart_title(
        "Young, female-led and start-up businesses",
        subtitle=f"Share of the {consenting} current tenants who consented to these flags")
    ).mark_bar(color=OLIVE).encode(
        x=alt.X("share:Q", title="Share of consenting tenants", scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format=".0%")),
        y=alt.Y("group:N", title=None, sort=None, axis=alt.Axis(labelLimit=200)),
        tooltip=[alt.Tooltip("group:N", title="Group"), alt.Tooltip("tenants:Q", title="Tenants"),
                 alt.Tooltip("share:Q", title="Share", format=".0%")],
    ).properties(height=200)



def target_group_summary(frame: pd.DataFrame) -> str:
    """Young entrepreneurs 30% (6), female-led 45% (9) and start-ups 20% (4) of consenting
    tenants."""
    return listed([f"{row.group} {percent(row.share)} ({row.tenants})"
                   for row in frame.itertuples()]) + " of the consenting tenants."
