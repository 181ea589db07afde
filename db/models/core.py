"""What every area shares: sites, users, failed sign-ins, the audit log, the data version."""
from __future__ import annotations

from datetime import datetime, time
from decimal import Decimal

from sqlalchemy import JSON, CheckConstraint, Index
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel

from db.models.base import MONEY, utcnow, version_column, versioned
from db.vocabulary import LANGUAGES, ROLES, sql_in


class Site(SQLModel, table=True):
    """One hub building."""
    __tablename__ = "sites"
    __table_args__ = (
        CheckConstraint("total_area_m2 >= 0", name="area_not_negative"),
        CheckConstraint("opens_at < closes_at", name="opens_before_closing"),
        CheckConstraint("length(country) = 2 AND country = upper(country)", name="country_iso_code"),
        CheckConstraint("building_budget IS NULL OR building_budget >= 0",
                        name="budget_not_negative"),
    )
    __mapper_args__ = declared_attr(versioned)

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=12, unique=True)
    name: str = Field(max_length=120, unique=True)
    city: str = Field(max_length=80)
    country: str = Field(max_length=2, default="IT")
    total_area_m2: float = Field(default=0)
    # Opening hours bound what can be booked: weekdays as digits, Monday = 0.
    opens_at: time = Field(default=time(8, 0), sa_column_kwargs={"server_default": "08:00:00"})
    closes_at: time = Field(default=time(20, 0), sa_column_kwargs={"server_default": "20:00:00"})
    open_weekdays: str = Field(default="012345", max_length=7,
                               sa_column_kwargs={"server_default": "012345"})
    address: str | None = Field(default=None, max_length=200)
    # An IANA zone name; the hub's dates and opening hours are read in it.
    timezone: str = Field(default="Europe/Rome", max_length=60,
                          sa_column_kwargs={"server_default": "Europe/Rome"})
    # Set when the building leaves the network: it drops out of pickers and figures, its
    # history stays.
    archived_at: datetime | None = Field(default=None, index=True)
    # What the site means to spend on the building in a year (maintenance and works), euros.
    building_budget: Decimal | None = Field(default=None, sa_type=MONEY)
    version: int | None = Field(default=None, sa_column=version_column())


class User(SQLModel, table=True):
    """Someone who signs in to Bottega."""
    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint(f"role IN {sql_in(ROLES)}", name="role_known"),
        CheckConstraint("username = lower(username)", name="username_lowercase"),
        CheckConstraint(f"language IN {sql_in(LANGUAGES)}", name="language_known"),
    )
    __mapper_args__ = declared_attr(versioned)

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=32, unique=True)
    name: str = Field(max_length=120)
    email: str = Field(max_length=254)
    password_hash: str = Field(max_length=100)
    role: str = Field(max_length=16, index=True)
    # What the screens speak to this user: it or en (hub/i18n.py).
    language: str = Field(default="en", max_length=2,
                          sa_column_kwargs={"server_default": "en"})
    active: bool = Field(default=True)
    # Sign-in cookies issued before this moment are refused (log out, deactivation, reset).
    sessions_valid_after: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)
    last_login_at: datetime | None = None
    version: int | None = Field(default=None, sa_column=version_column())


class SignInFailure(SQLModel, table=True):
    """One refused sign-in: the username as typed (an account or not) and the address it came
    from. Recent rows pause that username at that address, or the address itself
    (hub/admin/sign_in.py); rows older than a day are deleted as new ones come."""
    __tablename__ = "sign_in_failures"
    __table_args__ = (Index("ix_sign_in_failures_address_at", "address", "at"),
                      Index("ix_sign_in_failures_username_at", "username", "at"))

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    username: str = Field(max_length=64)
    address: str = Field(max_length=64)


class AuditEntry(SQLModel, table=True):
    """Who changed what, when, from which value to which."""
    __tablename__ = "audit_entries"
    __table_args__ = (Index("ix_audit_entries_entity", "entity", "entity_id"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    user_id: int | None = Field(default=None, foreign_key="users.id", index=True,
                                ondelete="SET NULL")
    # Kept as text too, so the log still names the person if the account goes.
    username: str = Field(max_length=32)
    action: str = Field(max_length=20)
    entity: str = Field(max_length=40)
    entity_id: str = Field(max_length=40)
    changes: dict = Field(default_factory=dict, sa_type=JSON)


class DataVersion(SQLModel, table=True):
    """One row: a number every write moves on, in the write's own transaction. Every process's
    cached figures are keyed on it, so a change made in one process shows in the others."""
    __tablename__ = "data_version"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: int = Field(default=1, primary_key=True)
    stamp: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    changed_at: datetime = Field(default_factory=utcnow)
