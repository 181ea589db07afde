"""How a save travels from a form to the rules (ui/forms.py), on a small page under AppTest:
the version the form was drawn with reaches the write, however the record moved since; after
a save the form is new and empty, after a refusal it keeps what was typed; a submission that
was saved is never written again; a save over someone else's change is refused below the
form, naming who, with a button that reloads the record."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import shown


def page() -> None:
    import streamlit as st

    from hub.errors import Invalid, Stale
    from ui.forms import form

    st.session_state.setdefault("calls", [])
    st.session_state.setdefault("version", 1)      # the record's version in the database

    def write(session, *, name: str, phone: str, version: int | None = None) -> str:
        st.session_state.calls.append((name, phone, version))
        if not name:
            raise Invalid("name", "write a name")
        if version is not None and version != st.session_state.version:
            raise Stale("Tenant Nora was changed by Maria Bianchi (maria) on 7 Dec 2026, "
                        "10:00 after you opened it; reload it and apply your change again")
        return name

    with form("demo_edit", version=st.session_state.version, about=("tenant", 1)) as edit:
        name = st.text_input("Name", "Nora", key=edit.key("demo_name"))
        phone = st.text_input("Phone", key=edit.key("demo_phone"))
        if edit.submitted("Save") and edit.save(write, name=name, phone=phone):
            edit.done(f"{name} saved")


@pytest.fixture
def at(db_url) -> AppTest:       # ui.database.save opens a real transaction
    return AppTest.from_function(page, default_timeout=30).run()


def field(at: AppTest, label: str):
    return next(widget for widget in at.text_input if widget.label == label)


def save(at: AppTest) -> AppTest:
    return next(b for b in at.button if b.label == "Save").click().run()


def test_the_write_gets_the_version_the_form_was_drawn_with(at):
    at.session_state.version = 2                   # someone else saved meanwhile
    at = at.run()                                  # the form stays on screen: still version 1
    field(at, "Phone").input("+39 055 1")
    at = save(at)
    assert at.session_state.calls == [("Nora", "+39 055 1", 1)]
    assert [shown(e.value) for e in at.error] == [
        "Tenant Nora was changed by Maria Bianchi (maria) on 7 Dec 2026, 10:00 after you "
        "opened it; reload it and apply your change again"]
    assert field(at, "Phone").value == "+39 055 1"         # what this person typed stays
    assert not at.success and not at.exception


def test_reloading_after_a_stale_refusal_shows_the_record_anew_and_then_saves(at):
    at.session_state.version = 2
    field(at, "Phone").input("+39 055 1")
    at = save(at)
    at = next(b for b in at.button if b.label == "Reload the record").click().run()
    assert field(at, "Phone").value == "" and not at.error
    field(at, "Phone").input("+39 055 2")
    at = save(at)
    assert at.session_state.calls[-1] == ("Nora", "+39 055 2", 2)
    assert [shown(s.value) for s in at.success] == ["Nora saved"]


def test_after_a_save_the_form_starts_afresh_and_after_a_refusal_it_keeps_the_values(at):
    field(at, "Name").input("")
    field(at, "Phone").input("+39 055 3")
    at = save(at)
    assert [shown(e.value) for e in at.error] == ["name: write a name"]
    assert (field(at, "Name").value, field(at, "Phone").value) == ("", "+39 055 3")
    field(at, "Name").input("Nora Bianchi")
    at = save(at)
    assert [shown(s.value) for s in at.success] == ["Nora Bianchi saved"]
    assert (field(at, "Name").value, field(at, "Phone").value) == ("Nora", "")
    assert field(at, "Phone").key == "demo_phone__1"        # a new widget, not the old one


def test_a_submission_saved_is_not_written_again(at):
    field(at, "Phone").input("+39 055 4")
    state = at.session_state.forms["demo_edit"]
    state.saved = state.generation     # saved, but the run that saved it ended before done()
    at = save(at)                      # the same submission handled again
    assert at.session_state.calls == []
    assert field(at, "Phone").key == "demo_phone__1"        # and the form starts afresh


def test_the_confirmation_is_said_below_the_form_once(at):
    at = save(at)
    assert [shown(s.value) for s in at.success] == ["Nora saved"]
    at = at.run()
    assert not at.success


def two_steps() -> None:
    """A form that takes the person to another one after a save (as Plan's new item takes
    them to its sessions), only one of them drawn at a time (as tabs are)."""
    import streamlit as st

    from ui.forms import form

    st.session_state.setdefault("step", "plan")
    if st.session_state.step == "plan":
        with form("demo_plan") as plan:
            title = st.text_input("Title", key=plan.key("demo_title"))
            if plan.submitted("Add") and plan.save(lambda session, title: title, title=title):
                st.session_state.step = "sessions"
                plan.done(f"{title} added: add its sessions below.", below="demo_sessions",
                          here=f"{title} added: its sessions are on the next step.")
    else:
        with form("demo_sessions") as sessions:
            st.text_input("Day", key=sessions.key("demo_day"))
            sessions.submitted("Add sessions")


def test_a_save_is_said_where_it_takes_the_person_and_where_a_late_second_click_returns(
        db_url):
    at = AppTest.from_function(two_steps, default_timeout=30).run()
    field(at, "Title").input("Filigree")
    at = next(b for b in at.button if b.label == "Add").click().run()
    assert [shown(s.value) for s in at.success] == ["Filigree added: add its sessions below."]
    # The second click of a double click, sent before the page moved, brings the person back
    # to the first form, late on a busy machine: it says the save there too, once.
    message, when = at.session_state.forms["demo_plan"].echo
    at.session_state.forms["demo_plan"].echo = (message, when - 100)
    at.session_state.step = "plan"
    at = at.run()
    assert [shown(s.value) for s in at.success] == [
        "Filigree added: its sessions are on the next step."]
    assert not at.run().success
