"""Building charts (Altair). Each takes a small, already aggregated frame, states what it
shows in its title and carries a description with its figures for screen readers. Words are
in the reader's language; the frames keep the stored codes, translated here for the chart."""
from __future__ import annotations

import altair as alt
import pandas as pd

from hub.i18n import N_, _, ngettext
from ui.charts.axes import count_axis, stacked_top
from ui.format import label, listed, money, number, percent
from ui.charts.palette import BRICK, CLAY, INK, OLIVE, SEPARATOR, SLATE, STONE, TERRACOTTA
from ui.charts.titles import chart_title

PRIORITIES = ("urgent", "high", "normal", "low")      # the stacking order, most pressing first
PRIORITY_COLOURS = (BRICK, TERRACOTTA, CLAY, STONE)
SPENDING = {"spent": N_("spent (final costs)"), "committed": N_("committed (open estimates)")}


def issues_summary(counts: pd.DataFrame) -> str:
    """"5 open issues: 1 urgent, 2 high, 2 normal; 1 open for over a year." """
    total = int(counts["issues"].sum())
    if total == 0:
        return _("No open issue.")
    by_priority = counts.groupby("priority", sort=False)["issues"].sum()
    old = int(counts[counts["age"] == "over a year"]["issues"].sum())
    issues = ngettext("{n} open issue", "{n} open issues", total).format(n=number(total))
    priorities = listed([f"{number(int(n))} {label('issue priority', p)}"
                         for p, n in by_priority.items() if n])
    if old:
        return _("{issues}: {priorities}; {old} open for over a year.").format(
            issues=issues, priorities=priorities, old=number(old))
    return _("{issues}: {priorities}.").format(issues=issues, priorities=priorities)


def issues_by_priority(counts: pd.DataFrame) -> alt.Chart:
    """Open issues by age, stacked by priority. Columns: priority, age, issues."""
    shown = counts.assign(rank=counts["priority"].map(PRIORITIES.index),
                          priority=counts["priority"].map(lambda p: label("issue priority", p)),
                          age=counts["age"].map(_))
    ages = list(dict.fromkeys(shown["age"]))
    priority, open_for, issues = _("Priority"), _("Open for"), _("Issues")
    colours = alt.Scale(domain=[label("issue priority", p) for p in PRIORITIES],
                        range=list(PRIORITY_COLOURS))
    return alt.Chart(shown, description=_(
        "Stacked bar chart of the open issues by age since they were reported, coloured by "
        "priority. {summary}").format(summary=issues_summary(counts)),
        title=chart_title(_("Open issues by priority and age"),
                          subtitle=_("Reported, planned or in progress; age since reported"))
    ).mark_bar(stroke=SEPARATOR, strokeWidth=1).encode(
        x=alt.X("age:N", title=open_for, sort=ages, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("sum(issues):Q", title=issues,
                axis=count_axis(stacked_top(counts, "age", "issues"))),
        color=alt.Color("priority:N", title=priority, scale=colours),
        order=alt.Order("rank:Q"),
        tooltip=[alt.Tooltip("age:N", title=open_for),
                 alt.Tooltip("priority:N", title=priority),
                 alt.Tooltip("issues:Q", title=issues)],
    ).properties(height=240)


def spending_summary(years: pd.DataFrame) -> str:
    """"Spent €31,200.00 in 2026, €4,000.00 more committed of a €40,000.00 budget (78%)." """
    if years.empty:
        return ""
    last = years.sort_values("year").iloc[-1]
    budget = last["budget"]
    used = last["spent"] + last["committed"]
    words = dict(spent=money(last["spent"]), year=int(last["year"]),
                 committed=money(last["committed"]), budget=money(budget),
                 share=percent(used / budget) if budget and budget == budget else "")
    if budget and budget == budget:
        if last["committed"]:
            return _("Spent {spent} in {year}, {committed} more committed of a {budget} "
                     "budget ({share}).").format(**words)
        return _("Spent {spent} in {year} of a {budget} budget ({share}).").format(**words)
    if last["committed"]:
        return _("Spent {spent} in {year}, {committed} more committed (no yearly budget "
                 "set).").format(**words)
    return _("Spent {spent} in {year} (no yearly budget set).").format(**words)


def spending_bars(years: pd.DataFrame) -> alt.Chart:
    """Works spending per year against the yearly budget. Columns: year, spent, committed,
    budget (the same every year, or NaN)."""
    long = years.melt(id_vars=["year"], value_vars=["spent", "committed"], var_name="kind",
                      value_name="euros")
    long["kind"] = long["kind"].map(lambda kind: _(SPENDING[kind]))
    year, euros, spending = _("Year"), _("Euros"), _("Spending")
    bars = alt.Chart(long).mark_bar(stroke=SEPARATOR, strokeWidth=1).encode(
        x=alt.X("year:O", title=year, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("sum(euros):Q", title=euros, axis=alt.Axis(format=",.0f")),
        color=alt.Color("kind:N", title=spending, scale=alt.Scale(
            domain=[_(SPENDING["spent"]), _(SPENDING["committed"])], range=[OLIVE, SLATE])),
        tooltip=[alt.Tooltip("year:O", title=year), alt.Tooltip("kind:N", title=spending),
                 alt.Tooltip("euros:Q", title=euros, format=",.2f")])
    layers = [bars]
    budget = years.dropna(subset=["budget"])
    if not budget.empty:
        layers.append(alt.Chart(budget).mark_tick(color=INK, thickness=3, size=40).encode(
            x="year:O", y="budget:Q",
            tooltip=[alt.Tooltip("budget:Q", title=_("Yearly budget"), format=",.2f")]))
    return alt.layer(*layers, description=_(
        "Bar chart of the building's spending per year, with the yearly budget as a dark "
        "tick. {summary}").format(summary=spending_summary(years)),
        title=chart_title(_("Works spending per year against the building budget"),
                          subtitle=_("Final costs of issues done that year; open estimates "
                                     "this year; tick = yearly budget"))
    ).properties(height=260)


def days_out_summary(days: pd.DataFrame, period: str) -> str:
    """`period` completes the sentence: "in 2026"."""
    if days.empty:
        return _("No space out of use {period}.").format(period=period)
    top = days.iloc[0]
    total, most = int(days["days"].sum()), int(top["days"])
    return _("{spaces} out of use {period}, {days} in all; most: {space} ({most})."
             ).format(spaces=ngettext("{n} space", "{n} spaces", len(days)).format(
                          n=number(len(days))),
                      period=period,
                      days=ngettext("{n} day", "{n} days", total).format(n=number(total)),
                      space=top["space"],
                      most=ngettext("{n} day", "{n} days", most).format(n=number(most)))


def days_out_bars(days: pd.DataFrame, period: str) -> alt.Chart:
    """Days out of use per space. Columns: space, days."""
    space, out = _("Space"), _("Days out of use")
    return alt.Chart(days, description=_(
        "Bar chart of the days each space is out of use for works {period}. {summary}").format(
        period=period, summary=days_out_summary(days, period)),
        title=chart_title(_("Days out of use per space"),
                          subtitle=_("Days of works periods {period}").format(period=period))
    ).mark_bar(color=TERRACOTTA).encode(
        y=alt.Y("space:N", title=space, sort="-x"),
        x=alt.X("days:Q", title=out, axis=count_axis(days["days"].max())),
        tooltip=[alt.Tooltip("space:N", title=space), alt.Tooltip("days:Q", title=out)],
    ).properties(height=alt.Step(28))   # a bar per space, never squeezed by the titles
