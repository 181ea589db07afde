"""Occupancy: the spaces of a site, leases of labs and benches, bookings of bookable spaces,
and works periods that take spaces out of use from a day to a day (both included)."""
from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar
from decimal import Decimal

from sqlalchemy import CheckConstraint, Index, UniqueConstraint, and_, or_
from sqlalchemy.ext.hybrid import hybrid_method
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel

from db.models.base import OnADay, MONEY, utcnow, version_column, versioned
from db.vocabulary import SPACE_KINDS, sql_in


class Space(SQLModel, table=True):
    """A unit of a site: a laboratory, a bench, the pottery workshop, a room."""
    __tablename__ = "spaces"
    __table_args__ = (
        UniqueConstraint("site_id", "code", name="uq_spaces_site_code"),
        CheckConstraint(f"kind IN {sql_in(SPACE_KINDS)}", name="kind_known"),
        CheckConstraint("area_m2 >= 0", name="area_not_negative"),
        CheckConstraint("capacity >= 1", name="capacity_positive"),
        CheckConstraint("monthly_rent IS NULL OR monthly_rent >= 0", name="rent_not_negative"),
        CheckConstraint("hourly_rate IS NULL OR hourly_rate >= 0", name="hourly_not_negative"),
        CheckConstraint("daily_rate IS NULL OR daily_rate >= 0", name="daily_not_negative"),
        Index("ix_spaces_site_kind", "site_id", "kind"),
    )
    __mapper_args__ = declared_attr(versioned)

    id: int | None = Field(default=None, primary_key=True)
    site_id: int = Field(foreign_key="sites.id", ondelete="RESTRICT")
    code: str = Field(max_length=16)
    name: str = Field(max_length=120)
    kind: str = Field(max_length=20)
    floor: str | None = Field(default=None, max_length=20)
    area_m2: float = Field(default=0)
    capacity: int = Field(default=1)
    equipment: str | None = Field(default=None, max_length=1000)
    monthly_rent: Decimal | None = Field(default=None, sa_type=MONEY)
    hourly_rate: Decimal | None = Field(default=None, sa_type=MONEY)
    daily_rate: Decimal | None = Field(default=None, sa_type=MONEY)
    leasable: bool = Field(default=False)
    bookable: bool = Field(default=False)
    active: bool = Field(default=True, index=True)
    # The first day the space is part of the hub (one added on the screens or by an import:
    # that day, unless given); None: in use since before the hub's records began. Occupancy
    # counts a space as leasable from here on (or from its first lease, if earlier).
    opened_on: date | None = Field(default=None)
    version: int | None = Field(default=None, sa_column=version_column())


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

    # "The lease holds day D", written once: usable on a loaded lease and in a query
    # (`select(Lease).where(Lease.holds(day))`). An open lease (no end) runs on for good.
    def _holds(self, day: date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or self.ends_on >= day)

    def _holds_in_sql(cls, day):
        return and_(cls.starts_on <= day, or_(cls.ends_on.is_(None), cls.ends_on >= day))

    holds: ClassVar = hybrid_method(_holds, _holds_in_sql)

    def _overlaps(self, first: date, last: date | None = None) -> bool:
        """Holds some day from `first` to `last` (both included; no `last`: from `first` on)."""
        return (last is None or self.starts_on <= last) \
            and (self.ends_on is None or self.ends_on >= first)

    def _overlaps_in_sql(cls, first, last=None):
        runs = or_(cls.ends_on.is_(None), cls.ends_on >= first)
        return runs if last is None else and_(cls.starts_on <= last, runs)

    overlaps: ClassVar = hybrid_method(_overlaps, _overlaps_in_sql)


class Booking(OnADay, SQLModel, table=True):
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


class WorksPeriod(SQLModel, table=True):
    """Works that take spaces out of use from `starts_on` to `ends_on`, both days included.
    A cancelled period (cancelled_at set) no longer closes anything; its record stays."""
    __tablename__ = "works_periods"
    __table_args__ = (
        CheckConstraint("ends_on >= starts_on", name="ends_after_start"),
        Index("ix_works_periods_site_days", "site_id", "starts_on", "ends_on"),
    )
    __mapper_args__ = declared_attr(versioned)

    id: int | None = Field(default=None, primary_key=True)
    site_id: int = Field(foreign_key="sites.id", ondelete="RESTRICT")
    issue_id: int | None = Field(default=None, foreign_key="building_issues.id", index=True,
                                 ondelete="SET NULL")
    title: str = Field(max_length=160)
    starts_on: date
    ends_on: date
    notes: str | None = Field(default=None, max_length=4000)
    cancelled_at: datetime | None = None
    cancelled_by: str | None = Field(default=None, max_length=32)
    created_at: datetime = Field(default_factory=utcnow)
    version: int | None = Field(default=None, sa_column=version_column())

    # Works not cancelled close their spaces from starts_on to ends_on, both included: on a
    # loaded period and in a query (`select(WorksPeriod).where(WorksPeriod.closes(day))`).
    def _closes(self, day: date) -> bool:
        return self.cancelled_at is None and self.starts_on <= day <= self.ends_on

    def _closes_in_sql(cls, day):
        return and_(cls.cancelled_at.is_(None), cls.starts_on <= day, cls.ends_on >= day)

    closes: ClassVar = hybrid_method(_closes, _closes_in_sql)

    def _closes_between(self, first: date, last: date) -> bool:
        """Closes some day from `first` to `last` (both included)."""
        return self.cancelled_at is None and self.starts_on <= last and self.ends_on >= first

    def _closes_between_in_sql(cls, first, last):
        return and_(cls.cancelled_at.is_(None), cls.starts_on <= last, cls.ends_on >= first)

    closes_between: ClassVar = hybrid_method(_closes_between, _closes_between_in_sql)


class WorksSpace(SQLModel, table=True):
    """A space a works period takes out of use."""
    __tablename__ = "works_spaces"

    works_id: int = Field(foreign_key="works_periods.id", primary_key=True, ondelete="CASCADE")
    space_id: int = Field(foreign_key="spaces.id", primary_key=True, index=True,
                          ondelete="RESTRICT")
