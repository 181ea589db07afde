"""Tenants named in import files by name and business (their natural key)."""
from __future__ import annotations

from sqlmodel import Session, select

from db.models import Tenant
from hub.admin.transfer.kind import Lookup
from hub.admin.transfer.values import text
from hub.errors import Invalid
from hub.i18n import _


def tenant_key(name: str | None, business: str | None) -> tuple[str, str]:
    return ((name or "").strip().lower(), (business or "").strip().lower())


def tenant_ids(session: Session, lookup: Lookup) -> dict[tuple[str, str], list[int]]:
    """(name, business) in lower case -> the ids of tenants holding it (loaded once)."""
    ids = lookup.cache.get("tenants")
    if ids is None:
        ids = lookup.cache["tenants"] = {}
        for tenant_id, name, business in session.exec(
                select(Tenant.id, Tenant.name, Tenant.business)):
            ids.setdefault(tenant_key(name, business), []).append(tenant_id)
    return ids


def find_tenant(session: Session, lookup: Lookup, name: str | None, business: str | None,
                *, column: str = "tenant") -> int:
    name = text(name)
    if name is None:
        raise Invalid(column, _("{column} is required").format(column=column))
    found = tenant_ids(session, lookup).get(tenant_key(name, business), [])
    if not found:
        if text(business):
            raise Invalid(column, _("there is no tenant '{name}' of '{business}' (import "
                                    "tenants first)").format(name=name, business=business))
        raise Invalid(column, _("there is no tenant '{name}' (import tenants first)").format(
            name=name))
    if len(found) > 1:
        raise Invalid(column, _("{count} tenants are called '{name}'; add the business to say "
                                "which").format(count=len(found), name=name))

    return found[0]
