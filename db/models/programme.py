"""The programme: courses, workshops, seminars, events; their sessions, instructors and
enrolments. Session times are minutes from midnight on one day, like bookings, so a session
in a space and a booking of that space compare directly."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, Index
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel

from db.models.base import OnADay, MONEY, utcnow, version_column, versioned
from db.vocabulary import (ENROLMENT_STATUSES, PROGRAMME_FORMATS, PROGRAMME_KINDS,
                           PROGRAMME_STATUSES, sql_in)


class Instructor(SQLModel, table=True):
    """Someone who teaches: a tenant of the hub, or an outside person with a contact."""
    __tablename__ = "instructors"
    __table_args__ = (Index("ix_instructors_name", "name"),)
    __mapper_args__ = declared_attr(versioned)

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int | None = Field(default=None, foreign_key="tenants.id", unique=True,
                                  ondelete="RESTRICT")
    name: str = Field(max_length=120)
    email: str | None = Field(default=None, max_length=254)
    phone: str | None = Field(default=None, max_length=40)
    active: bool = Field(default=True)
    version: int | None = Field(default=None, sa_column=version_column())


class ProgrammeItem(SQLModel, table=True):
    """A course, workshop, seminar, meeting, exhibition or event run by a site."""
    __tablename__ = "programme_items"
    __table_args__ = (
        CheckConstraint(f"kind IN {sql_in(PROGRAMME_KINDS)}", name="kind_known"),
        CheckConstraint(f"format IN {sql_in(PROGRAMME_FORMATS)}", name="format_known"),
        CheckConstraint(f"status IN {sql_in(PROGRAMME_STATUSES)}", name="status_known"),
        CheckConstraint("capacity >= 1", name="capacity_positive"),
        CheckConstraint("price >= 0", name="price_not_negative"),
        Index("ix_programme_items_site_status", "site_id", "status"),
        Index("ix_programme_items_kind_starts", "kind", "starts_on"),
    )
    __mapper_args__ = declared_attr(versioned)

    id: int | None = Field(default=None, primary_key=True)
    site_id: int = Field(foreign_key="sites.id", ondelete="RESTRICT")
    kind: str = Field(max_length=20)
    title: str = Field(max_length=160)
    sector: str = Field(max_length=40, index=True)
    description: str = Field(default="", max_length=4000)
    format: str = Field(default="in_situ", max_length=10)
    capacity: int = Field(default=12)
    price: Decimal = Field(default=Decimal("0"), sa_type=MONEY)
    status: str = Field(default="draft", max_length=10)
    funding: str | None = Field(default=None, max_length=200)
    # The last day a cancellation gets the fee back (hub/billing/); None: the day before the
    # first session.
    refund_deadline: date | None = None
    target_group: str | None = Field(default=None, max_length=120)
    # First and last session day, kept by hub/programme.py whenever sessions change,
    # so lists and yearly figures filter on an indexed column instead of a join.
    starts_on: date | None = None
    ends_on: date | None = None
    created_at: datetime = Field(default_factory=utcnow)
    version: int | None = Field(default=None, sa_column=version_column())


class ProgrammeSession(OnADay, SQLModel, table=True):
    """One meeting of a programme item: a day, a time, a space (or online), an instructor."""
    __tablename__ = "programme_sessions"
    __table_args__ = (
        CheckConstraint("start_minute >= 0 AND end_minute <= 1440", name="within_the_day"),
        CheckConstraint("end_minute > start_minute", name="ends_after_start"),
        Index("ix_programme_sessions_space_day", "space_id", "day"),
        Index("ix_programme_sessions_instructor_day", "instructor_id", "day"),
        Index("ix_programme_sessions_item_day", "item_id", "day"),
    )
    __mapper_args__ = declared_attr(versioned)

    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="programme_items.id", ondelete="CASCADE")
    day: date = Field(index=True)
    start_minute: int
    end_minute: int
    # No space means online (or elsewhere, named in `location`).
    space_id: int | None = Field(default=None, foreign_key="spaces.id", ondelete="RESTRICT")
    location: str | None = Field(default=None, max_length=200)
    instructor_id: int | None = Field(default=None, foreign_key="instructors.id",
                                      ondelete="RESTRICT")
    version: int | None = Field(default=None, sa_column=version_column())


class Enrolment(SQLModel, table=True):
    """A participant in a programme item. The waitlist is served first come, first served:
    by `queued_at`, then id."""
    __tablename__ = "enrolments"
    __table_args__ = (
        CheckConstraint(f"status IN {sql_in(ENROLMENT_STATUSES)}", name="status_known"),
        Index("ix_enrolments_item_status", "item_id", "status", "queued_at"),
    )
    __mapper_args__ = declared_attr(versioned)

    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="programme_items.id", ondelete="CASCADE")
    participant_name: str = Field(max_length=120)
    email: str | None = Field(default=None, max_length=254)
    tenant_id: int | None = Field(default=None, foreign_key="tenants.id", index=True,
                                  ondelete="SET NULL")
    status: str = Field(default="enrolled", max_length=12)
    queued_at: datetime = Field(default_factory=utcnow)
    created_at: datetime = Field(default_factory=utcnow)
    cancelled_at: datetime | None = None
    version: int | None = Field(default=None, sa_column=version_column())
