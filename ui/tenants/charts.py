"""Altair charts of the tenant indicators; each takes a small aggregated frame."""
from __future__ import annotations

import altair as alt
import pandas as pd

from ui.palette import CLAY, OLIVE, TERRACOTTA

ORIGIN_COLOURS = alt.Scale(domain=["Italy", "rest of Europe", "outside Europe"],
                           range=[TERRACOTTA, CLAY, OLIVE])
RESIDENCY_COLOURS = alt.Scale(domain=["resident", "visiting"], range=[TERRACOTTA, OLIVE])


def sector_bars(frame: pd.DataFrame) -> alt.Chart:
    """Columns: sector, tenants."""
    top = frame.iloc[0] if not frame.empty else None
    title = f"{top.sector.capitalize()} is the largest craft here" if top is not None else "Sectors"
    return alt.Chart(frame, title=alt.Title(title, subtitle="Current tenants by craft sector")
                     ).mark_bar(color=TERRACOTTA).encode(
        x=alt.X("tenants:Q", title="Current tenants", axis=alt.Axis(tickMinStep=1)),
        y=alt.Y("sector:N", title="Sector", sort="-x",
                axis=alt.Axis(labelOverlap=False, labelLimit=200)),
        tooltip=[alt.Tooltip("sector:N", title="Sector"), alt.Tooltip("tenants:Q", title="Tenants")],
    ).properties(height=max(160, 24 * len(frame)))


def origin_bars(frame: pd.DataFrame) -> alt.Chart:
    """Columns: origin, tenants, share."""
    abroad = frame.loc[frame.origin != "Italy", "share"].sum()
    return alt.Chart(frame, title=alt.Title(f"{abroad:.0%} of tenants come from abroad",
                                            subtitle="Current tenants by origin")).mark_bar().encode(
        x=alt.X("tenants:Q", title="Current tenants", axis=alt.Axis(tickMinStep=1)),
        y=alt.Y("origin:N", title="Origin", sort=list(ORIGIN_COLOURS.domain)),
        color=alt.Color("origin:N", scale=ORIGIN_COLOURS, legend=None),
        tooltip=[alt.Tooltip("origin:N", title="Origin"), alt.Tooltip("tenants:Q", title="Tenants"),
                 alt.Tooltip("share:Q", title="Share", format=".0%")],
    ).properties(height=200)


def residency_over_time(frame: pd.DataFrame) -> alt.Chart:
    """Columns: year, residency, tenants."""
    return alt.Chart(frame, title=alt.Title("Resident and visiting artists, year by year",
                                            subtitle="Tenants present at some point in the year")
                     ).mark_bar().encode(
        x=alt.X("year:O", title="Year", axis=alt.Axis(labelAngle=0)),
        y=alt.Y("tenants:Q", title="Tenants", stack="zero"),
        color=alt.Color("residency:N", title="Residency", scale=RESIDENCY_COLOURS),
        tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("residency:N", title="Residency"),
                 alt.Tooltip("tenants:Q", title="Tenants")],
    ).properties(height=260)


def target_group_bars(frame: pd.DataFrame, consenting: int) -> alt.Chart:
    """Columns: group, share, tenants."""
    return alt.Chart(frame, title=alt.Title(
        "Young, female-led and start-up businesses",
        subtitle=f"Share of the {consenting} current tenants who consented to these flags")
    ).mark_bar(color=OLIVE).encode(
        x=alt.X("share:Q", title="Share of consenting tenants", scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format=".0%")),
        y=alt.Y("group:N", title=None, sort=None, axis=alt.Axis(labelLimit=200)),
        tooltip=[alt.Tooltip("group:N", title="Group"), alt.Tooltip("tenants:Q", title="Tenants"),
                 alt.Tooltip("share:Q", title="Share", format=".0%")],
    ).properties(height=200)

