"""The Building screen through AppTest, per role: what each sees and may do, the report form,
and planning works over a booking, asked first in a dialog."""
from datetime import date, time, timedelta

import pytest
from sqlmodel import select

from db.engine import reading
from db.models import Booking, BuildingIssue
from hub.building import issues
from hub.occupancy import works
from hub.i18n import day_text
from hub.markdown import as_text
from tests.apptest import open_page, said, signed_in_app, text_of
from tests.worlds import book, write

TODAY = date.today()
# The first day a week or more ahead that the test hub is open (Monday-Saturday).
WORKS_DAY = next(TODAY + timedelta(days=n) for n in range(7, 9)
                 if (TODAY + timedelta(days=n)).weekday() < 6)


@pytest.fixture
def building(base):
    write(issues.report_issue, actor=base["communication"], site_id=base["site"],
          space_id=base["L1"], title="Damp on the north wall", priority="urgent")
    leak = write(issues.report_issue, actor=base["manager"], site_id=base["site"],
                 title="Roof tiles loose", priority="high")
    write(issues.edit_issue, actor=base["manager"], issue_id=leak.id, version=None,
          title="Roof tiles loose", priority="high", contractor="Tetti Bruni",
          notes="Ring Marco before nine")
    write(works.plan_works, actor=base["manager"], site_id=base["site"], space_ids=[base["L2"]],
          title="Restoration", starts_on=TODAY - timedelta(days=3),
          ends_on=TODAY + timedelta(days=20), notes="Scaffolding in the courtyard")
    return base


def building_page(username):
    return open_page(signed_in_app(username), "building")


def buttons(at):
    return {button.label for button in at.button}


def tables(at) -> str:
    return " ".join(frame.value.to_csv() for frame in at.dataframe)


def test_manager_sees_the_issues_works_figures_and_every_form(building):
    at = building_page("boss")
    assert not at.exception
    assert at.title[0].value == "Building"
    assert [tab.label for tab in at.tabs] == ["Issues", "Works", "Figures"]
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["Open issues"], metrics["Urgent or high"],
            metrics["Spaces out of use today"]) == ("2", "2", "1")
    assert {"Report the issue", "Save the issue", "Move it", "Plan the works",
            "Cancel the works"} <= buttons(at)
    assert "Carla" in tables(at) and "Ring Marco before nine" in tables(at)
    assert len(at.get("vega_lite_chart")) == 3          # issues, spending, days out of use
    assert "2 open issues: 1 urgent and 1 high." in text_of(at)


def test_communication_reports_an_issue_but_plans_nothing(building):
    at = building_page("carla")
    assert not at.exception
    assert "Report the issue" in buttons(at)
    assert not buttons(at) & {"Save the issue", "Move it", "Plan the works", "Cancel the works"}
    at.text_input(key="building_report_title").input("Kiln door sticks")
    next(b for b in at.button if b.label == "Report the issue").click().run()
    assert not at.exception and not at.error
    with reading() as session:
        titles = session.exec(select(BuildingIssue.title)).all()
    assert "Kiln door sticks" in titles
    assert said(at) == ["Issue reported: Kiln door sticks"]


def test_a_viewer_reads_without_names_notes_or_forms(building):
    at = building_page("vera")
    assert not at.exception
    assert not buttons(at) & {"Report the issue", "Save the issue", "Plan the works"}
    shown = tables(at)
    assert "Damp on the north wall" in shown and "Restoration" in shown
    for private in ("Carla", "boss", "Tetti Bruni", "Ring Marco", "Scaffolding"):
        assert private not in shown
    columns = {column for frame in at.dataframe for column in frame.value.columns}
    assert not columns & {"By", "Contractor", "Notes"}


def test_an_empty_title_is_refused_beside_the_form(building):
    at = building_page("carla")
    next(b for b in at.button if b.label == "Report the issue").click().run()
    assert as_text("title: title is required") in [e.value for e in at.error]
    with reading() as session:
        assert len(session.exec(select(BuildingIssue)).all()) == 2


def plan_over_a_booking(base):
    booked = book(base, day=WORKS_DAY, start=time(10), end=time(12))
    at = building_page("boss")
    picker = at.multiselect(key="building_works_spaces")
    assert "POT — Pottery" in picker.options
    picker.select(base["POT"])                          # by id: its label may change meanwhile
    at.text_input(key="building_works_title").input("Kiln service")
    at.date_input(key="building_works_from").set_value(WORKS_DAY)
    at.date_input(key="building_works_to").set_value(WORKS_DAY)
    return booked, next(b for b in at.button if b.label == "Plan the works").click().run()


def test_planning_works_over_a_booking_asks_first_and_confirming_cancels_it(building):
    booked, at = plan_over_a_booking(building)
    assert not at.exception
    asked = [t.value for t in at.text]
    assert asked[0] == ("1 booking(s) lie in these days and will be cancelled (the records "
                        "are kept). Tell: Giulia Neri.")
    assert asked[1] == f"• POT {day_text(WORKS_DAY)} 10:00–12:00 booked by Giulia Neri"
    with reading() as session:
        assert session.get(Booking, booked.id).status == "booked"   # nothing yet
    at = at.button(key="building_plan_works_confirm").click().run()
    assert not at.exception and not at.error
    with reading() as session:
        assert session.get(Booking, booked.id).status == "cancelled"
    assert said(at) == [
        f"Kiln service planned from {day_text(WORKS_DAY)} to {day_text(WORKS_DAY)}; 1 booking(s) cancelled; "
        "tell Giulia Neri."]
    assert "Kiln service" in tables(at)


def test_keeping_the_bookings_plans_nothing(building):
    booked, at = plan_over_a_booking(building)
    at = at.button(key="building_plan_works_cancel").click().run()
    assert not at.exception
    with reading() as session:
        assert session.get(Booking, booked.id).status == "booked"
    assert "Kiln service" not in tables(at)


def test_lab_occupancy_shows_the_works_on_vacancies_leases_and_the_rates(building):
    """The fixture closes L2 (vacant) for restoration now; L4 is leased and closed later."""
    from tests.worlds import lease
    from ui.format import day_text
    lease(building, space="L4", starts_on=TODAY - timedelta(days=100))
    write(works.plan_works, actor=building["manager"], site_id=building["site"],
          space_ids=[building["L4"]], title="Repainting", starts_on=TODAY + timedelta(days=5),
          ends_on=TODAY + timedelta(days=8))
    at = open_page(signed_in_app("vera"), "occupancy")
    picker = next(s for s in at.selectbox if s.label == "Site")
    at = picker.select(next(o for o in picker.options if "Test Hub" in o)).run()
    assert not at.exception
    vacant = next(f.value for f in at.dataframe if "Vacant since" in f.value.columns)
    works_of = dict(zip(vacant["Space"], vacant["Works"]))
    assert works_of["L2"] == f"closed for works until {day_text(TODAY + timedelta(days=20))}"
    assert works_of["L1"] == ""
    running = next(f.value for f in at.dataframe if "Tenant" in f.value.columns
                   and "Works" in f.value.columns and "Days left" not in f.value.columns)
    flagged = dict(zip(running["Space"], running["Works"]))
    assert flagged["L4"] == (f"Repainting {TODAY + timedelta(days=5)} → "
                             f"{TODAY + timedelta(days=8)}")
    # L4 leased of 4 leasable units today (L2 is out of use): 1 / 4
    assert {m.label: m.value for m in at.metric}["Unit occupancy"] == "25%"


def test_the_manager_moves_running_works_to_end_sooner(building):
    at = building_page("boss")
    end = next(d for d in at.date_input if d.label == "To (included)"
               and d.value == TODAY + timedelta(days=20))       # the change form's, filled in
    end.set_value(TODAY + timedelta(days=10))
    next(b for b in at.button if b.label == "Save the works").click().run()
    assert not at.exception and not at.error
    with reading() as session:
        row, = works.works_rows(session, actor=building["manager"], site_id=building["site"])
    assert row.ends_on == TODAY + timedelta(days=10)
    assert said(at) == ["Restoration saved."]
