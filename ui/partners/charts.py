"""Altair charts of the Partners screen. Each takes a small, already aggregated frame."""
from __future__ import annotations

import json

import altair as alt
import pandas as pd

from db.vocabulary import PARTNER_REGIONS
from hub.i18n import N_, _, ngettext
from ui.charts.axes import count_axis, count_legend, stacked_top
from ui.format import label, listed, month, number
from ui.charts.palette import CATEGORICAL, CLAY, INK, OLIVE, SAND, SEPARATOR, STONE, TERRACOTTA
from ui.charts.titles import chart_title

__all__ = ["SAND", "TERRACOTTA", "by_region_and_kind", "country_ranking", "interactions_by_month",
           "network_graph", "new_per_year", "node_kind", "region_summary"]

KIND_COLOURS = alt.Scale(range=CATEGORICAL)
# The graph's three kinds of node (hub/partners/network.py), in the columns' order.
NODE_KINDS = {"tenant": N_("tenant"), "partner": N_("partner"), "item": N_("programme item")}
NODE_RANGE = [OLIVE, TERRACOTTA, CLAY]


def node_kind(code: str) -> str:
    """tenant, partner or programme item, in the reader's words (the graph's legend)."""
    return _(NODE_KINDS[code]) if code in NODE_KINDS else code


def _nodes(code: str, count: int) -> str:
    """3 tenants, 1 partner, 2 programme items."""
    if code == "tenant":
        words = ngettext("{n} tenant", "{n} tenants", count)
    elif code == "partner":
        words = ngettext("{n} partner", "{n} partners", count)
    else:
        words = ngettext("{n} programme item", "{n} programme items", count)
    return words.format(n=number(count))


def by_region_and_kind(rows: pd.DataFrame) -> alt.Chart:
    """Columns: region (label), kind (label), partners."""
    return alt.Chart(rows, description=_(
        "Stacked bar chart of partners by region, each bar split by kind. {summary}").format(
        summary=region_summary(rows)), title=chart_title(
        _("Partners by region and kind"), subtitle=_("Region derived from country and city"))
    ).mark_bar(stroke=SEPARATOR, strokeWidth=1).encode(
        y=alt.Y("region:N", title=None, sort=[label("region", r) for r in PARTNER_REGIONS],
                axis=alt.Axis(labelOverlap=False, labelLimit=200)),
        x=alt.X("sum(partners):Q", title=_("Partners"),
                axis=count_axis(stacked_top(rows, "region", "partners"))),
        color=alt.Color("kind:N", title=_("Kind"), scale=KIND_COLOURS),
        tooltip=[alt.Tooltip("region:N", title=_("Region")),
                 alt.Tooltip("kind:N", title=_("Kind")),
                 alt.Tooltip("partners:Q", title=_("Partners"))],
    ).properties(height=alt.Step(30))


def new_per_year(rows: pd.DataFrame) -> alt.Chart:
    """Columns: year, kind (label), partners."""
    per_year = rows.groupby("year")["partners"].sum()
    return alt.Chart(rows, description=_(
        "Stacked bar chart of new partners per year by kind, {first} to {last}: most in "
        "{busiest} ({most}), {latest} in {latest_year}.").format(
        first=per_year.index.min(), last=per_year.index.max(), busiest=per_year.idxmax(),
        most=number(per_year.max()), latest=number(per_year.iloc[-1]),
        latest_year=per_year.index[-1]), title=chart_title(
        _("New partners per year"),
        subtitle=_("By the year each partner joined the network (since)"))
    ).mark_bar(stroke=SEPARATOR, strokeWidth=1).encode(
        x=alt.X("year:O", title=_("Year")),
        y=alt.Y("sum(partners):Q", title=_("New partners"),
                axis=count_axis(stacked_top(rows, "year", "partners"))),
        color=alt.Color("kind:N", title=_("Kind"), scale=KIND_COLOURS),
        tooltip=[alt.Tooltip("year:O", title=_("Year")), alt.Tooltip("kind:N", title=_("Kind")),
                 alt.Tooltip("partners:Q", title=_("Partners"))],
    ).properties(height=260)


def interactions_by_month(rows: pd.DataFrame) -> alt.Chart:
    """Columns: month (date), kind (label), interactions."""
    by_kind = rows.groupby("kind")["interactions"].sum().sort_values(ascending=False)
    return alt.Chart(rows, description=_(
        "Stacked bar chart of interactions logged per month by kind, {first} to {last}: "
        "{total} in all, most of them {kind} ({most}).").format(
        first=month(rows["month"].min()), last=month(rows["month"].max()),
        total=number(int(by_kind.sum())), kind=by_kind.index[0],
        most=number(int(by_kind.iloc[0]))), title=chart_title(
        _("Interactions per month"),
        subtitle=_("Meetings, calls, emails, fairs, visits, MoUs, joint projects logged"))
    ).mark_bar(stroke=SEPARATOR, strokeWidth=1).encode(
        x=alt.X("yearmonth(month):O", title=_("Month"),
                axis=alt.Axis(format="%b %y", labelAngle=-45)),
        y=alt.Y("sum(interactions):Q", title=_("Interactions"),
                axis=count_axis(stacked_top(rows, "month", "interactions"))),
        color=alt.Color("kind:N", title=_("Kind"), scale=KIND_COLOURS),
        tooltip=[alt.Tooltip("yearmonth(month):T", title=_("Month"), format="%B %Y"),
                 alt.Tooltip("kind:N", title=_("Kind")),
                 alt.Tooltip("interactions:Q", title=_("Interactions"))],
    ).properties(height=260)


def country_ranking(rows: pd.DataFrame, top: int = 20) -> alt.Chart:
    """Columns: name, partners, active. The `top` countries with most partners."""
    shown = rows.nlargest(top, "partners")
    # The two stacked parts are named in the legend: "active" and the rest.
    legend = "datum.label == 'other' ? {other} : {active}".format(
        other=json.dumps(_("prospect or dormant")), active=json.dumps(_("active")))
    return alt.Chart(shown, description=ngettext(
        "Bar chart of the one country with partners, active partners first: {countries}.",
        "Bar chart of the {count} countries with most partners, active partners first: "
        "{countries}.", len(shown)).format(count=number(len(shown)), countries=listed([
            ngettext("{country} {partners} ({active} active)",
                     "{country} {partners} ({active} active)", int(row.active)).format(
                country=row.name, partners=number(row.partners), active=number(row.active))
            for row in shown.head(5).itertuples()])), title=chart_title(
        _("Countries with most partners (top {count})").format(
            count=number(min(top, len(shown)))),
        subtitle=_("Terracotta: active partners · grey: prospects and dormant"))
    ).transform_calculate(
        other="datum.partners - datum.active").transform_fold(
        ["active", "other"], as_=["status", "count"]).mark_bar(
        stroke=SEPARATOR, strokeWidth=1).encode(
        y=alt.Y("name:N", title=None, sort=alt.SortField("partners", order="descending")),
        x=alt.X("count:Q", title=_("Partners"), stack="zero",
                axis=count_axis(shown["partners"].max())),
        color=alt.Color("status:N", title=_("Status"), scale=alt.Scale(
            domain=["active", "other"], range=[TERRACOTTA, STONE]),
            legend=alt.Legend(labelExpr=legend)),
        tooltip=[alt.Tooltip("name:N", title=_("Country")),
                 alt.Tooltip("partners:Q", title=_("Partners")),
                 alt.Tooltip("active:Q", title=_("Active"))],
    ).properties(height=alt.Step(24))   # a bar per country, never squeezed by the titles


def network_graph(nodes: pd.DataFrame, edges: pd.DataFrame) -> alt.LayerChart:
    """Nodes: label, kind (node_kind's words), x, y, links. Edges: x, y, x2, y2, kind (label).
    Positions from hub/partners/network.py."""
    per_column = int(nodes.groupby("kind").size().max()) if not nodes.empty else 1
    height = max(320, 18 * per_column)
    colours = alt.Scale(domain=[node_kind(code) for code in NODE_KINDS], range=NODE_RANGE)
    x = alt.X("x:Q", axis=None, scale=alt.Scale(domain=[-0.15, 2.9]))
    y = alt.Y("y:Q", axis=None, scale=alt.Scale(domain=[0, 1], reverse=True))
    # Links drawn at half strength still reach 3:1 against the page.
    lines = alt.Chart(edges).mark_rule(color=INK, opacity=0.5).encode(
        x=x, y=y, x2="x2:Q", y2="y2:Q",
        tooltip=[alt.Tooltip("kind:N", title=_("Link"))])
    dots = alt.Chart(nodes).mark_circle(opacity=1, stroke=SEPARATOR).encode(
        x=x, y=y, color=alt.Color("kind:N", title=_("Node"), scale=colours),
        size=alt.Size("links:Q", title=_("Links"), scale=alt.Scale(range=[40, 400]),
                      legend=count_legend(nodes["links"].max(), lowest=int(
                          nodes["links"].min()) if not nodes.empty else 0)),
        tooltip=[alt.Tooltip("label:N", title=_("Name")), alt.Tooltip("kind:N", title=_("Kind")),
                 alt.Tooltip("links:Q", title=_("Links"))])
    labels = alt.Chart(nodes).mark_text(align="left", dx=8, fontSize=10, color=INK).encode(
        x=x, y=y, text="label:N")
    kinds = nodes["kind"].value_counts()
    return (lines + dots + labels).properties(height=height, description=_(
        "Network graph of who works with whom: {nodes}, joined by {links}.").format(
        nodes=listed([_nodes(code, int(kinds.get(node_kind(code), 0))) for code in NODE_KINDS]),
        links=ngettext("{n} link", "{n} links", len(edges)).format(n=number(len(edges)))),
        title=chart_title(
        _("Who works with whom"),
        subtitle=_("Tenants (left) · partners (middle) · programme items (right)")))


def region_summary(rows: pd.DataFrame) -> str:
    """The bars' finding: 48 partners: Tuscany 20, rest of Italy 9, … (`rows`' regions are
    labels, in the reader's words)."""
    regions = rows.groupby("region")["partners"].sum()
    order = [label("region", region) for region in PARTNER_REGIONS]
    total = int(regions.sum())
    return _("{partners}: {regions}.").format(
        partners=ngettext("{n} partner", "{n} partners", total).format(n=number(total)),
        regions=listed([f"{region} {number(int(regions[region]))}" for region in order
                        if region in regions]))
