"""instructors: who teaches, a tenant of the hub or an outside person. Key: name + email
(the same outside name at two sites is two people with two addresses)."""
from __future__ import annotations

from sqlmodel import Session, select

from db.models import Instructor, Tenant, User
from hub.admin.transfer.kind import Kind, Lookup
from hub.admin.transfer.people import find_tenant
from hub.admin.transfer.values import cell, required, text
from hub.checks import FieldChecks
from hub.errors import Invalid
from hub.i18n import N_, _
from hub.programme import items

COLUMNS = ("name", "email", "phone", "tenant", "business")


def export_rows(session: Session):
    query = (select(Instructor, Tenant.name, Tenant.business)
             .join(Tenant, Tenant.id == Instructor.tenant_id, isouter=True)
             .order_by(Instructor.name, Instructor.email, Instructor.id))
    for instructor, tenant, business in session.exec(query):
        yield [instructor.name, cell(instructor.email), cell(instructor.phone), cell(tenant),
               cell(business)]


def instructor_key(name: str | None, email: str | None) -> tuple[str, str]:
    return ((name or "").strip().casefold(), (email or "").strip().casefold())


def instructor_ids(session: Session, lookup: Lookup) -> dict[tuple[str, str], list[int]]:
    """(name, email) in lower case -> the instructors holding it (loaded once per import)."""
    ids = lookup.cache.get("instructors")
    if ids is None:
        ids = lookup.cache["instructors"] = {}
        for instructor_id, name, email in session.exec(
                select(Instructor.id, Instructor.name, Instructor.email)):
            ids.setdefault(instructor_key(name, email), []).append(instructor_id)
    return ids


def find_instructor(session: Session, lookup: Lookup, name: str | None, email: str | None,
                    *, column: str = "instructor") -> int:
    """The instructor a row names by name and email (as the instructors file has them)."""
    name = required(name, column)
    found = instructor_ids(session, lookup).get(instructor_key(name, email), [])
    if not found:
        raise Invalid(column, _("there is no instructor '{name}'{email} (import instructors "
                                "first)").format(name=name, email=f" <{email.strip()}>"
                                                 if text(email) else ""))
    if len(found) > 1:
        raise Invalid(column, _("{count} instructors are called '{name}' with this email; "
                                "give each their own email").format(count=len(found), name=name))
    return found[0]


def _cells(session: Session, values: dict, lookup: Lookup) -> tuple[dict, int | None]:
    found = FieldChecks()
    name = found.run(required, values.get("name"), "name")
    tenant = found.run(find_tenant, session, lookup, values.get("tenant"),
                       values.get("business")) if text(values.get("tenant")) else None
    fields = {"name": name, "email": text(values.get("email")),
              "phone": text(values.get("phone"))}
    if name:
        found.run(items.check_instructor, fields)
    found.done()
    return fields, tenant


def import_row(session: Session, actor: User, values: dict, lookup: Lookup) -> str:
    fields, tenant = _cells(session, values, lookup)
    key = instructor_key(fields["name"], fields["email"])
    matches = instructor_ids(session, lookup).get(key, [])
    if not matches and tenant is not None:   # a tenant who teaches, renamed or a new email
        matches = list(session.exec(select(Instructor.id).where(Instructor.tenant_id == tenant)))
    if len(matches) > 1:
        raise Invalid("name", _("{count} instructors are called '{name}' with this email; give "
                                "each their own email on the Courses screen first").format(
            count=len(matches), name=fields["name"]))
    if not matches:
        created = items.add_instructor(session, actor=actor, tenant_id=tenant, **fields)
        session.flush()
        instructor_ids(session, lookup)[key] = [created.id]
        return "created"
    existing = session.get(Instructor, matches[0])
    if existing.tenant_id != tenant:
        raise Invalid("tenant", _("instructor {name} is {held} on the Courses screen; an import "
                                  "does not change who they are").format(
            name=existing.name, held=_("a tenant") if existing.tenant_id else _("no tenant")))
    if all(getattr(existing, field) == value for field, value in
           items.check_instructor(fields).items()):
        return "unchanged"
    items.edit_instructor(session, actor=actor, instructor_id=existing.id, version=None,
                          **fields)
    return "updated"


KIND = Kind(
    name="instructors", title=N_("Instructors"), columns=COLUMNS, required=("name",),
    key=("name", "email"),
    example=("Paolo Conti", "paolo@example.org", "+39 055 765 4321", "", ""),
    export_rows=export_rows, import_row=import_row,
    notes=N_("An outside person with their email and phone, or a tenant who teaches (tenant "
             "and business as on the Tenants screen). Sessions name an instructor by name and "
             "email."))
