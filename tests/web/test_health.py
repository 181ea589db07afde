"""/healthz tells a database that does not take writes (read-only, disk full) from one that is
only busy, and the app's saves say which it is: "tell your administrator" for the first,
"try again" for the other (db.engine.write_fault, on SQLite's and PostgreSQL's errors)."""
from __future__ import annotations

import json
import sqlite3
import threading
import time

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.exc import InternalError, OperationalError

import db.engine
from db.engine import FULL, READ_ONLY, engine_for, write_fault
from tests.faults import read_only


def test_healthz_is_503_when_the_database_takes_no_writes(db_url, get, monkeypatch):
    with read_only(db_url, monkeypatch):
        answer = get("/healthz")
    assert answer.status == 503
    assert json.loads(answer.body) == {
        "database": "read-only", "schema": "at head", "status": "unavailable",
        "reason": "the database does not take writes: it is read-only"}
    assert get("/healthz").status == 200   # writable again


def test_healthz_is_503_when_the_sqlite_file_s_disk_is_full(db_url, get, monkeypatch):
    if not db_url.startswith("sqlite"):
        pytest.skip("PostgreSQL's disk is its server's: a full one shows in a write's error")
    monkeypatch.setattr(db.engine, "MIN_FREE_BYTES", 1 << 62)  # more than any disk holds
    answer = get("/healthz")
    assert answer.status == 503
    assert json.loads(answer.body)["database"] == "disk full"
    assert json.loads(answer.body)["reason"] == "the database does not take writes: its disk is full"


def test_healthz_is_200_while_another_writer_holds_the_database(db_url, get):
    """Busy is not broken: the probe waits a moment for the other writer, then says ok."""
    engine = engine_for(db_url)
    held, done = threading.Event(), threading.Event()

    def writer():
        with engine.connect() as connection:
            if engine.dialect.name == "sqlite":
                connection.connection.dbapi_connection.execute("PRAGMA busy_timeout=0")
            with connection.begin():
                connection.execute(text("UPDATE data_version SET stamp = stamp WHERE id = 1"))
                held.set()
                done.wait(20)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert held.wait(20)
        began = time.monotonic()
        answer = get("/healthz")
        assert answer.status == 200, answer.text
        assert time.monotonic() - began < 15
    finally:
        done.set()
        thread.join(20)


@pytest.mark.parametrize("error, fault", [
    (sqlite3.OperationalError("attempt to write a readonly database"), READ_ONLY),
    (sqlite3.OperationalError("database or disk is full"), FULL),
    (sqlite3.OperationalError("database is locked"), None),
    (psycopg.errors.ReadOnlySqlTransaction("cannot execute UPDATE in a read-only transaction"),
     READ_ONLY),
    (psycopg.errors.DiskFull('could not extend file "base/16384/2619": No space left on device'),
     FULL),
    (psycopg.errors.LockNotAvailable("canceling statement due to lock timeout"), None),
    (psycopg.errors.AdminShutdown("terminating connection due to administrator command"), None),
])
def test_a_failed_write_is_told_read_only_full_or_neither(error, fault):
    wrapper = (InternalError if isinstance(error, psycopg.errors.InternalError)
               else OperationalError)
    assert write_fault(wrapper("UPDATE …", {}, error)) == fault
