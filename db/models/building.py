"""The building: maintenance issues on a space or the common parts (works periods, which take
spaces out of use, are occupancy's: db/models/occupancy.py)."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, Index
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel

from db.models.base import MONEY, utcnow, version_column, versioned
from db.vocabulary import ISSUE_PRIORITIES, ISSUE_STATUSES, sql_in


class BuildingIssue(SQLModel, table=True):
    """Something wrong with the building: on a space, or (no space) on the site's common parts.
    reported -> planned -> in_progress -> done, or dropped (hub/building/issues.py)."""
    __tablename__ = "building_issues"
    __table_args__ = (
        CheckConstraint(f"priority IN {sql_in(ISSUE_PRIORITIES)}", name="priority_known"),
        CheckConstraint(f"status IN {sql_in(ISSUE_STATUSES)}", name="status_known"),
        CheckConstraint("cost_estimate IS NULL OR cost_estimate >= 0",
                        name="estimate_not_negative"),
        CheckConstraint("final_cost IS NULL OR final_cost >= 0", name="cost_not_negative"),
        Index("ix_building_issues_site_status", "site_id", "status"),
    )
    __mapper_args__ = declared_attr(versioned)

    id: int | None = Field(default=None, primary_key=True)
    site_id: int = Field(foreign_key="sites.id", ondelete="RESTRICT")
    space_id: int | None = Field(default=None, foreign_key="spaces.id", index=True,
                                 ondelete="RESTRICT")
    title: str = Field(max_length=160)
    description: str | None = Field(default=None, max_length=4000)
    priority: str = Field(default="normal", max_length=10)
    status: str = Field(default="reported", max_length=12)
    reported_by: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    reported_on: date
    contractor: str | None = Field(default=None, max_length=160)
    cost_estimate: Decimal | None = Field(default=None, sa_type=MONEY)
    final_cost: Decimal | None = Field(default=None, sa_type=MONEY)
    notes: str | None = Field(default=None, max_length=4000)
    closed_on: date | None = None
    created_at: datetime = Field(default_factory=utcnow)
    version: int | None = Field(default=None, sa_column=version_column())
