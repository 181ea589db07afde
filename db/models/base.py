"""What every table shares: constraint names, aware UTC time, the version column."""
from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Column, Integer, Numeric
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


