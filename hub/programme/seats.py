"""Seats of a programme item: how many are taken, and the waitlist served first come, first
served (by `queued_at`, then id) whenever seats come free — after a cancellation, a move, or
a larger capacity. Used by the items (hub/programme.py) and the enrolments."""
from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, select

from db.models import Enrolment, ProgrammeItem, User
from hub.records import save_changes
from hub.roles import EDITORS, require_role

SEATED = ("enrolled", "attended")


def taken_seats(session: Session, item_id: int) -> int:
    return session.exec(select(func.count()).select_from(Enrolment).where(
        Enrolment.item_id == item_id, Enrolment.status.in_(SEATED))).one()


def waitlist(session: Session, item_id: int) -> list[Enrolment]:
    """The waitlist in the order it is served."""
    return list(session.exec(select(Enrolment).where(
        Enrolment.item_id == item_id, Enrolment.status == "waitlisted")
        .order_by(Enrolment.queued_at, Enrolment.id)))


def fill_from_waitlist(session: Session, *, actor: User,
                       item: ProgrammeItem) -> list[Enrolment]:
    """Give free seats to the waitlist, first come first served; return who moved up."""
    require_role(actor, *EDITORS)
    session.flush()
    free = item.capacity - taken_seats(session, item.id)
    promoted = waitlist(session, item.id)[:max(free, 0)]
    for enrolment in promoted:
        save_changes(session, actor=actor, row=enrolment, action="promote",
                     values={"status": "enrolled"}, what=enrolment.participant_name)
    return promoted
