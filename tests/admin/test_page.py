"""The Admin screen through AppTest: the manager's tabs and forms; nobody else gets in."""
from __future__ import annotations

import pytest
from sqlmodel import select
from streamlit.testing.v1 import AppTest

from db.engine import reading
from db.models import User, utcnow
from tests.apptest import open_page, signed_in_app, text_of
from tests.conftest import ROOT
from ui import auth


def admin_page(username="boss"):
    return open_page(signed_in_app(username), "admin")


def form_button(at, label):
    return next(button for button in at.button if button.label == label)


def test_manager_sees_every_tab(hub):  # noqa: F811
    at = admin_page()
    assert not at.exception
    assert [tab.label for tab in at.tabs] == ["Sites", "Users", "Audit log", "Import / export",
                                              "Backup", "Privacy"]
    frame = next(table.value for table in at.dataframe if "Username" in table.value.columns)
    assert sorted(frame["Username"]) == ["boss", "carla", "vera"]
    assert "Restore is only offered on an empty database" in text_of(at)
    labels = [button.label for button in at.button]
    assert {"Add user", "Change role", "Apply", "Reset password", "Erase"} <= set(labels)


@pytest.mark.parametrize("username", ["carla", "vera"])
def test_others_cannot_reach_admin_by_url(hub, username):  # noqa: F811
    at = signed_in_app(username)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        open_page(at, "admin")      # /admin is not registered for their role


@pytest.mark.parametrize("username", ["carla", "vera"])
def test_the_page_refuses_others_even_when_run_directly(hub, username):  # noqa: F811
    at = AppTest.from_file(str(ROOT / "pages" / "admin.py"), default_timeout=30)
    at.session_state[auth.SIGNED_IN] = username
    at.session_state[auth.SIGNED_IN_AT] = utcnow()
    at.run()
    assert not at.exception
    assert "The Admin screen is not available to the" in text_of(at)
    assert not at.tabs and not at.dataframe
    assert not [button for button in at.button if button.label in ("Add user", "Erase")]


def test_manager_adds_a_user_and_a_bad_one_names_the_field(hub):  # noqa: F811
    at = admin_page()
    at.text_input(key="admin_new_username").input("nina")
    at.text_input(key="admin_new_name").input("Nina Gori")
    at.text_input(key="admin_new_email").input("not-an-email")
    at.text_input(key="admin_new_password").input("Long-enough-pw-1")
    at.text_input(key="admin_new_repeat").input("Long-enough-pw-1")
    form_button(at, "Add user").click()
    at.run()
    assert not at.exception
    assert "email: email 'not-an-email' is not a valid address" in \
        "\n".join(error.value for error in at.error)
    at.text_input(key="admin_new_email").input("nina@example.org")
    form_button(at, "Add user").click()
    at.run()
    assert not at.exception and not at.error
    with reading() as session:
        assert session.exec(select(User.role).where(User.username == "nina")).one() == "manager"


def test_the_last_manager_cannot_be_demoted_from_the_screen(hub):  # noqa: F811
    at = admin_page()
    picker = at.selectbox(key="admin_role_user")
    picker.select_index(next(i for i, option in enumerate(picker.options)
                             if option.startswith("boss ")))
    at.selectbox(key="admin_role_role").select("viewer")
    form_button(at, "Change role").click()
    at.run()
    assert "boss is the last active manager and cannot be demoted" in \
        "\n".join(error.value for error in at.error)
    with reading() as session:
        assert session.exec(select(User.role).where(User.username == "boss")).one() == "manager"


def audit_table(at):
    return next(table.value for table in at.dataframe if "Record" in table.value.columns)


def test_audit_log_filters_by_user_and_record(hub):  # noqa: F811
    at = admin_page()
    at.selectbox(key="admin_audit_entity").select("users").run()
    frame = audit_table(at)
    assert set(frame["Record"]) == {"users"} and len(frame) == 3
    assert at.selectbox(key="admin_audit_user").options == ["Everyone", "cli"]
    at.selectbox(key="admin_audit_user").select("cli").run()
    changes = " ".join(audit_table(at)["Changes (old → new)"])
    assert "username: carla" in changes and "password" not in changes
