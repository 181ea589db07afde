"""The tenants: the artisans and businesses of a site, and the public listing of each."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Index
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel

from db.models.base import version_column, versioned
from db.vocabulary import RESIDENCIES, sql_in


class Tenant(SQLModel, table=True):
    """An artisan or craft business working in the hub."""
    __tablename__ = "tenants"
    __table_args__ = (
        CheckConstraint(f"residency IN {sql_in(RESIDENCIES)}", name="residency_known"),
        CheckConstraint("left_on IS NULL OR left_on >= joined_on", name="left_after_joined"),
        CheckConstraint("length(origin_country) = 2 AND origin_country = upper(origin_country)",
                        name="country_iso_code"),
        # Target-group flags are personal data: held only with a recorded consent.
        CheckConstraint("consent_on IS NOT NULL OR (young_entrepreneur IS NULL AND "
                        "female_led IS NULL AND startup IS NULL)", name="flags_need_consent"),
        Index("ix_tenants_name_business", "name", "business"),
    )
    __mapper_args__ = declared_attr(versioned)

    id: int | None = Field(default=None, primary_key=True)
    site_id: int = Field(foreign_key="sites.id", index=True, ondelete="RESTRICT")
    name: str = Field(max_length=120)
    business: str | None = Field(default=None, max_length=160)
    sector: str = Field(max_length=40, index=True)
    origin_country: str = Field(max_length=2, index=True)
    residency: str = Field(default="resident", max_length=10, index=True)
    joined_on: date
    left_on: date | None = Field(default=None, index=True)
    email: str | None = Field(default=None, max_length=254)
    phone: str | None = Field(default=None, max_length=40)
    consent_on: date | None = None
    young_entrepreneur: bool | None = None
    female_led: bool | None = None
    startup: bool | None = None
    notes: str | None = Field(default=None, max_length=4000)
    version: int | None = Field(default=None, sa_column=version_column())


class TenantListing(SQLModel, table=True):
    """A tenant's public face on the website, kept by the communication team. Its own row
    (and version), so a listing edit never collides with the manager editing the tenant."""
    __tablename__ = "tenant_listings"
    __table_args__ = (Index("ix_tenant_listings_published", "published", "updated_at"),)
    __mapper_args__ = declared_attr(versioned)

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenants.id", unique=True, ondelete="CASCADE")
    bio: str = Field(default="", max_length=2000)
    website: str | None = Field(default=None, max_length=300)
    instagram: str | None = Field(default=None, max_length=60)
    keywords: str = Field(default="", max_length=300)
    photo_url: str | None = Field(default=None, max_length=500)
    published: bool = Field(default=False)
    updated_at: datetime | None = None
    updated_by: str | None = Field(default=None, max_length=32)
    version: int | None = Field(default=None, sa_column=version_column())
