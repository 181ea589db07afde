"""The audit log: one entry per change, written in the same transaction as the change."""
from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from sqlmodel import Session, SQLModel

from db.models import AuditEntry, User

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
    entry = AuditEntry(user_id=actor.id, username=actor.username, action=action,
                       entity=row.__tablename__, entity_id=str(row.id), changes=changes)
    session.add(entry)
    return entry
