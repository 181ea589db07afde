"""Leases: a tenant holds a leasable space from a start date to an end date (or open-ended).

Dates are days of occupation, both included: a lease ending on the 31st and one starting on
the 1st touch without overlapping. Two leases of one space never overlap.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import Session, select

from db.models import Lease, Site, Space, Tenant, User
from hub.checks import money
from hub.errors import Invalid
from hub.i18n import _, day_text
from hub.occupancy.spaces import in_use_from, lock_space
from hub.occupancy.closures import closed_message, closed_until, closure_of, works_between
from hub.records import load_for_edit, record, save_changes
from hub.roles import SPACE_KEEPERS, require_role
from hub.scope import open_site


def current_lease(session: Session, space_id: int, on: date) -> Lease | None:
    return session.exec(select(Lease).where(
        Lease.space_id == space_id, Lease.holds(on))).first()


def first_overlapping_lease(session: Session, space_id: int, starts_on: date,
                            ends_on: date | None, *, other_than: int | None = None
                            ) -> Lease | None:
    """A lease of the space sharing at least one day with [starts_on, ends_on]."""
    query = select(Lease).where(Lease.space_id == space_id, Lease.overlaps(starts_on, ends_on))
    if other_than is not None:
        query = query.where(Lease.id != other_than)
    return session.exec(query.order_by(Lease.starts_on)).first()


def _check_period(session: Session, space: Space, starts_on: date, ends_on: date | None,
                  other_than: int | None = None) -> None:
    if starts_on is None:
        raise Invalid("start", _("start date is required"))
    if ends_on is not None and ends_on < starts_on:
        raise Invalid("end", _("end date is before start date"))
    clash = first_overlapping_lease(session, space.id, starts_on, ends_on, other_than=other_than)
    if clash:
        if clash.ends_on is None:
            raise Invalid("start", _("space {space} is already leased from {start} to open "
                                     "end").format(space=space.code,
                                                   start=day_text(clash.starts_on)))
        raise Invalid("start", _("space {space} is already leased from {start} to {end}").format(
            space=space.code, start=day_text(clash.starts_on), end=day_text(clash.ends_on)))


def _check_in_use(session: Session, space: Space, starts_on: date, ends_on: date | None,
                  field: str = "start") -> None:
    """A new lease never promises a day the space is out of use for works."""
    works = closure_of(session, space_id=space.id, first=starts_on, last=ends_on)
    if works is not None:
        raise Invalid(field, closed_message(space.code, works))


def _leasable(session: Session, space_id: int) -> Space:
    space = lock_space(session, space_id)
    if not space.leasable or not space.active:
        raise Invalid("space", _("space {space} is not an active leasable space").format(
            space=space.code))
    return space


def _tenant(session: Session, tenant_id: int, ends_on: date | None) -> Tenant:
    tenant = session.get(Tenant, tenant_id) if tenant_id else None
    if tenant is None:
        raise Invalid("tenant", _("choose an existing tenant"))
    if tenant.left_on is not None and (ends_on is None or ends_on > tenant.left_on):
        raise Invalid("end", _("{tenant} left the hub on {day}; the lease must end by then").format(
            tenant=tenant.name, day=day_text(tenant.left_on)))
    return tenant


def lease_space(session: Session, *, actor: User, space_id: int, tenant_id: int,
                starts_on: date, ends_on: date | None, monthly_rent, deposit=None,
                notes: str | None = None) -> Lease:
    require_role(actor, *SPACE_KEEPERS)
    space = _leasable(session, space_id)
    open_site(session, space.site_id)
    _check_period(session, space, starts_on, ends_on)
    _check_in_use(session, space, starts_on, ends_on)
    _tenant(session, tenant_id, ends_on)
    lease = Lease(space_id=space.id, tenant_id=tenant_id, starts_on=starts_on, ends_on=ends_on,
                  monthly_rent=money(monthly_rent, "monthly rent", required=True),
                  deposit=money(deposit, "deposit"), notes=_notes(notes))
    session.add(lease)
    record(session, actor, "create", lease)
    return lease


def _notes(notes: str | None) -> str | None:
    notes = (notes or "").strip()
    if len(notes) > 1000:
        raise Invalid("notes", _("notes are longer than 1000 characters"))
    return notes or None


def edit_lease(session: Session, *, actor: User, lease_id: int, version: int | None,
               starts_on: date, ends_on: date | None, monthly_rent, deposit=None,
               notes: str | None = None) -> Lease:
    require_role(actor, *SPACE_KEEPERS)
    lease = load_for_edit(session, Lease, lease_id, version, _("this lease"))
    space = lock_space(session, lease.space_id)
    _check_period(session, space, starts_on, ends_on, other_than=lease.id)
    _tenant(session, lease.tenant_id, ends_on)
    values = {"starts_on": starts_on, "ends_on": ends_on,
              "monthly_rent": money(monthly_rent, "monthly rent", required=True),
              "deposit": money(deposit, "deposit"), "notes": _notes(notes)}
    save_changes(session, actor=actor, row=lease, values=values,
                 what=_("the lease of {space}").format(space=space.code))
    return lease


def end_lease_early(session: Session, *, actor: User, lease_id: int, version: int | None,
                    ends_on: date) -> Lease:
    require_role(actor, *SPACE_KEEPERS)
    lease = load_for_edit(session, Lease, lease_id, version, _("this lease"))
    if ends_on is None or ends_on < lease.starts_on:
        raise Invalid("end", _("end date is before the lease's start ({start})").format(
            start=day_text(lease.starts_on)))
    if lease.ends_on is not None and ends_on >= lease.ends_on:
        raise Invalid("end", _("the lease already ends on {end}; an early end must come before "
                               "that").format(end=day_text(lease.ends_on)))
    save_changes(session, actor=actor, row=lease, values={"ends_on": ends_on},
                 what=_("this lease"), action="end_early")
    return lease


def renew_lease(session: Session, *, actor: User, lease_id: int, version: int | None,
                until: date | None, monthly_rent=None) -> Lease:
    """A new lease of the same space for the same tenant, from the day after this one ends."""
    require_role(actor, *SPACE_KEEPERS)
    lease = load_for_edit(session, Lease, lease_id, version, _("this lease"))
    if lease.ends_on is None:
        raise Invalid("end", _("this lease is open-ended; there is nothing to renew"))
    rent = lease.monthly_rent if monthly_rent in (None, "") else monthly_rent
    return lease_space(session, actor=actor, space_id=lease.space_id, tenant_id=lease.tenant_id,
                       starts_on=lease.ends_on + timedelta(days=1), ends_on=until,
                       monthly_rent=rent, deposit=lease.deposit, notes=lease.notes)


def move_tenant(session: Session, *, actor: User, lease_id: int, version: int | None,
                to_space_id: int, on: date, monthly_rent=None) -> Lease:
    """End this lease the day before `on` and lease `to_space_id` from `on`, same end date."""
    require_role(actor, *SPACE_KEEPERS)
    lease = load_for_edit(session, Lease, lease_id, version, _("this lease"))
    if to_space_id == lease.space_id:
        raise Invalid("space", _("choose a different space to move to"))
    if on is None or on <= lease.starts_on or (lease.ends_on and on > lease.ends_on):
        if lease.ends_on is None:
            raise Invalid("move date", _("the move date must fall after {start} and within the "
                                         "lease (until open end)").format(
                start=day_text(lease.starts_on)))
        raise Invalid("move date", _("the move date must fall after {start} and within the lease "
                                     "(until {end})").format(start=day_text(lease.starts_on),
                                                             end=day_text(lease.ends_on)))
    target = _leasable(session, to_space_id)
    ends_on = lease.ends_on
    _check_in_use(session, target, on, ends_on, field="space")
    save_changes(session, actor=actor, row=lease, values={"ends_on": on - timedelta(days=1)},
                 what=_("this lease"), action="move_out")
    rent = target.monthly_rent if monthly_rent in (None, "") else monthly_rent
    return lease_space(session, actor=actor, space_id=target.id, tenant_id=lease.tenant_id,
                       starts_on=on, ends_on=ends_on, monthly_rent=rent, deposit=lease.deposit,
                       notes=lease.notes)


def change_rent(session: Session, *, actor: User, lease_id: int, version: int | None,
                from_day: date, monthly_rent) -> Lease:
    """The rent changes from `from_day`: this lease ends the day before, and a lease of the same
    space for the same tenant, at the new rent, runs from `from_day` to this one's end. Each day
    keeps the rent in force on it, so billing charges the days before at the old rent."""
    require_role(actor, *SPACE_KEEPERS)
    lease = load_for_edit(session, Lease, lease_id, version, _("this lease"))
    rent = money(monthly_rent, "monthly rent", required=True)
    if from_day is None or from_day <= lease.starts_on \
            or (lease.ends_on is not None and from_day > lease.ends_on):
        raise Invalid("from", _("the new rent must start after {start} and within the lease")
                      .format(start=day_text(lease.starts_on)))
    if rent == lease.monthly_rent:
        raise Invalid("monthly rent", _("the rent is already {rent}").format(rent=rent))
    ends_on = lease.ends_on
    save_changes(session, actor=actor, row=lease,
                 values={"ends_on": from_day - timedelta(days=1)},
                 what=_("this lease"), action="rent_change")
    following = Lease(space_id=lease.space_id, tenant_id=lease.tenant_id, starts_on=from_day,
                      ends_on=ends_on, monthly_rent=rent, deposit=lease.deposit,
                      notes=lease.notes)
    session.add(following)
    record(session, actor, "create", following)
    return following


# --- lists ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class LeaseRow:
    id: int
    version: int
    site: str
    space: str
    space_id: int
    tenant: str
    tenant_id: int
    starts_on: date
    ends_on: date | None
    monthly_rent: Decimal
    deposit: Decimal | None
    notes: str | None
    works: str | None = None    # works closing the space during the rest of the lease


def _works_flags(session: Session, rows: list[LeaseRow], day: date) -> list[LeaseRow]:
    """Flag each lease with the works that close its space from `day` to the lease's end:
    the lease runs on (it is not ended), but the tenant cannot use the space then."""
    if not rows:
        return rows
    last = max((row.ends_on or date.max for row in rows), default=day)
    flags: dict[int, list] = {}
    spaces = {row.space_id for row in rows}
    for span in works_between(session, site_id=None, first=day, last=last):
        if span.space_id in spaces:
            flags.setdefault(span.space_id, []).append(span)
    flagged = []
    for row in rows:
        spans = [span for span in flags.get(row.space_id, [])
                 if row.ends_on is None or span.starts_on <= row.ends_on]
        text = "; ".join(f"{span.title} {span.starts_on} → {span.ends_on}" for span in spans)
        flagged.append(replace(row, works=text or None))
    return flagged


def lease_rows(session: Session, *, site_id: int | None, day: date,
               ending_within: int | None = None) -> list[LeaseRow]:
    """Leases running on `day` (optionally only those ending within N days), by space: at
    most one per leasable space, so the list stays as long as the inventory."""
    query = (select(Lease, Site.name, Space.code, Tenant.name)
             .join(Space, Space.id == Lease.space_id).join(Site, Site.id == Space.site_id)
             .join(Tenant, Tenant.id == Lease.tenant_id)
             .where(Lease.holds(day)))
    if site_id is not None:
        query = query.where(Space.site_id == site_id)
    if ending_within is not None:
        query = query.where(Lease.ends_on.is_not(None),
                            Lease.ends_on <= day + timedelta(days=ending_within))
        query = query.order_by(Lease.ends_on, Site.name, Space.code)
    else:
        query = query.order_by(Site.name, Space.code)
    rows = [LeaseRow(id=lease.id, version=lease.version, site=site, space=code,
                     space_id=lease.space_id, tenant=tenant, tenant_id=lease.tenant_id,
                     starts_on=lease.starts_on, ends_on=lease.ends_on,
                     monthly_rent=lease.monthly_rent, deposit=lease.deposit, notes=lease.notes)
            for lease, site, code, tenant in session.exec(query)]
    return _works_flags(session, rows, day)


@dataclass(frozen=True)
class Vacancy:
    site: str
    space: str
    name: str
    kind: str
    floor: str | None
    area_m2: float
    monthly_rent: Decimal | None
    vacant_since: date | None   # the day after its last lease, or its opening; None: no record
    next_lease_starts: date | None
    closed_until: date | None = None   # out of use for works on the day, until then


def vacancies(session: Session, *, site_id: int | None, day: date) -> list[Vacancy]:
    """Active leasable spaces nobody holds on `day`: since when (the day after their last
    lease, or the day they opened), and until a booked lease. A space not open yet is none."""
    covering = select(Lease.id).where(Lease.space_id == Space.id, Lease.holds(day))
    last_end = (select(func.max(Lease.ends_on)).where(Lease.space_id == Space.id,
                                                      Lease.ends_on < day).scalar_subquery())
    next_start = (select(func.min(Lease.starts_on)).where(Lease.space_id == Space.id,
                                                          Lease.starts_on > day)
                  .scalar_subquery())
    query = (select(Space.id, Site.name, Space.code, Space.name, Space.kind, Space.floor,
                    Space.area_m2, Space.monthly_rent, last_end, next_start, Space.opened_on)
             .join(Site, Site.id == Space.site_id)
             .where(Space.leasable, Space.active, ~covering.exists(), in_use_from() <= day)
             .order_by(Site.name, Space.code))
    if site_id is not None:
        query = query.where(Space.site_id == site_id)
    rows = list(session.exec(query))
    closed = closed_until(session, space_ids=[row[0] for row in rows], day=day)
    return [Vacancy(site=site, space=code, name=name, kind=kind, floor=floor, area_m2=area,
                    monthly_rent=rent,
                    vacant_since=ended + timedelta(days=1) if ended else opened,
                    next_lease_starts=upcoming, closed_until=closed.get(space_id))
            for space_id, site, code, name, kind, floor, area, rent, ended, upcoming, opened
            in rows]
