"""Altair charts of the tenant indicators; each takes a small aggregated frame (with the
stored codes: the charts show their names in the reader's language)."""
from __future__ import annotations

import altair as alt
import pandas as pd

from hub.i18n import _, ngettext
from ui.charts.axes import count_axis, stacked_top
from ui.format import label, listed, number, percent
from ui.charts.palette import CLAY, OLIVE, SEPARATOR, TERRACOTTA
from ui.charts.titles import chart_title

ORIGINS = ("Italy", "rest of Europe", "outside Europe")
ORIGIN_RANGE = (TERRACOTTA, CLAY, OLIVE)
RESIDENCIES = ("resident", "visiting")
RESIDENCY_RANGE = (TERRACOTTA, OLIVE)
# Pixels per bar of a bar-per-row chart: its height grows with the rows, so a title and axes
# never squeeze two bars into slivers (a fixed height is the whole chart's under Streamlit's
# "fit" sizing).
BAR_STEP = 28


def _colours(vocabulary: str, codes: tuple[str, ...], colours: tuple[str, ...]) -> alt.Scale:
    """The colour of each code, keyed by its name as the chart shows it."""
    return alt.Scale(domain=[label(vocabulary, code) for code in codes], range=list(colours))


def sector_bars(frame: pd.DataFrame) -> alt.Chart:
    """Columns: sector (codes), tenants."""
    frame = frame.assign(sector=frame["sector"].map(lambda code: label("sector", code)))
    largest = list(frame.loc[frame["tenants"] == frame["tenants"].max(), "sector"])
    if len(largest) > 1:    # a tie names every sector sharing the first place
        title = _("{sectors} are the largest crafts here").format(
            sectors=listed(largest).capitalize())
    elif largest:
        title = _("{sector} is the largest craft here").format(sector=largest[0].capitalize())
    else:
        title = _("Sectors")
    described = _("Bar chart of current tenants by craft sector: {sectors}.").format(
        sectors=listed([f"{row.sector} {number(row.tenants)}" for row in frame.itertuples()]))
    return alt.Chart(frame, description=described,
                     title=chart_title(title, subtitle=_("Current tenants by craft sector"))
                     ).mark_bar(color=TERRACOTTA).encode(
        x=alt.X("tenants:Q", title=_("Current tenants"), axis=count_axis(frame["tenants"].max())),
        y=alt.Y("sector:N", title=_("Sector"), sort="-x",
                axis=alt.Axis(labelOverlap=False, labelLimit=200)),
        tooltip=[alt.Tooltip("sector:N", title=_("Sector")),
                 alt.Tooltip("tenants:Q", title=_("Tenants"))],
    ).properties(height=alt.Step(BAR_STEP))


def origin_bars(frame: pd.DataFrame) -> alt.Chart:
    """Columns: origin (Italy / rest of Europe / outside Europe), tenants, share."""
    abroad = frame.loc[frame.origin != "Italy", "share"].sum()
    frame = frame.assign(origin=frame["origin"].map(lambda group: label("origin", group)))
    colours = _colours("origin", ORIGINS, ORIGIN_RANGE)
    described = _("Bar chart of current tenants by origin, {abroad} from abroad: {origins}.").format(
        abroad=percent(abroad), origins=listed(
            [f"{row.origin} {number(row.tenants)} ({percent(row.share)})"
             for row in frame.itertuples()]))
    return alt.Chart(frame, description=described,
                     title=chart_title(_("{share} of tenants come from abroad").format(
                         share=percent(abroad)),
                         subtitle=_("Current tenants by origin"))).mark_bar().encode(
        x=alt.X("tenants:Q", title=_("Current tenants"), axis=count_axis(frame["tenants"].max())),
        y=alt.Y("origin:N", title=_("Origin"), sort=list(colours.domain)),
        color=alt.Color("origin:N", scale=colours, legend=None),
        tooltip=[alt.Tooltip("origin:N", title=_("Origin")),
                 alt.Tooltip("tenants:Q", title=_("Tenants")),
                 alt.Tooltip("share:Q", title=_("Share"), format=".0%")],
    ).properties(height=200)


def residency_over_time(frame: pd.DataFrame) -> alt.Chart:
    """Columns: year, residency (resident / visiting), tenants."""
    last = frame[frame["year"] == frame["year"].max()].set_index("residency")["tenants"]
    described = (_("Stacked bar chart of resident and visiting artists per year, {first} to "
                   "{last}: in {last}, {resident} resident and {visiting} visiting.").format(
                     first=frame["year"].min(), last=frame["year"].max(),
                     resident=number(int(last.get("resident", 0))),
                     visiting=number(int(last.get("visiting", 0))))
                 if not frame.empty else _("No tenant yet."))
    frame = frame.assign(residency=frame["residency"].map(lambda code: label("residency", code)))
    return alt.Chart(frame, description=described,
                     title=chart_title(_("Resident and visiting artists, year by year"),
                                       subtitle=_("Tenants present at some point in the year"))
                     ).mark_bar(stroke=SEPARATOR, strokeWidth=1).encode(
        x=alt.X("year:O", title=_("Year"), axis=alt.Axis(labelAngle=0)),
        y=alt.Y("tenants:Q", title=_("Tenants"), stack="zero",
                axis=count_axis(stacked_top(frame, "year", "tenants"))),
        color=alt.Color("residency:N", title=_("Residency"),
                        scale=_colours("residency", RESIDENCIES, RESIDENCY_RANGE)),
        tooltip=[alt.Tooltip("year:O", title=_("Year")),
                 alt.Tooltip("residency:N", title=_("Residency")),
                 alt.Tooltip("tenants:Q", title=_("Tenants"))],
    ).properties(height=260)


def target_group_bars(frame: pd.DataFrame, consenting: int) -> alt.Chart:
    """Columns: group (its name as shown), share, tenants."""
    return alt.Chart(frame, description=_("Bar chart of shares: {summary}").format(
                         summary=target_group_summary(frame)),
                     title=chart_title(
        _("Young, female-led and start-up businesses"),
        subtitle=ngettext("Share of the {count} current tenant who consented to these flags",
                          "Share of the {count} current tenants who consented to these flags",
                          consenting).format(count=number(consenting)))
    ).mark_bar(color=OLIVE).encode(
        x=alt.X("share:Q", title=_("Share of consenting tenants"), scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format=".0%")),
        y=alt.Y("group:N", title=None, sort=None, axis=alt.Axis(labelLimit=200)),
        tooltip=[alt.Tooltip("group:N", title=_("Group")),
                 alt.Tooltip("tenants:Q", title=_("Tenants")),
                 alt.Tooltip("share:Q", title=_("Share"), format=".0%")],
    ).properties(height=200)



def target_group_summary(frame: pd.DataFrame) -> str:
    """Young entrepreneurs 30% (6), female-led 45% (9) and start-ups 20% (4) of consenting
    tenants."""
    return _("{groups} of the consenting tenants.").format(groups=listed(
        [f"{row.group} {percent(row.share)} ({number(row.tenants)})" for row in frame.itertuples()]))
