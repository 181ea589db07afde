"""What the Courses screen reads: the programme list with its filters, one item in detail,
its enrolments, and the sessions of the coming weeks. Counts are aggregated in SQL."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import and_, case, func, or_
from sqlmodel import Session, select

from db.models import Enrolment, Instructor, ProgrammeItem, ProgrammeSession, Site, Space, Tenant
from hub.errors import Invalid
from hub.occupancy.bookings import outside_opening_hours
from hub.i18n import _, day_text

LIST_LIMIT = 500


@dataclass(frozen=True)
class ItemRow:
    id: int
    version: int
    site_id: int
    site: str
    kind: str
    title: str
    sector: str
    format: str
    status: str
    capacity: int
    price: Decimal
    starts_on: date | None
    ends_on: date | None
    seated: int
    waitlisted: int
    refund_deadline: date | None = None     # the last day a cancellation gets the fee back

    @property
    def fill_rate(self) -> float:
        return self.seated / self.capacity


def seat_counts(items=None):
    """Per item: seated (enrolled or attended) and waitlisted people, as a subquery;
    `items` (a select of item ids) keeps the count to those items."""
    query = (select(Enrolment.item_id,
                   func.sum(case((Enrolment.status.in_(("enrolled", "attended")), 1),
                                 else_=0)).label("seated"),
                   func.sum(case((Enrolment.status == "waitlisted", 1), else_=0))
                   .label("waitlisted")))
    if items is not None:
        query = query.where(Enrolment.item_id.in_(items))
    return query.group_by(Enrolment.item_id).subquery()


def item_rows(session: Session, *, site_id: int | None = None, kinds=(), statuses=(),
              sectors=(), start: date | None = None, end: date | None = None,
              item_id: int | None = None, limit: int = LIST_LIMIT) -> list[ItemRow]:
    """Items matching the filters (an empty filter keeps all), latest first. Items with no
    session yet are kept whatever the period, so a new draft is always found."""
    conditions = []
    if site_id is not None:
        conditions.append(ProgrammeItem.site_id == site_id)
    if item_id is not None:
        conditions.append(ProgrammeItem.id == item_id)
    for column, chosen in ((ProgrammeItem.kind, kinds), (ProgrammeItem.status, statuses),
                           (ProgrammeItem.sector, sectors)):
        if chosen:
            conditions.append(column.in_(list(chosen)))
    if start is not None:
        conditions.append(or_(ProgrammeItem.ends_on.is_(None), ProgrammeItem.ends_on >= start))
    if end is not None:
        conditions.append(or_(ProgrammeItem.starts_on.is_(None), ProgrammeItem.starts_on <= end))
    order = (ProgrammeItem.starts_on.desc().nulls_first(), ProgrammeItem.id.desc())
    chosen_ids = select(ProgrammeItem.id).where(*conditions).order_by(*order).limit(limit)
    counts = seat_counts(chosen_ids)
    query = (select(ProgrammeItem, Site.name, func.coalesce(counts.c.seated, 0),
                    func.coalesce(counts.c.waitlisted, 0))
             .join(Site, Site.id == ProgrammeItem.site_id)
             .outerjoin(counts, counts.c.item_id == ProgrammeItem.id)
             .where(*conditions).order_by(*order).limit(limit))
    return [ItemRow(id=item.id, version=item.version, site_id=item.site_id, site=site,
                    kind=item.kind,
                    title=item.title, sector=item.sector, format=item.format,
                    status=item.status, capacity=item.capacity, price=item.price,
                    starts_on=item.starts_on, ends_on=item.ends_on, seated=int(seated),
                    waitlisted=int(waiting), refund_deadline=item.refund_deadline)
            for item, site, seated, waiting in session.exec(query)]


@dataclass(frozen=True)
class SessionRow:
    id: int
    version: int
    item_id: int
    item: str
    kind: str
    status: str
    day: date
    start_minute: int
    end_minute: int
    space_id: int | None
    space: str | None       # "CONF — Conference room"
    location: str | None
    instructor_id: int | None
    instructor: str | None
    instructor_email: str | None
    instructor_phone: str | None
    # In a space of the site but outside its opening hours (an evening course, a Sunday
    # event): accepted, and said, so that someone opens the building. None otherwise.
    outside_hours: str | None = None

    @property
    def place(self) -> str:
        return self.space or self.location or _("Online")


def _session_query():
    return (select(ProgrammeSession, ProgrammeItem.title, ProgrammeItem.kind,
                   ProgrammeItem.status, Space.code,
                   Space.name, Instructor.name, Instructor.email, Instructor.phone, Site)
            .join(ProgrammeItem, ProgrammeItem.id == ProgrammeSession.item_id)
            .join(Site, Site.id == ProgrammeItem.site_id)
            .outerjoin(Space, Space.id == ProgrammeSession.space_id)
            .outerjoin(Instructor, Instructor.id == ProgrammeSession.instructor_id))


def _session_row(row) -> SessionRow:
    session_, title, kind, status, code, space, teacher, email, phone, site = row
    outside = outside_opening_hours(site, session_.day, session_.start_minute,
                                    session_.end_minute) if session_.space_id else None
    return SessionRow(id=session_.id, version=session_.version, item_id=session_.item_id,
                      item=title, kind=kind, status=status, day=session_.day,
                      start_minute=session_.start_minute, end_minute=session_.end_minute,
                      space_id=session_.space_id,
                      space=f"{code} — {space}" if code else None, location=session_.location,
                      instructor_id=session_.instructor_id, instructor=teacher,
                      instructor_email=email, instructor_phone=phone,
                      outside_hours=outside.message if outside else None)


def item_sessions(session: Session, item_id: int) -> list[SessionRow]:
    query = _session_query().where(ProgrammeSession.item_id == item_id)
    return [_session_row(row) for row in session.exec(
        query.order_by(ProgrammeSession.day, ProgrammeSession.start_minute))]


def sessions_between(session: Session, *, site_id: int | None, first: date, last: date,
                     limit: int = 2000) -> list[SessionRow]:
    """Sessions of live items (not cancelled) from `first` to `last`, for the calendar."""
    query = _session_query().where(ProgrammeSession.falls_between(first, last),
                                   ProgrammeItem.status != "cancelled")
    if site_id is not None:
        query = query.where(ProgrammeItem.site_id == site_id)
    return [_session_row(row) for row in session.exec(
        query.order_by(ProgrammeSession.day, ProgrammeSession.start_minute).limit(limit))]


def sessions_per_day(session: Session, *, site_id: int | None, first: date,
                     last: date) -> list[tuple[date, str, int]]:
    """(day, kind, sessions) of live items from `first` to `last`, counted in SQL: the
    calendar of a whole network, where single sessions would be too many to draw."""
    query = (select(ProgrammeSession.day, ProgrammeItem.kind, func.count())
             .join(ProgrammeItem, ProgrammeItem.id == ProgrammeSession.item_id)
             .where(ProgrammeSession.falls_between(first, last),
                    ProgrammeItem.status != "cancelled"))
    if site_id is not None:
        query = query.where(ProgrammeItem.site_id == site_id)
    return [tuple(row) for row in session.exec(
        query.group_by(ProgrammeSession.day, ProgrammeItem.kind).order_by(ProgrammeSession.day))]


@dataclass(frozen=True)
class EnrolmentRow:
    id: int
    version: int
    name: str
    email: str | None
    tenant: str | None
    status: str
    queued_at: datetime


def enrolment_rows(session: Session, item_id: int) -> list[EnrolmentRow]:
    """Everyone in an item: seated first, then the waitlist in the order it is served."""
    order = case((Enrolment.status.in_(("enrolled", "attended")), 0),
                 (Enrolment.status == "waitlisted", 1), else_=2)
    rows = session.exec(select(Enrolment, Tenant.name)
                        .outerjoin(Tenant, Tenant.id == Enrolment.tenant_id)
                        .where(Enrolment.item_id == item_id)
                        .order_by(order, Enrolment.queued_at, Enrolment.id))
    return [EnrolmentRow(id=e.id, version=e.version, name=e.participant_name, email=e.email,
                         tenant=tenant, status=e.status, queued_at=e.queued_at)
            for e, tenant in rows]


def instructor_choices(session: Session) -> list[tuple[int, str]]:
    return [(row_id, name) for row_id, name in session.exec(
        select(Instructor.id, Instructor.name).where(Instructor.active)
        .order_by(Instructor.name))]


def space_choices(session: Session, site_id: int) -> list[tuple[int, str]]:
    """Spaces a session can use: the bookable ones of the site (rooms, workshop, benches)."""
    return [(row_id, f"{code} — {name}") for row_id, code, name in session.exec(
        select(Space.id, Space.code, Space.name)
        .where(Space.site_id == site_id, Space.active, Space.bookable)
        .order_by(Space.code))]


def open_item_choices(session: Session, *, site_id: int | None,
                      other_than: int | None = None) -> list[tuple[int, str]]:
    """Draft or published items, soonest first: where a participant can be moved to."""
    query = (select(ProgrammeItem.id, ProgrammeItem.title, ProgrammeItem.starts_on)
             .where(ProgrammeItem.status.in_(("draft", "published")))
             .order_by(ProgrammeItem.starts_on.desc().nulls_first()).limit(300))
    if site_id is not None:
        query = query.where(ProgrammeItem.site_id == site_id)
    if other_than is not None:
        query = query.where(and_(ProgrammeItem.id != other_than))
    return [(row_id, f"{title} ({day_text(starts)})" if starts
             else _("{title} (no date yet)").format(title=title))
            for row_id, title, starts in session.exec(query)]


@dataclass(frozen=True)
class Cancellation:
    """Who and what cancelling an item touches: its people keep their enrolments on record
    (the item just will not run), its sessions from `today` on free their rooms."""
    title: str
    seated: int
    waitlisted: int
    sessions_ahead: int


def cancellation(session: Session, *, item_id: int, today: date) -> Cancellation:
    """For the confirmation of a cancellation: what it would touch (nothing is written)."""
    item = session.get(ProgrammeItem, item_id)
    if item is None:
        raise Invalid("item", _("that programme item does not exist"))
    counts = seat_counts(select(ProgrammeItem.id).where(ProgrammeItem.id == item_id))
    seated, waiting = session.exec(select(func.coalesce(func.sum(counts.c.seated), 0),
                                          func.coalesce(func.sum(counts.c.waitlisted), 0))
                                   ).one()
    ahead = session.exec(select(func.count()).select_from(ProgrammeSession).where(
        ProgrammeSession.item_id == item_id, ProgrammeSession.falls_between(today))).one()
    return Cancellation(title=item.title, seated=int(seated), waitlisted=int(waiting),
                        sessions_ahead=ahead)


def not_running_yet(session: Session, *, item_id: int) -> str | None:
    """What a person enrolling someone should know of an item not yet on the programme: a
    draft, or no session yet. None for an item that runs."""
    item = session.get(ProgrammeItem, item_id)
    if item is None or item.status not in ("draft", "published"):
        return None
    planned = session.exec(select(func.count()).select_from(ProgrammeSession).where(
        ProgrammeSession.item_id == item_id)).one()
    if item.status == "draft" and not planned:
        return _("“{title}” is a draft with no session yet: tell them the dates once they are "
                 "set.").format(title=item.title)
    if not planned:
        return _("“{title}” has no session yet: tell them the dates once they are set.").format(
            title=item.title)
    if item.status == "draft":
        return _("“{title}” is still a draft: it is not on the public programme yet.").format(
            title=item.title)
    return None
