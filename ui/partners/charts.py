"""Altair charts of the Partners screen. Each takes a small, already aggregated frame."""
from __future__ import annotations

import altair as alt
import pandas as pd

from db.vocabulary import PARTNER_REGIONS
from ui.format import listed, month
from ui.palette import CATEGORICAL, CLAY, INK, OLIVE, SAND, SEPARATOR, STONE, TERRACOTTA
from ui.titles import chart_title

__all__ = ["SAND", "TERRACOTTA", "by_region_and_kind", "country_ranking", "interactions_by_month",
           "network_graph", "new_per_year", "region_summary"]

KIND_COLOURS = alt.Scale(range=CATEGORICAL)
NODE_COLOURS = alt.Scale(domain=["tenant", "partner", "programme item"],
                         range=[OLIVE, TERRACOTTA, CLAY])


def by_region_and_kind(rows: pd.DataFrame) -> alt.Chart:
    """Columns: region, kind (label), partners."""
    return alt.Chart(rows, description="Stacked bar chart of partners by region, each bar split "
                     f"by kind. {region_summary(rows)}", title=chart_title(
        "Partners by region and kind", subtitle="Region derived from country and city")
    ).mark_bar(stroke=SEPARATOR, strokeWidth=1).encode(
        y=alt.Y("region:N", title=None, sort=list(PARTNER_REGIONS),
                axis=alt.Axis(labelOverlap=False, labelLimit=200)),
        x=alt.X("sum(partners):Q", title="Partners"),
        color=alt.Color("kind:N", title="Kind", scale=KIND_COLOURS),
        tooltip=[alt.Tooltip("region:N", title="Region"), alt.Tooltip("kind:N", title="Kind"),
                 alt.Tooltip("partners:Q", title="Partners")],
    ).properties(height=alt.Step(30))


def new_per_year(rows: pd.DataFrame) -> alt.Chart:
    """Columns: year, kind (label), partners."""
    per_year = rows.groupby("year")["partners"].sum()
    return alt.Chart(rows, description=(
        f"Stacked bar chart of new partners per year by kind, {per_year.index.min()} to "
        f"{per_year.index.max()}: most in {per_year.idxmax()} ({per_year.max()}), "
        f"{per_year.iloc[-1]} in {per_year.index[-1]}."), title=chart_title(
        "New partners per year", subtitle="By the year each partner joined the network (since)")
    ).mark_bar(stroke=SEPARATOR, strokeWidth=1).encode(
        x=alt.X("year:O", title="Year"),
        y=alt.Y("sum(partners):Q", title="New partners"),
        color=alt.Color("kind:N", title="Kind", scale=KIND_COLOURS),
        tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("kind:N", title="Kind"),
                 alt.Tooltip("partners:Q", title="Partners")],
    ).properties(height=260)


def interactions_by_month(rows: pd.DataFrame) -> alt.Chart:
    """Columns: month (date), kind (label), interactions."""
    by_kind = rows.groupby("kind")["interactions"].sum().sort_values(ascending=False)
    return alt.Chart(rows, description=(
        f"Stacked bar chart of interactions logged per month by kind, {month(rows['month'].min())} "
        f"to {month(rows['month'].max())}: {int(by_kind.sum())} in all, most of them "
        f"{by_kind.index[0]} ({int(by_kind.iloc[0])})."), title=chart_title(
        "Interactions per month", subtitle="Meetings, calls, emails, fairs, visits, MoUs, "
                                           "joint projects logged")).mark_bar(stroke=SEPARATOR, strokeWidth=1).encode(
        x=alt.X("yearmonth(month):O", title="Month",
                axis=alt.Axis(format="%b %y", labelAngle=-45)),
        y=alt.Y("sum(interactions):Q", title="Interactions"),
        color=alt.Color("kind:N", title="Kind", scale=KIND_COLOURS),
        tooltip=[alt.Tooltip("yearmonth(month):T", title="Month", format="%B %Y"),
                 alt.Tooltip("kind:N", title="Kind"),
                 alt.Tooltip("interactions:Q", title="Interactions")],
    ).properties(height=260)


def country_ranking(rows: pd.DataFrame, top: int = 20) -> alt.Chart:
    """Columns: name, partners, active. The `top` countries with most partners."""
    shown = rows.nlargest(top, "partners")
    return alt.Chart(shown, description=(
        f"Bar chart of the {len(shown)} countries with most partners, active partners first: "
        + listed([f"{row.name} {row.partners} ({row.active} active)"
                  for row in shown.head(5).itertuples()]) + "."), title=chart_title(
        f"Countries with most partners (top {min(top, len(shown))})",
        subtitle="Terracotta: active partners · grey: prospects and dormant")).transform_calculate(
        other="datum.partners - datum.active").transform_fold(
        ["active", "other"], as_=["status", "count"]).mark_bar(
        stroke=SEPARATOR, strokeWidth=1).encode(
        y=alt.Y("name:N", title=None, sort=alt.SortField("partners", order="descending")),
        x=alt.X("count:Q", title="Partners", stack="zero"),
        color=alt.Color("status:N", title="Status", scale=alt.Scale(
            domain=["active", "other"], range=[TERRACOTTA, STONE]),
            legend=alt.Legend(labelExpr="datum.label == 'other' ? 'prospect or dormant' : "
                                        "datum.label")),
        tooltip=[alt.Tooltip("name:N", title="Country"),
                 alt.Tooltip("partners:Q", title="Partners"),
                 alt.Tooltip("active:Q", title="Active")],
    ).properties(height=max(160, 20 * len(shown)))


def network_graph(nodes: pd.DataFrame, edges: pd.DataFrame) -> alt.LayerChart:
    """Nodes: label, kind, x, y, links. Edges: x, y, x2, y2, kind. Positions from hub/network."""
    per_column = int(nodes.groupby("kind").size().max()) if not nodes.empty else 1
    height = max(320, 18 * per_column)
    x = alt.X("x:Q", axis=None, scale=alt.Scale(domain=[-0.15, 2.9]))
    y = alt.Y("y:Q", axis=None, scale=alt.Scale(domain=[0, 1], reverse=True))
    # Links drawn at half strength still reach 3:1 against the page.
    lines = alt.Chart(edges).mark_rule(color=INK, opacity=0.5).encode(
        x=x, y=y, x2="x2:Q", y2="y2:Q",
        tooltip=[alt.Tooltip("kind:N", title="Link")])
    dots = alt.Chart(nodes).mark_circle(opacity=1, stroke=SEPARATOR).encode(
        x=x, y=y, color=alt.Color("kind:N", title="Node", scale=NODE_COLOURS),
        size=alt.Size("links:Q", title="Links", scale=alt.Scale(range=[40, 400])),
        tooltip=[alt.Tooltip("label:N", title="Name"), alt.Tooltip("kind:N", title="Kind"),
                 alt.Tooltip("links:Q", title="Links")])
    labels = alt.Chart(nodes).mark_text(align="left", dx=8, fontSize=10, color=INK).encode(
        x=x, y=y, text="label:N")
    kinds = nodes["kind"].value_counts()
    return (lines + dots + labels).properties(height=height, description=(
        "Network graph of who works with whom: "
        + listed([f"{kinds.get(kind, 0)} {kind}s" for kind in NODE_COLOURS.domain])
        + f", joined by {len(edges)} links."), title=chart_title(
        "Who works with whom", subtitle="Tenants (left) · partners (middle) · "
                                        "programme items (right)"))


def region_summary(rows: pd.DataFrame) -> str:
    """The bars' finding: 48 partners: Tuscany 20, rest of Italy 9, …"""
    regions = rows.groupby("region")["partners"].sum()
    return (f"{int(regions.sum())} partners: " + listed(
        [f"{region} {int(regions[region])}" for region in PARTNER_REGIONS if region in regions])
        + ".")
