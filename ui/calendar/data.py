"""Cached reads of the Calendar screen: small frames built from hub/calendar. The role keys
every read that names people, so a viewer never gets a copy cached for the staff."""
from __future__ import annotations

from datetime import date

import pandas as pd
from babel.dates import format_date

from db.models import User
from hub.calendar import clashes as calendar_clashes
from hub.calendar import events as calendar_events
from hub.calendar import ics as calendar_ics
from hub.calendar import figures
from hub.calendar.events import KIND_LABELS
from hub.dates import clock
from hub.i18n import _, locale, pgettext
from hub.sites import list_sites
from hub.occupancy.spaces import list_spaces
from ui.database import cached, reading
from ui.format import day_text

EVENT_COLUMNS = ["kind", "label", "record_id", "site", "room", "space_id", "space_code",
                 "starts", "ends", "day", "when", "title", "who", "cancelled", "clash"]


def _when(event: calendar_events.CalendarEvent) -> str:
    if event.all_day:
        if event.day == event.last_day:
            return _("all day")
        return _("{first} to {last}").format(
            first=format_date(event.day, "d MMM", locale=locale()),
            last=format_date(event.last_day, "d MMM y", locale=locale()))
    return f"{clock(event.start_minute)}–{clock(event.end_minute)}"


@cached(ttl=120)
def events(site_id: int | None, first: date, last: date, kinds: tuple[str, ...],
           cancelled: bool, role: str, _actor: User) -> pd.DataFrame:
    """One row per event of the period, with the clash it is in (if any). Columns:
    EVENT_COLUMNS; `room` is "code · name", `label` the kind in the reader's language."""
    with reading() as session:
        found = calendar_events.events_between(session, actor=_actor, site_id=site_id,
                                               first=first, last=last, kinds=kinds,
                                               cancelled=cancelled)
        clashing = calendar_clashes.clashing_events(calendar_clashes.clashes_between(
            session, site_id=site_id, first=first, last=last))
    return pd.DataFrame([{
        "kind": e.kind, "label": _(KIND_LABELS[e.kind]), "record_id": e.record_id,
        "site": e.site, "room": f"{e.space_code} · {e.space_name}" if e.space_code
        else e.space_name, "space_id": e.space_id, "space_code": e.space_code,
        "starts": e.starts, "ends": e.ends, "day": e.day, "when": _when(e), "title": e.title,
        "who": e.who, "cancelled": e.cancelled, "clash": (e.kind, e.record_id) in clashing}
        for e in found], columns=EVENT_COLUMNS)


@cached(ttl=120)
def totals(site_id: int | None, first: date, last: date, kinds: tuple[str, ...]) -> pd.DataFrame:
    """Columns: place, day, kind, label, events, hours — per room (or site) and day."""
    with reading() as session:
        rows = figures.day_totals(session, site_id=site_id, first=first, last=last,
                                          kinds=kinds)
    return pd.DataFrame([{"place": t.place, "day": t.day, "kind": t.kind,
                          "label": _(KIND_LABELS[t.kind]), "events": t.events,
                          "hours": t.hours} for t in rows],
                        columns=["place", "day", "kind", "label", "events", "hours"])


@cached(ttl=120)
def clashes(site_id: int | None, first: date, last: date) -> pd.DataFrame:
    """Columns: Kind, Site, Room, Day, Time, What collides (sentences naming no one, in the
    reader's language; the column names stay these keys: the screen names them)."""
    with reading() as session:
        found = calendar_clashes.clashes_between(session, site_id=site_id, first=first,
                                                 last=last)
    return pd.DataFrame([{
        "Kind": _(calendar_clashes.CLASH_KINDS[c.kind]), "Site": c.site,
        "Room": f"{c.space_code} · {c.space_name}", "Day": c.day, "Time": c.when,
        "What collides": c.what} for c in found],
        columns=["Kind", "Site", "Room", "Day", "Time", "What collides"])


@cached(ttl=300)
def site_code(site_id: int) -> str:
    with reading() as session:
        return next((site.code for site in list_sites(session) if site.id == site_id), "site")


def ics_file(site_id: int | None, space_id: int | None, first: date, last: date,
             kinds: tuple[str, ...], actor: User) -> bytes:
    """Built when the button is pressed; hub/calendar/ics.py refuses a viewer."""
    with reading() as session:
        return calendar_ics.calendar_ics(session, actor=actor, site_id=site_id,
                                         space_id=space_id, first=first, last=last,
                                         kinds=kinds)


@cached(ttl=300)
def rooms(site_id: int) -> list[tuple[int, str]]:
    """The site's spaces in use, for the room file's picker: (id, "code · name")."""
    with reading() as session:
        return [(space.id, f"{space.code} · {space.name}")
                for space in list_spaces(session, site_id=site_id, active_only=True)]


# --- the tables the screen shows --------------------------------------------------------------

def event_table(events: pd.DataFrame, *, cancelled: bool) -> pd.DataFrame:
    """The period's events as the Events list shows them; a Cancelled column when the
    cancelled ones are shown too."""
    return pd.DataFrame({
        _("Day"): events["day"].map(day_text), _("Time"): events["when"],
        _("Room"): events["room"], _("Kind"): events["label"], _("What"): events["title"],
        _("Who"): events["who"],
        _("Clash"): events["clash"].map({True: _("clash"), False: ""}),
        **({_("Cancelled"): events["cancelled"].map(
            {True: pgettext("booking", "cancelled"), False: ""})} if cancelled else {})})
