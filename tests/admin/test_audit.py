"""Admin rules in hub/: the audit log read back with filters and readable old → new values;
the last active manager protected."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import select

from db.engine import reading, writing
from db.models import AuditEntry, User
from hub.admin import audit, users
from hub.errors import Forbidden, Invalid


def write(action, **arguments):
    with writing() as session, session.begin():
        return action(session, **arguments)


@pytest.fixture
def staff(db_url, make_user):
    boss = make_user("boss", "manager")
    make_user("carla", "communication")
    viewer = make_user("vera", "viewer")
    write(users.set_role, actor=boss, username="carla", role="viewer")
    write(users.deactivate, actor=boss, username="vera")
    return boss, viewer


def entries(actor, **filters):
    with reading() as session:
        return audit.audit_entries(session, actor=actor, **filters)


def test_the_log_filters_by_user_record_and_period(staff):
    boss, _ = staff
    rows, total = entries(boss)
    assert total == 5 and [row.action for row in rows][:2] == ["deactivate", "update"]
    by_boss, total = entries(boss, username="boss")
    assert total == 2 and {row.username for row in by_boss} == {"boss"}
    assert entries(boss, entity="users")[1] == 5
    assert entries(boss, entity="leases")[1] == 0
    today = date.today()
    assert entries(boss, since=today, until=today)[1] == 5
    assert entries(boss, until=today - timedelta(days=1))[1] == 0
    assert entries(boss, since=today + timedelta(days=1))[1] == 0
    assert len(entries(boss, limit=2)[0]) == 2


def test_changes_read_old_to_new_and_never_show_a_password(staff):
    boss, _ = staff
    rows, _ = entries(boss, username="boss")
    shown = {row.action: row.changes for row in rows}
    assert shown["update"] == "role: communication → viewer"
    assert shown["deactivate"].startswith("active: True → False")
    created, _ = entries(boss, username="cli")
    assert all("password" not in row.changes for row in created)
    assert "email: carla@example.org" in " ".join(row.changes for row in created)


def test_only_a_manager_reads_the_log(staff):
    _, viewer = staff
    with reading() as session:
        viewer = session.exec(select(User).where(User.username == "carla")).one()
        with pytest.raises(Forbidden):
            audit.audit_entries(session, actor=viewer)
        with pytest.raises(Forbidden):
            audit.audit_choices(session, actor=viewer)


def test_filter_choices_list_who_and_what_is_in_the_log(staff):
    boss, _ = staff
    with reading() as session:
        names, entities = audit.audit_choices(session, actor=boss)
    assert names == ["boss", "cli"] and entities == ["users"]


def test_the_last_active_manager_cannot_be_demoted_or_deactivated(staff):
    boss, _ = staff
    with pytest.raises(Invalid, match="boss is the last active manager and cannot be demoted"):
        write(users.set_role, actor=boss, username="boss", role="viewer")
    with pytest.raises(Invalid, match="cannot be deactivated"):
        write(users.deactivate, actor=boss, username="boss")
    write(users.set_role, actor=boss, username="carla", role="manager")
    write(users.set_role, actor=boss, username="boss", role="viewer")   # now someone is left
    with reading() as session:
        assert session.exec(select(User.role).where(User.username == "boss")).one() == "viewer"
        assert session.exec(select(AuditEntry).where(AuditEntry.action == "update")).all()
