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
from sqlmodel import SQLModel

from db.engine import engine_for, get_engine, writing
from db.seed import seed_demo
from hub import backup, users
from hub.errors import Forbidden
from tests.conftest import ROOT

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
                for table in SQLModel.metadata.sorted_tables}


@pytest.mark.parametrize("portable", [False, True], ids=["native", "portable"])
def test_backup_then_restore_gives_identical_rows(demo_hub, empty_engine, tmp_path, portable):
    source = get_engine()
    if portable is False and source.dialect.name != "sqlite":
        pytest.skip("the native backup is SQLite's own file")
    path = tmp_path / "backup.bin"
    counts = backup.write_backup(source, path, portable=portable)
    assert counts["tenants"] > 10 and counts["bookings"] > 100 and counts["audit_entries"] >= 3
    restored = backup.restore(empty_engine, path)
    assert restored == counts
    before, after = every_row(source), every_row(empty_engine)
    assert before.keys() == after.keys()
    for table in before:
        assert after[table] == before[table], table


def test_restored_database_hands_out_new_ids_after_the_restored_ones(demo_hub, empty_engine,
                                                                    tmp_path):
    path = tmp_path / "backup.bin"
    backup.write_backup(get_engine(), path, portable=True)
    backup.restore(empty_engine, path)
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
    backup.write_backup(get_engine(), path, portable=True)
    before = every_row(get_engine())
    with pytest.raises(backup.RestoreRefused, match="this database is not empty .*sites"):
        backup.restore(get_engine(), path)
    assert every_row(get_engine()) == before


def test_restore_replaces_the_accounts_of_an_otherwise_empty_database(demo_hub, empty_engine,
                                                                      tmp_path):
    path = tmp_path / "backup.bin"
    backup.write_backup(get_engine(), path, portable=True)
    with empty_engine.begin() as connection:
        connection.execute(text("INSERT INTO users (username, name, email, password_hash, role, "
                                "active, failed_logins, created_at, version) VALUES ('newbie', "
                                "'New', 'n@example.org', 'x', 'manager', true, 0, "
                                "'2026-01-01 00:00:00', 1)"))
    backup.restore(empty_engine, path)
    with empty_engine.connect() as connection:
        names = [row[0] for row in connection.execute(text("SELECT username FROM users"))]
    assert sorted(names) == ["boss", "vera"]


def test_a_file_that_is_not_a_backup_is_refused(db_url, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    with pytest.raises(backup.RestoreRefused, match="notes.txt is not a Bottega backup"):
        backup.restore(get_engine(), path)


def test_a_backup_of_another_schema_revision_is_refused(demo_hub, empty_engine, tmp_path):
    path = tmp_path / "backup.bin"
    backup.write_backup(get_engine(), path, portable=True)
    with empty_engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(backup.RestoreRefused, match="was made at schema revision .* but this "
                                                     "database is at 9999_future"):
        backup.restore(empty_engine, path)


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
    assert every_row(empty_engine) == every_row(get_engine())
    again = subprocess.run([sys.executable, "-m", "db", "restore", str(path)], cwd=ROOT,
                           env=env, capture_output=True, text=True)
    assert again.returncode == 1
    assert again.stderr.startswith("error: this database is not empty")
