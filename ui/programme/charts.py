"""Altair charts of the Courses screen. Each takes a small, already aggregated frame."""
from __future__ import annotations

import altair as alt
import pandas as pd

from ui.format import listed, percent
from ui.palette import CLAY, INK, OLIVE, PLUM, SEPARATOR, SLATE, STONE, TERRACOTTA
from ui.titles import chart_title

KIND_COLOURS = alt.Scale(
    domain=["course", "workshop", "seminar", "meeting", "exhibition", "event"],
    range=[TERRACOTTA, CLAY, OLIVE, SLATE, INK, PLUM])


def _days(column: pd.Series) -> str:
    return f"{pd.Timestamp(column.min()):%-d %b} to {pd.Timestamp(column.max()):%-d %b %Y}"


def calendar_timeline(sessions: pd.DataFrame) -> alt.Chart:
    """Sessions of the coming weeks, one row per room. Columns: place, item, kind, starts,
    ends (datetimes), day_label, time, instructor."""
    rooms = sessions["place"].nunique()
    return alt.Chart(sessions, description=(
        f"Timeline of {len(sessions)} sessions in the coming weeks, {_days(sessions['starts'])}, "
        f"one row for each of {rooms} rooms, coloured by kind."), title=chart_title(
        "Sessions in the coming weeks, by room",
        subtitle="Each bar is one session of a draft or published item")).mark_bar(
        cornerRadius=2, height=14, stroke=SEPARATOR, strokeWidth=1).encode(
        x=alt.X("starts:T", title="Day", axis=alt.Axis(format="%a %-d %b", labelAngle=-45)),
        x2="ends:T",
        y=alt.Y("place:N", title="Room", axis=alt.Axis(labelLimit=220)),
        color=alt.Color("kind:N", title="Kind", scale=KIND_COLOURS),
        tooltip=[alt.Tooltip("item:N", title="Item"), alt.Tooltip("day_label:N", title="Day"),
                 alt.Tooltip("time:N", title="Time"), alt.Tooltip("place:N", title="Room"),
                 alt.Tooltip("instructor:N", title="Instructor")],
    ).properties(height=max(120, 40 * rooms))


def sessions_per_day(frame: pd.DataFrame) -> alt.Chart:
    """Sessions a day across every site. Columns: starts (the day), kind, sessions."""
    per_day = frame.groupby("starts")["sessions"].sum()
    return alt.Chart(frame, description=(
        f"Stacked bar chart of sessions a day across every site by kind, {_days(frame['starts'])}:"
        f" {int(per_day.sum())} sessions, at most {int(per_day.max())} on "
        f"{pd.Timestamp(per_day.idxmax()):%a %-d %b}."), title=chart_title(
        "Sessions a day in the coming weeks, every site",
        subtitle="Draft or published items, by kind")).mark_bar(
        stroke=SEPARATOR, strokeWidth=1).encode(
        x=alt.X("yearmonthdate(starts):O", title="Day",
                axis=alt.Axis(format="%a %-d %b", labelAngle=-45)),
        y=alt.Y("sessions:Q", title="Sessions", stack=True),
        color=alt.Color("kind:N", title="Kind", scale=KIND_COLOURS),
        tooltip=[alt.Tooltip("yearmonthdate(starts):T", title="Day", format="%a %-d %b"),
                 alt.Tooltip("kind:N", title="Kind"),
                 alt.Tooltip("sessions:Q", title="Sessions")],
    ).properties(height=240)


def items_per_year(frame: pd.DataFrame) -> alt.Chart:
    """Columns: year, kind, items."""
    per_year = frame.groupby("year")["items"].sum()
    return alt.Chart(frame, description=(
        f"Stacked bar chart of programme items per year by kind, {per_year.index.min()} to "
        f"{per_year.index.max()}: {int(per_year.iloc[-1])} in {per_year.index[-1]}, most in "
        f"{per_year.idxmax()} ({int(per_year.max())})."), title=chart_title(
        "Programme items per year, by kind",
        subtitle="Published or done items, by the year of their first session")).mark_bar(
        stroke=SEPARATOR, strokeWidth=1).encode(
        x=alt.X("year:O", title="Year"),
        y=alt.Y("items:Q", title="Items", stack=True),
        color=alt.Color("kind:N", title="Kind", scale=KIND_COLOURS),
        tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("kind:N", title="Kind"),
                 alt.Tooltip("items:Q", title="Items")],
    ).properties(height=260)


def participants_per_year(frame: pd.DataFrame) -> alt.Chart:
    """Columns: year, participants, fill_rate."""
    base = alt.Chart(frame).encode(x=alt.X("year:O", title="Year"))
    bars = base.mark_bar(color=OLIVE).encode(
        y=alt.Y("participants:Q", title="Participants (enrolled or attended)"),
        tooltip=[alt.Tooltip("year:O", title="Year"),
                 alt.Tooltip("participants:Q", title="Participants", format=",d"),
                 alt.Tooltip("fill_rate:Q", title="Average fill rate", format=".0%")])
    line = base.mark_line(color=TERRACOTTA, point=True).encode(
        y=alt.Y("fill_rate:Q", title="Average fill rate", axis=alt.Axis(format=".0%"),
                scale=alt.Scale(domain=[0, 1])))
    return alt.layer(bars, line).resolve_scale(y="independent").properties(
        height=260, description=("Bars of participants per year with a line of the average fill "
                                 f"rate. {participants_summary(frame)}"), title=chart_title(
            "Participants per year and average fill rate",
            subtitle="Bars: people holding a seat · line: seats taken ÷ capacity, "
                     "averaged over the year's items"))


def waitlist_pressure(frame: pd.DataFrame) -> alt.Chart:
    """Columns: year, filled (items whose seats all went), waitlisted (people left waiting)."""
    long = frame.melt(id_vars="year", value_vars=["filled", "waitlisted"], var_name="measure",
                      value_name="count")
    long["measure"] = long["measure"].map({"filled": "Items that filled",
                                           "waitlisted": "People left on a waitlist"})
    return alt.Chart(long, description=("Line chart of the items that filled and the people "
                                        f"left on a waitlist, per year. {waitlist_summary(frame)}"),
                     title=chart_title(
        "Waitlist pressure", subtitle="Items whose seats all went, and people still waiting")
    ).mark_line(point=True).encode(
        x=alt.X("year:O", title="Year"), y=alt.Y("count:Q", title="Count"),
        color=alt.Color("measure:N", title=None, scale=alt.Scale(range=[TERRACOTTA, CLAY])),
        tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("measure:N", title="What"),
                 alt.Tooltip("count:Q", title="Count", format=",d")],
    ).properties(height=240)


def hours_by_sector(frame: pd.DataFrame) -> alt.Chart:
    """Columns: sector, hours."""
    top = frame.nlargest(3, "hours")
    return alt.Chart(frame, description=(
        f"Bar chart of hours taught per sector since 2016, {len(frame)} sectors; most in "
        + listed([f"{row.sector} ({row.hours:,.0f} h)" for row in top.itertuples()]) + "."),
        title=chart_title(
        "Hours taught per sector", subtitle="Session hours of published or done items, since 2016")
    ).mark_bar(color=CLAY).encode(
        x=alt.X("hours:Q", title="Hours"),
        y=alt.Y("sector:N", title="Sector", sort="-x"),
        tooltip=[alt.Tooltip("sector:N", title="Sector"),
                 alt.Tooltip("hours:Q", title="Hours", format=",.0f")],
    ).properties(height=alt.Step(22))


def fill_gauge_frame(seated: int, waiting: int, capacity: int) -> pd.DataFrame:
    """A one-bar frame for an item's seats: taken, free, waiting."""
    return pd.DataFrame([{"part": "Seats taken", "people": seated},
                         {"part": "Seats free", "people": max(capacity - seated, 0)},
                         {"part": "Waitlist", "people": waiting}])


def seats_bar(frame: pd.DataFrame) -> alt.Chart:
    people = dict(zip(frame["part"], frame["people"]))
    return alt.Chart(frame, description=(
        f"Seats of the item: {people['Seats taken']} taken, {people['Seats free']} free, "
        f"{people['Waitlist']} on the waitlist.")).mark_bar(
        height=22, stroke=SEPARATOR, strokeWidth=1).encode(
        x=alt.X("people:Q", title="People", stack=True),
        color=alt.Color("part:N", title=None, scale=alt.Scale(
            domain=["Seats taken", "Seats free", "Waitlist"], range=[TERRACOTTA, STONE, INK])),
        tooltip=[alt.Tooltip("part:N", title=""), alt.Tooltip("people:Q", title="People")],
    ).properties(height=60)


def participants_summary(frame: pd.DataFrame) -> str:
    """The finding: 312 participants in 2026, average fill rate 78% (2025: 290, 74%)."""
    if frame.empty:
        return ""
    rows = frame.sort_values("year")
    last = rows.iloc[-1]
    text = (f"{int(last.participants):,} participants in {last.year}, average fill rate "
            f"{percent(last.fill_rate)}")
    if len(rows) > 1:
        before = rows.iloc[-2]
        text += f" ({before.year}: {int(before.participants):,}, {percent(before.fill_rate)})"
    return text + "."


def waitlist_summary(frame: pd.DataFrame) -> str:
    """The finding: In 2026, 12 items filled and 30 people were left on a waitlist."""
    if frame.empty:
        return ""
    last = frame.sort_values("year").iloc[-1]
    return (f"In {last.year}, {int(last.filled)} items filled and {int(last.waitlisted)} "
            "people were left on a waitlist.")
