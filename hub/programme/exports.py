"""The public programme as files: an iCalendar (.ics) with one event per session, and the same
sessions as table rows for a CSV. Only published items are in them — never a draft, a
cancelled item or one that is done. Enrolment lists for an instructor are rows too; contacts
are left out unless the reader may see them."""
from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, vDuration
from sqlalchemy import func
from sqlmodel import Session, select

from db.models import ProgrammeItem, ProgrammeSession, Site, Space
from hub.dates import clock
from hub.programme.views import enrolment_rows

HUB_TIMEZONE = ZoneInfo("Europe/Rome")
PRODUCT_ID = "-//Bottega//Programme//EN"
ZONE_YEARS = (date(2015, 1, 1), date(2040, 1, 1))   # the span a VTIMEZONE's rules cover


def session_uid(session_id: int) -> str:
    """A session's calendar UID: the same in every .ics and as its id in programme.json."""
    return f"programme-session-{session_id}@bottega"


def published_sessions(session: Session, *, site_id: int | None = None,
                       since: date | None = None) -> list[dict]:
    """One plain row per session of a published item, in time order."""
    query = (select(ProgrammeSession.id, ProgrammeSession.day, ProgrammeSession.start_minute,
                    ProgrammeSession.end_minute, ProgrammeSession.location, ProgrammeItem.id,
                    ProgrammeItem.title, ProgrammeItem.kind, ProgrammeItem.sector,
                    ProgrammeItem.format, ProgrammeItem.price, ProgrammeItem.capacity,
                    ProgrammeItem.description, Site.name, Site.city, Site.timezone,
                    Space.name)
             .join(ProgrammeItem, ProgrammeItem.id == ProgrammeSession.item_id)
             .join(Site, Site.id == ProgrammeItem.site_id)
             .outerjoin(Space, Space.id == ProgrammeSession.space_id)
             .where(ProgrammeItem.status == "published"))
    if site_id is not None:
        query = query.where(ProgrammeItem.site_id == site_id)
    if since is not None:
        query = query.where(ProgrammeSession.falls_between(since))
    rows = []
    for (session_id, day, first, last, location, item_id, title, kind, sector, form, price,
         capacity, description, site, city, zone, space) in session.exec(
            query.order_by(ProgrammeSession.day, ProgrammeSession.start_minute,
                           ProgrammeSession.id)):
        place = f"{space}, {site}, {city}" if space is not None else location or "Online"
        rows.append({"session_id": session_id, "item_id": item_id, "title": title,
                     "kind": kind, "sector": sector, "format": form, "day": day,
                     "start": clock(first), "end": clock(last), "location": place,
                     "site": site, "timezone": zone or HUB_TIMEZONE.key, "price": price, "capacity": capacity,
                     "description": description, "start_minute": first, "end_minute": last})
    return rows


def published_session_count(session: Session, *, site_id: int | None = None) -> int:
    query = (select(func.count()).select_from(ProgrammeSession)
             .join(ProgrammeItem, ProgrammeItem.id == ProgrammeSession.item_id)
             .where(ProgrammeItem.status == "published"))
    if site_id is not None:
        query = query.where(ProgrammeItem.site_id == site_id)
    return session.exec(query).one()


def local_moment(day: date, minute: int, zone: ZoneInfo = HUB_TIMEZONE) -> datetime:
    """A day and a minute from midnight (how sessions and bookings keep time) in the site's
    time zone."""
    moment = datetime.combine(day, time()) + timedelta(minutes=minute)
    return moment.replace(tzinfo=zone)


def ics_bytes(name: str, events: list[Event], *, zones: list[str], product: str = PRODUCT_ID,
              refresh: timedelta | None = None) -> bytes:
    """An iCalendar file (RFC 5545) named `name` holding `events`, with a VTIMEZONE for each
    of `zones` (the site's, first: X-WR-TIMEZONE names it) and for any other zone an event
    uses, so that a file with no timed event still says its zone and is never an empty
    VCALENDAR; shared by the programme's files and the hub calendar's (hub/calendar/ics.py).
    `refresh`: how often a subscribed calendar app should fetch it again (a live feed)."""
    calendar = Calendar()
    calendar.add("prodid", product)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", zones[0])
    if refresh is not None:
        calendar.add("refresh-interval", refresh, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", vDuration(refresh))   # a duration (PT1H), as Outlook reads it
    for event in events:
        calendar.add_component(event)
    used = sorted(calendar.get_used_tzids())
    calendar.subcomponents[:0] = [vtimezone(zone) for zone in dict.fromkeys([*zones, *used])]
    return calendar.to_ical()


def vtimezone(zone: str) -> Timezone:
    """The zone's VTIMEZONE over ZONE_YEARS, each transition on an RDATE line of its own:
    vobject, and readers built on it, keep only the first date of an RDATE list and would put
    every summer session an hour off."""
    timezone = Timezone.from_tzid(zone, first_date=ZONE_YEARS[0], last_date=ZONE_YEARS[1])
    for rule in timezone.subcomponents:
        listed = rule.pop("RDATE", None)
        for dates in (listed if isinstance(listed, list) else [listed] if listed else []):
            for moment in dates.dts:
                rule.add("rdate", moment.dt)
    return timezone


def programme_ics(rows: list[dict], *, stamp: datetime | None = None) -> bytes:
    """The rows of published_sessions as an iCalendar file (RFC 5545), each session in its
    site's time zone."""
    events = []
    stamp = stamp or datetime.now(UTC)
    for row in rows:
        zone = ZoneInfo(row["timezone"])
        event = Event()
        event.add("uid", session_uid(row["session_id"]))
        event.add("dtstamp", stamp)
        event.add("dtstart", local_moment(row["day"], row["start_minute"], zone))
        event.add("dtend", local_moment(row["day"], row["end_minute"], zone))
        event.add("summary", row["title"])
        event.add("location", row["location"])
        if row["description"]:
            event.add("description", row["description"])
        event.add("categories", [row["kind"]])
        events.append(event)
    zones = [row["timezone"] for row in rows] or [HUB_TIMEZONE.key]
    return ics_bytes("Bottega programme", events, zones=zones)


CSV_COLUMNS = ("title", "kind", "sector", "format", "day", "start", "end", "location", "site",
               "price", "capacity")


def programme_csv_rows(rows: list[dict]) -> list[dict]:
    return [{column: row[column] for column in CSV_COLUMNS} for row in rows]


def enrolment_list(session: Session, item_id: int, *, with_contacts: bool) -> list[dict]:
    """The people of an item for its instructor: seated, then the waitlist in order."""
    return [{"name": row.name, **({"email": row.email or ""} if with_contacts else {}),
             "tenant": row.tenant or "", "status": row.status,
             "since": row.queued_at.astimezone(HUB_TIMEZONE).strftime("%Y-%m-%d %H:%M")}
            for row in enrolment_rows(session, item_id) if row.status != "cancelled"]
