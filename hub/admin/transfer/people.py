"""Tenants named in import files by name and business (their natural key)."""
from __future__ import annotations

from sqlmodel import Session, select

from db.models import Tenant
from hub.admin.transfer.kind import Lookup
from hub.admin.transfer.values import text
from hub.errors import Invalid


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
        raise Invalid(column, f"{column} is required")
    found = tenant_ids(session, lookup).get(tenant_key(name, business), [])
    if not found:
        raise Invalid(column, f"there is no tenant '{name}'"
                              + (f" of '{business}'" if text(business) else "")
                              + " (import tenants first)")
    if len(found) > 1:
        raise Invalid(column, f"{len(found)} tenants are called '{name}'; add the business "
                              "to say which")
    return found[0]
