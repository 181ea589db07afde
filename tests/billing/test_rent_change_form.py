"""Lab occupancy's lease form: "Change rent from a day" ends the lease the day before and
starts one at the new rent (hub.occupancy.leases.change_rent), so billing charges each day at
the rent in force on it."""
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlmodel import select

from db.engine import reading
from db.models import Lease
from tests.apptest import open_page, said, shown, signed_in_app
from tests.worlds import lease
from ui.format import day_text

TODAY = date.today()
START = TODAY - timedelta(days=100)
END = TODAY + timedelta(days=200)
FROM = TODAY + timedelta(days=10)


@pytest.fixture
def leased(base):
    lease(base, space="L1", starts_on=START, ends_on=END, rent="300")
    return base


def rent_change_form():
    at = open_page(signed_in_app("boss"), "occupancy")
    picker = next(s for s in at.selectbox if s.label == "Site")
    at = picker.select(next(o for o in picker.options if "Test Hub" in o)).run()
    pick = at.selectbox(key="occupancy_lease_pick")
    at = pick.select_index(next(i for i, label in enumerate(pick.options)
                                if label.startswith("L1"))).run()
    at = at.radio(key="occupancy_lease_action").set_value("Change rent from a day").run()
    assert not at.exception
    return at


def fill(at, rent: str, from_day: date = FROM):
    next(d for d in at.date_input if d.label == "New rent from (the day it applies)") \
        .set_value(from_day)
    next(t for t in at.text_input if t.label == "New monthly rent €").input(rent)
    return next(b for b in at.button if b.label == "Change rent from a day").click().run()


def leases_now():
    with reading() as session:
        return [(row.starts_on, row.ends_on, row.monthly_rent)
                for row in session.exec(select(Lease).order_by(Lease.starts_on))]


def test_changing_the_rent_from_a_day_splits_the_lease_there(leased):
    at = fill(rent_change_form(), "360")
    assert not at.exception
    assert said(at) == [("Rent of L1 changed: a lease at the new rent runs from the day it "
                        "applies.")]
    assert leases_now() == [(START, FROM - timedelta(days=1), Decimal("300.00")),
                            (FROM, END, Decimal("360.00"))]


def test_a_new_rent_from_before_the_lease_is_refused_and_nothing_changes(leased):
    at = fill(rent_change_form(), "360", from_day=START - timedelta(days=1))
    assert not at.exception
    assert [shown(e.value) for e in at.error] == [
        f"from: the new rent must start after {day_text(START)} and within the lease"]
    assert leases_now() == [(START, END, Decimal("300.00"))]
