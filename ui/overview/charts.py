"""The Overview's charts: the evidence of success since 2016, for a stakeholder's five
seconds. Titles state the finding; each takes a small frame of yearly totals (regions as
their stored codes: the charts show their names in the reader's language)."""
from __future__ import annotations

import json
from collections.abc import Callable

import altair as alt
import pandas as pd

from hub.i18n import _, ngettext
from ui.charts.axes import count_axis, stacked_top
from ui.format import label, listed, number, percent
from ui.charts.palette import CLAY, INK, OLIVE, PLUM, SEPARATOR, SLATE, TERRACOTTA
from ui.charts.titles import chart_title

REGIONS = ("Tuscany", "rest of Italy", "rest of Europe", "China", "USA", "rest of world")
REGION_RANGE = (TERRACOTTA, CLAY, OLIVE, INK, SLATE, PLUM)
PADDING = {"left": 5, "top": 12, "right": 5, "bottom": 5}  # room for two-line titles


def _year() -> alt.X:
    return alt.X("year:O", title=_("Year"), axis=alt.Axis(labelAngle=0))


def _last(frame: pd.DataFrame, column: str) -> int:
    return int(frame[column].iloc[-1]) if not frame.empty else 0


def _years(frame: pd.DataFrame) -> str:
    if frame.empty:
        return _("no year yet")
    return _("{first} to {last}").format(first=frame["year"].min(), last=frame["year"].max())


def programme_growth(totals: pd.DataFrame) -> alt.Chart:
    """Columns: year, courses, events (running totals)."""
    long = totals.melt("year", ["courses", "events"], var_name="what", value_name="items")
    long["what"] = long["what"].map({"courses": _("Courses and workshops"),
                                     "events": _("Seminars, meetings and events")})
    courses, events = _last(totals, "courses"), _last(totals, "events")
    return alt.Chart(long, description=_(
        "Line chart of the running total of programme items by year, {years}: {courses} and "
        "{events} so far.").format(
            years=_years(totals),
            courses=ngettext("{count} course or workshop", "{count} courses and workshops",
                             courses).format(count=number(courses)),
            events=ngettext("{count} seminar, meeting or event",
                            "{count} seminars, meetings and events", events).format(
                count=number(events))),
        title=chart_title(
        _("{courses} and {events} since 2016").format(
            courses=ngettext("{count} course", "{count} courses", courses).format(
                count=number(courses)),
            events=ngettext("{count} event", "{count} events", events).format(
                count=number(events))),
        subtitle=_("Running total of programme items held or announced"))).mark_line(
        point=True, strokeWidth=3).encode(
        x=_year(), y=alt.Y("items:Q", title=_("Items since 2016"),
                           axis=count_axis(max(courses, events))),
        color=alt.Color("what:N", title=None, scale=alt.Scale(range=[TERRACOTTA, OLIVE]),
                        legend=alt.Legend(orient="top", direction="vertical", labelLimit=0)),
        tooltip=[alt.Tooltip("year:O", title=_("Year")), alt.Tooltip("what:N", title=_("Kind")),
                 alt.Tooltip("items:Q", title=_("Items so far"))]).properties(height=280, padding=PADDING)


def running_total(totals: pd.DataFrame, column: str, title: Callable[[int], str], axis: str,
                  colour: str = TERRACOTTA) -> alt.Chart:
    """A running total as bars by year. `title(total)` is the heading for that total, in the
    reader's language and its plural (it may use {total})."""
    total = _last(totals, column)
    heading = title(total).format(total=number(total))
    return alt.Chart(totals, description=_("Bar chart of a running total by year, {years}: "
                                           "{heading}.").format(years=_years(totals), heading=heading),
        title=chart_title(heading, subtitle=_("Running total since 2016"))).mark_bar(
        color=colour).encode(
        x=_year(), y=alt.Y(f"{column}:Q", title=axis, axis=count_axis(total)),
        tooltip=[alt.Tooltip("year:O", title=_("Year")), alt.Tooltip(f"{column}:Q", title=axis)],
    ).properties(height=280, padding=PADDING)


def participants_total(totals: pd.DataFrame) -> alt.Chart:
    """Columns: year, participants (running total)."""
    return running_total(totals, "participants", lambda total: ngettext(
        "{total} participant trained and hosted", "{total} participants trained and hosted",
        total), _("Participants since 2016"))


def tenants_total(totals: pd.DataFrame) -> alt.Chart:
    """Columns: year, tenants (running total of artisans hosted)."""
    return running_total(totals, "tenants", lambda total: ngettext(
        "{total} artisan hosted since 2016", "{total} artisans hosted since 2016", total),
        _("Tenants hosted"), colour=CLAY)


def partners_by_region(rows: pd.DataFrame) -> alt.Chart:
    """Columns: year, region (codes), partners (running totals)."""
    last = rows[rows.year == rows.year.max()]
    abroad = int(last[~last.region.isin(["Tuscany", "rest of Italy"])].partners.sum())
    total = int(last.partners.sum())
    shares = listed([f"{label('region', region)} {number(int(last[last.region == region].partners.sum()))}"
                     for region in REGIONS if (last.region == region).any()])
    names = [label("region", region) for region in REGIONS]
    rows = rows.assign(region=rows["region"].map(lambda region: label("region", region)))
    heading = ngettext("{total} partner, {abroad} of them abroad",
                       "{total} partners, {abroad} of them abroad", total).format(
        total=number(total), abroad=number(abroad))
    return alt.Chart(rows, description=_(
        "Stacked area chart of the partners in the network by region, {years}: {heading} "
        "({shares}).").format(years=_years(rows), heading=heading, shares=shares),
        title=chart_title(heading,
        subtitle=_("Partners in the network by region, running total since 2016"))).mark_area(
        stroke=SEPARATOR, strokeWidth=1).encode(
        x=_year(), y=alt.Y("partners:Q", title=_("Partners"), stack="zero",
                           axis=count_axis(stacked_top(rows, "year", "partners"))),
        color=alt.Color("region:N", title=_("Region"),
                        scale=alt.Scale(domain=names, range=list(REGION_RANGE)), sort=names),
        order=alt.Order("region_order:Q"),
        tooltip=[alt.Tooltip("year:O", title=_("Year")), alt.Tooltip("region:N", title=_("Region")),
                 alt.Tooltip("partners:Q", title=_("Partners"))]).transform_calculate(
        region_order=f"indexof({json.dumps(names)}, datum.region)").properties(height=280, padding=PADDING)


def innocrafts_bars(frame: pd.DataFrame, subtitle: str) -> alt.Chart:
    """Columns: indicator (its name as shown), share."""
    return alt.Chart(frame, description=_("Bar chart of the INNOCRAFTS indicators: {summary} "
                                          "{subtitle}.").format(summary=innocrafts_summary(frame),
                                                                subtitle=subtitle),
                     title=chart_title(_("INNOCRAFTS indicators"), subtitle=subtitle)).mark_bar(
        color=OLIVE).encode(
        x=alt.X("share:Q", title=_("Share"), scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format=".0%")),
        y=alt.Y("indicator:N", title=None, sort=None,
                axis=alt.Axis(labelLimit=260, labelOverlap=False)),
        tooltip=[alt.Tooltip("indicator:N", title=_("Indicator")),
                 alt.Tooltip("share:Q", title=_("Share"), format=".0%")]).properties(height=alt.Step(28))


def innocrafts_subtitle(consenting: int, countries: int) -> str:
    """Target groups among the 12 consenting tenants; 1 partner country."""
    return _("Target groups among {consenting}; {countries}").format(
        consenting=ngettext("the {count} consenting tenant", "the {count} consenting tenants",
                            consenting).format(count=number(consenting)),
        countries=ngettext("{count} partner country", "{count} partner countries",
                           countries).format(count=number(countries)))


def innocrafts_summary(frame: pd.DataFrame) -> str:
    """Young entrepreneurs 23%, female-led businesses 41%, … and partners abroad 60%."""
    return listed([f"{row.indicator} {percent(row.share)}" for row in frame.itertuples()]
                  ).capitalize() + "."
