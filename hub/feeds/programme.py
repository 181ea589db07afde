"""The published programme of a site as feeds: an iCalendar to subscribe to, and the sessions
of the Courses screen's export (hub.programme.exports) as typed JSON rows whose ids are the
calendar's UIDs.

In the calendar every session of a published item is one event, with
- a UID that never changes (the session's id), so a calendar app updates the event in place;
- a SEQUENCE that moves on with every change of the session or of its item: the sum of the two
  rows' versions (each only ever grows), less their starting values;
- STATUS:CANCELLED for the sessions of an item cancelled after it was published, so
  subscribers see the cancellation instead of an event that silently disappears. An item
  cancelled while still a draft was never public and stays out.
"""
from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from icalendar import Event
from sqlmodel import Session, select

from db.models import AuditEntry, ProgrammeItem, ProgrammeSession, Site, Space
from hub.i18n import _
from hub.programme.exports import ics_bytes, local_moment, published_sessions, session_uid
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


def _number(amount: Decimal) -> int | float:
    """Money as a JSON number: whole euros as integers, cents as a decimal fraction (two
    decimals at most, which a float gives back exactly as written)."""
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def programme_rows(session: Session, *, site: Site) -> list[dict]:
    """What programme.json holds (its schema: hub/feeds/schemas.py): the sessions of the
    Courses screen's export, typed for a website — start and end as ISO 8601 moments with the
    offset of the site's time zone, numbers as numbers, and each session's calendar UID as
    its id."""
    zone = ZoneInfo(site.timezone or "Europe/Rome")
    return [{"id": session_uid(row["session_id"]), "item_id": row["item_id"],
             "title": row["title"], "kind": row["kind"], "sector": row["sector"],
             "format": row["format"], "description": row["description"] or "",
             "day": row["day"].isoformat(),
             "start": local_moment(row["day"], row["start_minute"], zone).isoformat(),
             "end": local_moment(row["day"], row["end_minute"], zone).isoformat(),
             "timezone": zone.key, "location": row["location"], "site": row["site"],
             "price": _number(row["price"] or Decimal(0)), "currency": "EUR",
             "capacity": int(row["capacity"])}
            for row in published_sessions(session, site_id=site.id)]
