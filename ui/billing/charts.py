"""Billing charts (Altair), of euros: billed against collected by month and stream, arrears
by age and site, income against the building budget. Each takes a small, already aggregated
frame (ui/billing/data.py), states what it shows in its title and carries a description with
its figures for screen readers. Amounts read in the reader's language (the Vega locale of
ui/charts/vega.py: € 1.250 in Italian, €1,250 in English)."""
from __future__ import annotations

import altair as alt
import pandas as pd

from db.vocabulary import STREAMS
from hub.billing.figures import AGES
from hub.i18n import N_, _
from ui.charts.palette import BRICK, CLAY, INK, OLIVE, SEPARATOR, SLATE, STONE, TERRACOTTA
from ui.charts.palette import CATEGORICAL
from ui.charts.titles import chart_title
from ui.format import listed, money, percent

STREAM_NAMES = {"rent": N_("rent"), "bookings": N_("bookings"), "courses": N_("courses"),
                "other": N_("other")}
STREAM_COLOURS = (TERRACOTTA, OLIVE, SLATE, STONE)
MEASURES = {"billed": N_("billed"), "collected": N_("collected")}
AGE_COLOURS = (STONE, CLAY, TERRACOTTA, BRICK, INK)
AXIS_EUROS = "$,.0f"       # € 1.250 / €1,250: the locale's currency, no cents
TIP_EUROS = "$,.2f"


def stream_name(stream: str) -> str:
    return _(STREAM_NAMES[stream])


def months_summary(months: pd.DataFrame) -> str:
    """"Billed €1,200.00 and collected €900.00 in 12 months; most billed for rent." """
    billed, collected = months["billed"].sum(), months["collected"].sum()
    by_stream = months.groupby("stream")["billed"].sum()
    top = by_stream.idxmax() if not by_stream.empty and by_stream.max() > 0 else None
    text = _("Billed {billed} and collected {collected} in {months} months.").format(
        billed=money(billed), collected=money(collected), months=months["month"].nunique())
    if top is not None:
        text += " " + _("Most was billed for {stream}.").format(stream=stream_name(top))
    return text


def billed_and_collected(months: pd.DataFrame) -> alt.Chart:
    """Per month, a bar billed and a bar collected, each stacked by stream. Columns: month
    (its name), start (its first day), stream, billed, collected."""
    long = months.melt(id_vars=["month", "stream"], value_vars=list(MEASURES),
                       var_name="measure", value_name="euros")
    long["measure"] = long["measure"].map(lambda code: _(MEASURES[code]))
    long["stream"] = long["stream"].map(stream_name)
    order = list(dict.fromkeys(months.sort_values("start")["month"]))
    month, euros, stream, measure = _("Month"), _("Euros"), _("Stream"), _("Billed or collected")
    return alt.Chart(long, description=_(
        "Bar chart of what was billed and what was collected each month, side by side, each "
        "stacked by stream. {summary}").format(summary=months_summary(months)),
        title=chart_title(_("Billed and collected by month"),
                          subtitle=_("Left bar billed (less credit notes), right bar "
                                     "collected; stacked by stream"))
    ).mark_bar(stroke=SEPARATOR, strokeWidth=1).encode(
        x=alt.X("month:N", title=month, sort=order, axis=alt.Axis(labelAngle=-45)),
        xOffset=alt.XOffset("measure:N", sort=[_(MEASURES[m]) for m in MEASURES]),
        y=alt.Y("sum(euros):Q", title=euros, axis=alt.Axis(format=AXIS_EUROS)),
        color=alt.Color("stream:N", title=stream, scale=alt.Scale(
            domain=[stream_name(s) for s in STREAMS], range=list(STREAM_COLOURS))),
        opacity=alt.Opacity("measure:N", title=measure, scale=alt.Scale(
            domain=[_(MEASURES[m]) for m in MEASURES], range=[0.55, 1.0])),
        tooltip=[alt.Tooltip("month:N", title=month), alt.Tooltip("measure:N", title=measure),
                 alt.Tooltip("stream:N", title=stream),
                 alt.Tooltip("sum(euros):Q", title=euros, format=TIP_EUROS)],
    ).properties(height=280)


def arrears_summary(arrears: pd.DataFrame) -> str:
    """"€1,200.00 still due: €300.00 not yet due, €900.00 over 90 days." """
    if arrears.empty or arrears["due"].sum() <= 0:
        return _("Nothing is still due.")
    by_age = arrears.groupby("age")["due"].sum()
    parts = [f"{money(by_age[age])} {_(age)}" for age in AGES if by_age.get(age, 0) > 0]
    return _("{total} still due: {ages}.").format(total=money(arrears["due"].sum()),
                                                  ages=listed(parts))


def arrears_by_age(arrears: pd.DataFrame) -> alt.Chart:
    """What open invoices still need, by age past the due day, stacked by site. Columns:
    site, age (one of AGES, in English), due."""
    shown = arrears.assign(age=arrears["age"].map(_))
    ages = [_(age) for age in AGES]
    age, euros, site = _("Past the due day"), _("Euros"), _("Site")
    sites = list(dict.fromkeys(shown["site"]))
    return alt.Chart(shown, description=_(
        "Stacked bar chart of what open invoices still need, by days past their due day, "
        "coloured by site. {summary}").format(summary=arrears_summary(arrears)),
        title=chart_title(_("Arrears by age and site"),
                          subtitle=_("What open invoices still need today, by days past "
                                     "their due day"))
    ).mark_bar(stroke=SEPARATOR, strokeWidth=1).encode(
        x=alt.X("age:N", title=age, sort=ages, scale=alt.Scale(domain=ages),
                axis=alt.Axis(labelAngle=0)),
        y=alt.Y("sum(due):Q", title=euros, axis=alt.Axis(format=AXIS_EUROS)),
        color=alt.Color("site:N", title=site, scale=alt.Scale(
            domain=sites, range=CATEGORICAL[:max(1, len(sites))])),
        tooltip=[alt.Tooltip("age:N", title=age), alt.Tooltip("site:N", title=site),
                 alt.Tooltip("sum(due):Q", title=euros, format=TIP_EUROS)],
    ).properties(height=260)


def income_summary(income: pd.DataFrame, year: int) -> str:
    """"Test Hub: €3,000.00 of a €10,000.00 budget (30%); Second Hub: €100.00 (no budget)." """
    parts = []
    for row in income.itertuples():
        budget = row.budget
        if budget and budget == budget:
            parts.append(_("{site}: {collected} of a {budget} budget ({share})").format(
                site=row.site, collected=money(row.collected), budget=money(budget),
                share=percent(row.collected / budget)))
        else:
            parts.append(_("{site}: {collected} (no yearly budget set)").format(
                site=row.site, collected=money(row.collected)))
    return _("Collected in {year}: {sites}.").format(year=year, sites="; ".join(parts))


def income_against_budget(income: pd.DataFrame, year: int) -> alt.Chart:
    """Collected this year per site, with the site's yearly building budget as a tick.
    Columns: site, collected, budget (NaN: none set)."""
    site, euros = _("Site"), _("Euros")
    bars = alt.Chart(income).mark_bar(color=OLIVE).encode(
        y=alt.Y("site:N", title=site, sort=list(income["site"])),
        x=alt.X("collected:Q", title=euros, axis=alt.Axis(format=AXIS_EUROS)),
        tooltip=[alt.Tooltip("site:N", title=site),
                 alt.Tooltip("collected:Q", title=_("Collected"), format=TIP_EUROS)])
    layers = [bars]
    budget = income.dropna(subset=["budget"])
    if not budget.empty:
        layers.append(alt.Chart(budget).mark_tick(color=INK, thickness=3, size=24).encode(
            y=alt.Y("site:N", sort=list(income["site"])), x="budget:Q",
            tooltip=[alt.Tooltip("site:N", title=site),
                     alt.Tooltip("budget:Q", title=_("Yearly budget"), format=TIP_EUROS)]))
    return alt.layer(*layers, description=_(
        "Bar chart of what each site collected this year, with its yearly building budget "
        "as a dark tick. {summary}").format(summary=income_summary(income, year)),
        title=chart_title(_("Income against the building budget, {year}").format(year=year),
                          subtitle=_("Collected in the calendar year; tick = the site's "
                                     "yearly building budget"))
    ).properties(height=alt.Step(32))
