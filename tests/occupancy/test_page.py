"""The Lab occupancy screen through AppTest, per role."""
from datetime import date, timedelta

import pytest
from sqlmodel import select

from db.engine import reading
from db.models import AuditEntry, Lease
from tests.apptest import open_page, said, signed_in_app, text_of
from tests.worlds import lease
from ui.format import day_text

TODAY = date.today()


@pytest.fixture
def leased(base):  # noqa: F811
    lease(base, space="L1", starts_on=TODAY - timedelta(days=400), ends_on=TODAY + timedelta(days=30))
    lease(base, space="L2", tenant="aiko", starts_on=TODAY - timedelta(days=100))
    return base


def occupancy_page(username, site="Test Hub"):
    at = open_page(signed_in_app(username), "occupancy")
    picker = next(s for s in at.selectbox if s.label == "Site")
    return picker.select(next(o for o in picker.options if site in o)).run()


def tab_labels(at):
    return [tab.label for tab in at.tabs]


def test_manager_sees_rents_forms_and_the_figures(leased):
    at = occupancy_page("boss")
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Unit occupancy"] == "40%"          # 2 of 5 leasable units
    assert metrics["Vacant units"] == "3"
    assert metrics["Leases ending in 90 days"] == "1"
    assert metrics["Monthly rent roll"] == "€200.00"
    assert tab_labels(at) == ["Occupancy", "Vacancies and leases", "Bookings", "Manage"]
    assert "Save space" in [b.label for b in at.button]
    assert len(at.get("vega_lite_chart")) >= 3


@pytest.mark.parametrize("username", ["carla", "vera"])
def test_communication_and_viewer_see_occupancy_without_rents_or_forms(leased, username):
    at = occupancy_page(username)
    assert not at.exception
    labels = [m.label for m in at.metric]
    assert "Monthly rent roll" not in labels and "Unit occupancy" in labels
    assert tab_labels(at) == ["Occupancy", "Vacancies and leases", "Bookings"]
    assert not [b for b in at.button if b.label in ("Save space", "Create lease", "Book")]
    tables = " ".join(str(list(frame.value.columns)) for frame in at.dataframe)
    assert "rent" not in tables.lower() and "Deposit" not in tables


def test_bad_lease_input_shows_the_rule_and_writes_nothing(leased):
    at = occupancy_page("boss")
    at.selectbox(key="occupancy_lease_space").select_index(3)
    at.date_input(key="occupancy_lease_start").set_value(TODAY)
    at.date_input(key="occupancy_lease_end").set_value(TODAY - timedelta(days=1))
    next(b for b in at.button if b.label == "Create lease").click().run()  # one submit
    assert "end date is before start date" in text_of(at)
    with reading() as session:
        assert len(session.exec(select(Lease)).all()) == 2
    assert not at.exception


def test_a_lease_made_in_the_form_changes_the_figures(leased):
    at = occupancy_page("boss")
    space = at.selectbox(key="occupancy_lease_space")
    space.select(next(o for o in space.options if o.startswith("L3")))   # vacant
    next(b for b in at.button if b.label == "Create lease").click().run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Unit occupancy"] == "60%"


# --- ending a lease early is confirmed in a dialog ----------------------------------------

LAST_DAY = TODAY + timedelta(days=10)


def leases_now() -> tuple:
    """Each lease's space and end, and how many early ends were logged."""
    with reading() as session:
        return ([(row.space_id, row.ends_on) for row in session.exec(select(Lease)
                                                                    .order_by(Lease.id))],
                len(session.exec(select(AuditEntry)
                                 .where(AuditEntry.action == "end_early")).all()))


def end_early_asked():
    at = occupancy_page("boss")
    pick = at.selectbox(key="occupancy_lease_pick")
    pick.select_index(next(i for i, label in enumerate(pick.options) if label.startswith("L1")))
    at = at.run()
    assert at.radio(key="occupancy_lease_action").value == "End early"
    next(d for d in at.date_input if d.label == "Last day").set_value(LAST_DAY)
    return next(b for b in at.button if b.label == "End early").click().run()


def test_ending_a_lease_early_asks_first_naming_the_space_tenant_and_days(leased):
    before = leases_now()
    at = end_early_asked()
    assert not at.exception
    assert [t.value for t in at.text] == [
        f"End L1's lease to Giulia Neri on {day_text(LAST_DAY)} instead of "
        f"{day_text(TODAY + timedelta(days=30))} — L1 is free from "
        f"{day_text(LAST_DAY + timedelta(days=1))}."]
    assert {"End the lease", "Cancel"} <= {b.label for b in at.button}
    assert leases_now() == before


def test_cancelling_the_early_end_writes_nothing(leased):
    before = leases_now()
    at = end_early_asked().button(key="occupancy_end_lease_cancel").click().run()
    assert not at.exception and not at.text
    assert leases_now() == before


def test_confirming_the_early_end_writes_once_and_says_so(leased):
    (first, second), logged = leases_now()
    at = end_early_asked().button(key="occupancy_end_lease_confirm").click().run()
    assert not at.exception and not at.error and not at.text
    assert said(at) == [f"Lease of L1 ends on {day_text(LAST_DAY)}"]
    after = ([(first[0], LAST_DAY), second], logged + 1)
    assert leases_now() == after
    at.run()
    assert leases_now() == after
