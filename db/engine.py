"""Where the database is and how to open it.

`DATABASE_URL` (a SQLAlchemy URL) chooses the database; unset, an SQLite file under data/.
SQLite connections get WAL, a busy timeout and foreign keys; a session opened for writing
takes the write lock up front (BEGIN IMMEDIATE), so two writers queue instead of one of
them failing with "database is locked" half-way through.
"""
from __future__ import annotations

import functools
import os
import shutil
from pathlib import Path

from sqlalchemy import Engine, event, update
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, create_engine, select

from db.models import DataVersion, Site

ROOT = Path(__file__).resolve().parents[1]
BUSY_TIMEOUT_MS = 30_000
PROBE_WAIT_MS = 2_000             # how long the write probe waits for another writer
MIN_FREE_BYTES = 1 << 20          # an SQLite folder with less free space counts as full
READ_ONLY, FULL = "read-only", "disk full"


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


# --- a database that does not take writes -------------------------------------------------

def write_fault(error: BaseException) -> str | None:
    """READ_ONLY or FULL when a failed statement says the database cannot be written (SQLite's
    read-only file or full disk, PostgreSQL's read-only transaction 25006 or full disk 53100),
    None for anything else (busy, locked, gone)."""
    original = getattr(error, "orig", None) or error
    state = getattr(original, "sqlstate", None)            # psycopg
    name = getattr(original, "sqlite_errorname", "") or ""  # sqlite3
    text = str(original).lower()
    if state == "25006" or name.startswith("SQLITE_READONLY") or "readonly database" in text \
            or "read-only transaction" in text:
        return READ_ONLY
    if state == "53100" or name == "SQLITE_FULL" or "database or disk is full" in text \
            or "no space left on device" in text:
        return FULL
    return None


def write_probe(engine: Engine) -> str | None:
    """Whether the database takes writes now: None when it does (or is only busy), else
    READ_ONLY or FULL. One UPDATE of the data version's row, rolled back, that waits at most
    PROBE_WAIT_MS for another writer; on SQLite also the free space of the file's folder (a
    rolled-back write there never reaches the disk)."""
    folder = _sqlite_folder(engine)
    if folder is not None and shutil.disk_usage(folder).free < MIN_FREE_BYTES:
        return FULL
    try:
        with engine.connect() as connection:
            _rolled_back_write(connection)
    except DBAPIError as error:
        fault = write_fault(error)
        if fault is None and not _busy(error):
            raise
        return fault
    return None


def _sqlite_folder(engine: Engine) -> Path | None:
    """The folder of an SQLite database file (also named as a URI, file:…?mode=ro)."""
    database = engine.url.database or ""
    if engine.dialect.name != "sqlite" or database in ("", ":memory:"):
        return None
    folder = Path(database.removeprefix("file:").split("?")[0]).resolve().parent
    return folder if folder.is_dir() else None


def _rolled_back_write(connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    raw = connection.connection.dbapi_connection
    if sqlite:  # on the raw connection: SQLAlchemy would open a transaction for a PRAGMA
        raw.execute(f"PRAGMA busy_timeout={PROBE_WAIT_MS}")
    try:
        with connection.begin() as transaction:
            if not sqlite:
                connection.exec_driver_sql(f"SET LOCAL lock_timeout = {PROBE_WAIT_MS}")
            table = DataVersion.__table__
            connection.execute(update(table).where(table.c.id == 1)
                               .values(stamp=table.c.stamp))
            transaction.rollback()
    finally:
        if sqlite:
            raw.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


def _busy(error: DBAPIError) -> bool:
    original = getattr(error, "orig", None) or error
    return getattr(original, "sqlstate", None) == "55P03" or "locked" in str(original).lower()
