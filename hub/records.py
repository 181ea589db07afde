"""Loading a record for an edit, so a save made from a stale screen is refused."""
from __future__ import annotations

from typing import TypeVar

from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, SQLModel

from db.models import User
from hub.audit import apply_changes, record
from hub.errors import Invalid, Stale

Row = TypeVar("Row", bound=SQLModel)
STALE = "{what} was changed by someone else after you opened it; reload it and apply your change again"


def load_for_edit(session: Session, model: type[Row], row_id: int, version: int | None,
                  what: str) -> Row:
    """The row to change. `version` is the one the editor saw (None: no check, e.g. the CLI)."""
    row = session.get(model, row_id, populate_existing=True)
    if row is None:
        raise Invalid("id", f"{what} no longer exists (it may have been deleted)")
    if version is not None and row.version != version:
        raise Stale(STALE.format(what=what))
    return row


def flush(session: Session, what: str) -> None:
    """Write pending changes now; a row changed meanwhile (version moved on) is refused."""
    try:
        session.flush()
    except StaleDataError as error:
        raise Stale(STALE.format(what=what)) from error


def save_changes(session: Session, *, actor: User, row: SQLModel, values: dict,
                 what: str, action: str = "update") -> dict:
    """Apply `values` to a row loaded for edit, write it, and log what really changed."""
    changes = apply_changes(row, values)
    flush(session, what)
    if changes:
        record(session, actor, action, row, changes)
    return changes
