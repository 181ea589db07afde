"""The tables. Rules that SQL can hold are constraints here; the rest live in hub/.

Every table people edit carries a `version` column used as SQLAlchemy's version_id_col:
an UPDATE names the version it read, so a stale save matches no row and is refused.
One module per area; importing this package registers every table on SQLModel.metadata.
"""
from db.models.base import MONEY, utcnow, version_column, versioned
from db.models.billing import (Allocation, Charge, Invoice, InvoiceCounter, Payer, Payment,
                               Reminder)
from db.models.building import BuildingIssue
from db.models.core import AuditEntry, DataVersion, SignInFailure, Site, User
from db.models.occupancy import Booking, Lease, Space, WorksPeriod, WorksSpace
from db.models.partners import Contact, Interaction, Partner, PartnerItemLink, PartnerTenantLink
from db.models.programme import Enrolment, Instructor, ProgrammeItem, ProgrammeSession
from db.models.tenants import Tenant, TenantListing

__all__ = [
    "MONEY", "utcnow", "version_column", "versioned",
    "BuildingIssue", "WorksPeriod", "WorksSpace",
    "AuditEntry", "DataVersion", "SignInFailure", "Site", "Space", "Tenant", "TenantListing", "User",
    "Booking", "Lease",
    "Contact", "Interaction", "Partner", "PartnerItemLink", "PartnerTenantLink",
    "Enrolment", "Instructor", "ProgrammeItem", "ProgrammeSession",
    "Allocation", "Charge", "Invoice", "InvoiceCounter", "Payer", "Payment", "Reminder",
]
