"""Spaces out of use: a works period (planned on the Building screen, hub/building/) closes
its spaces from its first day to its last, both included. Occupancy asks here before it
leases or books a space, and programme before it places a session; a cancelled works period
closes nothing.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from db.models import Space, WorksPeriod, WorksSpace
from hub.i18n import _, day_text
from hub.scope import in_use


def _live_between(first: date, last: date):
    """Works periods not cancelled sharing at least one day with [first, last]."""
    return WorksPeriod.closes_between(first, last)


def closure_of(session: Session, *, space_id: int, first: date,
               last: date | None = None) -> WorksPeriod | None:
    """The first works period taking the space out of use on any day of [first, last]
    (`last` None: from `first` on, with no end)."""
    last = last or date.max
    return session.exec(
        select(WorksPeriod).join(WorksSpace, WorksSpace.works_id == WorksPeriod.id)
        .where(WorksSpace.space_id == space_id, _live_between(first, last))
        .order_by(WorksPeriod.starts_on, WorksPeriod.id)).first()


def closed_message(space_code: str, works: WorksPeriod) -> str:
    """"L07 is closed for restoration of the floor from 10 Jan 2027 to 28 Feb 2027"."""
    title = works.title.strip()
    what = title[0].lower() + title[1:] if title[:2] != title[:2].upper() else title
    return _("{space} is closed for {works} from {start} to {end}").format(
        space=space_code, works=what, start=day_text(works.starts_on),
        end=day_text(works.ends_on))


@dataclass(frozen=True)
class WorksSpan:
    """One space out of use for one works period."""
    works_id: int
    space_id: int
    space_code: str
    site_id: int
    title: str
    starts_on: date
    ends_on: date
    issue_id: int | None


def works_between(session: Session, *, site_id: int | None, first: date,
                  last: date) -> list[WorksSpan]:
    """Every space out of use on some day of [first, last], one row per works and space
    (of one site, or of every site in use), by start day then space code."""
    query = (select(WorksPeriod.id, Space.id, Space.code, WorksPeriod.site_id,
                    WorksPeriod.title, WorksPeriod.starts_on, WorksPeriod.ends_on,
                    WorksPeriod.issue_id)
             .join(WorksSpace, WorksSpace.works_id == WorksPeriod.id)
             .join(Space, Space.id == WorksSpace.space_id)
             .where(_live_between(first, last), in_use(WorksPeriod.site_id, site_id))
             .order_by(WorksPeriod.starts_on, Space.code, WorksPeriod.id))
    return [WorksSpan(works_id=works, space_id=space, space_code=code, site_id=site,
                      title=title, starts_on=starts, ends_on=ends, issue_id=issue)
            for works, space, code, site, title, starts, ends, issue in session.exec(query)]


def closed_until(session: Session, *, space_ids: list[int], day: date) -> dict[int, date]:
    """For each space out of use on `day`: the last day of the works closing it then."""
    if not space_ids:
        return {}
    rows = session.exec(
        select(WorksSpace.space_id, WorksPeriod.ends_on)
        .join(WorksPeriod, WorksPeriod.id == WorksSpace.works_id)
        .where(WorksSpace.space_id.in_(space_ids), _live_between(day, day)))
    until: dict[int, date] = {}
    for space_id, ends in rows:
        until[space_id] = max(until.get(space_id, ends), ends)
    return until
