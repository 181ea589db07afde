"""Where the database is and how to open it.

`DATABASE_URL` (a SQLAlchemy URL) chooses the database; unset, an SQLite file under data/.
SQLite connections get WAL, a busy timeout and foreign keys; a session opened for writing
takes the write lock up front (BEGIN IMMEDIATE), so two writers queue instead of one of
them failing with "database is locked" half-way through.
"""
from __future__ import annotations

import functools
import os
from pathlib import Path

from sqlalchemy import Engine, event
from sqlmodel import Session, create_engine, select

from db.models import Site

ROOT = Path(__file__).resolve().parents[1]
BUSY_TIMEOUT_MS = 30_000


def data_dir() -> Path:
    """The folder for the embedded database and generated secrets (git-ignored)."""
    path = Path(os.environ.get("BOTTEGA_DATA_DIR") or ROOT / "data")
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_url() -> str:
    return os.environ.get("DATABASE_URL") or f"sqlite:///{data_dir() / 'bottega.db'}"


@functools.cache
def engine_for(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000,
                                                  "check_same_thread": False})
        _tune_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


def get_engine() -> Engine:
    return engine_for(database_url())


def _tune_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        immediate = connection.get_execution_options().get("write_lock", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def reading() -> Session:
    """A session for reads; the caller closes it (use it as a context manager)."""
    return Session(get_engine(), expire_on_commit=False)


def writing() -> Session:
    """A session for one write transaction: `with writing() as s, s.begin(): ...`."""
    return Session(get_engine().execution_options(write_lock=True), expire_on_commit=False)


def is_empty(session: Session) -> bool:
    """True when the database holds no site yet (a fresh install)."""
    return session.exec(select(Site.id).limit(1)).first() is None
