"""Works periods: works that take one or more spaces of a site out of use from a day to a
day, both included (hub/occupancy/closures.py is what the other rules read).

Planning works over live bookings or programme sessions:
- `works_collisions` lists them first, so the screen can show what would change;
- bookings are cancelled only when the manager confirms (`confirm=True`); the records stay
  (status cancelled, who and when, as cancel_booking does) and the result says whom to tell;
- programme sessions are never cancelled here: while one lies in the period the works are
  refused with the list, and the sessions must be moved (or their item cancelled) first;
- a lease running over the period is not ended: the lease lists show the works instead.
Only the manager plans, edits and cancels works; every write is in the audit log.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm.attributes import flag_modified
from sqlmodel import Session, select

from db.models import (Booking, BuildingIssue, Instructor, Lease, ProgrammeItem,
                       ProgrammeSession, Space, Tenant, User, WorksPeriod, WorksSpace, utcnow)
from hub.checks import text
from hub.dates import clock
from hub.errors import Invalid
from hub.i18n import N_, _, day_text, ngettext
from hub.occupancy.bookings import cancel_booking
from hub.occupancy.spaces import lock_space
from hub.occupancy.closures import closed_message
from hub.records import flush, load_for_edit, record, save_changes
from hub.roles import SPACE_KEEPERS, require_role
from hub.scope import open_site

MAX_DAYS = 3 * 366   # works longer than three years are a typing mistake
THESE_WORKS = N_("these works")   # what a stale or vanished edit names


@dataclass(frozen=True)
class CollidingBooking:
    id: int
    version: int
    space: str
    day: date
    start_minute: int
    end_minute: int
    who: str           # the tenant's name, or the outside person's

    def __str__(self) -> str:
        return _("{space} {day} {start}–{end} booked by {who}").format(
            space=self.space, day=day_text(self.day), start=clock(self.start_minute),
            end=clock(self.end_minute), who=self.who)


@dataclass(frozen=True)
class CollidingSession:
    id: int
    space: str
    day: date
    start_minute: int
    end_minute: int
    item: str
    instructor: str | None

    def __str__(self) -> str:
        words = dict(item=self.item, space=self.space, day=day_text(self.day),
                     start=clock(self.start_minute), end=clock(self.end_minute),
                     instructor=self.instructor)
        if self.instructor:
            return _("“{item}” in {space} on {day} {start}–{end}, taught by {instructor}"
                     ).format(**words)
        return _("“{item}” in {space} on {day} {start}–{end}").format(**words)


@dataclass(frozen=True)
class RunningLease:
    space: str
    tenant: str
    starts_on: date
    ends_on: date | None


@dataclass(frozen=True)
class Collisions:
    bookings: list[CollidingBooking] = field(default_factory=list)
    sessions: list[CollidingSession] = field(default_factory=list)
    leases: list[RunningLease] = field(default_factory=list)   # flagged, never ended

    @property
    def any(self) -> bool:
        return bool(self.bookings or self.sessions)


def works_collisions(session: Session, *, space_ids: list[int], starts_on: date,
                     ends_on: date) -> Collisions:
    """What lies in those spaces on those days: live bookings, sessions of items not
    cancelled, and leases running then (these stay; their tenants should know)."""
    if not space_ids or starts_on is None or ends_on is None or ends_on < starts_on:
        return Collisions()
    days = Booking.falls_between(starts_on, ends_on)
    bookings = [CollidingBooking(id=b.id, version=b.version, space=code, day=b.day,
                                 start_minute=b.start_minute, end_minute=b.end_minute,
                                 who=tenant or b.guest_name or _("someone"))
                for b, code, tenant in session.exec(
                    select(Booking, Space.code, Tenant.name)
                    .join(Space, Space.id == Booking.space_id)
                    .outerjoin(Tenant, Tenant.id == Booking.tenant_id)
                    .where(Booking.space_id.in_(space_ids), Booking.status == "booked", days)
                    .order_by(Booking.day, Booking.start_minute, Space.code))]
    sessions = [CollidingSession(id=row.id, space=code, day=row.day,
                                 start_minute=row.start_minute, end_minute=row.end_minute,
                                 item=title, instructor=teacher)
                for row, code, title, teacher in session.exec(
                    select(ProgrammeSession, Space.code, ProgrammeItem.title, Instructor.name)
                    .join(Space, Space.id == ProgrammeSession.space_id)
                    .join(ProgrammeItem, ProgrammeItem.id == ProgrammeSession.item_id)
                    .outerjoin(Instructor, Instructor.id == ProgrammeSession.instructor_id)
                    .where(ProgrammeSession.space_id.in_(space_ids),
                           ProgrammeItem.status != "cancelled",
                           ProgrammeSession.falls_between(starts_on, ends_on))
                    .order_by(ProgrammeSession.day, ProgrammeSession.start_minute))]
    leases = [RunningLease(space=code, tenant=tenant, starts_on=starts, ends_on=ends)
              for code, tenant, starts, ends in session.exec(
                  select(Space.code, Tenant.name, Lease.starts_on, Lease.ends_on)
                  .join(Space, Space.id == Lease.space_id)
                  .join(Tenant, Tenant.id == Lease.tenant_id)
                  .where(Lease.space_id.in_(space_ids), Lease.overlaps(starts_on, ends_on))
                  .order_by(Space.code))]
    return Collisions(bookings=bookings, sessions=sessions, leases=leases)


@dataclass(frozen=True)
class WorksResult:
    works: WorksPeriod
    cancelled: list[CollidingBooking]
    tell: list[str]        # whom to tell: bookers whose bookings went, tenants of the spaces

    def summary(self) -> str:
        words = dict(title=self.works.title, start=day_text(self.works.starts_on),
                     end=day_text(self.works.ends_on), n=len(self.cancelled),
                     tell=", ".join(self.tell))
        if self.cancelled and self.tell:
            return ngettext("{title} planned from {start} to {end}; {n} booking(s) cancelled; "
                            "tell {tell}",
                            "{title} planned from {start} to {end}; {n} booking(s) cancelled; "
                            "tell {tell}", len(self.cancelled)).format(**words)
        if self.cancelled:
            return ngettext("{title} planned from {start} to {end}; {n} booking(s) cancelled",
                            "{title} planned from {start} to {end}; {n} booking(s) cancelled",
                            len(self.cancelled)).format(**words)
        if self.tell:
            return _("{title} planned from {start} to {end}; tell {tell}").format(**words)
        return _("{title} planned from {start} to {end}").format(**words)


def _checked(session: Session, *, site_id: int, space_ids, title, starts_on, ends_on,
             issue_id, notes) -> tuple[list[Space], dict]:
    values = {"title": text(title, "title", limit=160, required=True),
              "notes": text(notes, "notes", limit=4000)}
    if starts_on is None:
        raise Invalid("start", _("the first day of the works is required"))
    if ends_on is None:
        raise Invalid("end", _("the last day of the works is required"))
    if ends_on < starts_on:
        raise Invalid("end", _("end date is before start date"))
    if (ends_on - starts_on).days > MAX_DAYS:
        raise Invalid("end", _("works can last at most three years; plan a longer closure in "
                               "parts"))
    ids = sorted(set(space_ids or []))
    if not ids:
        raise Invalid("spaces", _("choose at least one space the works take out of use"))
    spaces = [lock_space(session, space_id) for space_id in ids]   # no booking slips in
    for space in spaces:
        if space is None or space.site_id != site_id or not space.active:
            raise Invalid("spaces", _("every space must be an active space of this site"))
    if issue_id is not None:
        issue = session.get(BuildingIssue, issue_id)
        if issue is None or issue.site_id != site_id:
            raise Invalid("issue", _("that issue is not one of this site's"))
    values |= {"starts_on": starts_on, "ends_on": ends_on, "issue_id": issue_id}
    return spaces, values


def _no_other_works(session: Session, spaces: list[Space], starts_on: date, ends_on: date,
                    other_than: int | None) -> None:
    """Two works periods never close one space on the same day (the days would count twice)."""
    for space in spaces:
        query = (select(WorksPeriod).join(WorksSpace, WorksSpace.works_id == WorksPeriod.id)
                 .where(WorksSpace.space_id == space.id,
                        WorksPeriod.closes_between(starts_on, ends_on)))
        if other_than is not None:
            query = query.where(WorksPeriod.id != other_than)
        other = session.exec(query).first()
        if other is not None:
            raise Invalid("spaces", _("{closed} already; change those works instead").format(
                closed=closed_message(space.code, other)))


def _clear(session: Session, *, actor: User, spaces: list[Space], starts_on: date,
           ends_on: date, confirm: bool) -> tuple[list[CollidingBooking], list[str]]:
    """Refuse over sessions; over bookings unless confirmed, then cancel them."""
    found = works_collisions(session, space_ids=[s.id for s in spaces], starts_on=starts_on,
                             ends_on=ends_on)
    if found.sessions:
        listed = "; ".join(str(row) for row in found.sessions)
        raise Invalid("spaces", _("programme sessions lie in these days — move them to another "
                                  "room or day first: {sessions}").format(sessions=listed))
    if found.bookings and not confirm:
        listed = "; ".join(str(row) for row in found.bookings)
        raise Invalid("confirm", ngettext(
            "{n} booking(s) would be cancelled — confirm to cancel them: {bookings}",
            "{n} booking(s) would be cancelled — confirm to cancel them: {bookings}",
            len(found.bookings)).format(n=len(found.bookings), bookings=listed))
    for booking in found.bookings:
        cancel_booking(session, actor=actor, booking_id=booking.id, version=booking.version)
    tell = list(dict.fromkeys([row.who for row in found.bookings]
                              + [row.tenant for row in found.leases]))
    return found.bookings, tell


def plan_works(session: Session, *, actor: User, site_id: int, space_ids: list[int],
               title: str, starts_on: date, ends_on: date, issue_id: int | None = None,
               notes: str | None = None, confirm: bool = False) -> WorksResult:
    """Take spaces out of use from `starts_on` to `ends_on` (both included)."""
    require_role(actor, *SPACE_KEEPERS)
    site = open_site(session, site_id)
    spaces, values = _checked(session, site_id=site.id, space_ids=space_ids, title=title,
                              starts_on=starts_on, ends_on=ends_on, issue_id=issue_id,
                              notes=notes)
    _no_other_works(session, spaces, starts_on, ends_on, None)
    cancelled, tell = _clear(session, actor=actor, spaces=spaces, starts_on=starts_on,
                             ends_on=ends_on, confirm=confirm)
    works = WorksPeriod(site_id=site.id, **values)
    session.add(works)
    session.flush()
    session.add_all([WorksSpace(works_id=works.id, space_id=space.id) for space in spaces])
    changes = {key: [None, value] for key, value in
               {"title": works.title, "starts_on": str(starts_on), "ends_on": str(ends_on),
                "issue_id": issue_id, "notes": works.notes,
                "spaces": ", ".join(space.code for space in spaces)}.items()
               if value is not None}
    record(session, actor, "create", works, changes)
    return WorksResult(works=works, cancelled=cancelled, tell=tell)


def edit_works(session: Session, *, actor: User, works_id: int, version: int | None,
               space_ids: list[int], title: str, starts_on: date, ends_on: date,
               issue_id: int | None = None, notes: str | None = None,
               confirm: bool = False) -> WorksResult:
    """Change the days, spaces or title of planned works; the same collision rules apply to
    what the change newly covers."""
    require_role(actor, *SPACE_KEEPERS)
    works = load_for_edit(session, WorksPeriod, works_id, version, THESE_WORKS)
    if works.cancelled_at is not None:
        raise Invalid("works", _("these works are cancelled; plan new ones instead"))
    spaces, values = _checked(session, site_id=works.site_id, space_ids=space_ids, title=title,
                              starts_on=starts_on, ends_on=ends_on, issue_id=issue_id,
                              notes=notes)
    _no_other_works(session, spaces, starts_on, ends_on, works.id)
    cancelled, tell = _clear(session, actor=actor, spaces=spaces, starts_on=starts_on,
                             ends_on=ends_on, confirm=confirm)
    before = [row.space_id for row in session.exec(
        select(WorksSpace).where(WorksSpace.works_id == works.id))]
    changes = save_changes(session, actor=actor, row=works, values=values, what=THESE_WORKS)
    now = [space.id for space in spaces]
    if sorted(before) != now:
        for row in session.exec(select(WorksSpace).where(WorksSpace.works_id == works.id)):
            session.delete(row)
        session.flush()
        session.add_all([WorksSpace(works_id=works.id, space_id=space_id) for space_id in now])
        codes = dict(session.exec(select(Space.id, Space.code)
                                  .where(Space.id.in_(before + now))).all())
        shown = [", ".join(sorted(codes[i] for i in before)),
                 ", ".join(sorted(codes[i] for i in now))]
        if not changes:      # the row itself must move on a version, so a stale edit fails
            flag_modified(works, "title")
            flush(session, THESE_WORKS)
        record(session, actor, "update", works, {"spaces": shown})
    return WorksResult(works=works, cancelled=cancelled, tell=tell)


def cancel_works(session: Session, *, actor: User, works_id: int,
                 version: int | None) -> WorksPeriod:
    """The works will not happen: the spaces are in use again; the record stays."""
    require_role(actor, *SPACE_KEEPERS)
    works = load_for_edit(session, WorksPeriod, works_id, version, THESE_WORKS)
    if works.cancelled_at is not None:
        raise Invalid("works", _("these works are already cancelled"))
    save_changes(session, actor=actor, row=works, action="cancel", what=THESE_WORKS,
                 values={"cancelled_at": utcnow(), "cancelled_by": actor.username})
    return works


# --- lists ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class WorksRow:
    id: int
    version: int
    title: str
    spaces: str              # codes, comma-separated
    space_ids: tuple[int, ...]
    starts_on: date
    ends_on: date
    issue_id: int | None
    notes: str | None
    cancelled: bool

    def state(self, today: date) -> str:
        if self.cancelled:
            return "cancelled"
        if self.ends_on < today:
            return "done"
        return "running" if self.starts_on <= today else "upcoming"


def works_rows(session: Session, *, actor: User, site_id: int,
               include_cancelled: bool = False) -> list[WorksRow]:
    """The site's works periods, newest first, with the spaces each closes; notes only for
    staff."""
    query = select(WorksPeriod).where(WorksPeriod.site_id == site_id)
    if not include_cancelled:
        query = query.where(WorksPeriod.cancelled_at.is_(None))
    periods = list(session.exec(query.order_by(WorksPeriod.starts_on.desc(), WorksPeriod.id)))
    spaces: dict[int, list[tuple[int, str]]] = {}
    if periods:
        for works_id, space_id, code in session.exec(
                select(WorksSpace.works_id, Space.id, Space.code)
                .join(Space, Space.id == WorksSpace.space_id)
                .where(WorksSpace.works_id.in_([p.id for p in periods]))
                .order_by(Space.code)):
            spaces.setdefault(works_id, []).append((space_id, code))
    staff = actor.role in ("manager", "communication")
    return [WorksRow(id=p.id, version=p.version, title=p.title,
                     spaces=", ".join(code for __, code in spaces.get(p.id, [])),
                     space_ids=tuple(i for i, __ in spaces.get(p.id, [])),
                     starts_on=p.starts_on, ends_on=p.ends_on, issue_id=p.issue_id,
                     notes=p.notes if staff else None, cancelled=p.cancelled_at is not None)
            for p in periods]
