"""A room's or a site's calendar as an iCalendar file (.ics), for staff: the manager and the
communication team (a viewer is refused here, not only shown no button — the file names
tenants and bookers). One event per booking, session, works period and lease marker, with a
UID that stays the same from one download to the next (its kind and record), so a calendar
application updates an event instead of adding it twice. Built like the programme's file
(hub/programme/exports.py)."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Event
from sqlmodel import Session

from db.models import Site, Space, User
from hub.calendar.events import KIND_LABELS, KINDS, CalendarEvent, events_between
from hub.errors import Invalid
from hub.i18n import _
from hub.programme.exports import ics_bytes, local_moment
from hub.roles import EDITORS, require_role

PRODUCT_ID = "-//Bottega//Calendar//EN"


def calendar_ics(session: Session, *, actor: User, site_id: int | None = None,
                 space_id: int | None = None, first: date, last: date,
                 kinds: tuple[str, ...] = KINDS, stamp: datetime | None = None) -> bytes:
    """The events of one room (`space_id`) or one site on the days [first, last]."""
    require_role(actor, *EDITORS)
    space = session.get(Space, space_id) if space_id is not None else None
    if space_id is not None and space is None:
        raise Invalid("space", _("that space does not exist"))
    site = session.get(Site, space.site_id if space else site_id) if (space or site_id) else None
    if site is None:
        raise Invalid("site", _("choose a site or a room for the calendar file"))
    if last < first:
        raise Invalid("last", _("the last day is before the first"))
    zone = ZoneInfo(site.timezone or "Europe/Rome")
    stamp = stamp or datetime.now(UTC)
    events = [_event(event, zone, stamp) for event in events_between(
        session, actor=actor, site_id=site.id, first=first, last=last, kinds=kinds,
        space_id=space_id)]
    name = (f"{site.name} · {space.code} {space.name}" if space
            else _("{site} calendar").format(site=site.name))
    return ics_bytes(name, events, zones=[zone.key], product=PRODUCT_ID)


def _event(shown: CalendarEvent, zone: ZoneInfo, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", shown.uid)
    event.add("dtstamp", stamp)
    if shown.all_day:
        event.add("dtstart", shown.day)
        event.add("dtend", shown.last_day + timedelta(days=1))
    else:
        event.add("dtstart", local_moment(shown.day, shown.start_minute, zone))
        event.add("dtend", local_moment(shown.last_day, shown.end_minute, zone))
    event.add("summary", f"{shown.space_code} · {shown.title}" if shown.space_code
              else shown.title)
    event.add("location", f"{shown.space_name}, {shown.site}")
    if shown.who:
        event.add("description", f"{_(KIND_LABELS[shown.kind])} · {shown.who}")
    event.add("categories", [_(KIND_LABELS[shown.kind])])
    if shown.cancelled:
        event.add("status", "CANCELLED")
    return event
