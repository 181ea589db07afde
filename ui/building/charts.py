"""Building charts (Altair). Each takes a small, already aggregated frame, states what it
shows in its title and carries a description with its figures for screen readers."""
from __future__ import annotations

import altair as alt
import pandas as pd

from ui.format import counted, listed, money, percent
from ui.palette import BRICK, CLAY, INK, OLIVE, SEPARATOR, SLATE, STONE, TERRACOTTA
from ui.titles import chart_title

PRIORITY_COLOURS = alt.Scale(domain=["urgent", "high", "normal", "low"],
                             range=[BRICK, TERRACOTTA, CLAY, STONE])


def issues_summary(counts: pd.DataFrame) -> str:
    """"5 open issues: 1 urgent, 2 high, 2 normal; 1 open for over a year." """
    total = int(counts["issues"].sum())
    if total == 0:
        return "No open issue."
    by_priority = counts.groupby("priority", sort=False)["issues"].sum()
    old = int(counts[counts["age"] == "over a year"]["issues"].sum())
    return (f"{counted(total, 'open issue')}: "
            + listed([f"{int(n)} {p}" for p, n in by_priority.items() if n])
            + (f"; {old} open for over a year." if old else "."))


def issues_by_priority(counts: pd.DataFrame) -> alt.Chart:
    """Open issues by age, stacked by priority. Columns: priority, age, issues."""
    ages = list(dict.fromkeys(counts["age"]))
    return alt.Chart(counts, description=f"Stacked bar chart of the open issues by age since "
                     f"they were reported, coloured by priority. {issues_summary(counts)}",
                     title=chart_title("Open issues by priority and age",
                                       subtitle="Reported, planned or in progress; age since "
                                                "reported")).mark_bar(
        stroke=SEPARATOR, strokeWidth=1).encode(
        x=alt.X("age:N", title="Open for", sort=ages, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("sum(issues):Q", title="Issues", axis=alt.Axis(tickMinStep=1)),
        color=alt.Color("priority:N", title="Priority", scale=PRIORITY_COLOURS),
        order=alt.Order("rank:Q"),
        tooltip=[alt.Tooltip("age:N", title="Open for"),
                 alt.Tooltip("priority:N", title="Priority"),
                 alt.Tooltip("issues:Q", title="Issues")],
    ).transform_calculate(rank="indexof(['urgent', 'high', 'normal', 'low'], datum.priority)"
                          ).properties(height=240)


def spending_summary(years: pd.DataFrame) -> str:
    """"Spent € 31.200,00 of € 40.000,00 in 2026 (78%), € 4.000,00 more committed." """
    if years.empty:
        return ""
    last = years.sort_values("year").iloc[-1]
    budget = last["budget"]
    used = last["spent"] + last["committed"]
    against = (f" of a {money(budget)} budget ({percent(used / budget)})"
               if budget and budget == budget else " (no yearly budget set)")
    more = f", {money(last['committed'])} more committed" if last["committed"] else ""
    return f"Spent {money(last['spent'])} in {int(last['year'])}{more}{against}."


def spending_bars(years: pd.DataFrame) -> alt.Chart:
    """Works spending per year against the yearly budget. Columns: year, spent, committed,
    budget (the same every year, or NaN)."""
    long = years.melt(id_vars=["year"], value_vars=["spent", "committed"], var_name="kind",
                      value_name="euros")
    long["kind"] = long["kind"].map({"spent": "spent (final costs)",
                                     "committed": "committed (open estimates)"})
    bars = alt.Chart(long).mark_bar(stroke=SEPARATOR, strokeWidth=1).encode(
        x=alt.X("year:O", title="Year", axis=alt.Axis(labelAngle=0)),
        y=alt.Y("sum(euros):Q", title="Euros", axis=alt.Axis(format=",.0f")),
        color=alt.Color("kind:N", title="Spending", scale=alt.Scale(
            domain=["spent (final costs)", "committed (open estimates)"],
            range=[OLIVE, SLATE])),
        tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("kind:N", title="Spending"),
                 alt.Tooltip("euros:Q", title="Euros", format=",.2f")])
    layers = [bars]
    budget = years.dropna(subset=["budget"])
    if not budget.empty:
        layers.append(alt.Chart(budget).mark_tick(color=INK, thickness=3, size=40).encode(
            x="year:O", y="budget:Q",
            tooltip=[alt.Tooltip("budget:Q", title="Yearly budget", format=",.2f")]))
    return alt.layer(*layers, description=f"Bar chart of the building's spending per year, "
                     f"with the yearly budget as a dark tick. {spending_summary(years)}",
                     title=chart_title("Works spending per year against the building budget",
                                       subtitle="Final costs of issues done that year; open "
                                                "estimates this year; tick = yearly budget")
                     ).properties(height=260)


def days_out_summary(days: pd.DataFrame, period: str) -> str:
    if days.empty:
        return f"No space out of use {period}."
    top = days.iloc[0]
    return (f"{counted(len(days), 'space')} out of use {period}, {int(days['days'].sum())} "
            f"days in all; most: {top['space']} ({counted(int(top['days']), 'day')}).")


def days_out_bars(days: pd.DataFrame, period: str) -> alt.Chart:
    """Days out of use per space. Columns: space, days."""
    return alt.Chart(days, description=f"Bar chart of the days each space is out of use for "
                     f"works {period}. {days_out_summary(days, period)}",
                     title=chart_title("Days out of use per space",
                                       subtitle=f"Days of works periods {period}")).mark_bar(
        color=TERRACOTTA).encode(
        y=alt.Y("space:N", title="Space", sort="-x"),
        x=alt.X("days:Q", title="Days out of use", axis=alt.Axis(tickMinStep=1)),
        tooltip=[alt.Tooltip("space:N", title="Space"),
                 alt.Tooltip("days:Q", title="Days out of use")],
    ).properties(height=max(120, 24 * len(days)))
