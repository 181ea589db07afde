"""Accounts in hub/admin/users.py: the first manager and its setup code, roles, the last
manager, the audit, stale edits, and the end of a session (hub/admin/sign_in.py)."""
import re

import pytest
from sqlmodel import select

from db.engine import reading, writing
from db.models import AuditEntry, User, utcnow
from hub.admin import sign_in, users
from hub.errors import Forbidden, Invalid, Stale
from tests.conftest import PASSWORD


def write(action, **arguments):
    with writing() as session, session.begin():
        return action(session, **arguments)


CODE = users.setup_code("a-cookie-key-of-this-install-" * 2)
WITH_CODE = dict(setup_code=CODE, expected_code=CODE)


def test_first_manager_only_on_an_empty_install(db_url):
    created = write(users.create_first_manager, username="Ada", name="Ada Rossi",
                    email="ada@example.org", password=PASSWORD, repeat=PASSWORD, **WITH_CODE)
    assert (created.username, created.role) == ("ada", "manager")
    with pytest.raises(Forbidden, match="already exists"):
        write(users.create_first_manager, username="eve", name="Eve", email="eve@example.org",
              password=PASSWORD, repeat=PASSWORD, **WITH_CODE)


@pytest.mark.parametrize("given", ["", "ABCD-EFGH-JKLM", CODE[:-1]])
def test_the_first_manager_needs_the_setup_code_of_the_server(db_url, given):
    with pytest.raises(Invalid, match="not the setup code the server printed") as refused:
        write(users.create_first_manager, username="ada", name="Ada", email="ada@example.org",
              password=PASSWORD, repeat=PASSWORD, setup_code=given, expected_code=CODE)
    assert refused.value.field == "setup code"
    with reading() as session:
        assert not users.has_users(session)


def test_the_setup_code_is_read_as_a_person_types_it(db_url):
    typed = " " + CODE.lower().replace("-", " ") + " "
    created = write(users.create_first_manager, username="ada", name="Ada",
                    email="ada@example.org", password=PASSWORD, repeat=PASSWORD,
                    setup_code=typed, expected_code=CODE)
    assert created.username == "ada"


def test_the_setup_code_is_three_groups_from_the_secret_and_differs_between_installs():
    assert re.fullmatch(r"[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}", CODE)
    assert users.setup_code("a-cookie-key-of-this-install-" * 2) == CODE
    assert users.setup_code("another-install-s-cookie-key-" * 2) != CODE


@pytest.mark.parametrize("field, changes, message", [
    ("password", {"password": "short", "repeat": "short"}, "at least 10 characters"),
    ("repeat password", {"repeat": "Something-Else-1"}, "do not match"),
    ("password", {"password": " padded-password ", "repeat": " padded-password "}, "space"),
    ("username", {"username": "a b"}, "3 to 32 characters"),
    ("email", {"email": "not-an-email"}, "not a valid address"),
    ("name", {"name": "  "}, "name is required"),
])
def test_first_manager_form_input_is_validated_and_nothing_written(db_url, field, changes,
                                                                   message):
    values = dict(username="ada", name="Ada", email="ada@example.org", password=PASSWORD,
                  repeat=PASSWORD, **WITH_CODE) | changes
    with pytest.raises(Invalid, match=message) as refused:
        write(users.create_first_manager, **values)
    assert refused.value.field == field
    with reading() as session:
        assert session.exec(select(User)).all() == []
        assert session.exec(select(AuditEntry)).all() == []


def test_only_a_manager_adds_users(db_url, make_user):
    viewer = make_user("vera", "viewer")
    communication = make_user("carla", "communication")
    for actor in (viewer, communication):
        with pytest.raises(Forbidden, match="only a project manager may do this"):
            write(users.add_user, actor=actor, username="new", role="viewer", name="New",
                  email="new@example.org", password=PASSWORD)
    with reading() as session:
        assert users.find_user(session, "new") is None


def test_deactivated_manager_is_refused_too(db_url, make_user):
    make_user("boss", "manager")
    make_user("former", "manager")
    former = write(users.deactivate, actor=users.COMMAND_LINE, username="former")
    with pytest.raises(Forbidden):
        write(users.add_user, actor=former, username="x1", role="viewer", name="X",
              email="x@example.org", password=PASSWORD)


def test_duplicate_username_refused(db_url, make_user):
    make_user("ada", "manager")
    with pytest.raises(Invalid, match="already taken"):
        make_user("ADA", "viewer")


def test_unknown_role_refused(db_url, make_user):
    with pytest.raises(Invalid, match="role 'owner' is unknown"):
        make_user("ada", "owner")


def test_last_active_manager_cannot_be_demoted_or_deactivated(db_url, make_user):
    make_user("ada", "manager")
    with pytest.raises(Invalid, match="last active manager"):
        write(users.set_role, actor=users.COMMAND_LINE, username="ada", role="viewer")
    with pytest.raises(Invalid, match="last active manager"):
        write(users.deactivate, actor=users.COMMAND_LINE, username="ada")
    make_user("bruno", "manager")
    demoted = write(users.set_role, actor=users.COMMAND_LINE, username="ada", role="viewer")
    assert demoted.role == "viewer"


def test_role_change_is_audited_with_old_and_new_values(db_url, make_user):
    manager = make_user("ada", "manager")
    make_user("carla", "viewer")
    write(users.set_role, actor=manager, username="carla", role="communication")
    with reading() as session:
        entry = session.exec(select(AuditEntry).where(AuditEntry.action == "update")).one()
    assert (entry.username, entry.entity) == ("ada", "users")
    assert entry.changes == {"role": ["viewer", "communication"]}


def test_audit_never_holds_a_password(db_url, make_user):
    make_user("ada", "manager")
    write(users.reset_password, actor=users.COMMAND_LINE, username="ada",
          password="A-New-Password-9")
    with reading() as session:
        entries = session.exec(select(AuditEntry)).all()
        hashes = [user.password_hash for user in session.exec(select(User))]
    logged = repr([entry.changes for entry in entries])
    reset = next(entry for entry in entries if entry.action == "reset_password")
    assert reset.changes["password_hash"] == ["(not recorded)", "(not recorded)"]
    assert "password_hash" not in next(e for e in entries if e.action == "create").changes
    assert not any(h in logged for h in hashes) and "A-New-Password-9" not in logged


def test_stale_edit_is_refused(db_url, make_user):
    make_user("ada", "manager")
    carla = make_user("carla", "viewer")
    seen = carla.version
    write(users.set_role, actor=users.COMMAND_LINE, username="carla", role="communication",
          version=seen)
    with pytest.raises(Stale, match="^User carla was changed by "):
        write(users.set_role, actor=users.COMMAND_LINE, username="carla", role="manager",
              version=seen)
    with reading() as session:
        assert users.find_user(session, "carla").role == "communication"


def test_session_ends_on_deactivation_and_log_out(db_url, make_user):
    make_user("boss", "manager")
    ada = make_user("ada", "communication")
    signed_in_at = utcnow()
    with reading() as session:
        assert sign_in.session_user(session, "ada", signed_in_at).role == "communication"
    write(sign_in.record_sign_out, user_id=ada.id)
    with reading() as session:
        assert sign_in.session_user(session, "ada", signed_in_at) is None
        assert sign_in.session_user(session, "ada", utcnow()) is not None
    write(users.deactivate, actor=users.COMMAND_LINE, username="ada")
    with reading() as session:
        assert sign_in.session_user(session, "ada", utcnow()) is None
