"""Writing records: loading a row for an edit, so a save made from a stale screen is refused,
and the audit log entry of every change, written in the same transaction as the change.
A transaction that logs a change also moves the data version on (db/stamp.py) as it commits,
so every process's cached figures see the change."""
from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import event
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, SQLModel, select

from db import stamp
from db.models import AuditEntry, User
from hub.checks import NAMES_AND_CODES, visible_names
from hub.errors import Invalid, Stale
from hub.i18n import N_, _, moment_text

Row = TypeVar("Row", bound=SQLModel)
STALE = N_("{what} was changed by {person} on {moment} after you opened it; reload it and "
           "apply your change again")
STALE_ANYONE = N_("{what} was changed by someone else after you opened it; reload it and "
                  "apply your change again")


# --- the audit log (one entry per change) --------------------------------------------------

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
    """Log `action` on `row` by `actor`. A create logs the whole row unless changes are given.
    Every write passes here, so here its names and codes (new, or changed) are checked for
    invisible characters."""
    names = NAMES_AND_CODES.get(row.__tablename__, {})
    visible_names(row.__tablename__, {column: getattr(row, column) for column in names
                                      if action == "create" or column in (changes or {})})
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
    session.info[CHANGED] = True
    return entry


# --- the data version ------------------------------------------------------------------------

CHANGED = "bottega.data_changed"


@event.listens_for(OrmSession, "before_commit")
def _move_the_data_version_on(session: OrmSession) -> None:
    """Last statement of a transaction that logged a change (so its row lock is held only
    for the commit, and two writers cannot wait on each other for it). A savepoint's release
    waits for the transaction around it: an import of 3,000 rows moves it on once."""
    if session.in_nested_transaction():
        return
    if session.info.pop(CHANGED, False):
        session.flush()   # every row lock first: the stamp's is the last one taken
        stamp.bump(session)


@event.listens_for(OrmSession, "after_rollback")
def _forget_the_change(session: OrmSession) -> None:
    session.info.pop(CHANGED, None)


# --- edits --------------------------------------------------------------------------------


def sentence(words: str) -> str:
    """The first letter a capital, the rest as written (names keep their own capitals)."""
    return words[:1].upper() + words[1:]


def stale(session: Session, what: str, row: SQLModel | None = None) -> Stale:
    """The refusal of a save over someone else's change, naming who made the last change of
    `row` and when (from the audit log; without a row, or none logged: "someone else")."""
    entry = None
    if row is not None and row.id is not None:
        entry = session.exec(select(AuditEntry, User.name).outerjoin(
            User, User.id == AuditEntry.user_id).where(
            AuditEntry.entity == row.__tablename__, AuditEntry.entity_id == str(row.id))
            .order_by(AuditEntry.id.desc()).limit(1)).first()
    if entry is None:
        return Stale(sentence(_(STALE_ANYONE).format(what=_(what))))
    change, name = entry
    person = f"{name} ({change.username})" if name and name != change.username \
        else change.username
    return Stale(sentence(_(STALE).format(what=_(what), person=person,
                                          moment=moment_text(change.at))))


def load_for_edit(session: Session, model: type[Row], row_id: int, version: int | None,
                  what: str, named: str | None = None) -> Row:
    """The row to change. `version` is the one the editor saw (None: no check, e.g. the CLI).
    `what` names the row when it is gone; `named` ("tenant {name}"), once found."""
    row = session.get(model, row_id, populate_existing=True)
    if row is None:
        raise Invalid("id", sentence(_("{what} no longer exists (it may have been deleted)")
                                     .format(what=_(what))))
    if version is not None and row.version != version:
        raise stale(session, named.format(name=row.name) if named else what, row)
    return row


def flush(session: Session, what: str) -> None:
    """Write pending changes now; a row changed meanwhile (version moved on) is refused. The
    failed transaction can read nothing more, so the refusal names no one."""
    try:
        session.flush()
    except StaleDataError as error:
        raise stale(session, what) from error


def save_changes(session: Session, *, actor: User, row: SQLModel, values: dict,
                 what: str, action: str = "update") -> dict:
    """Apply `values` to a row loaded for edit, write it, and log what really changed."""
    changes = apply_changes(row, values)
    flush(session, what)
    if changes:
        record(session, actor, action, row, changes)
    return changes
