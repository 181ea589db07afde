"""The shell through AppTest: first start and its setup code, sign-in per role, log-out, guards
(failed sign-ins and their pauses: tests/test_sign_in_page.py)."""
import pytest
from sqlmodel import select

from db.engine import reading, writing
from db.models import User
from hub.admin import users
from hub.words import label
from ui.sign_in import auth
from web import keys
from streamlit.testing.v1 import AppTest

from db.models import utcnow
from tests.apptest import (ROOT, follow_link_to, open_page, field, navigation, new_app, press,
                           sign_in, signed_in_app, text_of, type_address)
from tests.conftest import PASSWORD

EVERYONE = ["Overview", "Lab occupancy", "Building", "Tenants", "Courses", "Calendar", "Partners"]


def first_manager(at: AppTest, password: str = PASSWORD, code: str | None = None) -> AppTest:
    for name, value in (("Setup code", keys.setup_code() if code is None else code),
                        ("Username", "ada"), ("Full name", "Ada Rossi"),
                        ("Email", "ada@example.org"), ("Password", password),
                        ("Repeat password", password)):
        field(at, name).input(value)
    return press(at, "Create manager account")


def test_first_start_shows_the_first_manager_form_and_refuses_a_short_password(db_url):
    at = new_app().run()
    assert "Create the first manager account" in text_of(at)
    assert not [w for w in at.text_input if w.label == "Password" and not at.button]
    first_manager(at, "too-short")
    assert "password must be at least 10 characters" in text_of(at)
    with reading() as session:
        assert session.exec(select(User)).all() == []
    assert not at.exception


def test_first_manager_needs_the_setup_code_from_the_server_s_log(db_url):
    at = first_manager(new_app().run(), code="ABCD-EFGH-JKLM")
    assert ("setup code: this is not the setup code the server printed in its log when it "
            "started") in text_of(at)
    with reading() as session:
        assert session.exec(select(User)).all() == []
    assert "Create the first manager account" in text_of(at)


def test_first_manager_is_created_then_signs_in(db_url):
    at = first_manager(new_app().run())
    assert "Account ada created" in text_of(at)
    assert [b.label for b in at.button] == ["Login"]
    sign_in(at, "ada")
    assert navigation(at) == [*EVERYONE, "Billing", "Admin"]
    assert not at.exception


@pytest.mark.parametrize("role, pages", [
    ("manager", [*EVERYONE, "Billing", "Admin"]),
    ("communication", EVERYONE),            # the communication team sees no money
    ("viewer", [*EVERYONE, "Billing"]),     # sums only
])
def test_each_role_gets_its_navigation_and_lands_on_the_overview(db_url, make_user, role, pages):
    make_user("boss", "manager")
    make_user("someone", role, name="Some One")
    at = signed_in_app("someone")
    assert navigation(at) == pages
    assert at.title[0].value == "Overview"
    sidebar = " ".join(m.value for m in [*at.sidebar.markdown, *at.sidebar.caption])
    assert "Some One" in sidebar and label("role", role).capitalize() in sidebar
    assert not at.exception


@pytest.mark.parametrize("role", ["communication", "viewer"])
def test_admin_is_not_in_the_navigation_of_other_roles(db_url, make_user, role):
    make_user("boss", "manager")
    make_user("someone", role)
    at = signed_in_app("someone")
    assert "Admin" not in navigation(at)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        open_page(at, "admin")


NOT_FOR_YOU = ("Admin is for the project manager role; you are signed in as Some One with the "
               "{role} role, so Bottega opened the Overview instead.")


@pytest.mark.parametrize("role", ["communication", "viewer"])
def test_a_link_to_admin_lands_on_the_overview_saying_why(db_url, make_user, role):
    make_user("boss", "manager")
    make_user("someone", role, name="Some One")
    at = sign_in(follow_link_to(new_app().run(), "admin"), "someone")
    assert at.title[0].value == "Overview" and not at.exception
    assert [w.value for w in at.warning] == [NOT_FOR_YOU.format(role=label("role", role))]


@pytest.mark.parametrize("role", ["communication", "viewer"])
def test_typing_admin_lands_on_the_overview_saying_why(db_url, make_user, role, monkeypatch):
    make_user("boss", "manager")
    make_user("someone", role, name="Some One")
    at = type_address(signed_in_app("someone"), "admin", monkeypatch)
    assert at.title[0].value == "Overview" and not at.exception
    assert [w.value for w in at.warning] == [NOT_FOR_YOU.format(role=label("role", role))]
    at.run()        # the next rerun on the Overview (a widget's) asks for the Overview itself
    assert at.title[0].value == "Overview" and not at.warning


def test_a_manager_following_a_link_to_admin_gets_admin_without_a_notice(db_url, make_user):
    make_user("boss", "manager")
    at = sign_in(follow_link_to(new_app().run(), "admin"), "boss")
    assert at.title[0].value == "Admin" and not at.warning and not at.exception


@pytest.mark.parametrize("role, shown", [("viewer", False), ("communication", False),
                                         ("manager", True), (None, False)])
def test_the_admin_page_guards_itself_when_run_directly(db_url, make_user, role, shown):
    """Reached without the navigation (e.g. Streamlit's pages/ fallback), a page still checks."""
    make_user("boss", "manager")
    at = AppTest.from_file(str(ROOT / "pages" / "admin.py"), default_timeout=30)
    if role:
        make_user("someone", role)
        at.session_state[auth.SIGNED_IN] = "someone"
        at.session_state[auth.SIGNED_IN_AT] = utcnow()
    at.run()
    assert bool(at.title) == shown
    if not shown:
        assert at.error or at.warning
    assert not at.exception


def test_every_page_renders_its_heading_for_each_role(db_url, make_user):
    make_user("boss", "manager")
    make_user("carla", "communication")
    make_user("vera", "viewer")
    files = {"Overview": "overview", "Lab occupancy": "occupancy", "Building": "building",
             "Tenants": "tenants",
             "Courses": "courses", "Calendar": "calendar", "Partners": "partners",
             "Billing": "billing", "Admin": "admin"}
    for username in ("boss", "carla", "vera"):
        at = signed_in_app(username)
        for title in navigation(at):
            open_page(at, files[title])
            assert at.title[0].value == title, (username, title)
            assert not at.exception, (username, title)


def test_log_out_returns_to_the_sign_in_form(db_url, make_user):
    make_user("ada", "manager")
    at = signed_in_app("ada")
    at.sidebar.button(key="auth_log_out").click().run()
    assert "You have logged out." in text_of(at)
    assert set(navigation(at)) == {"Sign in"}
    assert [b.label for b in at.button] == ["Login"]
    assert not at.exception


def test_role_is_read_from_the_database_on_every_run(db_url, make_user):
    make_user("boss", "manager")
    make_user("ada", "manager")
    at = signed_in_app("ada")
    assert "Admin" in navigation(at)
    with writing() as session, session.begin():
        users.set_role(session, actor=users.COMMAND_LINE, username="ada", role="viewer")
    at.run()
    assert "Admin" not in navigation(at)


def test_deactivation_ends_an_open_session(db_url, make_user):
    make_user("boss", "manager")
    make_user("ada", "communication")
    at = signed_in_app("ada")
    with writing() as session, session.begin():
        users.deactivate(session, actor=users.COMMAND_LINE, username="ada")
    at.run()
    assert set(navigation(at)) == {"Sign in"}
    assert "You were signed out" in text_of(at)
