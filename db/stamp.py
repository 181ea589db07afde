"""The data version: one number every write moves on, in the write's own transaction.

Each app process caches figures; keyed on this number, a change made through one process is
seen by the others at their next rerun. Reading it is one primary-key lookup.
"""
from __future__ import annotations

from sqlalchemy import insert, select, update

from db.models import DataVersion, utcnow

TABLE = DataVersion.__table__


def bump(executor) -> None:
    """Move the stamp on; `executor` is a Session or a Connection inside the write's
    transaction. The row is made if a database built without migrations lacks it."""
    moved = executor.execute(update(TABLE).where(TABLE.c.id == 1)
                             .values(stamp=TABLE.c.stamp + 1, changed_at=utcnow()))
    if not moved.rowcount:
        executor.execute(insert(TABLE).values(id=1, stamp=2, changed_at=utcnow()))


def current(executor) -> int:
    """The stamp now (0 when the row or the table is missing: nothing written yet)."""
    return executor.execute(select(TABLE.c.stamp).where(TABLE.c.id == 1)).scalar() or 0


def changed_at(executor):
    """When the last write happened (None before the first)."""
    return executor.execute(select(TABLE.c.changed_at).where(TABLE.c.id == 1)).scalar()
