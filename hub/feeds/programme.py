"""The published programme of a site as feeds: an iCalendar to subscribe to, and the rows of
the Courses screen's export (hub.programme.exports) as JSON.

In the calendar every session of a published item is one event, with
- a UID that never changes (the session's id), so a calendar app updates the event in place;
- a SEQUENCE that moves on with every change of the session or of its item: the sum of the two
  rows' versions (each only ever grows), less their starting values;
- STATUS:CANCELLED for the sessions of an item cancelled after it was published, so
  subscribers see the cancellation instead of an event that silently disappears. An item
  cancelled while still a draft was never public and stays out.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from icalendar import Event
from sqlmodel import Session, select

from db.models import AuditEntry, ProgrammeItem, ProgrammeSession, Site, Space
from hub.i18n import _
from hub.programme.exports import (ics_bytes, local_moment, programme_csv_rows,
                                   published_sessions, session_uid)
from hub.words import label

PRODUCT_ID = "-//Bottega//Public programme feed//EN"
REFRESH = timedelta(hours=1)   # what calendar apps are asked to poll at (ETags make it cheap)


def ever_published(session: Session, item_ids: list[int]) -> set[int]:
    """Which of these items the audit log shows becoming published at some point."""
    if not item_ids:
        return set()
    entries = session.exec(select(AuditEntry.entity_id, AuditEntry.changes).where(
        AuditEntry.entity == ProgrammeItem.__tablename__,
        AuditEntry.entity_id.in_([str(item_id) for item_id in item_ids])))
    return {int(entity_id) for entity_id, changes in entries
            if (changes or {}).get("status", [None, None])[-1] == "published"}


def calendar_events(session: Session, *, site: Site) -> list[dict]:
    """The sessions of the site's published items (and of items cancelled once published), in
    time order, with what an event needs."""
    query = (select(ProgrammeSession.id, ProgrammeSession.day, ProgrammeSession.start_minute,
                    ProgrammeSession.end_minute, ProgrammeSession.location,
                    ProgrammeSession.version, ProgrammeItem.id, ProgrammeItem.title,
                    ProgrammeItem.kind, ProgrammeItem.description, ProgrammeItem.status,
                    ProgrammeItem.version, Space.name)
             .join(ProgrammeItem, ProgrammeItem.id == ProgrammeSession.item_id)
             .outerjoin(Space, Space.id == ProgrammeSession.space_id)
             .where(ProgrammeItem.site_id == site.id,
                    ProgrammeItem.status.in_(("published", "cancelled")))
             .order_by(ProgrammeSession.day, ProgrammeSession.start_minute, ProgrammeSession.id))
    rows = session.exec(query).all()
    public = ever_published(session, sorted({row[6] for row in rows if row[10] == "cancelled"}))
    events = []
    for (session_id, day, first, last, location, session_version, item_id, title, kind,
         description, status, item_version, space) in rows:
        if status == "cancelled" and item_id not in public:
            continue
        place = (f"{space}, {site.name}, {site.address or site.city}" if space is not None
                 else location or _("Online"))
        events.append({"session_id": session_id, "uid": session_uid(session_id), "day": day,
                       "start_minute": first, "end_minute": last, "title": title,
                       "kind": kind, "description": description, "location": place,
                       "cancelled": status == "cancelled",
                       "sequence": (session_version or 1) + (item_version or 1) - 2})
    return events


def programme_calendar(session: Session, *, site: Site, stamp: datetime) -> bytes:
    """The site's programme as an iCalendar file, in the current language (hub.i18n); `stamp`
    (the last change) is every event's DTSTAMP, so the same data gives the same bytes."""
    zone = ZoneInfo(site.timezone or "Europe/Rome")
    events = []
    for row in calendar_events(session, site=site):
        event = Event()
        event.add("uid", row["uid"])
        event.add("dtstamp", stamp)
        event.add("sequence", row["sequence"])
        event.add("dtstart", local_moment(row["day"], row["start_minute"], zone))
        event.add("dtend", local_moment(row["day"], row["end_minute"], zone))
        event.add("summary", row["title"])
        event.add("location", row["location"])
        event.add("status", "CANCELLED" if row["cancelled"] else "CONFIRMED")
        if row["description"]:
            event.add("description", row["description"])
        event.add("categories", [label("programme kind", row["kind"])])
        events.append(event)
    return ics_bytes(_("{site}: programme").format(site=site.name), events, zones=[zone.key],
                     product=PRODUCT_ID, refresh=REFRESH)


def _plain(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def programme_rows(session: Session, *, site: Site) -> list[dict]:
    """What programme.json holds: the rows of the Courses screen's CSV export, JSON-safe."""
    return [{field: _plain(value) for field, value in row.items()}
            for row in programme_csv_rows(published_sessions(session, site_id=site.id))]
