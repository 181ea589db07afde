"""The audit log as the Admin screen reads it: the newest entries, filtered, made readable.
Entries are written by hub/records.py, in the same transaction as the change."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from db.models import AuditEntry, User
from hub.admin.audit_names import record_names
from hub.dates import clock
from hub.i18n import N_, _
from hub.occupancy.bookings import weekday_name
from hub.roles import require_role

# --- reading the log (the Admin screen) -----------------------------------------------------

AUDIT_LIMIT = 500


@dataclass(frozen=True)
class AuditRow:
    at: datetime
    username: str
    action: str
    entity: str
    entity_id: str
    changes: str        # as stored: "role: viewer → manager; start_minute: 540 → 600"
    what: str = ""      # the record in the hub's words: "Tenant Nora Bianchi", "Space L07"
    readable: str = ""  # for a person: "role: viewer → manager; start: 09:00 → 10:00"


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def describe_changes(changes: dict | None) -> str:
    """Old → new per field, in one readable line."""
    parts = []
    for field, values in (changes or {}).items():
        if isinstance(values, list) and len(values) == 2:
            old, new = values
            parts.append(f"{field}: {_shown(new)}" if old is None
                         else f"{field}: {_shown(old)} → {_shown(new)}")
        else:
            parts.append(f"{field}: {_shown(values)}")
    return "; ".join(parts)


# Stored as minutes from midnight, a time of day, or weekday digits: read as 09:00, Mon Tue.
MINUTES = {"start_minute": N_("start"), "end_minute": N_("end")}
TIMES = ("opens_at", "closes_at")
FIELD_WORDS = MINUTES | {"open_weekdays": N_("open days")}


def _readable_value(field: str, value: Any) -> Any:
    if field in MINUTES and isinstance(value, int) and not isinstance(value, bool):
        return clock(value)
    if field in TIMES and isinstance(value, str) and len(value) >= 5:
        return value[:5]                                    # "09:00:00" -> "09:00"
    if field == "open_weekdays" and isinstance(value, str) and value.isdigit():
        return " ".join(weekday_name(int(day), "abbreviated") for day in value)
    return value


def readable_changes(changes: dict | None) -> str:
    """describe_changes for a person: times as 09:00, open days by name, fields in words."""
    shown = {}
    for field, values in (changes or {}).items():
        name = _(FIELD_WORDS.get(field, field.replace("_", " ")))
        shown[name] = ([_readable_value(field, value) for value in values]
                       if isinstance(values, list) and len(values) == 2
                       else _readable_value(field, values))
    return describe_changes(shown)


def _filtered(query, *, username: str | None, entity: str | None, since: date | None,
              until: date | None):
    if username:
        query = query.where(AuditEntry.username == username)
    if entity:
        query = query.where(AuditEntry.entity == entity)
    if since:
        query = query.where(AuditEntry.at >= datetime.combine(since, time(0), UTC))
    if until:
        query = query.where(AuditEntry.at < datetime.combine(until + timedelta(days=1),
                                                             time(0), UTC))
    return query


def audit_entries(session: Session, *, actor: User, username: str | None = None,
                  entity: str | None = None, since: date | None = None,
                  until: date | None = None, limit: int | None = AUDIT_LIMIT,
                  described: bool = True) -> tuple[list[AuditRow], int]:
    """The newest entries matching the filters (at most `limit`), and how many match; with
    `described`, each names its record in the hub's words and reads its changes for a
    person (the CSV export keeps the stored words instead)."""
    require_role(actor, "manager")
    where = dict(username=username, entity=entity, since=since, until=until)
    total = session.exec(_filtered(select(func.count()).select_from(AuditEntry), **where)).one()
    query = _filtered(select(AuditEntry), **where).order_by(AuditEntry.at.desc(),
                                                            AuditEntry.id.desc())
    if limit is not None:
        query = query.limit(limit)
    entries = list(session.exec(query))
    names = record_names(session, [(entry.entity, entry.entity_id, entry.changes)
                                   for entry in entries]) if described else {}
    rows = [AuditRow(at=entry.at, username=entry.username, action=entry.action,
                     entity=entry.entity, entity_id=entry.entity_id,
                     changes=describe_changes(entry.changes),
                     what=names.get((entry.entity, entry.entity_id), ""),
                     readable=readable_changes(entry.changes) if described else "")
             for entry in entries]
    return rows, total


def audit_choices(session: Session, *, actor: User) -> tuple[list[str], list[str]]:
    """The usernames and entities present in the log, for the filters."""
    require_role(actor, "manager")
    names = session.exec(select(AuditEntry.username).distinct().order_by(AuditEntry.username))
    entities = session.exec(select(AuditEntry.entity).distinct().order_by(AuditEntry.entity))
    return list(names), list(entities)
