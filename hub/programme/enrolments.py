"""Enrolments: participants in a programme item, and its waitlist.

Capacity is never exceeded: once the seats are taken the next person goes to the waitlist,
served first come, first served (by `queued_at`, then id). Cancelling a seat promotes the
first waitlisted person and says who. The item row is locked while its seats are counted, so
two people enrolling into the last seat at the same moment get one seat and one waitlist
place. The manager and the communication team manage enrolments; a viewer sees counts only.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, or_
from sqlmodel import Session, select

from db.models import Enrolment, ProgrammeItem, Tenant, User, utcnow
from hub.checks import optional_email
from hub.errors import Invalid
from hub.programme.items import lock_item
from hub.programme.seats import fill_from_waitlist, SEATED, taken_seats
from hub.records import load_for_edit, record, save_changes
from hub.roles import EDITORS, require_role

ACTIVE = ("enrolled", "waitlisted", "attended")


@dataclass(frozen=True)
class Cancellation:
    cancelled: Enrolment
    promoted: Enrolment | None  # who took the freed seat, if anyone was waiting

    @property
    def message(self) -> str:
        text = f"{self.cancelled.participant_name} is cancelled."
        if self.promoted is not None:
            text += f" {self.promoted.participant_name} moves up from the waitlist."
        return text


@dataclass(frozen=True)
class Move:
    enrolment: Enrolment  # the new enrolment in the target item
    promoted: Enrolment | None  # who took the seat left in the first item


def _check_person(session: Session, item: ProgrammeItem, name: str, email: str | None,
                  tenant_id: int | None) -> None:
    if tenant_id is not None and session.get(Tenant, tenant_id) is None:
        raise Invalid("tenant", "that tenant does not exist")
    same = [func.lower(Enrolment.participant_name) == name.lower()]
    if email:
        same.append(func.lower(Enrolment.email) == email.lower())
    if tenant_id is not None:
        same.append(Enrolment.tenant_id == tenant_id)
    found = session.exec(select(Enrolment.participant_name, Enrolment.status).where(
        Enrolment.item_id == item.id, Enrolment.status.in_(ACTIVE), or_(*same))).first()
    if found:
        where = "on the waitlist of" if found[1] == "waitlisted" else "already enrolled in"
        raise Invalid("participant", f"{found[0]} is {where} “{item.title}” "
                                     "(same name, email or tenant)")


def enrol(session: Session, *, actor: User, item_id: int, participant_name: str,
          email: str | None = None, tenant_id: int | None = None) -> Enrolment:
    """Enrol a participant: a seat while there is one, else the end of the waitlist."""
    require_role(actor, *EDITORS)
    name = " ".join(str(participant_name or "").split())
    if not name:
        raise Invalid("name", "the participant's name is required")
    if len(name) > 120:
        raise Invalid("name", "the participant's name is longer than 120 characters")
    email = optional_email(email)
    item = lock_item(session, item_id)
    if item.status == "cancelled":
        raise Invalid("item", f"“{item.title}” is cancelled: nobody can enrol")
    _check_person(session, item, name, email, tenant_id)
    status = "enrolled" if taken_seats(session, item.id) < item.capacity else "waitlisted"
    enrolment = Enrolment(item_id=item.id, participant_name=name, email=email,
                          tenant_id=tenant_id, status=status)
    session.add(enrolment)
    record(session, actor, "create", enrolment)
    return enrolment


def cancel_enrolment(session: Session, *, actor: User, enrolment_id: int,
                     version: int | None) -> Cancellation:
    """Cancel a seat or a waitlist place; a freed seat goes to the first waitlisted person."""
    require_role(actor, *EDITORS)
    enrolment = load_for_edit(session, Enrolment, enrolment_id, version, "this enrolment")
    item = lock_item(session, enrolment.item_id)
    if enrolment.status == "cancelled":
        raise Invalid("status", f"{enrolment.participant_name} is already cancelled")
    if enrolment.status == "attended":
        raise Invalid("status", f"{enrolment.participant_name} has attended: "
                                "clear the attendance first")
    save_changes(session, actor=actor, row=enrolment, action="cancel",
                 what=enrolment.participant_name,
                 values={"status": "cancelled", "cancelled_at": utcnow()})
    promoted = fill_from_waitlist(session, actor=actor, item=item) \
        if item.status != "cancelled" else []
    return Cancellation(enrolment, promoted[0] if promoted else None)


def mark_attendance(session: Session, *, actor: User, item_id: int,
                    attended: Iterable[int]) -> int:
    """Mark who of the seated participants attended (the rest go back to enrolled)."""
    require_role(actor, *EDITORS)
    item = lock_item(session, item_id)
    attended = set(attended or ())
    seated = list(session.exec(select(Enrolment).where(
        Enrolment.item_id == item.id, Enrolment.status.in_(SEATED))))
    unknown = attended - {enrolment.id for enrolment in seated}
    if unknown:
        raise Invalid("attended", "only people holding a seat in this item can attend it")
    for enrolment in seated:
        status = "attended" if enrolment.id in attended else "enrolled"
        save_changes(session, actor=actor, row=enrolment, action="attendance",
                     values={"status": status}, what=enrolment.participant_name)
    return len(attended)


def move_enrolment(session: Session, *, actor: User, enrolment_id: int, version: int | None,
                   to_item_id: int) -> Move:
    """Move a participant to another item: their place here is cancelled (the waitlist moves
    up) and they join the other item, in a seat or at the end of its waitlist."""
    require_role(actor, *EDITORS)
    enrolment = load_for_edit(session, Enrolment, enrolment_id, version, "this enrolment")
    if to_item_id == enrolment.item_id:
        raise Invalid("item", "choose another item to move to")
    if enrolment.status not in ("enrolled", "waitlisted"):
        raise Invalid("status", f"only an enrolled or waitlisted participant can be moved, "
                                f"not one who is {enrolment.status}")
    for item_id in sorted((enrolment.item_id, to_item_id)):  # one lock order: no deadlock
        lock_item(session, item_id)
    cancellation = cancel_enrolment(session, actor=actor, enrolment_id=enrolment.id,
                                    version=enrolment.version)
    moved = enrol(session, actor=actor, item_id=to_item_id,
                  participant_name=enrolment.participant_name, email=enrolment.email,
                  tenant_id=enrolment.tenant_id)
    return Move(moved, cancellation.promoted)
