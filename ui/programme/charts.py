"""Altair charts of the Courses screen. Each takes a small, already aggregated frame (with the
stored codes); the words a person reads — titles, axes, legends, tooltips, the descriptions
and the kinds and sectors — are put in the reader's language here."""
from __future__ import annotations

import altair as alt
import pandas as pd

from hub.i18n import N_, _, ngettext
from ui.charts.axes import count_axis
from ui.format import label, listed, number, percent
from ui.charts.palette import CLAY, INK, OLIVE, PLUM, SEPARATOR, SLATE, STONE, TERRACOTTA
from ui.programme.dates import day_span, weekday_day
from ui.charts.titles import chart_title

KINDS = ("course", "workshop", "seminar", "meeting", "exhibition", "event")
KIND_RANGE = [TERRACOTTA, CLAY, OLIVE, SLATE, INK, PLUM]
SEAT_PARTS = (N_("Seats taken"), N_("Seats free"), N_("Waitlist"))


def _kind_colours() -> alt.Scale:
    """One colour per kind whatever the language: the domain is the kinds' names as shown."""
    return alt.Scale(domain=[label("programme kind", kind) for kind in KINDS], range=KIND_RANGE)


def _named(frame: pd.DataFrame, column: str, vocabulary: str) -> pd.DataFrame:
    """The frame with `column`'s codes replaced by their names in the reader's language."""
    return frame.assign(**{column: frame[column].map(lambda code: label(vocabulary, code))})


def calendar_timeline(sessions: pd.DataFrame) -> alt.Chart:
    """Sessions of the coming weeks, one row per room. Columns: place, item, kind, starts,
    ends (datetimes), day_label, time, instructor."""
    rooms = sessions["place"].nunique()
    description = _("Timeline of {sessions} in the coming weeks, {days}, one row for each of "
                    "{rooms}, coloured by kind.").format(
        sessions=ngettext("{count} session", "{count} sessions", len(sessions)).format(
            count=number(len(sessions))),
        days=day_span(sessions["starts"].min(), sessions["starts"].max()),
        rooms=ngettext("{count} room", "{count} rooms", rooms).format(count=number(rooms)))
    return (alt.Chart(_named(sessions, "kind", "programme kind"),
                                description=description, title=chart_title(
        _("Sessions in the coming weeks, by room"),
        subtitle=_("Each bar is one session of a draft or published item"))).mark_bar(
        cornerRadius=2, height=14, stroke=SEPARATOR, strokeWidth=1).encode(
        x=alt.X("starts:T", title=_("Day"), axis=alt.Axis(format="%a %-d %b", labelAngle=-45)),
        x2="ends:T",
        y=alt.Y("place:N", title=_("Room"), axis=alt.Axis(labelLimit=220)),
        color=alt.Color("kind:N", title=_("Kind"), scale=_kind_colours()),
        tooltip=[alt.Tooltip("item:N", title=_("Item")),
                 alt.Tooltip("day_label:N", title=_("Day")),
                 alt.Tooltip("time:N", title=_("Time")), alt.Tooltip("place:N", title=_("Room")),
                 alt.Tooltip("instructor:N", title=_("Instructor"))],
    ).properties(height=max(120, 40 * rooms)))


def sessions_per_day(frame: pd.DataFrame) -> alt.Chart:
    """Sessions a day across every site. Columns: starts (the day), kind, sessions."""
    per_day = frame.groupby("starts")["sessions"].sum()
    description = _("Stacked bar chart of sessions a day across every site by kind, {days}: "
                    "{sessions}, at most {most} on {day}.").format(
        days=day_span(frame["starts"].min(), frame["starts"].max()),
        sessions=ngettext("{count} session", "{count} sessions", int(per_day.sum())).format(
            count=number(int(per_day.sum()))),
        most=number(int(per_day.max())),
        day=weekday_day(pd.Timestamp(per_day.idxmax()).date(), year=False))
    return (alt.Chart(_named(frame, "kind", "programme kind"),
                                description=description, title=chart_title(
        _("Sessions a day in the coming weeks, every site"),
        subtitle=_("Draft or published items, by kind"))).mark_bar(
        stroke=SEPARATOR, strokeWidth=1).encode(
        x=alt.X("yearmonthdate(starts):O", title=_("Day"),
                axis=alt.Axis(format="%a %-d %b", labelAngle=-45)),
        y=alt.Y("sessions:Q", title=_("Sessions"), stack=True,
                axis=count_axis(per_day.max())),
        color=alt.Color("kind:N", title=_("Kind"), scale=_kind_colours()),
        tooltip=[alt.Tooltip("yearmonthdate(starts):T", title=_("Day"), format="%a %-d %b"),
                 alt.Tooltip("kind:N", title=_("Kind")),
                 alt.Tooltip("sessions:Q", title=_("Sessions"))],
    ).properties(height=240))


def items_per_year(frame: pd.DataFrame) -> alt.Chart:
    """Columns: year, kind, items."""
    per_year = frame.groupby("year")["items"].sum()
    description = _("Stacked bar chart of programme items per year by kind, {first} to {last}: "
                    "{latest} in {latest_year}, most in {busiest_year} ({busiest}).").format(
        first=per_year.index.min(), last=per_year.index.max(),
        latest=number(int(per_year.iloc[-1])), latest_year=per_year.index[-1],
        busiest_year=per_year.idxmax(), busiest=number(int(per_year.max())))
    return (alt.Chart(_named(frame, "kind", "programme kind"),
                                description=description, title=chart_title(
        _("Programme items per year, by kind"),
        subtitle=_("Published or done items, by the year of their first session"))).mark_bar(
        stroke=SEPARATOR, strokeWidth=1).encode(
        x=alt.X("year:O", title=_("Year")),
        y=alt.Y("items:Q", title=_("Items"), stack=True, axis=count_axis(per_year.max())),
        color=alt.Color("kind:N", title=_("Kind"), scale=_kind_colours()),
        tooltip=[alt.Tooltip("year:O", title=_("Year")), alt.Tooltip("kind:N", title=_("Kind")),
                 alt.Tooltip("items:Q", title=_("Items"))],
    ).properties(height=260))


def participants_per_year(frame: pd.DataFrame) -> alt.Chart:
    """Columns: year, participants, fill_rate."""
    base = alt.Chart(frame).encode(x=alt.X("year:O", title=_("Year")))
    bars = base.mark_bar(color=OLIVE).encode(
        y=alt.Y("participants:Q", title=_("Participants (enrolled or attended)"),
                axis=count_axis(frame["participants"].max())),
        tooltip=[alt.Tooltip("year:O", title=_("Year")),
                 alt.Tooltip("participants:Q", title=_("Participants"), format=",d"),
                 alt.Tooltip("fill_rate:Q", title=_("Average fill rate"), format=".0%")])
    line = base.mark_line(color=TERRACOTTA, point=True).encode(
        y=alt.Y("fill_rate:Q", title=_("Average fill rate"), axis=alt.Axis(format=".0%"),
                scale=alt.Scale(domain=[0, 1])))
    description = " ".join(filter(None, (
        _("Bars of participants per year with a line of the average fill rate."),
        participants_summary(frame))))
    return (alt.layer(bars, line).resolve_scale(y="independent").properties(
        height=260, description=description, title=chart_title(
            _("Participants per year and average fill rate"),
            subtitle=_("Bars: people holding a seat · line: seats taken ÷ capacity, "
                       "averaged over the year's items"))))


def waitlist_pressure(frame: pd.DataFrame) -> alt.Chart:
    """Columns: year, filled (items whose seats all went), waitlisted (people left waiting)."""
    measures = {"filled": _("Items that filled"), "waitlisted": _("People left on a waitlist")}
    long = frame.melt(id_vars="year", value_vars=["filled", "waitlisted"], var_name="measure",
                      value_name="count")
    long["measure"] = long["measure"].map(measures)
    description = " ".join(filter(None, (
        _("Line chart of the items that filled and the people left on a waitlist, per year."),
        waitlist_summary(frame))))
    return (alt.Chart(long, description=description, title=chart_title(
        _("Waitlist pressure"), subtitle=_("Items whose seats all went, and people still waiting"))
    ).mark_line(point=True).encode(
        x=alt.X("year:O", title=_("Year")),
        y=alt.Y("count:Q", title=_("Count"), axis=count_axis(long["count"].max())),
        color=alt.Color("measure:N", title=None, scale=alt.Scale(
            domain=list(measures.values()), range=[TERRACOTTA, CLAY])),
        tooltip=[alt.Tooltip("year:O", title=_("Year")),
                 alt.Tooltip("measure:N", title=_("What")),
                 alt.Tooltip("count:Q", title=_("Count"), format=",d")],
    ).properties(height=240))


def hours_by_sector(frame: pd.DataFrame) -> alt.Chart:
    """Columns: sector, hours."""
    named = _named(frame, "sector", "sector")
    top = named.nlargest(3, "hours")
    description = _("Bar chart of hours taught per sector since 2016, {sectors}; most in "
                    "{top}.").format(
        sectors=ngettext("{count} sector", "{count} sectors", len(frame)).format(
            count=number(len(frame))),
        top=listed([f"{row.sector} ({number(row.hours)} h)" for row in top.itertuples()]))
    return (alt.Chart(named, description=description, title=chart_title(
        _("Hours taught per sector"),
        subtitle=_("Session hours of published or done items, since 2016"))
    ).mark_bar(color=CLAY).encode(
        x=alt.X("hours:Q", title=_("Hours")),
        y=alt.Y("sector:N", title=_("Sector"), sort="-x"),
        tooltip=[alt.Tooltip("sector:N", title=_("Sector")),
                 alt.Tooltip("hours:Q", title=_("Hours"), format=",.0f")],
    ).properties(height=alt.Step(22)))


def fill_gauge_frame(seated: int, waiting: int, capacity: int) -> pd.DataFrame:
    """A one-bar frame for an item's seats, in this order: taken, free, waiting."""
    taken, free, waitlist = (_(part) for part in SEAT_PARTS)
    return pd.DataFrame([{"part": taken, "people": seated},
                         {"part": free, "people": max(capacity - seated, 0)},
                         {"part": waitlist, "people": waiting}])


def seats_bar(frame: pd.DataFrame) -> alt.Chart:
    """The frame of fill_gauge_frame: taken, free, waiting."""
    taken, free, waiting = (int(people) for people in frame["people"])
    return (alt.Chart(frame, description=_(
        "Seats of the item: {taken} taken, {free} free, {waiting} on the waitlist.").format(
        taken=number(taken), free=number(free), waiting=number(waiting))).mark_bar(
        height=22, stroke=SEPARATOR, strokeWidth=1).encode(
        x=alt.X("people:Q", title=_("People"), stack=True,
                axis=count_axis(taken + free + waiting)),
        color=alt.Color("part:N", title=None, scale=alt.Scale(
            domain=list(frame["part"]), range=[TERRACOTTA, STONE, INK])),
        tooltip=[alt.Tooltip("part:N", title=""), alt.Tooltip("people:Q", title=_("People"))],
    ).properties(height=60))


def participants_summary(frame: pd.DataFrame) -> str:
    """The finding: 312 participants in 2026, average fill rate 78% (2025: 290, 74%)."""
    if frame.empty:
        return ""
    rows = frame.sort_values("year")
    last = rows.iloc[-1]
    people = int(last.participants)
    if len(rows) == 1:
        return ngettext("{participants} participant in {year}, average fill rate {rate}.",
                        "{participants} participants in {year}, average fill rate {rate}.",
                        people).format(participants=number(people), year=int(last.year),
                                       rate=percent(last.fill_rate))
    before = rows.iloc[-2]
    return ngettext("{participants} participant in {year}, average fill rate {rate} "
                    "({before_year}: {before_participants}, {before_rate}).",
                    "{participants} participants in {year}, average fill rate {rate} "
                    "({before_year}: {before_participants}, {before_rate}).", people).format(
        participants=number(people), year=int(last.year), rate=percent(last.fill_rate),
        before_year=int(before.year), before_participants=number(int(before.participants)),
        before_rate=percent(before.fill_rate))


def waitlist_summary(frame: pd.DataFrame) -> str:
    """The finding: In 2026, 12 items filled and 30 people were left on a waitlist."""
    if frame.empty:
        return ""
    last = frame.sort_values("year").iloc[-1]
    waiting, filled = int(last.waitlisted), int(last.filled)
    items = ngettext("{count} item", "{count} items", filled).format(count=number(filled))
    return ngettext("In {year}, {items} filled and {waiting} person was left on a waitlist.",
                    "In {year}, {items} filled and {waiting} people were left on a waitlist.",
                    waiting).format(year=int(last.year), items=items, waiting=number(waiting))
