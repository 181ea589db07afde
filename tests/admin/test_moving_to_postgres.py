"""Outgrowing SQLite: a hub started on the embedded SQLite file moves to PostgreSQL with the
README's two commands, `python -m db backup` on SQLite and `python -m db restore` into a new,
empty PostgreSQL database. Every table comes back row by row (booleans, dates, times, money,
timestamps, JSON), and PostgreSQL then hands out ids after the restored ones."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, datetime, time
from decimal import Decimal

import pytest
from sqlalchemy import text
from sqlmodel import Session, select

from db.engine import engine_for
from db.models import Site
from db.seed.driver import seed_demo
from hub.admin import backup, users
from hub import sites
from tests.admin.test_backup import assert_restored, every_row
from tests.conftest import ROOT, new_database


def run_cli(*arguments: str, database: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DATABASE_URL": database,
           "BOTTEGA_DEMO": "0"}
    return subprocess.run([sys.executable, "-m", "db", *arguments], cwd=ROOT, env=env,
                          capture_output=True, text=True)


@pytest.fixture
def sqlite_hub(request, tmp_path, monkeypatch):
    """The demo hub on a SQLite file, with a manager and a communication user."""
    with new_database(request, "sqlite", tmp_path, prefix="embedded") as url:
        monkeypatch.setenv("DATABASE_URL", url)
        monkeypatch.setenv("BOTTEGA_DATA_DIR", str(tmp_path / "data"))
        engine = engine_for(url)
        with Session(engine) as session, session.begin():
            manager = users.add_user(session, actor=users.COMMAND_LINE, username="boss",
                                     role="manager", name="Boss", email="boss@example.org",
                                     password="Correct-Horse-42")
            users.add_user(session, actor=manager, username="vera", role="communication",
                           name="Vera", email="vera@example.org", password="Correct-Horse-42")
            seed_demo(session)
        yield url, engine
        engine.dispose()
        engine_for.cache_clear()


@pytest.fixture
def empty_postgresql(request):
    """A new PostgreSQL database with nothing in it, not even the schema: `createdb`."""
    cluster, admin = request.getfixturevalue("pg_cluster")
    name = f"moved_{os.getpid()}"
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    engine = engine_for(cluster.url(name))
    yield cluster.url(name), engine
    engine.dispose()
    engine_for.cache_clear()
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))


def kinds_of_value(rows: dict[str, list[tuple]]) -> set[type]:
    return {type(value) for table in rows.values() for row in table for value in row}


def test_sqlite_to_postgresql_with_backup_then_restore_keeps_every_row(sqlite_hub,
                                                                      empty_postgresql,
                                                                      tmp_path):
    sqlite_url, sqlite_engine = sqlite_hub
    postgresql_url, postgresql_engine = empty_postgresql
    path = tmp_path / "bottega-backup.db"

    made = run_cli("backup", str(path), database=sqlite_url)
    assert made.returncode == 0, made.stderr
    back = run_cli("restore", str(path), database=postgresql_url)
    assert back.returncode == 0, back.stderr

    source, moved = every_row(sqlite_engine), every_row(postgresql_engine)
    assert {table for table, rows in source.items() if rows} >= {
        "sites", "spaces", "tenants", "leases", "bookings", "programme_items", "partners",
        "users", "audit_entries"}
    # the values a move could bend are there to be compared
    assert {bool, date, datetime, time, Decimal, float, int, str} <= kinds_of_value(source)
    assert_restored(moved, source, "cli", "bottega-backup.db")


def test_postgresql_hands_out_new_ids_after_a_move_from_sqlite(sqlite_hub, empty_postgresql,
                                                               tmp_path):
    sqlite_url, __ = sqlite_hub
    postgresql_url, postgresql_engine = empty_postgresql
    path = tmp_path / "bottega-backup.db"
    assert run_cli("backup", str(path), database=sqlite_url).returncode == 0
    assert run_cli("restore", str(path), database=postgresql_url).returncode == 0

    with postgresql_engine.begin() as connection:   # every table's next id follows its rows
        for table in backup.tables():
            if "id" not in table.columns:
                continue
            highest = connection.execute(text(f"SELECT MAX(id) FROM {table.name}")).scalar()
            following = connection.execute(text(
                f"SELECT nextval(pg_get_serial_sequence('{table.name}', 'id'))")).scalar()
            assert following > (highest or 0), table.name
    with Session(postgresql_engine) as session, session.begin():
        manager = session.exec(select(users.User).where(users.User.username == "boss")).one()
        highest = max(session.exec(select(Site.id)))
        site = sites.add_site(session, actor=manager, code="PR", name="Prato Hub",
                              city="Prato", total_area_m2=300)
        session.flush()
        assert site.id > highest
