"""Accounts and sign-in rules in hub/users.py."""
from datetime import timedelta

import pytest
from sqlmodel import select

from db.engine import reading, writing
from db.models import AuditEntry, User, utcnow
from hub.admin import users
from hub.errors import Forbidden, Invalid, Stale
from tests.conftest import PASSWORD


def write(action, **arguments):
    with writing() as session, session.begin():
        return action(session, **arguments)


def test_first_manager_only_on_an_empty_install(db_url):
    created = write(users.create_first_manager, username="Ada", name="Ada Rossi",
                    email="ada@example.org", password=PASSWORD, repeat=PASSWORD)
    assert (created.username, created.role) == ("ada", "manager")
    with pytest.raises(Forbidden, match="already exists"):
        write(users.create_first_manager, username="eve", name="Eve", email="eve@example.org",
              password=PASSWORD, repeat=PASSWORD)


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
                  repeat=PASSWORD) | changes
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


def test_five_failures_lock_the_account_for_fifteen_minutes(db_url, make_user):
    make_user("ada", "manager")
    now = utcnow()
    messages = [write(users.record_failed_sign_in, username="ada", now=now) for _ in range(5)]
    assert "4 attempt(s) left" in messages[0]
    assert "locked for 15 minutes" in messages[4]
    with reading() as session:
        ada = users.find_user(session, "ada")
    assert ada.locked_until == pytest.approx(now + timedelta(minutes=15), abs=timedelta(seconds=1))
    assert "try again in 15 minute(s)" in users.sign_in_refusal(ada, now)
    assert "try again in 1 minute(s)" in users.sign_in_refusal(ada, now + timedelta(minutes=14, seconds=30))
    assert users.sign_in_refusal(ada, now + timedelta(minutes=15, seconds=1)) is None
    with reading() as session:
        creds = users.credentials(session)
    assert creds["usernames"]["ada"]["password"] == users.UNUSABLE_HASH


def test_the_lock_is_in_the_audit_log_once_with_its_end(db_url, make_user):
    ada = make_user("ada", "manager")
    now = utcnow()
    for _ in range(4):
        write(users.record_failed_sign_in, username="ada", now=now)
    with reading() as session:
        assert not session.exec(select(AuditEntry).where(AuditEntry.action == "lock")).all()
    write(users.record_failed_sign_in, username="ada", now=now)
    with reading() as session:
        entries = session.exec(select(AuditEntry).where(AuditEntry.action == "lock")).all()
    assert [(e.username, e.entity, e.entity_id) for e in entries] == [("ada", "users", str(ada.id))]
    assert entries[0].changes == {"locked_until": [None, (now + timedelta(minutes=15)).isoformat()]}


def test_success_resets_the_failure_count(db_url, make_user):
    ada = make_user("ada", "manager")
    for _ in range(4):
        write(users.record_failed_sign_in, username="ada")
    write(users.record_sign_in, user=ada)
    message = write(users.record_failed_sign_in, username="ada")
    assert "4 attempt(s) left" in message


def test_manager_unlocks(db_url, make_user):
    make_user("ada", "manager")
    for _ in range(5):
        write(users.record_failed_sign_in, username="ada")
    write(users.unlock, actor=users.COMMAND_LINE, username="ada")
    with reading() as session:
        assert users.sign_in_refusal(users.find_user(session, "ada")) is None


def test_session_ends_on_deactivation_and_log_out(db_url, make_user):
    make_user("boss", "manager")
    ada = make_user("ada", "communication")
    signed_in_at = utcnow()
    with reading() as session:
        assert users.session_user(session, "ada", signed_in_at).role == "communication"
    write(users.record_sign_out, user_id=ada.id)
    with reading() as session:
        assert users.session_user(session, "ada", signed_in_at) is None
        assert users.session_user(session, "ada", utcnow()) is not None
    write(users.deactivate, actor=users.COMMAND_LINE, username="ada")
    with reading() as session:
        assert users.session_user(session, "ada", utcnow()) is None
