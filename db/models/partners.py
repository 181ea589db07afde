"""The network: partner organisations, their people, what we did together, and whom they
are linked to among tenants and programme items."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Index, UniqueConstraint
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel

from db.models.base import utcnow, version_column, versioned
from db.vocabulary import (INTERACTION_KINDS, ITEM_LINK_ROLES, PARTNER_KINDS, PARTNER_REGIONS,
                           PARTNER_STATUSES, TENANT_LINK_KINDS, sql_in)


class Partner(SQLModel, table=True):
    """An organisation in the hub's network. `region` is derived from country and city by
    hub/partners.py on every save; it is stored so filters and figures use an index."""
    __tablename__ = "partners"
    __table_args__ = (
        CheckConstraint(f"kind IN {sql_in(PARTNER_KINDS)}", name="kind_known"),
        CheckConstraint(f"status IN {sql_in(PARTNER_STATUSES)}", name="status_known"),
        CheckConstraint(f"region IN {sql_in(PARTNER_REGIONS)}", name="region_known"),
        CheckConstraint("length(country) = 2 AND country = upper(country)",
                        name="country_iso_code"),
        Index("ix_partners_region_kind", "region", "kind"),
    )
    __mapper_args__ = declared_attr(versioned)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=160, index=True)
    kind: str = Field(max_length=24)
    country: str = Field(max_length=2, index=True)
    region: str = Field(max_length=20)
    city: str | None = Field(default=None, max_length=80)
    website: str | None = Field(default=None, max_length=300)
    status: str = Field(default="prospect", max_length=10, index=True)
    since: date | None = None
    # Comma-separated, lower case, no spaces around commas: "ceramics,export".
    tags: str = Field(default="", max_length=400)
    notes: str | None = Field(default=None, max_length=4000)
    created_at: datetime = Field(default_factory=utcnow)
    version: int | None = Field(default=None, sa_column=version_column())


class Contact(SQLModel, table=True):
    """A person at a partner. Personal data: never shown to a viewer."""
    __tablename__ = "partner_contacts"
    __mapper_args__ = declared_attr(versioned)

    id: int | None = Field(default=None, primary_key=True)
    partner_id: int = Field(foreign_key="partners.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=120)
    role: str | None = Field(default=None, max_length=120)
    email: str | None = Field(default=None, max_length=254)
    phone: str | None = Field(default=None, max_length=40)
    language: str | None = Field(default=None, max_length=40)
    version: int | None = Field(default=None, sa_column=version_column())


class Interaction(SQLModel, table=True):
    """Something that happened with a partner, with an optional follow-up date."""
    __tablename__ = "interactions"
    __table_args__ = (
        CheckConstraint(f"kind IN {sql_in(INTERACTION_KINDS)}", name="kind_known"),
        Index("ix_interactions_partner_day", "partner_id", "day"),
        Index("ix_interactions_follow_up", "follow_up_done_at", "follow_up_on"),
    )
    __mapper_args__ = declared_attr(versioned)

    id: int | None = Field(default=None, primary_key=True)
    partner_id: int = Field(foreign_key="partners.id", ondelete="CASCADE")
    day: date = Field(index=True)
    kind: str = Field(max_length=20)
    summary: str = Field(max_length=2000)
    owner_id: int | None = Field(default=None, foreign_key="users.id", index=True,
                                 ondelete="SET NULL")
    follow_up_on: date | None = None
    follow_up_done_at: datetime | None = None
    follow_up_done_by: str | None = Field(default=None, max_length=32)
    created_at: datetime = Field(default_factory=utcnow)
    version: int | None = Field(default=None, sa_column=version_column())


class PartnerTenantLink(SQLModel, table=True):
    """A partner working with a tenant: a buyer selling their work, a school sending trainees."""
    __tablename__ = "partner_tenant_links"
    __table_args__ = (
        UniqueConstraint("partner_id", "tenant_id", "kind", name="uq_partner_tenant_links_kind"),
        CheckConstraint(f"kind IN {sql_in(TENANT_LINK_KINDS)}", name="kind_known"),
        CheckConstraint("ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on",
                        name="ends_after_start"),
    )
    __mapper_args__ = declared_attr(versioned)

    id: int | None = Field(default=None, primary_key=True)
    partner_id: int = Field(foreign_key="partners.id", ondelete="CASCADE")
    tenant_id: int = Field(foreign_key="tenants.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=20)
    starts_on: date | None = None
    ends_on: date | None = None
    notes: str | None = Field(default=None, max_length=1000)
    version: int | None = Field(default=None, sa_column=version_column())


class PartnerItemLink(SQLModel, table=True):
    """A partner's part in a programme item: co-organiser, funder, venue, ..."""
    __tablename__ = "partner_item_links"
    __table_args__ = (
        UniqueConstraint("partner_id", "item_id", "role", name="uq_partner_item_links_role"),
        CheckConstraint(f"role IN {sql_in(ITEM_LINK_ROLES)}", name="role_known"),
    )
    __mapper_args__ = declared_attr(versioned)

    id: int | None = Field(default=None, primary_key=True)
    partner_id: int = Field(foreign_key="partners.id", ondelete="CASCADE")
    item_id: int = Field(foreign_key="programme_items.id", index=True, ondelete="CASCADE")
    role: str = Field(max_length=20)
    version: int | None = Field(default=None, sa_column=version_column())
