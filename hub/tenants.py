"""Tenants: the artisans and craft businesses working in the hub."""
from __future__ import annotations

from sqlmodel import Session

from db.models import Tenant, User
from hub.errors import Invalid
from hub.records import load_for_edit, save_changes
from hub.roles import require_role

MAX_NOTES = 4000


def edit_staff_notes(session: Session, *, actor: User, tenant_id: int, version: int | None,
                     notes: str) -> Tenant:
    """Staff notes about a tenant: kept by the manager and the communication team."""
    require_role(actor, "manager", "communication")
    notes = (notes or "").strip()
    if len(notes) > MAX_NOTES:
        raise Invalid("notes", f"notes are longer than {MAX_NOTES} characters")
    tenant = load_for_edit(session, Tenant, tenant_id, version, f"tenant {tenant_id}")
    save_changes(session, actor=actor, row=tenant, values={"notes": notes or None},
                 what=f"the notes of {tenant.name}")
    return tenant
