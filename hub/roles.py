"""Who may do what. Checked where the write happens, not only by hiding a button."""
from __future__ import annotations

from db.models import User
from hub.errors import Forbidden
from hub.i18n import _
from hub.words import label

# Who keeps the public listings (tenants, programme, partners) and manages enrolments.
EDITORS = ("manager", "communication")


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
