"""The Admin screen through AppTest: the manager's tabs and forms; nobody else gets in."""
from __future__ import annotations

import pytest
from sqlalchemy import func
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from db.engine import get_engine, reading
from db.models import AuditEntry, Tenant, User, utcnow
from hub.admin import backup, users
from tests.admin.test_backup import every_row
from tests.apptest import open_page, said, shown, signed_in_app, text_of
from tests.conftest import PASSWORD, ROOT
from tests.faults import read_only
from tests.worlds import book, lease
from ui.sign_in import auth


def admin_page(username="boss"):
    return open_page(signed_in_app(username), "admin")


def form_button(at, label):
    return next(button for button in at.button if button.label == label)


def test_manager_sees_every_tab(base):  # noqa: F811
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
def test_others_cannot_reach_admin_by_url(base, username):  # noqa: F811
    at = signed_in_app(username)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        open_page(at, "admin")      # /admin is not registered for their role


@pytest.mark.parametrize("username", ["carla", "vera"])
def test_the_page_refuses_others_even_when_run_directly(base, username):  # noqa: F811
    at = AppTest.from_file(str(ROOT / "pages" / "admin.py"), default_timeout=30)
    at.session_state[auth.SIGNED_IN] = username
    at.session_state[auth.SIGNED_IN_AT] = utcnow()
    at.run()
    assert not at.exception
    assert "The Admin screen is not available to the" in text_of(at)
    assert not at.tabs and not at.dataframe
    assert not [button for button in at.button if button.label in ("Add user", "Erase")]


def test_manager_adds_a_user_and_a_bad_one_names_the_field(base):  # noqa: F811
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
        shown("\n".join(error.value for error in at.error))
    at.text_input(key="admin_new_email").input("nina@example.org")
    form_button(at, "Add user").click()
    at.run()
    assert not at.exception and not at.error
    with reading() as session:
        assert session.exec(select(User.role).where(User.username == "nina")).one() == "manager"


def test_a_save_on_a_database_that_takes_no_writes_says_to_tell_the_administrator(
        base, db_url, monkeypatch):  # noqa: F811
    at = admin_page()
    for key, value in (("admin_new_username", "nina"), ("admin_new_name", "Nina Gori"),
                       ("admin_new_email", "nina@example.org"),
                       ("admin_new_password", "Long-enough-pw-1"),
                       ("admin_new_repeat", "Long-enough-pw-1")):
        at.text_input(key=key).input(value)
    with read_only(db_url, monkeypatch):
        form_button(at, "Add user").click()
        at.run()
    assert [shown(error.value) for error in at.error] == [
        "The database cannot be written (it is read-only or its disk is full); nothing was "
        "saved. Tell your administrator."]
    assert not at.exception
    with reading() as session:
        assert users.find_user(session, "nina") is None


def test_the_last_manager_cannot_be_demoted_from_the_screen(base):  # noqa: F811
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


def test_audit_log_filters_by_user_and_record(base):  # noqa: F811
    at = admin_page()
    at.selectbox(key="admin_audit_entity").select("users").run()
    frame = audit_table(at)
    # Each record in the hub's words, not its table and id
    assert set(frame["Record"]) == {"User boss", "User carla", "User vera"} and len(frame) == 3
    assert at.selectbox(key="admin_audit_user").options == ["Everyone", "cli"]
    at.selectbox(key="admin_audit_user").select("cli").run()
    changes = " ".join(audit_table(at)["Changes (old → new)"])
    assert "username: carla" in changes and "password" not in changes


# --- erasing a person is confirmed in a dialog --------------------------------------------

@pytest.fixture
def giulia(base):  # noqa: F811
    """Giulia Neri holds a lease and a booking: what erasing her keeps, anonymised."""
    lease(base)
    book(base)
    return base


def giulia_now(base) -> tuple:
    with reading() as session:
        tenant = session.get(Tenant, base["giulia"])
        return (tenant.name, tenant.business, len(session.exec(select(AuditEntry).where(
            AuditEntry.action == "erase")).all()))


def erase_asked():
    at = admin_page()
    people = at.selectbox(key="admin_privacy_person")
    people.select_index(people.options.index("Tenant: Giulia Neri"))
    return form_button(at.run(), "Erase").click().run()


def test_erasing_asks_first_naming_the_person_and_what_is_kept(giulia):
    before = giulia_now(giulia)
    at = erase_asked()
    assert not at.exception
    assert [t.value for t in at.text] == [
        "Erase Giulia Neri (tenant) — their name, business, email, phone, notes and "
        "target-group answers are blanked here and wherever they are quoted, the audit log "
        "included. This cannot be undone.",
        "• kept for the figures, anonymised: 1 lease and 1 booking"]
    assert {"Erase for good", "Cancel"} <= {b.label for b in at.button}
    assert giulia_now(giulia) == before == ("Giulia Neri", None, 0)


def test_cancelling_the_erasure_erases_nothing(giulia):
    before = giulia_now(giulia)
    at = erase_asked().button(key="admin_privacy_erase_cancel").click().run()
    assert not at.exception and not at.text
    assert giulia_now(giulia) == before


def test_confirming_erases_once_and_says_so(giulia):
    at = erase_asked().button(key="admin_privacy_erase_confirm").click().run()
    assert not at.exception and not at.error and not at.text
    assert said(at) == [
        f"Erased: tenant {giulia['giulia']} (3 records anonymised)"]
    assert giulia_now(giulia) == ("erased", "erased", 1)
    assert "Tenant: Giulia Neri" not in at.selectbox(key="admin_privacy_person").options
    at.run()
    assert giulia_now(giulia) == ("erased", "erased", 1)


# --- restoring a backup is confirmed in a dialog ------------------------------------------

BACKUP_NAME = "bottega-2026-12-01-0900.bin"


@pytest.fixture
def empty(db_url, make_user):
    """A database holding only the manager who signs in to restore."""
    return make_user("boss", "manager")


@pytest.fixture
def backup_file(fresh):
    """A backup of the other database (its site, Ada and a boss of its own): the bytes and
    the rows each table holds."""
    engine, ada = fresh
    with Session(engine, expire_on_commit=False) as session, session.begin():
        users.add_user(session, actor=ada, username="boss", role="manager", name="Bea Boss",
                       email="bea@example.org", password=PASSWORD)
    data = backup.backup_bytes(engine, actor=ada)
    return data, {table: n for table, n in row_counts(engine).items() if n}


def row_counts(engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {table.name: connection.execute(select(func.count()).select_from(table)).scalar()
                for table in backup.tables()}  # the data, bookkeeping aside


def restore_asked(data: bytes):
    """Upload and press Restore; returns the screen and every row as it was, signed in."""
    at = admin_page()
    before = every_row(get_engine())
    at.file_uploader(key="admin_restore_file").set_value(
        (BACKUP_NAME, data, "application/octet-stream"))
    return form_button(at, "Restore").click().run(), before


def test_restoring_asks_first_naming_the_file_and_the_rows_it_writes(empty, backup_file):
    data, rows = backup_file
    at, before = restore_asked(data)
    assert not at.exception and not at.error
    assert [t.value for t in at.text] == [
        f"Restore {BACKUP_NAME} into this database — it writes {sum(rows.values())} rows and "
        "replaces the 1 account here with the backup's 2 accounts (an account that is not "
        "among them is signed out)."] + [
        f"• {n} {'row' if n == 1 else 'rows'} of {table.replace('_', ' ')}"
        for table, n in rows.items()]
    assert rows["sites"] == 1 and rows["users"] == 2
    assert {"Restore it", "Cancel"} <= {b.label for b in at.button}
    assert every_row(get_engine()) == before


def test_cancelling_the_restore_writes_nothing(empty, backup_file):
    at, before = restore_asked(backup_file[0])
    at = at.button(key="admin_restore_cancel").click().run()
    assert not at.exception and not at.text
    assert every_row(get_engine()) == before


def test_confirming_restores_once_and_says_so(empty, backup_file):
    data, rows = backup_file
    at, _ = restore_asked(data)
    at = at.button(key="admin_restore_confirm").click().run()
    assert not at.exception and not at.error and not at.text
    assert said(at) == [
        f"Restored {sum(rows.values())} rows from {BACKUP_NAME}"]
    restored = row_counts(get_engine())
    assert restored["sites"] == 1 and restored["users"] == 2
    assert restored["audit_entries"] == rows["audit_entries"] + 1      # the restore itself
    at.run()
    assert row_counts(get_engine()) == restored
