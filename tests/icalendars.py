"""Every .ics Bottega writes, read the way calendar applications and outside testers read it:
by three parsers (icalendar, vobject, ics), with the checks RFC 5545 asks that they let pass."""
from __future__ import annotations

import re
from datetime import datetime, timezone

import ics
import vobject
from icalendar import Calendar

DURATION = re.compile(r"^[+-]?P(\d+W|(\d+D)?(T(\d+H)?(\d+M)?(\d+S)?)?)$")


def read_everywhere(body: bytes, *, zone: str) -> Calendar:
    """The file parsed by icalendar, vobject and ics, which must agree on its events; it
    holds the VTIMEZONE of `zone` (the site's, named by X-WR-TIMEZONE) and of every TZID its
    events use, and its X-PUBLISHED-TTL, if any, is a duration. Returns icalendar's reading."""
    text = body.decode("utf-8")
    calendar = Calendar.from_ical(body)
    defined = {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
    used = {str(event[name].params["TZID"]) for event in calendar.walk("VEVENT")
            for name in ("DTSTART", "DTEND") if "TZID" in event[name].params}
    assert zone in defined and used <= defined, (zone, used, defined)
    assert str(calendar["X-WR-TIMEZONE"]) == zone
    ttl = re.search(r"^X-PUBLISHED-TTL:(.*)\r$", text, re.M)
    assert ttl is None or DURATION.match(ttl.group(1)), ttl and ttl.group(1)

    other = vobject.readOne(text)
    assert other.vtimezone.tzid.value in defined
    moments = sorted((str(event["UID"]), event["DTSTART"].dt, event["DTEND"].dt)
                     for event in calendar.walk("VEVENT"))
    assert sorted((event.uid.value, event.dtstart.value, event.dtend.value)
                  for event in other.contents.get("vevent", [])) == moments
    third = ics.Calendar(text)
    assert sorted((event.uid, event.begin.datetime, event.end.datetime)
                  for event in third.events) == [
        (uid, _aware(start), _aware(end)) for uid, start, end in moments]
    return calendar


def _aware(moment):
    """ics gives every moment as a datetime (an all-day event's at midnight UTC)."""
    if isinstance(moment, datetime):
        return moment
    return datetime.combine(moment, datetime.min.time(), tzinfo=timezone.utc)
