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
    changes: str        # readable: "role: viewer → manager; active: True → False"


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
                  until: date | None = None, limit: int | None = AUDIT_LIMIT
                  ) -> tuple[list[AuditRow], int]:
    """The newest entries matching the filters (at most `limit`), and how many match."""
    require_role(actor, "manager")
    where = dict(username=username, entity=entity, since=since, until=until)
    total = session.exec(_filtered(select(func.count()).select_from(AuditEntry), **where)).one()
    query = _filtered(select(AuditEntry), **where).order_by(AuditEntry.at.desc(),
                                                            AuditEntry.id.desc())
    if limit is not None:
        query = query.limit(limit)
    rows = [AuditRow(at=entry.at, username=entry.username, action=entry.action,
                     entity=entry.entity, entity_id=entry.entity_id,
                     changes=describe_changes(entry.changes)) for entry in session.exec(query)]
    return rows, total


def audit_choices(session: Session, *, actor: User) -> tuple[list[str], list[str]]:
    """The usernames and entities present in the log, for the filters."""
    require_role(actor, "manager")
    names = session.exec(select(AuditEntry.username).distinct().order_by(AuditEntry.username))
    entities = session.exec(select(AuditEntry.entity).distinct().order_by(AuditEntry.entity))
    return list(names), list(entities)
