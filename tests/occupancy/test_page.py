"""The Lab occupancy screen through AppTest, per role."""
from datetime import date, timedelta

import pytest
from sqlmodel import select

from db.engine import reading
from db.models import Lease
from tests.apptest import open_page, signed_in_app, text_of
from tests.worlds import lease

TODAY = date.today()


@pytest.fixture
def leased(hub):  # noqa: F811
    lease(hub, space="L1", starts_on=TODAY - timedelta(days=400), ends_on=TODAY + timedelta(days=30))
    lease(hub, space="L2", tenant="aiko", starts_on=TODAY - timedelta(days=100))
    return hub


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
    assert metrics["Monthly rent roll"] == "€ 200,00"
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
