"""Calendar charts (Altair): a timeline by room for a day or a week, and a month grid of
rooms (or sites) by day. Each takes a small frame — the events of one site's day or week
(bounded), or the month's counts added up in SQL — and carries a description of what it
shows, for screen readers."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

import altair as alt
import pandas as pd
from babel.dates import format_date

from hub.calendar.events import KIND_LABELS, KINDS
from hub.i18n import _, locale, ngettext, pgettext
from ui.charts.axes import count_legend
from ui.format import day_text
from ui.format import listed, number
from ui.charts.palette import BRICK, CLAY, INK, OLIVE, PLUM, SEPARATOR, SLATE, STONE, TERRACOTTA
from ui.charts.titles import chart_title

KIND_RANGE = [TERRACOTTA, SLATE, STONE, OLIVE, PLUM]
DAY_HOURS = (8, 20)         # a day view shows at least the usual opening hours


def kind_colours() -> alt.Scale:
    """The kinds' colours, keyed on their names in the reader's language."""
    return alt.Scale(domain=[_(KIND_LABELS[kind]) for kind in KINDS], range=KIND_RANGE)


def kind_count(kind: str, count: int, *, works_periods: bool = True) -> str:
    """"3 bookings", "1 works period" ("1 works" when `works_periods` is False)."""
    words = {"booking": ngettext("{n} booking", "{n} bookings", count),
             "session": ngettext("{n} session", "{n} sessions", count),
             "works": (ngettext("{n} works period", "{n} works periods", count)
                       if works_periods else ngettext("{n} works", "{n} works", count)),
             "lease_start": ngettext("{n} lease start", "{n} lease starts", count),
             "lease_end": ngettext("{n} lease end", "{n} lease ends", count)}
    return words[kind].format(n=number(count))


def place_count(place_word: str, count: int) -> str:
    """"14 rooms" or "2 sites" (`place_word`: "room" or "site")."""
    words = (ngettext("{n} site", "{n} sites", count) if place_word == "site"
             else ngettext("{n} room", "{n} rooms", count))
    return words.format(n=number(count))


def place_title(place_word: str) -> str:
    """The column or axis title of the places: Room or Site."""
    return _("Site") if place_word == "site" else _("Room")


def period_words(view: str, first: date, last: date) -> str:
    """"Thu 3 Dec 2026", "the week of 30 Nov 2026", "December 2026"."""
    if view == "day":
        return format_date(first, "EEE d MMM y", locale=locale())
    if view == "week":
        return _("the week of {day}").format(day=day_text(first))
    return format_date(first, "LLLL y", locale=locale())


def period_within(view: str, first: date, last: date) -> str:
    """The period as the end of a sentence: "on Thu 3 Dec 2026", "in the week of 30 Nov
    2026", "in December 2026"."""
    period = period_words(view, first, last)
    if view == "day":
        return _("on {day}").format(day=period)
    if view == "week":
        return _("in the week of {day}").format(day=day_text(first))
    return _("in {month}").format(month=period)


def summary(counts: dict[str, int], places: int, place_word: str, clashes: int,
            period: str, with_works: int = 0) -> str:
    """One line: "The week of 30 Nov 2026: 42 bookings, 6 sessions and 1 works period in 14
    rooms; no clash." (`with_works`: the month's rooms or sites out of use some days, whose
    works the grid counts by day rather than by period.)"""
    shown = [kind_count(kind, counts[kind]) for kind in KINDS if counts.get(kind)]
    opening = f"{period[0].upper()}{period[1:]}"
    if not shown and not with_works:
        return _("{period}: nothing on the calendar.").format(period=opening)
    parts = []
    if shown:
        parts.append(_("{events} in {places}").format(events=listed(shown),
                                                      places=place_count(place_word, places)))
    if with_works:
        parts.append(_("works in {places}").format(places=place_count(place_word, with_works)))
    parts.append(ngettext("{n} clash, highlighted", "{n} clashes, highlighted", clashes)
                 .format(n=number(clashes)) if clashes else _("no clash"))
    return _("{period}: {parts}.").format(period=opening, parts="; ".join(parts))


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
    notes = {"clash": _("clash"), "cancelled": pgettext("booking", "cancelled"), "": ""}
    shown = shown.assign(note=shown["state"].map(notes))
    # all-day events first, so the bookings and sessions of those days are drawn on top
    shown = shown.assign(timed=shown["ends"] - shown["starts"] < timedelta(days=1))
    shown = shown.sort_values(["timed", "starts"])
    per_kind = shown.groupby("kind").size()
    words = dict(period=period, events=_events(len(shown)),
                 rooms=place_count("room", shown["room"].nunique()),
                 kinds=listed([kind_count(kind, int(count), works_periods=False)
                               for kind, count in per_kind.items()]),
                 clashing=_events(int(shown["clash"].sum())))
    if shown["clash"].any():
        described = _("Timeline of {period} by room: {events} in {rooms}, {kinds}; {clashing} "
                      "in a clash, outlined.").format(**words)
    else:
        described = _("Timeline of {period} by room: {events} in {rooms}, {kinds}.").format(
            **words)
    day_view = first == last
    kind, room, day = _("Kind"), _("Room"), _("Day")
    return alt.Chart(shown, description=described, title=chart_title(
        _("Calendar by room, {period}").format(period=period),
        subtitle=_("Each bar is one event; an outlined bar is in a clash, a pale one "
                   "cancelled"))
    ).mark_bar(cornerRadius=2, height=16).encode(
        x=alt.X("starts:T", title=_("Hour") if day_view else day,
                scale=alt.Scale(domain=[_moment(start), _moment(end)]),
                axis=alt.Axis(format="%H:%M" if day_view else "%a %-d %b", labelAngle=0,
                              tickCount="hour" if day_view else {"interval": "day", "step": 1})),
        x2="ends:T",
        y=alt.Y("room:N", title=room, sort="ascending", axis=alt.Axis(labelLimit=220)),
        color=alt.Color("label:N", title=kind, scale=kind_colours(),
                        legend=alt.Legend(orient="bottom")),
        opacity=alt.condition(alt.datum.state == "cancelled", alt.value(0.35), alt.value(1)),
        stroke=alt.condition(alt.datum.state == "clash", alt.value(INK), alt.value(SEPARATOR)),
        strokeWidth=alt.condition(alt.datum.state == "clash", alt.value(3), alt.value(1)),
        tooltip=[alt.Tooltip("label:N", title=kind), alt.Tooltip("room:N", title=room),
                 alt.Tooltip("day:T", title=day, format="%a %-d %b %Y"),
                 alt.Tooltip("when:N", title=_("Time")), alt.Tooltip("title:N", title=_("What")),
                 alt.Tooltip("who:N", title=_("Who")),
                 alt.Tooltip("note:N", title=_("State"))],
    ).properties(height=alt.Step(30))


def _events(count: int) -> str:
    return ngettext("{n} event", "{n} events", count).format(n=number(count))


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
    busiest = cells.sort_values("events", ascending=False).iloc[0]
    closed = int((cells["works"] > 0).sum())
    words = dict(period=period, places=place_count(place_word, cells["place"].nunique()),
                 events=_events(int(cells["events"].sum())), most=number(int(busiest.events)),
                 place=busiest.place,
                 day=format_date(busiest.day, "d MMM", locale=locale()),
                 works=(ngettext("{n} site-day with works", "{n} site-days with works", closed)
                        if place_word == "site" else
                        ngettext("{n} room-day with works", "{n} room-days with works", closed)
                        ).format(n=number(closed)),
                 clashes=number(int(cells["clash"].sum())))
    if place_word == "site":
        described = _("Grid of {period}: {places} down and the days across, darker for more "
                      "events; {events} in all, the most on one site-day {most} "
                      "({place}, {day}); {works}; {clashes} with a clash, marked ×.").format(**words)
    else:
        described = _("Grid of {period}: {places} down and the days across, darker for more "
                      "events; {events} in all, the most on one room-day {most} "
                      "({place}, {day}); {works}; {clashes} with a clash, marked ×.").format(**words)
    place, day = place_title(place_word), _("Day")
    base = alt.Chart(cells).encode(
        x=alt.X("date(day):O", title=day, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("place:N", title=place, sort="ascending",
                axis=alt.Axis(labelLimit=220, labelOverlap=False)),
        tooltip=[alt.Tooltip("place:N", title=place),
                 alt.Tooltip("day:T", title=day, format="%a %-d %b %Y"),
                 alt.Tooltip("booking:Q", title=_("Bookings")),
                 alt.Tooltip("session:Q", title=_("Sessions")),
                 alt.Tooltip("hours:Q", title=_("Hours booked or taught"), format=",.1f"),
                 alt.Tooltip("works:Q", title=_("Rooms out of use") if place_word == "site"
                             else _("Out of use (works)")),
                 alt.Tooltip("lease_start:Q", title=_("Leases starting")),
                 alt.Tooltip("lease_end:Q", title=_("Leases ending"))])
    works = base.transform_filter((alt.datum.works > 0) & (alt.datum.events == 0)).mark_rect(
        color=STONE, stroke=SEPARATOR, strokeWidth=1)
    busy = base.transform_filter(alt.datum.events > 0).mark_rect(
        stroke=SEPARATOR, strokeWidth=1).encode(
        color=alt.Color("events:Q", title=_("Events"), scale=alt.Scale(range=[CLAY, BRICK]),
                        legend=count_legend(cells["events"].max(), lowest=1)))
    marks = base.transform_filter(alt.datum.clash).mark_text(
        text="×", fontSize=16, fontWeight="bold", color=INK)
    title = (_("Calendar of {period}, by site and day") if place_word == "site"
             else _("Calendar of {period}, by room and day")).format(period=period)
    return alt.layer(works, busy, marks, description=described, title=chart_title(
        title, subtitle=_("Darker for more bookings, sessions and lease starts or ends; grey: "
                          "out of use for works; ×: a clash"))).properties(height=alt.Step(22))
