"""The Courses screen's item form carries the refund deadline (the last day a cancellation gets
the fee back, hub.billing.charges.refund_deadline): set on a new item, shown and changed on
an existing one, left empty for the day before the first session."""
from datetime import date

from sqlmodel import select

from db.engine import reading
from db.models import ProgrammeItem
from tests.apptest import field, said
from tests.programme.test_page import courses_page, open_tab

LABEL = "Refund deadline (empty: the day before the first session)"


def deadline_box(at):
    return next(d for d in at.date_input if d.label == LABEL)


def deadline_of(title: str):
    with reading() as session:
        return session.exec(select(ProgrammeItem.refund_deadline)
                            .where(ProgrammeItem.title == title)).one()


def test_a_new_item_keeps_the_refund_deadline_typed(plan):
    at = open_tab(courses_page("boss"), "Plan")
    assert deadline_box(at).value is None
    field(at, "Title").input("Filigree evening")
    deadline_box(at).set_value(date(2027, 3, 20))
    at = next(b for b in at.button if b.label == "Add item").click().run()
    assert not at.exception and not at.error
    assert said(at) == ["“Filigree evening” added as draft: add its sessions below."]
    assert deadline_of("Filigree evening") == date(2027, 3, 20)


def test_an_items_refund_deadline_is_shown_changed_and_emptied(plan):
    at = courses_page("boss")
    assert deadline_box(at).value is None
    deadline_box(at).set_value(date(2027, 4, 30))
    at = next(b for b in at.button if b.label == "Save item").click().run()
    assert not at.exception and not at.error
    assert deadline_of("Wheel throwing for beginners") == date(2027, 4, 30)
    assert deadline_box(at).value == date(2027, 4, 30)          # drawn afresh, as saved
    deadline_box(at).set_value(None)
    at = next(b for b in at.button if b.label == "Save item").click().run()
    assert not at.exception and not at.error
    assert deadline_of("Wheel throwing for beginners") is None
