"""Lab occupancy charts (Altair). Each takes a small, already aggregated frame and returns a chart
whose title states what it shows and whose axes are labelled."""
from __future__ import annotations

import altair as alt
import pandas as pd
from babel.dates import format_date

from hub.i18n import N_, _, locale, ngettext
from ui.format import listed, month, number, percent
from ui.charts.palette import CLAY, OLIVE, SEPARATOR, SEQUENTIAL, SLATE, STONE, TERRACOTTA
from ui.charts.titles import chart_title

# A heatmap cell's status (pages/occupancy.py sets the code), as the legend names it.
STATUSES = {"occupied": N_("occupied"), "partly": N_("partly"), "vacant": N_("vacant"),
            "works": N_("works")}
STATUS_RANGE = [TERRACOTTA, CLAY, STONE, SLATE]
# The trend's two rates (the frame's `rate` column holds these English names).
UNIT_RATE, AREA_RATE = N_("Unit rate"), N_("Area rate")


def _status_scale() -> alt.Scale:
    return alt.Scale(domain=[_(name) for name in STATUSES.values()], range=STATUS_RANGE)


def _months(column: pd.Series) -> str:
    """Jan 2026 to Dec 2026."""
    return _("{first} to {last}").format(first=month(column.min()), last=month(column.max()))


def _status_count(status: str, count: int) -> str:
    """"3 occupied", "1 closed for works" (the English is the same for one and more)."""
    if status == "works":
        sentence = ngettext("{count} closed for works", "{count} closed for works", count)
    elif status == "occupied":
        sentence = ngettext("{count} occupied", "{count} occupied", count)
    elif status == "partly":
        sentence = ngettext("{count} partly", "{count} partly", count)
    else:
        sentence = ngettext("{count} vacant", "{count} vacant", count)
    return sentence.format(count=count)


def occupancy_heatmap(cells: pd.DataFrame) -> alt.Chart:
    """Space × month: occupied / partly / vacant, or works (out of use some days of the
    month). Columns: space, month, status (code), share, leases, works."""
    spaces = cells["space"].nunique()
    last = cells[cells["month"] == cells["month"].max()]["status"].value_counts()
    described = ngettext(
        "Heatmap of {spaces} space by month, {months}: each cell is occupied, partly occupied, "
        "vacant, or closed for works some days. In {month} {counts}.",
        "Heatmap of {spaces} spaces by month, {months}: each cell is occupied, partly "
        "occupied, vacant, or closed for works some days. In {month} {counts}.", spaces).format(
        spaces=number(spaces), months=_months(cells["month"]), month=month(cells["month"].max()),
        counts=listed([_status_count(status, int(last.get(status, 0))) for status in STATUSES]))
    shown = cells.assign(status=cells["status"].map(lambda code: _(STATUSES[code])))
    return alt.Chart(shown, description=described, title=chart_title(
        _("Who held each space, month by month"),
        subtitle=_("Occupied = leased every day of the month; partly = some days; "
                   "works = out of use for works some days"))).mark_rect(
        stroke=SEPARATOR, strokeWidth=1).encode(
        x=alt.X("yearmonth(month):O", title=_("Month"),
                axis=alt.Axis(format="%b %y", labelAngle=-45)),
        y=alt.Y("space:N", title=_("Space"), sort=None, axis=alt.Axis(labelOverlap=False)),
        color=alt.Color("status:N", title=_("Status"), scale=_status_scale()),
        tooltip=[alt.Tooltip("space:N", title=_("Space")),
                 alt.Tooltip("yearmonth(month):T", title=_("Month"), format="%B %Y"),
                 alt.Tooltip("share:Q", title=_("Days leased"), format=".0%"),
                 alt.Tooltip("leases:N", title=_("Tenant (lease)")),
                 alt.Tooltip("works:N", title=_("Works"))],
    ).properties(height=max(220, 22 * spaces))


def site_heatmap(cells: pd.DataFrame) -> alt.Chart:
    """Site × month unit rate, for a network of hubs. Columns: site, month, unit_rate."""
    sites = cells["site"].nunique()
    last = cells[cells["month"] == cells["month"].max()].dropna(subset=["unit_rate"])
    ranked = last.sort_values("unit_rate")
    described = ngettext("Heatmap of the unit occupancy of {sites} site by month, {months}, "
                         "darker for a higher rate.",
                         "Heatmap of the unit occupancy of {sites} sites by month, {months}, "
                         "darker for a higher rate.", sites).format(
        sites=number(sites), months=_months(cells["month"]))
    if not ranked.empty:
        described += " " + _("In {month} from {lowest} ({lowest_site}) to {highest} "
                             "({highest_site}).").format(
            month=month(cells["month"].max()), lowest=percent(ranked.unit_rate.iloc[0]),
            lowest_site=ranked.site.iloc[0], highest=percent(ranked.unit_rate.iloc[-1]),
            highest_site=ranked.site.iloc[-1])
    return alt.Chart(cells, description=described, title=chart_title(
        _("Unit occupancy of every site, month by month"),
        subtitle=_("Leased units ÷ leasable units, averaged over the month's days"))).mark_rect(
        stroke=SEPARATOR, strokeWidth=1).encode(
        x=alt.X("yearmonth(month):O", title=_("Month"),
                axis=alt.Axis(format="%b %y", labelAngle=-45)),
        y=alt.Y("site:N", title=_("Site"), sort=None),
        color=alt.Color("unit_rate:Q", title=_("Unit rate"), scale=alt.Scale(
            domain=[0, 1], range=SEQUENTIAL), legend=alt.Legend(format=".0%")),
        tooltip=[alt.Tooltip("site:N", title=_("Site")),
                 alt.Tooltip("yearmonth(month):T", title=_("Month"), format="%B %Y"),
                 alt.Tooltip("unit_rate:Q", title=_("Unit rate"), format=".0%")],
    ).properties(height=max(220, 16 * sites))


def rate_trend(rates: pd.DataFrame) -> alt.Chart:
    """Monthly trend. Columns: month, rate (UNIT_RATE or AREA_RATE), value (0..1)."""
    shown = rates.assign(rate=rates["rate"].map(_))
    return alt.Chart(shown, description=_(
        "Line chart of the unit and the area occupancy rate by month, {months}. "
        "{finding}").format(months=_months(rates["month"]), finding=rate_summary(rates)),
        title=chart_title(
        _("Occupancy rate by month"),
        subtitle=_("Unit: leased ÷ leasable units · Area: leased ÷ leasable m² · "
                   "each averaged over the month's days"))).mark_line(point=True).encode(
        x=alt.X("yearmonth(month):T", title=_("Month"), axis=alt.Axis(format="%b %Y")),
        y=alt.Y("value:Q", title=_("Occupancy rate"), axis=alt.Axis(format=".0%"),
                scale=alt.Scale(domain=[0, 1])),
        color=alt.Color("rate:N", title=_("Rate"), scale=alt.Scale(
            domain=[_(AREA_RATE), _(UNIT_RATE)], range=[TERRACOTTA, OLIVE])),
        tooltip=[alt.Tooltip("yearmonth(month):T", title=_("Month"), format="%B %Y"),
                 alt.Tooltip("rate:N", title=_("Rate")),
                 alt.Tooltip("value:Q", title=_("Value"), format=".1%")],
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
    unit, then, area = value(UNIT_RATE, last), value(UNIT_RATE, before), value(AREA_RATE, last)
    if unit is None:
        return _("No leasable unit in {month}.").format(month=month(last))
    shown = {"unit": percent(unit), "month": month(last), "area": percent(area),
             "before": month(before)}
    if then is None or before == last:
        return _("Unit occupancy {unit} in {month}; area occupancy {area}.").format(**shown)
    points = round((unit - then) * 100)
    if not points:
        return _("Unit occupancy {unit} in {month}, as in {before}; area occupancy "
                 "{area}.").format(**shown)
    if points > 0:  # the English says "points" for one and more
        sentence = ngettext("Unit occupancy {unit} in {month}, up {points} points on {before}; "
                            "area occupancy {area}.",
                            "Unit occupancy {unit} in {month}, up {points} points on {before}; "
                            "area occupancy {area}.", abs(points))
    else:
        sentence = ngettext("Unit occupancy {unit} in {month}, down {points} points on "
                            "{before}; area occupancy {area}.",
                            "Unit occupancy {unit} in {month}, down {points} points on "
                            "{before}; area occupancy {area}.", abs(points))
    return sentence.format(points=abs(points), **shown)


def utilisation_summary(weeks: pd.DataFrame) -> str:
    """The bars' finding: Bookable spaces were used 34% of their open place-hours over 12
    weeks; 41% in the week of 23 Nov."""
    if weeks.empty or weeks["open_hours"].sum() == 0:
        return ""
    overall = weeks["booked_hours"].sum() / weeks["open_hours"].sum()
    latest = weeks.sort_values("week").iloc[-1]
    return ngettext("Bookable spaces were used {overall} of their open place-hours over "
                    "{weeks} week; {latest} in the week of {week}.",
                    "Bookable spaces were used {overall} of their open place-hours over "
                    "{weeks} weeks; {latest} in the week of {week}.", len(weeks)).format(
        overall=percent(overall), weeks=len(weeks), latest=percent(latest.rate),
        week=format_date(pd.Timestamp(latest.week).date(), "d MMM", locale=locale()))


def utilisation_bars(weeks: pd.DataFrame) -> alt.Chart:
    """Weekly utilisation of bookable spaces. Columns: week, rate, booked_hours, open_hours."""
    return alt.Chart(weeks, description=_(
        "Bar chart of the weekly utilisation of bookable spaces, one bar per week. "
        "{finding}").format(finding=utilisation_summary(weeks)), title=chart_title(
        _("Utilisation of bookable spaces by week"),
        subtitle=_("Booked place-hours ÷ open place-hours (opening hours × capacity)"))).mark_bar(
        color=OLIVE).encode(
        x=alt.X("yearmonthdate(week):O", title=_("Week starting"),
                axis=alt.Axis(format="%-d %b", labelAngle=-45)),
        y=alt.Y("rate:Q", title=_("Utilisation"), axis=alt.Axis(format=".0%")),
        tooltip=[alt.Tooltip("week:T", title=_("Week of"), format="%-d %B %Y"),
                 alt.Tooltip("rate:Q", title=_("Utilisation"), format=".1%"),
                 alt.Tooltip("booked_hours:Q", title=_("Booked place-hours"), format=",.0f"),
                 alt.Tooltip("open_hours:Q", title=_("Open place-hours"), format=",.0f")],
    ).properties(height=240)


def week_timeline(bookings: pd.DataFrame, opens: float, closes: float) -> alt.Chart:
    """One panel per day, spaces down, hours across. Columns: day_label, space, start, end
    (hours as decimals), who, purpose, places, time."""
    per_day = bookings.groupby(["day", "day_label"]).size().droplevel(0).items()
    spaces = bookings["space"].nunique()
    return alt.Chart(bookings).mark_bar(color=TERRACOTTA, cornerRadius=2, height=16,
                                        stroke=SEPARATOR, strokeWidth=1).encode(
        x=alt.X("start:Q", title=_("Hour"), scale=alt.Scale(domain=[opens, closes]),
                axis=alt.Axis(tickCount=int(closes - opens) // 2, format="d")),
        x2="end:Q",
        y=alt.Y("space:N", title=None),
        tooltip=[alt.Tooltip("day_label:N", title=_("Day")),
                 alt.Tooltip("space:N", title=_("Space")),
                 alt.Tooltip("time:N", title=_("Time")),
                 alt.Tooltip("who:N", title=_("Booked by")),
                 alt.Tooltip("places:Q", title=_("Places")),
                 alt.Tooltip("purpose:N", title=_("Purpose"))],
    ).properties(width=130, height=alt.Step(22)).facet(
        column=alt.Column("day_label:N", title=None, sort=alt.SortField("day")),
        title=chart_title(_("Bookings this week"),
                          subtitle=_("Each bar is one booking, by space")),
        description=ngettext(
            "Timeline of this week's {count} booking, one panel per day, {spaces} down and the "
            "hours across: {days}.",
            "Timeline of this week's {count} bookings, one panel per day, {spaces} down and the "
            "hours across: {days}.", len(bookings)).format(
            count=number(len(bookings)),
            spaces=ngettext("{count} space", "{count} spaces", spaces).format(
                count=number(spaces)),
            days=listed([_("{count} on {day}").format(count=count, day=day)
                         for day, count in per_day])))
