"""Tenants: the artisans and craft businesses working in the hub."""
from __future__ import annotations

from datetime import date

from sqlalchemy import or_
from sqlmodel import Session, select

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


def tenant_choices(session: Session, *, on: date) -> list[tuple[int, str]]:
    """(id, "Name — Business") of the tenants in the hub on `on`, by name: for pickers."""
    rows = session.exec(select(Tenant.id, Tenant.name, Tenant.business)
                        .where(Tenant.joined_on <= on,
                               or_(Tenant.left_on.is_(None), Tenant.left_on >= on))
                        .order_by(Tenant.name))
    return [(tenant_id, f"{name} — {business}" if business else name)
            for tenant_id, name, business in rows]
