"""Who may do what. Checked where the write happens, not only by hiding a button."""
from __future__ import annotations

from db.models import User
from hub.errors import Forbidden
from hub.i18n import _
from hub.words import label

# Who keeps the public listings (tenants, programme, partners) and manages enrolments.
EDITORS = ("manager", "communication")
# Who keeps the building and its records: sites, spaces, leases, bookings, works, tenants'
# records, building issues' plans, imports and backups.
MANAGERS = ("manager",)

# Named permissions: the roles a write checks (require_role(actor, *SPACE_KEEPERS)) and the
# gate a screen asks before drawing its form (keeps_spaces(user)) are one and the same.
# tests/registry/test_gates.py holds each gate to the writes the registry says it opens.
SITE_KEEPERS = MANAGERS        # sites and their opening hours (hub/sites.py)
SPACE_KEEPERS = MANAGERS       # spaces, leases, bookings, works (hub/occupancy/)
TENANT_KEEPERS = MANAGERS      # adding, editing and retiring tenants (hub/tenants/roster.py)
ISSUE_REPORTERS = EDITORS      # reporting a building issue (hub/building/issues.py)
ISSUE_PLANNERS = MANAGERS      # planning and closing building issues (hub/building/issues.py)
IMPORTERS = MANAGERS           # imports (hub/admin/transfer/)
BILLERS = MANAGERS             # charges, invoices, credit notes, payments, reminders (hub/billing/)


def require_role(actor: User, *roles: str) -> None:
    """Refuse unless the acting user is active and holds one of `roles`."""
    if not actor.active or actor.role not in roles:
        allowed = _(" or ").join(label("role", role) for role in roles)
        raise Forbidden(_("only a {allowed} may do this; you are signed in as {role}").format(
            allowed=allowed, role=label("role", actor.role)))


def sees_contacts(actor: User) -> bool:
    """Emails and phones are personal data: never shown to a viewer."""
    return actor.role in ("manager", "communication")


def sees_rents(actor: User) -> bool:
    return actor.role == "manager"


def _holds(actor: User, roles: tuple[str, ...]) -> bool:
    return actor.active and actor.role in roles


def keeps_sites(actor: User) -> bool:
    """May add, edit and archive sites: the first steps of a new hub."""
    return _holds(actor, SITE_KEEPERS)


def keeps_spaces(actor: User) -> bool:
    """May add and change spaces, leases, bookings and works."""
    return _holds(actor, SPACE_KEEPERS)


def keeps_tenants(actor: User) -> bool:
    """May add, edit and retire tenants."""
    return _holds(actor, TENANT_KEEPERS)


def reports_issues(actor: User) -> bool:
    """May report a building issue and read the staff's notes on issues and works."""
    return _holds(actor, ISSUE_REPORTERS)


def plans_issues(actor: User) -> bool:
    """May plan, progress and close building issues (anyone on the staff reports one)."""
    return _holds(actor, ISSUE_PLANNERS)


def edits_listings(actor: User) -> bool:
    """May keep the public listings, the programme, enrolments and partners."""
    return _holds(actor, EDITORS)


def bills(actor: User) -> bool:
    """May see payers and their money, bill, record payments and send reminders."""
    return _holds(actor, BILLERS)


def imports_data(actor: User) -> bool:
    """May import spreadsheets in Admin."""
    return _holds(actor, IMPORTERS)
