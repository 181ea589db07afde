"""Import and export of the hub's records as CSV or XLSX files (the Admin screen and
`python -m db import/export`). Every imported row goes through the same hub/ function the
screens use, so validation, roles and the audit log apply; a file is imported whole or not
at all, and every bad row is reported with its line number (the header is line 1)."""
from __future__ import annotations

from hub.admin.transfer import (bookings, contacts, enrolments, instructors, interactions,
                                invoices, leases, links, partners, payments, programme, sessions,
                                sites, spaces, tenants)
from hub.admin.transfer.formats import file_format, FileRefused, FORMATS
from hub.admin.transfer.kind import Kind
from hub.errors import Invalid
from hub.i18n import _
from hub.admin.transfer.run import (ImportRefused, Outcome, check_file, export_file, import_file,
                              template)
from hub.admin.transfer.sites import example_site

# In the order a new hub imports them: each names records of the kinds before it.
KINDS: dict[str, Kind] = {kind.name: kind for kind in (
    sites.KIND, spaces.KIND, tenants.KIND, leases.KIND, bookings.KIND, instructors.KIND,
    programme.KIND, sessions.KIND, enrolments.KIND, partners.KIND, contacts.KIND,
    interactions.KIND, links.KIND)}
# Billing's files, after the hub's: KINDS export and import back to the same bytes; these do
# not. Invoices are exported only (the month's billing run issues them); a payment's reference
# is booked once, so a file of payments imported again is refused, not read back unchanged.
BILLING: dict[str, Kind] = {kind.name: kind for kind in (invoices.KIND, payments.KIND)}

__all__ = ["BILLING", "FORMATS", "KINDS", "FileRefused", "ImportRefused", "Kind", "Outcome",
           "check_file", "example_site", "export_file", "exported", "file_format", "get_kind",
           "import_file", "imported", "template"]


def exported() -> dict[str, Kind]:
    """Every kind a file is exported of, in the README's order."""
    return {**KINDS, **BILLING}


def imported() -> dict[str, Kind]:
    """Every kind a file is imported of, in the order a new hub imports them."""
    return {name: kind for name, kind in exported().items() if kind.imports}


def get_kind(name: str) -> Kind:
    kind = exported().get((name or "").strip().lower())
    if kind is None:
        raise Invalid("kind", _("'{name}' is not something Bottega imports or exports; choose "
                                "one of {kinds}").format(name=name, kinds=", ".join(exported())))

    return kind
