"""Spaces: what a site has to rent or book (laboratories, benches, rooms, the workshop).
A new space goes in a site in use, not an archived one."""
from __future__ import annotations

import re
from datetime import date

from babel.numbers import format_decimal
from sqlalchemy import func
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from db.models import Lease, Space, User
from db.vocabulary import SPACE_KINDS
from hub.checks import FieldChecks, day, money, text, visible
from hub.errors import Invalid
from hub.i18n import N_, _, day_text, locale
from hub.records import load_for_edit, record, save_changes
from hub.roles import SPACE_KEEPERS, require_role
from hub.scope import open_site
from hub.sql import earlier_of

CODE_PATTERN = re.compile(r"[A-Z0-9][A-Z0-9-]{0,15}")
MAX_CAPACITY = 10_000  # places: far below what the column holds on either database
SINCE_EVER = date(1900, 1, 1)   # before any day the hub holds: a space with no opening day
SPACE_FIELDS = ("code", "name", "kind", "floor", "area_m2", "capacity", "equipment",
                "monthly_rent", "hourly_rate", "daily_rate", "leasable", "bookable", "active")


# --- reading --------------------------------------------------------------------------------

def list_spaces(session: Session, *, site_id: int | None = None,
                active_only: bool = False) -> list[Space]:
    query = select(Space).order_by(Space.site_id, Space.code)
    if site_id is not None:
        query = query.where(Space.site_id == site_id)
    if active_only:
        query = query.where(Space.active)
    return list(session.exec(query))


def lock_space(session: Session, space_id: int) -> Space:
    """The space, locked until the transaction ends, so two people cannot both take it
    (PostgreSQL row lock; SQLite writers are already one at a time)."""
    space = session.exec(select(Space).where(Space.id == space_id).with_for_update()).first()
    if space is None:
        raise Invalid("space", _("that space does not exist"))
    return space


def in_use_from():
    """SQL: the first day a space counts as part of the hub — its opening day, or its first
    lease when that came earlier (a hub entering its past); since ever without one."""
    opened = func.coalesce(Space.opened_on, SINCE_EVER)
    other = aliased(Lease)      # the query around may join leases itself
    first_lease = (select(func.min(other.starts_on)).where(other.space_id == Space.id)
                   .correlate(Space).scalar_subquery())
    return earlier_of(opened, func.coalesce(first_lease, opened))


# --- spaces ---------------------------------------------------------------------------------

def _code(value) -> str:
    code = visible((value or "").strip().upper(), "code")
    if not CODE_PATTERN.fullmatch(code):
        raise Invalid("code", _("code must be 1 to 16 letters, digits or dashes (like L12 or B03)"))
    return code


def _name(value) -> str:
    name = (value or "").strip()
    if not name or len(name) > 120:
        raise Invalid("name", _("name is required (at most 120 characters)"))
    return name


def _kind(value) -> str:
    if value not in SPACE_KINDS:
        raise Invalid("kind", _("kind must be one of {kinds}").format(
            kinds=", ".join(SPACE_KINDS)))
    return value


def _area(value) -> float:
    if value is None or float(value) < 0:
        raise Invalid("area", _("area cannot be negative"))
    return float(value)


def _capacity(value) -> int:
    if value is None or int(value) < 1:
        raise Invalid("capacity", _("capacity must be at least 1"))
    if int(value) > MAX_CAPACITY:
        raise Invalid("capacity", _("capacity must be at most {most}").format(
            most=format_decimal(MAX_CAPACITY, locale=locale())))
    return int(value)


def _rates_for_use(checks: FieldChecks, clean: dict) -> None:
    """A leasable space has a rent, a bookable one a rate (unless the amount itself was bad)."""
    if clean["leasable"] and clean["monthly_rent"] is None and not checks.failed("monthly rent"):
        checks.refuse(Invalid("monthly rent", _("a leasable space needs a monthly rent")))
    if (clean["bookable"] and clean["hourly_rate"] is None and clean["daily_rate"] is None
            and not checks.failed("hourly rate", "daily rate")):
        checks.refuse(Invalid("hourly rate", _("a bookable space needs an hourly or a daily "
                                               "rate")))


def check_space(values: dict) -> dict:
    """Validate a space's fields; returns them cleaned. Every message names its field, and
    every bad field is reported at once."""
    clean = {field: values.get(field) for field in SPACE_FIELDS}
    checks = FieldChecks()
    for field, check in (("code", _code), ("name", _name), ("kind", _kind), ("area_m2", _area),
                         ("capacity", _capacity)):
        clean[field] = checks.run(check, clean[field])
    for field, name in (("monthly_rent", N_("monthly rent")), ("hourly_rate", N_("hourly rate")),
                        ("daily_rate", N_("daily rate"))):
        clean[field] = checks.run(money, clean[field], name)
    _rates_for_use(checks, clean)
    clean["floor"] = checks.run(text, clean["floor"], N_("floor"), limit=20)
    clean["equipment"] = checks.run(text, clean["equipment"], N_("equipment"), limit=1000)
    if "opened_on" in values:       # left out: a new space opens today, an edit keeps it
        clean["opened_on"] = checks.run(day, values["opened_on"], N_("opened on"))
    checks.done()
    clean["leasable"], clean["bookable"] = bool(clean["leasable"]), bool(clean["bookable"])
    clean["active"] = True if clean["active"] is None else bool(clean["active"])
    return clean


def _code_taken(session: Session, site_id: int, code: str, other_than: int | None) -> bool:
    query = select(Space.id).where(Space.site_id == site_id, Space.code == code)
    if other_than is not None:
        query = query.where(Space.id != other_than)
    return session.exec(query).first() is not None


def add_space(session: Session, *, actor: User, site_id: int, **values) -> Space:
    require_role(actor, *SPACE_KEEPERS)
    clean = check_space(values)
    open_site(session, site_id)
    if _code_taken(session, site_id, clean["code"], None):
        raise Invalid("code", _("space {space} already exists at this site").format(
            space=clean["code"]))
    space = Space(site_id=site_id, **clean | {"opened_on": clean.get("opened_on")
                                              or date.today()})
    session.add(space)
    record(session, actor, "create", space)
    return space


def edit_space(session: Session, *, actor: User, space_id: int, version: int | None,
               **values) -> Space:
    require_role(actor, *SPACE_KEEPERS)
    space = load_for_edit(session, Space, space_id, version, _("this space"))
    clean = check_space(values)
    if _code_taken(session, space.site_id, clean["code"], space.id):
        raise Invalid("code", _("space {space} already exists at this site").format(
            space=clean["code"]))
    if not clean["leasable"] and space.leasable:
        current = session.exec(select(Lease).where(
            Lease.space_id == space.id,
            Lease.overlaps(date.today()))).first()
        if current:
            if current.ends_on is None:
                raise Invalid("leasable", _("{space} is leased until open end; end the lease "
                                            "first").format(space=space.code))
            raise Invalid("leasable", _("{space} is leased until {end}; end the lease "
                                        "first").format(space=space.code,
                                                        end=day_text(current.ends_on)))
    save_changes(session, actor=actor, row=space, values=clean,
                 what=_("space {space}").format(space=space.code))
    return space
