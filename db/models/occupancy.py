"""Occupancy: leases of labs and benches, bookings of bookable spaces."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, Index
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel

from db.models.base import MONEY, utcnow, version_column, versioned


class Lease(SQLModel, table=True):
    """A tenant holds a leasable space from a start date to an end date (or open-ended).
    Both dates are days of occupation: a lease ending on the 31st and one starting on the 1st
    touch without overlapping. Two leases of one space never overlap (hub/, and on
    PostgreSQL an exclusion constraint too)."""
    __tablename__ = "leases"
    __table_args__ = (
        CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name="ends_after_start"),
        CheckConstraint("monthly_rent >= 0", name="rent_not_negative"),
        CheckConstraint("deposit IS NULL OR deposit >= 0", name="deposit_not_negative"),
        Index("ix_leases_space_starts", "space_id", "starts_on"),
    )
    __mapper_args__ = declared_attr(versioned)

    id: int | None = Field(default=None, primary_key=True)
    space_id: int = Field(foreign_key="spaces.id", ondelete="RESTRICT")
    tenant_id: int = Field(foreign_key="tenants.id", index=True, ondelete="RESTRICT")
    starts_on: date
    ends_on: date | None = Field(default=None, index=True)
    monthly_rent: Decimal = Field(sa_type=MONEY)
    deposit: Decimal | None = Field(default=None, sa_type=MONEY)
    notes: str | None = Field(default=None, max_length=1000)
    created_at: datetime = Field(default_factory=utcnow)
    version: int | None = Field(default=None, sa_column=version_column())


class Booking(SQLModel, table=True):
    """Short use of a bookable space on one day, in minutes from midnight (site time).
    Never more places booked at once than the space's capacity; a cancellation is kept."""
    __tablename__ = "bookings"
    __table_args__ = (
        CheckConstraint("start_minute >= 0 AND end_minute <= 1440", name="within_the_day"),
        CheckConstraint("end_minute > start_minute", name="ends_after_start"),
        CheckConstraint("places >= 1", name="places_positive"),
        CheckConstraint("status IN ('booked', 'cancelled')", name="status_known"),
        CheckConstraint("tenant_id IS NOT NULL OR guest_name IS NOT NULL", name="has_someone"),
        Index("ix_bookings_space_day", "space_id", "day"),
    )
    __mapper_args__ = declared_attr(versioned)

    id: int | None = Field(default=None, primary_key=True)
    space_id: int = Field(foreign_key="spaces.id", ondelete="RESTRICT")
    tenant_id: int | None = Field(default=None, foreign_key="tenants.id", index=True,
                                  ondelete="RESTRICT")
    guest_name: str | None = Field(default=None, max_length=120)
    purpose: str = Field(default="", max_length=200)
    day: date = Field(index=True)
    start_minute: int
    end_minute: int
    places: int = Field(default=1)
    status: str = Field(default="booked", max_length=10)
    created_by: str = Field(default="", max_length=32)
    cancelled_at: datetime | None = None
    cancelled_by: str | None = Field(default=None, max_length=32)
    version: int | None = Field(default=None, sa_column=version_column())
