"""The Courses screen through AppTest, per role."""
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import pytest
from sqlmodel import select
from streamlit.testing.v1 import app_test

from db.engine import reading, writing
from db.models import AuditEntry, Enrolment, Instructor, ProgrammeItem, Site
from hub.programme import items
from hub.programme.enrolments import enrol
from tests.apptest import field, open_page, said, shown, signed_in_app, text_of
from tests.icalendars import read_everywhere
from tests.worlds import add, write
from ui.format import as_text


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


def built_on_press(manager, button) -> bytes:
    """What a press of a download button gets: its file built by Streamlit's server in a
    worker thread, outside any run of the page."""
    with ThreadPoolExecutor(max_workers=1) as worker:
        url = worker.submit(manager.execute_deferred, button.deferred_file_id).result()
    return manager._storage.get_file(url.rsplit("/", 1)[1].split(".")[0]).content


def test_the_published_programme_downloads_without_rerunning_the_page(published, monkeypatch):
    """The .ics button stayed greyed with a spinner: its press reran the page, which dropped
    the file's address on its way to the browser (tests/test_downloads.py)."""
    managers = []

    class Kept(app_test.MediaFileManager):   # AppTest's, kept past its run for the press
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            managers.append(self)
    monkeypatch.setattr(app_test, "MediaFileManager", Kept)
    with writing() as session, session.begin():
        session.get(Site, published["site"]).timezone = "America/New_York"
    at = open_tab(courses_page("carla"), "Calendar")
    buttons = {d.proto.label: d.proto for d in at.get("download_button")}
    ics = buttons["Download the published programme (.ics)"]
    assert ics.ignore_rerun and buttons["Download the published programme (CSV)"].ignore_rerun
    calendar = read_everywhere(built_on_press(managers[-1], ics), zone="America/New_York")
    assert [e.decoded("DTSTART").isoformat() for e in calendar.walk("VEVENT")] == [
        "2026-06-02T18:00:00-04:00", "2026-06-09T18:00:00-04:00"]
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
    write(items.edit_item, actor=plan["manager"],
          item_id=plan["wheel"], version=None, status="published")
    at = courses_page("carla")
    for name in ("Anna", "Bruno", "Chiara"):
        field(at, "Participant name").input(name)          # a new field after each save
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
    assert any("POT is taken at 18:00–21:00 on 2 Jun 2026 by “Glazes and firing”" in shown(e.value)
               for e in at.error)


# --- cancelling an item is confirmed in a dialog ------------------------------------------

SOON = date.today() + timedelta(days=14)


@pytest.fixture
def running(plan):  # noqa: F811
    """Wheel throwing, published: 2 seated and 1 waiting; one past session, two to come."""
    write(items.edit_item, actor=plan["manager"], item_id=plan["wheel"], version=None,
          status="published")
    for name in ("Anna", "Bruno", "Chiara"):
        write(enrol, actor=plan["manager"], item_id=plan["wheel"], participant_name=name)
    for day in (date(2026, 6, 2), SOON, SOON + timedelta(days=7)):
        add(plan, day=day)
    return plan


def wheel_now(plan) -> tuple:
    """The item's status, its people, and how many times it was changed."""
    with reading() as session:
        return (session.get(ProgrammeItem, plan["wheel"]).status,
                [e.status for e in session.exec(select(Enrolment).order_by(Enrolment.id))],
                len(session.exec(select(AuditEntry).where(
                    AuditEntry.entity == "programme_items", AuditEntry.action == "update",
                    AuditEntry.entity_id == str(plan["wheel"]))).all()))


def cancel_asked():
    at = courses_page("carla")
    next(s for s in at.selectbox if s.label == "Status").select("cancelled")
    return next(b for b in at.button if b.label == "Save item").click().run()


def test_cancelling_an_item_asks_first_naming_it_and_its_people(running):
    before = wheel_now(running)
    at = cancel_asked()
    assert not at.exception
    assert [t.value for t in at.text] == [
        "Cancel “Wheel throwing for beginners” — 2 people enrolled and 1 person on the "
        "waitlist are affected: their enrolments stay on record but the item will not run, "
        "so let them know. 2 coming sessions free their rooms and instructors. A cancelled "
        "item cannot be reopened."]
    assert {"Cancel the item", "Keep the item"} <= {b.label for b in at.button}
    assert wheel_now(running) == before
    assert before[:2] == ("published", ["enrolled", "enrolled", "waitlisted"])


def test_cancelling_the_cancellation_writes_nothing(running):
    before = wheel_now(running)
    at = cancel_asked().button(key="courses_cancel_item_cancel").click().run()
    assert not at.exception and not at.text
    assert wheel_now(running) == before


def test_confirming_cancels_the_item_once_and_says_so(running):
    status, people, changes = wheel_now(running)
    at = cancel_asked().button(key="courses_cancel_item_confirm").click().run()
    assert not at.exception and not at.error and not at.text
    assert said(at) == ["“Wheel throwing for beginners” cancelled"]
    assert wheel_now(running) == ("cancelled", people, changes + 1)
    at.run()
    assert wheel_now(running) == ("cancelled", people, changes + 1)


def test_other_changes_to_an_item_are_saved_without_asking(running):
    at = courses_page("carla")
    next(s for s in at.selectbox if s.label == "Status").select("done")
    at = next(b for b in at.button if b.label == "Save item").click().run()
    assert not at.exception and not at.text
    assert wheel_now(running)[0] == "done"


# --- editing an instructor ----------------------------------------------------------------

def paolo(plan):
    with reading() as session:
        return session.get(Instructor, plan["outsider"])


def instructor_picked(plan):
    at = open_tab(courses_page("carla"), "Plan")
    pick = at.selectbox(key="courses_instructor_pick")
    assert pick.options == ["Giulia Neri", "Paolo Conti"]
    return pick.select(plan["outsider"]).run()


def test_communication_edits_an_instructor_and_sees_a_toast(plan):  # noqa: F811
    before = paolo(plan)
    at = instructor_picked(plan)
    key = f"courses_instructor_edit_{before.id}"
    assert at.text_input(key=f"{key}_email").value == "paolo@example.org"
    at.text_input(key=f"{key}_email").input("conti@example.org")
    at = next(b for b in at.button if b.label == "Save instructor").click().run()
    assert not at.exception and not at.error
    assert said(at) == ["Instructor Paolo Conti saved"]
    after = paolo(plan)
    assert (after.name, after.email, after.phone, after.version) == (
        "Paolo Conti", "conti@example.org", "+39 055 123", before.version + 1)


def test_a_bad_instructor_edit_names_the_field_and_saves_nothing(plan):  # noqa: F811
    before = paolo(plan)
    at = instructor_picked(plan)
    at.text_input(key=f"courses_instructor_edit_{before.id}_email").input("not-an-email")
    at = next(b for b in at.button if b.label == "Save instructor").click().run()
    assert not at.exception and not at.toast
    assert [e.value for e in at.error] == [
        as_text("email: email must be an address like name@example.org")]
    assert paolo(plan).model_dump() == before.model_dump()


def test_a_new_item_opens_on_the_item_tab_below_its_sessions_form(plan):  # noqa: F811
    at = open_tab(courses_page("carla"), "Plan")
    field(at, "Title").input("Filigree evening")
    at = next(b for b in at.button if b.label == "Add item").click().run()
    assert not at.exception and not at.error
    assert at.session_state["courses_tab"] == "Item"
    names = at.selectbox(key="courses_item")
    assert names.format_func(names.value).startswith("Filigree evening · draft")
    assert f"courses_session_{names.value}_submit" in [b.key for b in at.button]
    assert said(at) == ["“Filigree evening” added as draft: add its sessions below."]
    assert not at.toast                                  # said where the person is taken


def test_back_on_plan_at_once_the_new_item_is_said_there_too(plan):  # noqa: F811
    """A second click on Add item, sent before the page moved to the item, brings the page
    back to Plan: the form there says where the item is."""
    at = open_tab(courses_page("carla"), "Plan")
    field(at, "Title").input("Filigree evening")
    at = open_tab(next(b for b in at.button if b.label == "Add item").click().run(), "Plan")
    assert said(at) == ["“Filigree evening” added as draft: its sessions are added on the "
                        "Item tab."]
    assert field(at, "Title").value == ""
    at = at.run()
    assert said(at) == []                                  # said once
