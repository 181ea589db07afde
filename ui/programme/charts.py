"""Altair charts of the Courses screen. Each takes a small, already aggregated frame."""
from __future__ import annotations

import altair as alt
import pandas as pd

from ui.palette import CLAY, INK, OLIVE, SAND, TERRACOTTA

KIND_COLOURS = alt.Scale(
    domain=["course", "workshop", "seminar", "meeting", "exhibition", "event"],
    range=[TERRACOTTA, CLAY, OLIVE, "#A8A77A", INK, "#C9B79C"])


def calendar_timeline(sessions: pd.DataFrame) -> alt.Chart:
    """Sessions of the coming weeks, one row per room. Columns: place, item, kind, starts,
    ends (datetimes), day_label, time, instructor."""
    rooms = sessions["place"].nunique()
    return alt.Chart(sessions, title=alt.Title(
        "Sessions in the coming weeks, by room",
        subtitle="Each bar is one session of a draft or published item")).mark_bar(
        cornerRadius=2, height=14).encode(
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
    return alt.Chart(frame, title=alt.Title(
        "Sessions a day in the coming weeks, every site",
        subtitle="Draft or published items, by kind")).mark_bar().encode(
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
    return alt.Chart(frame, title=alt.Title(
        "Programme items per year, by kind",
        subtitle="Published or done items, by the year of their first session")).mark_bar().encode(
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
        height=260, title=alt.Title(
            "Participants per year and average fill rate",
            subtitle="Bars: people holding a seat · line: seats taken ÷ capacity, "
                     "averaged over the year's items"))


def waitlist_pressure(frame: pd.DataFrame) -> alt.Chart:
    """Columns: year, filled (items whose seats all went), waitlisted (people left waiting)."""
    long = frame.melt(id_vars="year", value_vars=["filled", "waitlisted"], var_name="measure",
                      value_name="count")
    long["measure"] = long["measure"].map({"filled": "Items that filled",
                                           "waitlisted": "People left on a waitlist"})
    return alt.Chart(long, title=alt.Title(
        "Waitlist pressure", subtitle="Items whose seats all went, and people still waiting")
    ).mark_line(point=True).encode(
        x=alt.X("year:O", title="Year"), y=alt.Y("count:Q", title="Count"),
        color=alt.Color("measure:N", title=None, scale=alt.Scale(range=[TERRACOTTA, CLAY])),
        tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("measure:N", title="What"),
                 alt.Tooltip("count:Q", title="Count", format=",d")],
    ).properties(height=240)


def hours_by_sector(frame: pd.DataFrame) -> alt.Chart:
    """Columns: sector, hours."""
    return alt.Chart(frame, title=alt.Title(
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
    return alt.Chart(frame).mark_bar(height=22).encode(
        x=alt.X("people:Q", title="People", stack=True),
        color=alt.Color("part:N", title=None, scale=alt.Scale(
            domain=["Seats taken", "Seats free", "Waitlist"], range=[TERRACOTTA, SAND, INK])),
        tooltip=[alt.Tooltip("part:N", title=""), alt.Tooltip("people:Q", title="People")],
    ).properties(height=60)
