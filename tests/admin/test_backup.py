"""Backup and restore: a round trip gives identical rows in every table, on both backends;
a restore goes only into an empty database of the same schema, all or nothing."""
from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import sys

import pytest
from sqlalchemy import select, text

from db.engine import engine_for, get_engine, writing
from db.seed.driver import seed_demo
from hub.admin import backup, users
from hub.errors import Forbidden
from tests.conftest import ROOT

CLI = users.COMMAND_LINE

_names = itertools.count()


@pytest.fixture
def empty_engine(db_url, request, tmp_path):
    """A second database, migrated and empty, on the same backend as `db_url`."""
    if db_url.startswith("sqlite"):
        path = tmp_path / "restored.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        engine = engine_for(f"sqlite:///{path}")
        yield engine
        engine.dispose()
        return
    cluster, admin = request.getfixturevalue("pg_cluster")
    name = f"restored_{os.getpid()}_{next(_names)}"
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name} TEMPLATE bottega_template"))
    engine = engine_for(cluster.url(name))
    yield engine
    engine.dispose()
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))


@pytest.fixture
def demo_hub(db_url, make_user):
    manager = make_user("boss", "manager")
    make_user("vera", "viewer")
    with writing() as session, session.begin():
        seed_demo(session)
        users.set_role(session, actor=manager, username="vera", role="communication")
    return manager


def every_row(engine) -> dict[str, list[tuple]]:
    with engine.connect() as connection:
        return {table.name: [tuple(row) for row in connection.execute(
                    select(table).order_by(*table.primary_key.columns))]
                for table in backup.tables()}  # the data, bookkeeping aside


@pytest.mark.parametrize("portable", [False, True], ids=["native", "portable"])
def test_backup_then_restore_gives_identical_rows(demo_hub, empty_engine, tmp_path, portable):
    source = get_engine()
    if portable is False and source.dialect.name != "sqlite":
        pytest.skip("the native backup is SQLite's own file")
    path = tmp_path / "backup.bin"
    counts = backup.write_backup(source, path, actor=demo_hub, portable=portable)
    assert counts["tenants"] > 10 and counts["bookings"] > 100 and counts["audit_entries"] >= 3
    restored = backup.restore(empty_engine, path, actor=demo_hub)
    assert restored == counts
    assert_restored(every_row(empty_engine), every_row(source), "boss", "backup.bin")


def assert_restored(restored: dict, source: dict, username: str, name: str) -> None:
    """Every row came back; the backup logged itself, the restore adds one entry at the end."""
    assert restored.keys() == source.keys()
    for table in source:
        if table != "audit_entries":
            assert restored[table] == source[table], table
    *kept, (_, _, _, who, action, entity, restored_from, changes) = restored["audit_entries"]
    assert (who, action, entity, restored_from) == (username, "restore", "database", name)
    assert changes == {"rows": sum(len(rows) for rows in source.values())}
    assert kept == source["audit_entries"]
    assert source["audit_entries"][-1][3:6] == (username, "backup", "database")


def test_restored_database_hands_out_new_ids_after_the_restored_ones(demo_hub, empty_engine,
                                                                    tmp_path):
    path = tmp_path / "backup.bin"
    backup.write_backup(get_engine(), path, actor=CLI, portable=True)
    backup.restore(empty_engine, path, actor=CLI)
    with empty_engine.begin() as connection:
        highest = connection.execute(text("SELECT MAX(id) FROM sites")).scalar()
        connection.execute(text("INSERT INTO sites (code, name, city, country, total_area_m2, "
                                "opens_at, closes_at, open_weekdays, version) VALUES ('NEW', "
                                "'New Hub', 'Prato', 'IT', 0, '08:00:00', '20:00:00', "
                                "'012345', 1)"))
        assert connection.execute(text("SELECT id FROM sites WHERE code = 'NEW'")
                                  ).scalar() > highest


def test_restore_refuses_a_database_holding_hub_data(demo_hub, tmp_path):
    path = tmp_path / "backup.bin"
    backup.write_backup(get_engine(), path, actor=CLI, portable=True)
    before = every_row(get_engine())
    with pytest.raises(backup.RestoreRefused, match="this database is not empty .*sites"):
        backup.restore(get_engine(), path, actor=CLI)
    assert every_row(get_engine()) == before


def test_restore_replaces_the_accounts_of_an_otherwise_empty_database(demo_hub, empty_engine,
                                                                      tmp_path):
    path = tmp_path / "backup.bin"
    backup.write_backup(get_engine(), path, actor=CLI, portable=True)
    with empty_engine.begin() as connection:
        connection.execute(text("INSERT INTO users (username, name, email, password_hash, role, "
                                "active, created_at, version) VALUES ('newbie', "
                                "'New', 'n@example.org', 'x', 'manager', true, "
                                "'2026-01-01 00:00:00', 1)"))
    backup.restore(empty_engine, path, actor=CLI)
    with empty_engine.connect() as connection:
        names = [row[0] for row in connection.execute(text("SELECT username FROM users"))]
    assert sorted(names) == ["boss", "vera"]


def test_a_file_that_is_not_a_backup_is_refused(db_url, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    with pytest.raises(backup.RestoreRefused, match="notes.txt is not a Bottega backup"):
        backup.restore(get_engine(), path, actor=CLI)


def test_a_backup_of_another_schema_revision_is_refused(demo_hub, empty_engine, tmp_path):
    path = tmp_path / "backup.bin"
    backup.write_backup(get_engine(), path, actor=CLI, portable=True)
    with empty_engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(backup.RestoreRefused, match="was made at schema revision .* but this "
                                                     "database is at 9999_future"):
        backup.restore(empty_engine, path, actor=CLI)


def test_a_manager_restores_an_upload_into_an_empty_database_and_the_log_says_who(
        demo_hub, empty_engine):
    data = backup.backup_bytes(get_engine(), actor=demo_hub)
    with empty_engine.begin() as connection:      # the restorer's account, as on a new server
        connection.execute(text("INSERT INTO users (id, username, name, email, password_hash, "
                                "role, active, created_at, version) VALUES "
                                f"({demo_hub.id}, 'boss', 'Boss', 'b@example.org', 'x', "
                                "'manager', true, '2026-01-01 00:00:00', 1)"))
    backup.restore_bytes(empty_engine, actor=demo_hub, data=data, file_name="upload.db")
    assert_restored(every_row(empty_engine), every_row(get_engine()), "boss", "upload.db")
    with empty_engine.connect() as connection:   # the same account came back: the entry links it
        assert connection.execute(text("SELECT user_id FROM audit_entries ORDER BY id DESC")
                                  ).first()[0] == demo_hub.id


def test_only_a_manager_downloads_or_restores_a_backup(demo_hub, make_user):
    viewer = make_user("vito", "viewer")
    with pytest.raises(Forbidden):
        backup.backup_bytes(get_engine(), actor=viewer)
    with pytest.raises(Forbidden):
        backup.restore_bytes(get_engine(), actor=viewer, data=b"", file_name="x.db")


def test_command_line_backup_and_restore(demo_hub, empty_engine, tmp_path):
    path = tmp_path / "hub-backup"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    made = subprocess.run([sys.executable, "-m", "db", "backup", str(path)], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    assert "backup written to" in made.stdout and "tenants" in made.stdout
    env["DATABASE_URL"] = empty_engine.url.render_as_string(hide_password=False)
    back = subprocess.run([sys.executable, "-m", "db", "restore", str(path)], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    assert back.returncode == 0, back.stderr
    assert_restored(every_row(empty_engine), every_row(get_engine()), "cli", "hub-backup")
    again = subprocess.run([sys.executable, "-m", "db", "restore", str(path)], cwd=ROOT,
                           env=env, capture_output=True, text=True)
    assert again.returncode == 1
    assert again.stderr.startswith("error: this database is not empty")


@pytest.mark.parametrize("portable", [False, True], ids=["native", "portable"])
def test_the_restore_plan_counts_what_the_restore_then_writes_and_writes_nothing(
        demo_hub, empty_engine, tmp_path, portable):
    if portable is False and get_engine().dialect.name != "sqlite":
        pytest.skip("the native backup is SQLite's own file")
    path = tmp_path / "backup.bin"
    counts = backup.write_backup(get_engine(), path, actor=demo_hub, portable=portable)
    with empty_engine.begin() as connection:      # the account that signed in to restore
        connection.execute(text("INSERT INTO users (username, name, email, password_hash, role, "
                                "active, created_at, version) VALUES ('newbie', "
                                "'New', 'n@example.org', 'x', 'manager', true, "
                                "'2026-01-01 00:00:00', 1)"))
    before = every_row(empty_engine)
    plan = backup.restore_plan(empty_engine, data=path.read_bytes(), file_name="hub.bin")
    assert every_row(empty_engine) == before
    assert plan == backup.RestorePlan(name="hub.bin", accounts_here=1,
                                      rows={table: n for table, n in counts.items() if n})
    assert plan.rows["users"] == 2 and plan.rows["tenants"] > 10
    restored = backup.restore_bytes(empty_engine, actor=demo_hub, data=path.read_bytes(),
                                    file_name="hub.bin")
    assert {table: n for table, n in restored.items() if n} == plan.rows


def test_the_restore_plan_refuses_what_the_restore_would_refuse(demo_hub, tmp_path):
    with pytest.raises(backup.RestoreRefused, match="notes.txt is not a Bottega backup"):
        backup.restore_plan(get_engine(), data=b"hello", file_name="notes.txt")
    path = tmp_path / "backup.bin"
    backup.write_backup(get_engine(), path, actor=CLI, portable=True)
    with pytest.raises(backup.RestoreRefused, match="this database is not empty .*sites"):
        backup.restore_plan(get_engine(), data=path.read_bytes(), file_name="hub.zip")
