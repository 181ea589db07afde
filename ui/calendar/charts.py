"""Calendar charts (Altair): a timeline by room for a day or a week, and a month grid of
rooms (or sites) by day. Each takes a small frame — the events of one site's day or week
(bounded), or the month's counts added up in SQL — and carries a description of what it
shows, for screen readers."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

import altair as alt
import pandas as pd

from hub.calendar.events import KIND_LABELS, KINDS
from ui.format import counted, listed
from ui.palette import BRICK, CLAY, INK, OLIVE, PLUM, SEPARATOR, SLATE, STONE, TERRACOTTA
from ui.titles import chart_title

KIND_COLOURS = alt.Scale(domain=[KIND_LABELS[kind] for kind in KINDS],
                         range=[TERRACOTTA, SLATE, STONE, OLIVE, PLUM])
KIND_WORDS = {"booking": "booking", "session": "session", "works": "works period",
              "lease_start": "lease start", "lease_end": "lease end"}
DAY_HOURS = (8, 20)         # a day view shows at least the usual opening hours


def period_words(view: str, first: date, last: date) -> str:
    """"Thu 3 Dec 2026", "the week of 30 Nov 2026", "December 2026"."""
    if view == "day":
        return f"{first:%a %-d %b %Y}"
    if view == "week":
        return f"the week of {first:%-d %b %Y}"
    return f"{first:%B %Y}"


def summary(counts: dict[str, int], places: int, place_word: str, clashes: int,
            period: str, with_works: int = 0) -> str:
    """One line: "The week of 30 Nov 2026: 42 bookings, 6 sessions and 1 works period in 14
    rooms; no clash." (`with_works`: the month's rooms or sites out of use some days, whose
    works the grid counts by day rather than by period.)"""
    shown = [counted(counts[kind], KIND_WORDS[kind]) for kind in KINDS if counts.get(kind)]
    opening = f"{period[0].upper()}{period[1:]}"
    if not shown and not with_works:
        return f"{opening}: nothing on the calendar."
    works = f"works in {counted(with_works, place_word)}; " if with_works else ""
    return (f"{opening}: " + (f"{listed(shown)} in {counted(places, place_word)}; "
                              if shown else "") + works
            + (f"{counted(clashes, 'clash', 'clashes')}, highlighted." if clashes
               else "no clash."))


def _span(first: date, last: date, frame: pd.DataFrame) -> tuple[datetime, datetime]:
    """The time axis: the whole days, or for one day its hours with events (at least 8–20)."""
    start, end = datetime.combine(first, time()), datetime.combine(last + timedelta(1), time())
    if first != last:
        return start, end
    timed = frame[frame["ends"] - frame["starts"] < timedelta(days=1)]
    opens = min([start + timedelta(hours=DAY_HOURS[0])] + list(timed["starts"]))
    closes = max([start + timedelta(hours=DAY_HOURS[1])] + list(timed["ends"]))
    return max(start, opens.replace(minute=0)), min(end, closes)


def _moment(moment: datetime) -> alt.DateTime:
    return alt.DateTime(year=moment.year, month=moment.month, date=moment.day,
                        hours=moment.hour, minutes=moment.minute)


def room_timeline(frame: pd.DataFrame, first: date, last: date, period: str) -> alt.Chart:
    """Rooms down, time across, one bar per event coloured by kind; a clash has a dark
    outline, a cancelled booking is pale. Columns: data.EVENT_COLUMNS."""
    start, end = _span(first, last, frame)
    shown = frame.assign(starts=frame["starts"].clip(lower=start),
                         ends=frame["ends"].clip(upper=end),
                         state=frame.apply(lambda row: "clash" if row.clash else (
                             "cancelled" if row.cancelled else ""), axis=1))
    # all-day events first, so the bookings and sessions of those days are drawn on top
    shown = shown.assign(timed=shown["ends"] - shown["starts"] < timedelta(days=1))
    shown = shown.sort_values(["timed", "starts"])
    rooms = shown["room"].nunique()
    per_kind = shown.groupby("label").size()
    described = (f"Timeline of {period} by room: {counted(len(shown), 'event')} in "
                 f"{counted(rooms, 'room')}, "
                 + listed([f"{count} {label.lower()}" for label, count in per_kind.items()])
                 + (f"; {counted(int(shown['clash'].sum()), 'event')} in a clash, outlined"
                    if shown["clash"].any() else "") + ".")
    day_view = first == last
    return alt.Chart(shown, description=described, title=chart_title(
        f"Calendar by room, {period}",
        subtitle="Each bar is one event; an outlined bar is in a clash, a pale one cancelled")
    ).mark_bar(cornerRadius=2, height=16).encode(
        x=alt.X("starts:T", title="Hour" if day_view else "Day",
                scale=alt.Scale(domain=[_moment(start), _moment(end)]),
                axis=alt.Axis(format="%H:%M" if day_view else "%a %-d %b", labelAngle=0,
                              tickCount="hour" if day_view else {"interval": "day", "step": 1})),
        x2="ends:T",
        y=alt.Y("room:N", title="Room", sort="ascending", axis=alt.Axis(labelLimit=220)),
        color=alt.Color("label:N", title="Kind", scale=KIND_COLOURS,
                        legend=alt.Legend(orient="bottom")),
        opacity=alt.condition(alt.datum.state == "cancelled", alt.value(0.35), alt.value(1)),
        stroke=alt.condition(alt.datum.state == "clash", alt.value(INK), alt.value(SEPARATOR)),
        strokeWidth=alt.condition(alt.datum.state == "clash", alt.value(3), alt.value(1)),
        tooltip=[alt.Tooltip("label:N", title="Kind"), alt.Tooltip("room:N", title="Room"),
                 alt.Tooltip("day:T", title="Day", format="%a %-d %b %Y"),
                 alt.Tooltip("when:N", title="Time"), alt.Tooltip("title:N", title="What"),
                 alt.Tooltip("who:N", title="Who"), alt.Tooltip("state:N", title="Note")],
    ).properties(height=alt.Step(30))


def month_cells(totals: pd.DataFrame, clash_places: set[tuple[str, date]]) -> pd.DataFrame:
    """One row per place and day from the month's counts: events (all but works), a column
    per kind, hours, rooms closed for works, and whether a clash is there."""
    wide = totals.pivot_table(index=["place", "day"], columns="kind", values="events",
                              aggfunc="sum", fill_value=0)
    wide = wide.reindex(columns=list(KINDS), fill_value=0).reset_index()
    hours = totals.groupby(["place", "day"])["hours"].sum(min_count=1).reset_index()
    cells = wide.merge(hours, on=["place", "day"], how="left")
    cells["events"] = cells[[k for k in KINDS if k != "works"]].sum(axis=1)
    cells["hours"] = cells["hours"].fillna(0).round(1)
    cells["clash"] = [(place, day) in clash_places for place, day in
                      zip(cells["place"], cells["day"])]
    cells["day"] = pd.to_datetime(cells["day"])
    return cells


def month_grid(cells: pd.DataFrame, period: str, place_word: str) -> alt.Chart:
    """Places down, the month's days across: darker for more events; a grey cell is a room
    out of use for works with nothing in it; × marks a clash. Columns: month_cells'."""
    places = cells["place"].nunique()
    busiest = cells.sort_values("events", ascending=False).iloc[0]
    described = (f"Grid of {period}: {counted(places, place_word)} down and the days across, "
                 f"darker for more events; {int(cells['events'].sum()):,} events in all, the "
                 f"most on one {place_word}-day {int(busiest.events)} ({busiest.place}, "
                 f"{busiest.day:%-d %b}); {int((cells['works'] > 0).sum())} {place_word}-days "
                 f"with works; {int(cells['clash'].sum())} with a clash, marked ×.")
    base = alt.Chart(cells).encode(
        x=alt.X("date(day):O", title="Day", axis=alt.Axis(labelAngle=0)),
        y=alt.Y("place:N", title=place_word.capitalize(), sort="ascending",
                axis=alt.Axis(labelLimit=220, labelOverlap=False)),
        tooltip=[alt.Tooltip("place:N", title=place_word.capitalize()),
                 alt.Tooltip("day:T", title="Day", format="%a %-d %b %Y"),
                 alt.Tooltip("booking:Q", title="Bookings"),
                 alt.Tooltip("session:Q", title="Sessions"),
                 alt.Tooltip("hours:Q", title="Hours booked or taught", format=",.1f"),
                 alt.Tooltip("works:Q", title="Rooms out of use" if place_word == "site"
                             else "Out of use (works)"),
                 alt.Tooltip("lease_start:Q", title="Leases starting"),
                 alt.Tooltip("lease_end:Q", title="Leases ending")])
    works = base.transform_filter((alt.datum.works > 0) & (alt.datum.events == 0)).mark_rect(
        color=STONE, stroke=SEPARATOR, strokeWidth=1)
    busy = base.transform_filter(alt.datum.events > 0).mark_rect(
        stroke=SEPARATOR, strokeWidth=1).encode(
        color=alt.Color("events:Q", title="Events", scale=alt.Scale(range=[CLAY, BRICK])))
    marks = base.transform_filter(alt.datum.clash).mark_text(
        text="×", fontSize=16, fontWeight="bold", color=INK)
    return alt.layer(works, busy, marks, description=described, title=chart_title(
        f"Calendar of {period}, by {place_word} and day",
        subtitle="Darker for more bookings, sessions and lease starts or ends; grey: out of use "
                 "for works; ×: a clash")).properties(height=alt.Step(22))
