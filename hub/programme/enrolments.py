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
from hub.i18n import N_, _
from hub.programme.items import lock_item
from hub.programme.seats import fill_from_waitlist, SEATED, taken_seats
from hub.records import load_for_edit, record, save_changes
from hub.roles import EDITORS, IMPORTERS, require_role
from hub.words import label

ACTIVE = ("enrolled", "waitlisted", "attended")


@dataclass(frozen=True)
class Cancellation:
    cancelled: Enrolment
    promoted: Enrolment | None  # who took the freed seat, if anyone was waiting

    @property
    def message(self) -> str:
        text = _("{name} is cancelled.").format(name=self.cancelled.participant_name)
        if self.promoted is not None:
            text += " " + _("{name} moves up from the waitlist.").format(
                name=self.promoted.participant_name)
        return text


@dataclass(frozen=True)
class Move:
    enrolment: Enrolment  # the new enrolment in the target item
    promoted: Enrolment | None  # who took the seat left in the first item


def _check_person(session: Session, item: ProgrammeItem, name: str, email: str | None,
                  tenant_id: int | None) -> None:
    if tenant_id is not None and session.get(Tenant, tenant_id) is None:
        raise Invalid("tenant", _("that tenant does not exist"))
    same = [func.lower(Enrolment.participant_name) == name.lower()]
    if email:
        same.append(func.lower(Enrolment.email) == email.lower())
    if tenant_id is not None:
        same.append(Enrolment.tenant_id == tenant_id)
    found = session.exec(select(Enrolment.participant_name, Enrolment.status).where(
        Enrolment.item_id == item.id, Enrolment.status.in_(ACTIVE), or_(*same))).first()
    if found:
        if found[1] == "waitlisted":
            sentence = _("{name} is on the waitlist of “{title}” (same name, email or tenant)")
        else:
            sentence = _("{name} is already enrolled in “{title}” (same name, email or tenant)")
        raise Invalid("participant", sentence.format(name=found[0], title=item.title))


def enrol(session: Session, *, actor: User, item_id: int, participant_name: str,
          email: str | None = None, tenant_id: int | None = None) -> Enrolment:
    """Enrol a participant: a seat while there is one, else the end of the waitlist."""
    require_role(actor, *EDITORS)
    name = " ".join(str(participant_name or "").split())
    if not name:
        raise Invalid("name", _("the participant's name is required"))
    if len(name) > 120:
        raise Invalid("name", _("the participant's name is longer than {limit} characters")
                      .format(limit=120))
    email = optional_email(email)
    item = lock_item(session, item_id)
    if item.status == "cancelled":
        raise Invalid("item", _("“{title}” is cancelled: nobody can enrol").format(
            title=item.title))
    _check_person(session, item, name, email, tenant_id)
    status = "enrolled" if taken_seats(session, item.id) < item.capacity else "waitlisted"
    enrolment = Enrolment(item_id=item.id, participant_name=name, email=email,
                          tenant_id=tenant_id, status=status)
    session.add(enrolment)
    record(session, actor, "create", enrolment)
    return enrolment


def restore_enrolment(session: Session, *, actor: User, item_id: int, participant_name: str,
                      email: str | None = None, tenant_id: int | None = None,
                      status: str | None = None) -> Enrolment:
    """An enrolment as a file records it (an import, in the order people came). A cancelled
    one is kept as cancelled, holding no seat; an attended one takes a seat and is marked
    attended; any other is enrolled by the capacity rule (a seat while there is one, else the
    waitlist). In a cancelled item, which seats nobody, each is kept as the file says.
    Manager only, as imports are."""
    require_role(actor, *IMPORTERS)
    status = (status or "").strip().lower() or None
    if status not in (None, "enrolled", "waitlisted", "attended", "cancelled"):
        raise Invalid("status", _("status must be one of {allowed}").format(
            allowed="enrolled, waitlisted, attended, cancelled"))
    item = lock_item(session, item_id)
    if status != "cancelled" and item.status != "cancelled":
        enrolment = enrol(session, actor=actor, item_id=item_id,
                          participant_name=participant_name, email=email, tenant_id=tenant_id)
        if status == "attended":
            if enrolment.status != "enrolled":
                raise Invalid("status", _("{name} cannot have attended “{title}”: every seat "
                                          "is taken by who came before").format(
                    name=enrolment.participant_name, title=item.title))
            save_changes(session, actor=actor, row=enrolment, action="attendance",
                         values={"status": "attended"}, what=enrolment.participant_name)
        return enrolment
    name = " ".join(str(participant_name or "").split())
    if not name:
        raise Invalid("name", _("the participant's name is required"))
    if len(name) > 120:
        raise Invalid("name", _("the participant's name is longer than {limit} characters")
                      .format(limit=120))
    email = optional_email(email)
    if tenant_id is not None and session.get(Tenant, tenant_id) is None:
        raise Invalid("tenant", _("that tenant does not exist"))
    # A cancelled item seats nobody: its places are kept as they were when it was cancelled.
    status = status or "enrolled"
    enrolment = Enrolment(item_id=item.id, participant_name=name, email=email,
                          tenant_id=tenant_id, status=status,
                          cancelled_at=utcnow() if status == "cancelled" else None)
    session.add(enrolment)
    record(session, actor, "create", enrolment)
    return enrolment


def cancel_enrolment(session: Session, *, actor: User, enrolment_id: int,
                     version: int | None) -> Cancellation:
    """Cancel a seat or a waitlist place; a freed seat goes to the first waitlisted person."""
    require_role(actor, *EDITORS)
    enrolment = load_for_edit(session, Enrolment, enrolment_id, version, N_("this enrolment"))
    item = lock_item(session, enrolment.item_id)
    if enrolment.status == "cancelled":
        raise Invalid("status", _("{name} is already cancelled").format(
            name=enrolment.participant_name))
    if enrolment.status == "attended":
        raise Invalid("status", _("{name} has attended: clear the attendance first").format(
            name=enrolment.participant_name))
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
        raise Invalid("attended", _("only people holding a seat in this item can attend it"))
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
    enrolment = load_for_edit(session, Enrolment, enrolment_id, version, N_("this enrolment"))
    if to_item_id == enrolment.item_id:
        raise Invalid("item", _("choose another item to move to"))
    if enrolment.status not in ("enrolled", "waitlisted"):
        raise Invalid("status", _("only an enrolled or waitlisted participant can be moved, "
                                  "not one who is {status}").format(
            status=label("enrolment status", enrolment.status)))
    for item_id in sorted((enrolment.item_id, to_item_id)):  # one lock order: no deadlock
        lock_item(session, item_id)
    cancellation = cancel_enrolment(session, actor=actor, enrolment_id=enrolment.id,
                                    version=enrolment.version)
    moved = enrol(session, actor=actor, item_id=to_item_id,
                  participant_name=enrolment.participant_name, email=enrolment.email,
                  tenant_id=enrolment.tenant_id)
    return Move(moved, cancellation.promoted)
