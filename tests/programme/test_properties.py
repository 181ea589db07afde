"""Seats and the waitlist checked on generated sequences (Hypothesis): enrolments,
cancellations and capacity changes of one item never seat more people than its capacity, and
whoever moves up is the one who has waited longest.

Each example runs on a new item of the plan world; a plain model of the rule (a seat while
there is one, else the end of the queue; freed seats go to the front of the queue) predicts
every status, and the database must agree after each step."""
from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import example, given, HealthCheck, settings
from hypothesis import strategies as st
from sqlmodel import select

from db.engine import reading
from db.models import Enrolment
from hub.errors import Invalid
from hub.programme import items
from hub.programme.enrolments import cancel_enrolment, enrol
from hub.programme.seats import taken_seats, waitlist
from tests.worlds import item, write

SETTINGS = settings(max_examples=50, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@dataclass(frozen=True)
class Enrol:
    pass


@dataclass(frozen=True)
class Cancel:
    pick: int        # which of the people holding a seat or a waitlist place
    seated: bool     # pick among the seated (True) or the waitlisted


@dataclass(frozen=True)
class Capacity:
    places: int


steps = st.lists(st.one_of(st.just(Enrol()), st.just(Enrol()),
                           st.builds(Cancel, st.integers(0, 20), st.booleans()),
                           st.builds(Capacity, st.integers(1, 6))), min_size=1, max_size=20)


class Model:
    """The rule, by hand: ids in the order people came."""

    def __init__(self, capacity: int):
        self.capacity = capacity
        self.seated: list[int] = []
        self.queue: list[int] = []

    def promote(self) -> list[int]:
        free = max(self.capacity - len(self.seated), 0)
        moved, self.queue = self.queue[:free], self.queue[free:]
        self.seated += moved
        return moved


def statuses(item_id: int) -> dict[int, str]:
    with reading() as session:
        return {row.id: row.status for row in session.exec(
            select(Enrolment).where(Enrolment.item_id == item_id))}


def check(item_id: int, model: Model) -> None:
    held = statuses(item_id)
    assert {i for i, status in held.items() if status == "enrolled"} == set(model.seated)
    assert {i for i, status in held.items() if status == "waitlisted"} == set(model.queue)
    with reading() as session:
        seated, queue = taken_seats(session, item_id), [row.id for row in waitlist(session,
                                                                                     item_id)]
    assert seated <= model.capacity
    assert queue == model.queue, "the waitlist is not served in the order people came"
    assert not queue or seated == model.capacity, "someone waits while a seat is free"


@SETTINGS
@example(actions=[Enrol(), Enrol(), Enrol(), Enrol(), Cancel(0, True), Capacity(1),
                  Capacity(4), Enrol(), Cancel(0, False), Cancel(1, True)])
@given(actions=steps)
def test_seats_never_exceed_capacity_and_the_waitlist_is_first_come_first_served(plan,
                                                                                  actions):
    capacity = 2
    item_id = item(plan, capacity=capacity).id        # a new item for each example
    model, people = Model(capacity), 0
    for action in actions:
        if isinstance(action, Enrol):
            people += 1
            row = write(enrol, actor=plan["manager"], item_id=item_id,
                        participant_name=f"Person {people}")
            expected = "enrolled" if len(model.seated) < model.capacity else "waitlisted"
            assert row.status == expected
            (model.seated if expected == "enrolled" else model.queue).append(row.id)
        elif isinstance(action, Cancel):
            among = model.seated if action.seated else model.queue
            if not among:
                continue
            gone = among.pop(action.pick % len(among))
            promoted = model.promote()
            outcome = write(cancel_enrolment, actor=plan["communication"], enrolment_id=gone,
                            version=None)
            assert outcome.cancelled.status == "cancelled"
            assert (outcome.promoted.id if outcome.promoted else None) == \
                (promoted[0] if promoted else None)
        elif action.places < len(model.seated):
            with pytest.raises(Invalid, match=f"capacity cannot be below the "
                                              f"{len(model.seated)} people") as refused:
                write(items.edit_item, actor=plan["manager"], item_id=item_id,
                      version=None, capacity=action.places)
            assert refused.value.field == "capacity"
        else:
            write(items.edit_item, actor=plan["manager"], item_id=item_id, version=None,
                  capacity=action.places)
            model.capacity = action.places
            model.promote()
        check(item_id, model)
