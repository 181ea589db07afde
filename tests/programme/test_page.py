"""The Courses screen through AppTest, per role."""
from datetime import date, timedelta

import pytest
from sqlmodel import select

from db.engine import reading
from db.models import Enrolment
from hub.programme import items as programme
from tests.apptest import open_page, signed_in_app, text_of
from tests.worlds import add, write


def open_tab(at, label):
    """Only the open tab is drawn: open one as a click on it would."""
    at.session_state["courses_tab"] = label
    return at.run()


def courses_page(username, item_title="Wheel throwing for beginners"):
    at = open_page(signed_in_app(username), "courses")
    picker = next(s for s in at.selectbox if s.label == "Site")
    at = picker.select(next(o for o in picker.options if "Test Hub" in o)).run()
    at.date_input(key="courses_period").set_value(
        (date(2016, 1, 1), date.today() + timedelta(days=365))).run()
    at = open_tab(at, "Item")
    chosen = at.selectbox(key="courses_item")
    return chosen.select_index(next(n for n, label in enumerate(chosen.options)
                                    if label.startswith(item_title))).run()


def tab_labels(at):
    return [tab.label for tab in at.tabs]


@pytest.mark.parametrize("username", ["boss", "carla"])
def test_manager_and_communication_see_people_and_forms(published, username):  # noqa: F811
    at = courses_page(username)
    assert not at.exception
    assert tab_labels(at) == ["Calendar", "Programme", "Item", "Figures", "Plan"]
    assert {"Enrol", "Cancel enrolment", "Add session(s)"} <= {b.label for b in at.button}
    tables = " ".join(frame.value.to_string() for frame in at.dataframe)
    assert "Elena" in tables and "elena@example.org" in tables
    assert "paolo@example.org" not in tables  # instructor contacts: Giulia has none
    assert "Add item" in [b.label for b in open_tab(at, "Plan").button]
    assert len(open_tab(at, "Figures").get("vega_lite_chart")) == 4
    downloads = [d.proto.label for d in open_tab(at, "Calendar").get("download_button")]
    assert "Download the published programme (.ics)" in downloads
    assert not at.exception


def test_a_viewer_sees_counts_but_no_names_emails_or_forms(published):  # noqa: F811
    at = courses_page("vera", item_title="Raku 2019")
    assert not at.exception
    assert tab_labels(at) == ["Calendar", "Programme", "Item", "Figures"]
    assert not [b for b in at.button if b.label in ("Enrol", "Cancel enrolment", "Add item")]
    assert "Plan" not in tab_labels(at)
    everything = text_of(at) + " ".join(frame.value.to_string() for frame in at.dataframe)
    for private in ("Anna", "Dario", "anna@example.org", "@example.org"):
        assert private not in everything
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["Enrolled"], metrics["Waitlist"]) == ("3", "1")
    assert "you see the counts" in text_of(at)


def test_communication_enrols_past_capacity_and_sees_the_waitlist_and_promotion(plan):  # noqa: F811
    write(programme.edit_item, actor=plan["manager"],
          item_id=plan["wheel"], version=None, status="published")
    at = courses_page("carla")
    for name in ("Anna", "Bruno", "Chiara"):
        at.text_input(key="courses_enrol_name").input(name)
        at = next(b for b in at.button if b.label == "Enrol").click().run()
        assert not at.exception and not at.error, [e.value for e in at.error]
    assert "Chiara added to the waitlist." in text_of(at)
    assert [m.value for m in at.metric if m.label == "Waitlist"] == ["1"]
    at.selectbox(key="courses_cancel_who").select_index(0)
    at = next(b for b in at.button if b.label == "Cancel enrolment").click().run()
    assert "Anna is cancelled. Chiara moves up from the waitlist." in text_of(at)
    with reading() as session:
        assert [(e.participant_name, e.status) for e in session.exec(
            select(Enrolment).order_by(Enrolment.id))] == [
            ("Anna", "cancelled"), ("Bruno", "enrolled"), ("Chiara", "enrolled")]


def test_a_refused_session_shows_the_clash_and_writes_nothing(plan):  # noqa: F811
    add(plan, item_key="glaze", day=date(2026, 6, 2))
    at = courses_page("boss")
    next(d for d in at.date_input if d.label == "First day").set_value(date(2026, 6, 2))
    spaces = next(s for s in at.selectbox if s.label == "Space")
    spaces.select_index(next(n for n, label in enumerate(spaces.options) if "POT" in label))
    at = next(b for b in at.button if b.label == "Add session(s)").click().run()
    assert not at.exception
    assert any("POT is taken at 18:00–21:00 on 2026-06-02 by “Glazes and firing”" in e.value
               for e in at.error)
