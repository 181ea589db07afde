"""Enrolment rules (hub/programme/enrolments.py): capacity, waitlist order, promotion, attendance,
moves, roles, and two people taking the last seat at the same moment."""
import threading
import time

import pytest
from sqlmodel import select

from db.engine import reading, writing
from db.models import AuditEntry, Enrolment
from hub.errors import Forbidden, Invalid
from hub.programme import enrolments, seats
from hub.programme import items
from tests.worlds import write


def enrol(plan, name, item_key="wheel", role="communication", **extra):
    return write(enrolments.enrol, actor=plan[role], item_id=plan[item_key],
                 participant_name=name, **extra)


def statuses(item_id):
    with reading() as session:
        return [(e.participant_name, e.status) for e in session.exec(
            select(Enrolment).where(Enrolment.item_id == item_id).order_by(Enrolment.id))]


def test_capacity_is_never_exceeded_the_next_ones_wait_in_order(plan):
    people = ["Anna", "Bruno", "Chiara", "Dario", "Elena"]
    made = [enrol(plan, name, email=f"{name.lower()}@example.org") for name in people]
    assert [e.status for e in made] == ["enrolled"] * 2 + ["waitlisted"] * 3
    with reading() as session:
        assert [e.participant_name for e in seats.waitlist(session, plan["wheel"])] == \
            ["Chiara", "Dario", "Elena"]


def test_cancelling_a_seat_promotes_the_first_waitlisted_and_says_who(plan):
    made = [enrol(plan, name) for name in ("Anna", "Bruno", "Chiara", "Dario")]
    cancelled = write(enrolments.cancel_enrolment, actor=plan["manager"],
                      enrolment_id=made[0].id, version=made[0].version)
    assert cancelled.promoted.participant_name == "Chiara"
    assert cancelled.message == "Anna is cancelled. Chiara moves up from the waitlist."
    # a waitlist place cancelled promotes nobody
    dario = write(enrolments.cancel_enrolment, actor=plan["manager"], enrolment_id=made[3].id,
                  version=made[3].version)
    assert dario.promoted is None
    assert statuses(plan["wheel"]) == [("Anna", "cancelled"), ("Bruno", "enrolled"),
                                       ("Chiara", "enrolled"), ("Dario", "cancelled")]
    with reading() as session:
        actions = [e.action for e in session.exec(select(AuditEntry).where(
            AuditEntry.entity == "enrolments").order_by(AuditEntry.id))]
    assert actions == ["create"] * 4 + ["cancel", "promote", "cancel"]


def test_raising_the_capacity_promotes_and_lowering_it_below_the_seated_is_refused(plan):
    for name in ("Anna", "Bruno", "Chiara", "Dario"):
        enrol(plan, name)
    write(items.edit_item, actor=plan["manager"], item_id=plan["wheel"], version=None,
          capacity=3)
    assert [s for _, s in statuses(plan["wheel"])] == ["enrolled"] * 3 + ["waitlisted"]
    with pytest.raises(Invalid, match="capacity cannot be below the 3 people already enrolled"):
        write(items.edit_item, actor=plan["manager"], item_id=plan["wheel"], version=None,
              capacity=2)


def test_the_same_person_cannot_enrol_twice_and_bad_input_is_refused(plan):
    enrol(plan, "Anna Bruni", email="anna@example.org")
    with pytest.raises(Invalid, match="Anna Bruni is already enrolled in"):
        enrol(plan, "A. Bruni", email="ANNA@example.org")
    with pytest.raises(Invalid, match="already enrolled"):
        enrol(plan, "anna  bruni")
    with pytest.raises(Invalid, match="email must be an address") as refused:
        enrol(plan, "Bruno", email="bruno at home")
    assert refused.value.field == "email"
    with pytest.raises(Invalid, match="name is required"):
        enrol(plan, "   ")
    write(items.edit_item, actor=plan["manager"], item_id=plan["glaze"], version=None,
          status="cancelled")
    with pytest.raises(Invalid, match="is cancelled: nobody can enrol"):
        enrol(plan, "Bruno", item_key="glaze")
    assert len(statuses(plan["wheel"])) == 1 and statuses(plan["glaze"]) == []


def test_viewer_cannot_enrol_cancel_mark_or_move(plan):
    anna = enrol(plan, "Anna")
    for action, arguments in [
            (enrolments.enrol, {"item_id": plan["wheel"], "participant_name": "Vera's friend"}),
            (enrolments.cancel_enrolment, {"enrolment_id": anna.id, "version": None}),
            (enrolments.mark_attendance, {"item_id": plan["wheel"], "attended": [anna.id]}),
            (enrolments.move_enrolment, {"enrolment_id": anna.id, "version": None,
                                         "to_item_id": plan["glaze"]})]:
        with pytest.raises(Forbidden):
            write(action, actor=plan["viewer"], **arguments)
    assert statuses(plan["wheel"]) == [("Anna", "enrolled")]


def test_attendance_is_marked_per_item_for_seated_people_only(plan):
    anna, bruno, chiara = (enrol(plan, name) for name in ("Anna", "Bruno", "Chiara"))
    assert write(enrolments.mark_attendance, actor=plan["communication"],
                 item_id=plan["wheel"], attended=[anna.id]) == 1
    with pytest.raises(Invalid, match="only people holding a seat"):
        write(enrolments.mark_attendance, actor=plan["communication"], item_id=plan["wheel"],
              attended=[chiara.id])
    assert statuses(plan["wheel"]) == [("Anna", "attended"), ("Bruno", "enrolled"),
                                       ("Chiara", "waitlisted")]
    with pytest.raises(Invalid, match="has attended"):
        write(enrolments.cancel_enrolment, actor=plan["manager"], enrolment_id=anna.id,
              version=None)


def test_moving_a_participant_frees_their_seat_and_queues_them_in_the_other_item(plan):
    anna, bruno, chiara = (enrol(plan, name) for name in ("Anna", "Bruno", "Chiara"))
    enrol(plan, "Dario", item_key="glaze")
    enrol(plan, "Elena", item_key="glaze")
    moved = write(enrolments.move_enrolment, actor=plan["communication"], enrolment_id=anna.id,
                  version=anna.version, to_item_id=plan["glaze"])
    assert (moved.enrolment.status, moved.promoted.participant_name) == ("waitlisted", "Chiara")
    assert statuses(plan["glaze"])[-1] == ("Anna", "waitlisted")
    with pytest.raises(Invalid, match="choose another item"):
        write(enrolments.move_enrolment, actor=plan["manager"], enrolment_id=bruno.id,
              version=None, to_item_id=plan["wheel"])


def test_two_people_enrolling_into_the_last_seat_at_once_get_one_seat_and_one_wait(
        plan, monkeypatch):
    enrol(plan, "Already here")
    counted = enrolments.taken_seats

    def slow_count(session, item_id):  # widen the window between counting and writing
        seats = counted(session, item_id)
        time.sleep(0.5)
        return seats

    monkeypatch.setattr(enrolments, "taken_seats", slow_count)
    barrier = threading.Barrier(2)
    outcomes = [None, None]

    def take(number):
        with writing() as session, session.begin():
            barrier.wait()
            outcomes[number] = enrolments.enrol(
                session, actor=plan["communication"], item_id=plan["wheel"],
                participant_name=f"Person {number}").status

    def guarded(number):
        try:
            take(number)
        except Exception as error:  # noqa: BLE001 - reported below
            outcomes[number] = repr(error)

    # PostgreSQL: the item row lock serialises them; SQLite: the second waits at BEGIN.
    threads = [threading.Thread(target=guarded, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["enrolled", "waitlisted"], outcomes
    assert [s for _, s in statuses(plan["wheel"])].count("enrolled") == 2
