"""The registry of writes: every public hub/ function that takes an `actor` is found by
introspection and must be listed here, as a write, a read or a building block. A new write
function is therefore covered the day it is added, or this test fails.

For each write, on one small world (built once per backend; every call runs in a transaction
that is rolled back, so each starts from the same world):
- a viewer is refused with Forbidden, and nothing is logged;
- communication is refused where the README says so (rents, spaces, leases, tenants, users,
  imports, privacy, deleting a partner), and allowed where it keeps listings, the programme,
  enrolments and partner records;
- every role allowed gets through, and exactly the expected audit entries are written, by
  that user, in that order;
- a write that takes the record's `version` refuses a stale one with Stale, logging nothing.
Reads with an actor show each role what it may see; building blocks are never called from
the screens (only from the hub's own writes, which check the role).
"""
from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from db.models import AuditEntry
from hub.errors import Forbidden, Stale
from tests.conftest import ROOT
from tests.registry.calls import FUNCTIONS, READS, ROLES_ONLY, STEPS, VOCABULARY, WRITES, resolve
from tests.registry.world import EVERYONE, STALE_VERSION


# --- running a call in a transaction that is rolled back ------------------------------------

def last_audit_id(session: Session) -> int:
    return session.exec(select(func.coalesce(func.max(AuditEntry.id), 0))).one()


def logged_since(session: Session, after: int) -> list[tuple[str, str, str]]:
    return [(entry.action, entry.entity, entry.username) for entry in session.exec(
        select(AuditEntry).where(AuditEntry.id > after).order_by(AuditEntry.id))]


def attempt(world, qualified: str, role: str, spec, *, check=None, **override):
    """Call the function as `role`, in a transaction rolled back afterwards. Returns (result
    or the exception raised, [(action, table, username)] logged during the call); `check`
    sees a result while its rows are still loaded."""
    engine, ids, actors = world
    function, actor = resolve(qualified), actors[role]
    with Session(engine, expire_on_commit=False) as session:
        session.begin()
        try:
            before = last_audit_id(session)
            arguments = {**spec.call(session, ids), **override}
            try:
                if spec.engine:
                    session.commit()    # the function opens connections of its own
                    result = function(engine, actor=actor, **arguments)
                else:
                    result = function(session, actor=actor, **arguments)
                    session.flush()
            except (Forbidden, Stale) as refusal:
                result = refusal
            if check is not None and not isinstance(result, Exception):
                check(result)
            return result, logged_since(session, before)
        finally:
            session.rollback()
            if spec.engine:     # take back what the function committed itself
                with engine.begin() as connection:
                    connection.execute(AuditEntry.__table__.delete()
                                       .where(AuditEntry.id > before))


# --- the tests ------------------------------------------------------------------------------

def test_every_function_taking_an_actor_is_in_the_registry():
    listed = set(WRITES) | set(READS) | set(ROLES_ONLY) | VOCABULARY | STEPS
    assert sorted(set(FUNCTIONS) - listed) == [], "add these to the registry of writes"
    assert sorted(listed - set(FUNCTIONS)) == [], "these are gone from hub/: remove them"
    assert len(WRITES) >= 50


def _calls_in(folder: Path) -> set[str]:
    names = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Attribute):
                names.add(node.attr)
            elif isinstance(node, ast.Name):
                names.add(node.id)
            elif isinstance(node, ast.alias):
                names.add(node.name.rsplit(".", 1)[-1])
    return names


def test_the_screens_never_call_a_step_that_skips_the_role_check():
    used = _calls_in(ROOT / "pages") | _calls_in(ROOT / "ui") | {"app"}
    steps = {qualified.rsplit(".", 1)[-1] for qualified in STEPS}
    assert used & steps == set()


@pytest.mark.parametrize("qualified", sorted(WRITES))
def test_a_write_checks_the_role_and_logs_exactly_its_audit_entries(world, qualified):
    spec = WRITES[qualified]
    for role in EVERYONE:
        result, logged = attempt(world, qualified, role, spec)
        if role in spec.roles:
            assert not isinstance(result, Exception), f"{role} was refused: {result}"
            username = world[2][role].username
            assert logged == [(action, table, username) for action, table in spec.audit], role
        else:
            assert isinstance(result, Forbidden), f"{role} was let through"
            assert logged == [], f"{role} was refused but something was logged"


VERSIONED = sorted(name for name in WRITES
                   if "version" in inspect.signature(FUNCTIONS[name]).parameters)


@pytest.mark.parametrize("qualified", VERSIONED)
def test_a_write_from_a_stale_screen_is_refused_and_logs_nothing(world, qualified):
    spec = WRITES[qualified]
    result, logged = attempt(world, qualified, spec.roles[0], spec, version=STALE_VERSION)
    assert isinstance(result, Stale), result
    assert logged == []


def test_every_editable_record_is_version_checked():
    """The writes that change a record someone may have open in another browser."""
    assert {name.rsplit(".", 1)[-1] for name in VERSIONED} >= {
        "edit_space", "set_opening_hours", "edit_site", "archive_site", "restore_site",
        "edit_lease", "end_lease_early", "renew_lease",
        "move_tenant", "cancel_booking", "edit_tenant", "retire_tenant", "edit_staff_notes",
        "edit_listing", "edit_item", "edit_session", "remove_session", "cancel_enrolment",
        "move_enrolment", "edit_partner", "delete_partner", "edit_contact", "delete_contact",
        "edit_interaction", "mark_follow_up_done", "delete_interaction", "unlink",
        "edit_tenant_link", "edit_item_link", "set_role", "deactivate",
        "reactivate", "unlock", "reset_password", "edit_issue", "move_issue", "edit_works",
        "cancel_works"}


@pytest.mark.parametrize("qualified", sorted(READS))
def test_a_read_shows_each_role_what_it_may_see(world, qualified):
    spec = READS[qualified]
    for role in EVERYONE:
        result, logged = attempt(world, qualified, role, spec,
                                 check=lambda shown: spec.shows(role, shown, world[1]))
        assert logged == []
        if role in spec.roles:
            assert not isinstance(result, Exception), f"{role} was refused: {result}"
        else:
            assert isinstance(result, Forbidden), f"{role} was let through"


@pytest.mark.parametrize("qualified", sorted(ROLES_ONLY))
def test_a_roles_only_write_refuses_everyone_else(world, qualified):
    roles, arguments = ROLES_ONLY[qualified]
    engine, _, actors = world
    for role in EVERYONE:
        if role not in roles:
            with pytest.raises(Forbidden):
                FUNCTIONS[qualified](engine, actor=actors[role], **arguments)


def test_an_inactive_manager_is_refused_everything(world):
    engine, ids, actors = world
    gone = actors["manager"].model_copy(update={"active": False})
    for qualified in ("hub.occupancy.leases.lease_space", "hub.admin.users.add_user", "hub.partners.organisations.add_partner"):
        spec = WRITES[qualified]
        with Session(engine) as session:
            session.begin()
            with pytest.raises(Forbidden):
                FUNCTIONS[qualified](session, actor=gone, **spec.call(session, ids))
            session.rollback()
