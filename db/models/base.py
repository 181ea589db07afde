"""What every table shares: constraint names, aware UTC time, the version column."""
from __future__ import annotations

from datetime import UTC, date, datetime
from typing import ClassVar

from sqlalchemy import Column, Integer, Numeric, and_
from sqlalchemy.ext.hybrid import hybrid_method
from sqlmodel import SQLModel

# Stable constraint names, so migrations (and SQLite batch mode) can address them.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

MONEY = Numeric(10, 2)


def utcnow() -> datetime:
    """Now, timezone-aware in UTC: SQLModel stores aware datetimes and returns them in UTC."""
    return datetime.now(UTC)


def version_column() -> Column:
    return Column("version", Integer, nullable=False, server_default="1")


def versioned(cls) -> dict:
    return {"version_id_col": cls.__table__.c.version}


class OnADay:
    """A record of one `day` (a booking, a programme session): `falls_between(first, last)` on a
    loaded record and in a query (`select(Booking).where(Booking.falls_between(a, b))`)."""

    def _falls_between(self, first: date, last: date | None = None) -> bool:
        """On a day from `first` to `last` (both included; no `last`: from `first` on)."""
        return self.day >= first and (last is None or self.day <= last)

    def _falls_between_in_sql(cls, first, last=None):
        return cls.day >= first if last is None else and_(cls.day >= first, cls.day <= last)

    falls_between: ClassVar = hybrid_method(_falls_between, _falls_between_in_sql)
