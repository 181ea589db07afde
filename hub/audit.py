"""The audit log: one entry per change, written in the same transaction as the change."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, SQLModel, select

from db.models import AuditEntry, User
from hub.roles import require_role

# Never copied into the log, whatever the change.
SECRET_FIELDS = frozenset({"password_hash"})
HIDDEN = "(not recorded)"


def plain(value: Any) -> Any:
    """A JSON-safe form of a column value."""
    if isinstance(value, (date, datetime, time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def snapshot(row: SQLModel) -> dict[str, Any]:
    """Every column of a row, JSON-safe, secrets left out."""
    return {column.key: plain(getattr(row, column.key))
            for column in row.__table__.columns
            if column.key not in SECRET_FIELDS and column.key != "version"}


def apply_changes(row: SQLModel, values: dict[str, Any]) -> dict[str, list[Any]]:
    """Set the given attributes; return {field: [old, new]} for those that really changed."""
    changes: dict[str, list[Any]] = {}
    for field, new in values.items():
        old = getattr(row, field)
        if old != new:
            setattr(row, field, new)
            shown = [HIDDEN, HIDDEN] if field in SECRET_FIELDS else [plain(old), plain(new)]
            changes[field] = shown
    return changes


def record(session: Session, actor: User, action: str, row: SQLModel,
           changes: dict[str, Any] | None = None) -> AuditEntry:
    """Log `action` on `row` by `actor`. A create logs the whole row unless changes are given."""
    session.flush()  # the row needs its id before the log can name it
    if changes is None:
        changes = {field: [None, value] for field, value in snapshot(row).items()
                   if value is not None} if action == "create" else {}
    return record_event(session, actor, action, row.__tablename__, row.id, changes)


def record_event(session: Session, actor: User, action: str, entity: str, entity_id,
                 changes: dict[str, Any] | None = None) -> AuditEntry:
    """Log `action` on something that is not one row (the whole database, for a backup)."""
    entry = AuditEntry(user_id=actor.id, username=actor.username, action=action,
                       entity=entity, entity_id=str(entity_id)[:40], changes=changes or {})
    session.add(entry)
    return entry


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
