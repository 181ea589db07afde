"""The Overview's charts: the evidence of success since 2016, for a stakeholder's five
seconds. Titles state the finding; each takes a small frame of yearly totals."""
from __future__ import annotations

import altair as alt
import pandas as pd

from ui.format import listed, percent
from ui.palette import CLAY, INK, OLIVE, PLUM, SEPARATOR, SLATE, TERRACOTTA
from ui.titles import chart_title

REGION_COLOURS = alt.Scale(
    domain=["Tuscany", "rest of Italy", "rest of Europe", "China", "USA", "rest of world"],
    range=[TERRACOTTA, CLAY, OLIVE, INK, SLATE, PLUM])
PADDING = {"left": 5, "top": 12, "right": 5, "bottom": 5}  # room for two-line titles
YEAR = alt.X("year:O", title="Year", axis=alt.Axis(labelAngle=0))


def _last(frame: pd.DataFrame, column: str) -> int:
    return int(frame[column].iloc[-1]) if not frame.empty else 0


def _years(frame: pd.DataFrame) -> str:
    return f"{frame['year'].min()} to {frame['year'].max()}" if not frame.empty else "no year yet"


def programme_growth(totals: pd.DataFrame) -> alt.Chart:
    """Columns: year, courses, events (running totals)."""
    long = totals.melt("year", ["courses", "events"], var_name="what", value_name="items")
    long["what"] = long["what"].map({"courses": "Courses and workshops",
                                     "events": "Seminars, meetings and events"})
    return alt.Chart(long, description=(
        f"Line chart of the running total of programme items by year, {_years(totals)}: "
        f"{_last(totals, 'courses')} courses and workshops and {_last(totals, 'events')} "
        "seminars, meetings and events so far."), title=chart_title(
        f"{_last(totals, 'courses')} courses and {_last(totals, 'events')} events since 2016",
        subtitle="Running total of programme items held or announced")).mark_line(
        point=True, strokeWidth=3).encode(
        x=YEAR, y=alt.Y("items:Q", title="Items since 2016"),
        color=alt.Color("what:N", title=None, scale=alt.Scale(range=[TERRACOTTA, OLIVE]),
                        legend=alt.Legend(orient="top", direction="vertical", labelLimit=0)),
        tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("what:N", title="Kind"),
                 alt.Tooltip("items:Q", title="Items so far")]).properties(height=280, padding=PADDING)


def running_total(totals: pd.DataFrame, column: str, title: str, axis: str,
                  colour: str = TERRACOTTA) -> alt.Chart:
    """A running total as bars by year. `title` may use {total}."""
    heading = title.format(total=f"{_last(totals, column):,}".replace(",", "."))
    return alt.Chart(totals, description=(
        f"Bar chart of a running total by year, {_years(totals)}: {heading}."),
        title=chart_title(heading, subtitle="Running total since 2016")).mark_bar(
        color=colour).encode(
        x=YEAR, y=alt.Y(f"{column}:Q", title=axis),
        tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip(f"{column}:Q", title=axis)],
    ).properties(height=280, padding=PADDING)


def partners_by_region(rows: pd.DataFrame) -> alt.Chart:
    """Columns: year, region, partners (running totals)."""
    last = rows[rows.year == rows.year.max()]
    abroad = int(last[~last.region.isin(["Tuscany", "rest of Italy"])].partners.sum())
    shares = listed([f"{region} {int(last[last.region == region].partners.sum())}"
                     for region in REGION_COLOURS.domain if (last.region == region).any()])
    return alt.Chart(rows, description=(
        f"Stacked area chart of the partners in the network by region, {_years(rows)}: "
        f"{int(last.partners.sum())} partners, {abroad} of them abroad ({shares})."),
        title=chart_title(
        f"{int(last.partners.sum())} partners, {abroad} of them abroad",
        subtitle="Partners in the network by region, running total since 2016")).mark_area(
        stroke=SEPARATOR, strokeWidth=1).encode(
        x=YEAR, y=alt.Y("partners:Q", title="Partners", stack="zero"),
        color=alt.Color("region:N", title="Region", scale=REGION_COLOURS, sort=REGION_COLOURS.domain),
        order=alt.Order("region_order:Q"),
        tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("region:N", title="Region"),
                 alt.Tooltip("partners:Q", title="Partners")]).transform_calculate(
        region_order=f"indexof({list(REGION_COLOURS.domain)}, datum.region)").properties(height=280, padding=PADDING)


def innocrafts_bars(frame: pd.DataFrame, subtitle: str) -> alt.Chart:
    """Columns: indicator, share."""
    return alt.Chart(frame, description=f"Bar chart of the INNOCRAFTS indicators: "
                     f"{innocrafts_summary(frame)} {subtitle}.",
                     title=chart_title("INNOCRAFTS indicators", subtitle=subtitle)).mark_bar(
        color=OLIVE).encode(
        x=alt.X("share:Q", title="Share", scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format=".0%")),
        y=alt.Y("indicator:N", title=None, sort=None,
                axis=alt.Axis(labelLimit=260, labelOverlap=False)),
        tooltip=[alt.Tooltip("indicator:N", title="Indicator"),
                 alt.Tooltip("share:Q", title="Share", format=".0%")]).properties(height=alt.Step(28))


def innocrafts_summary(frame: pd.DataFrame) -> str:
    """Young entrepreneurs 23%, female-led businesses 41%, … and partners abroad 60%."""
    return listed([f"{row.indicator} {percent(row.share)}" for row in frame.itertuples()]
                  ).capitalize() + "."
