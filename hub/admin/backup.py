"""Backups of the whole database, and restoring one into an empty database.

Two shapes, both read back by `restore` on either backend:
- SQLite's own file, copied with the online backup API (a consistent copy while the app runs);
- a portable dump: a zip with manifest.json (schema revision, columns) and one JSON-lines file
  per table, read in one REPEATABLE READ snapshot on PostgreSQL.
A restore needs the same schema revision and a database holding no hub data (accounts and
their audit entries alone may be there: they are replaced by the backup's).
"""
from __future__ import annotations

import json
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

from babel.numbers import format_decimal
from sqlalchemy import (JSON,
 Boolean, Connection, Date, DateTime, Engine, Numeric, Table, Time,
                        TypeDecorator, create_engine, func, select, text)
from sqlmodel import Session, SQLModel

import db.models  # noqa: F401  (registers every table on SQLModel.metadata)
from db import stamp
from db.models import User
from hub.errors import Refused
from hub.i18n import _, locale
from hub.records import plain, record_event
from hub.roles import require_role

SQLITE_MAGIC = b"SQLite format 3\x00"
REPLACEABLE = ("users", "audit_entries")   # what an otherwise empty database may already hold
# Not data: neither backed up nor restored (failed sign-ins are forgotten within a day anyway).
BOOKKEEPING = ("data_version", "sign_in_failures")
CHUNK = 5_000


class RestoreRefused(Refused):
    """The backup cannot be restored here (wrong file, other schema, database not empty)."""


def tables() -> list[Table]:
    """Every table of data, parents before children (the order inserts must follow)."""
    return [table for table in SQLModel.metadata.sorted_tables if table.name not in BOOKKEEPING]


def revision(connection: Connection) -> str | None:
    try:
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception:  # no alembic_version table: not a Bottega database
        return None


def row_counts(connection: Connection) -> dict[str, int]:
    return {table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
            for table in tables()}


# --- writing a backup -----------------------------------------------------------------------

def write_backup(engine: Engine, path: Path, *, actor: User,
                 portable: bool | None = None) -> dict[str, int]:
    """SQLite: the database file itself (online backup API); PostgreSQL (or `portable`): the
    zip dump. Returns the rows per table. The manager's: a backup holds everyone's personal
    data, so the audit log (the backup's own included) says who took it."""
    require_role(actor, "manager")
    portable = engine.dialect.name != "sqlite" if portable is None else portable
    with Session(engine) as session, session.begin():
        record_event(session, actor, "backup", "database", path.name)
    if portable:
        return _write_dump(engine, path)
    with engine.connect() as connection:
        counts = row_counts(connection)
        source = connection.connection.dbapi_connection
        target = sqlite3.connect(path)
        try:
            source.backup(target)
        finally:
            target.close()
    return counts


def backup_name(engine: Engine, stamp: str) -> str:
    return f"bottega-{stamp}.{'db' if engine.dialect.name == 'sqlite' else 'zip'}"


def _snapshot(engine: Engine):
    if engine.dialect.name == "postgresql":
        return engine.connect().execution_options(isolation_level="REPEATABLE READ")
    return engine.connect()


def _write_dump(engine: Engine, path: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    with _snapshot(engine) as connection, connection.begin(), \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for table in tables():
            with archive.open(f"{table.name}.jsonl", "w") as member:
                counts[table.name] = 0
                result = connection.execution_options(stream_results=True, yield_per=CHUNK) \
                    .execute(select(table).order_by(*table.primary_key.columns))
                for row in result:
                    member.write(json.dumps([plain(value) for value in row]).encode() + b"\n")
                    counts[table.name] += 1
        manifest = {"format": "bottega-dump-1", "revision": revision(connection),
                    "tables": {table.name: [column.name for column in table.columns]
                               for table in tables()}, "rows": counts}
        archive.writestr("manifest.json", json.dumps(manifest, indent=1))
    return counts


# --- reading a backup -----------------------------------------------------------------------

def decode(column, value):
    """A JSON value of the dump back into what the column holds."""
    if value is None or isinstance(column.type, JSON):
        return value
    kind = column.type.impl if isinstance(column.type, TypeDecorator) else column.type
    if isinstance(kind, DateTime):
        return datetime.fromisoformat(value)
    if isinstance(kind, Date):
        return date.fromisoformat(value)
    if isinstance(kind, Time):
        return time.fromisoformat(value)
    if isinstance(kind, Numeric) and kind.asdecimal and isinstance(value, str):
        return Decimal(value)
    if isinstance(kind, Boolean):
        return bool(value)
    return value


class Source:
    """A backup opened for reading: its revision and its rows, table by table."""

    def __init__(self, path: Path, name: str):
        self.path, self.name = path, name
        with path.open("rb") as file:
            head = file.read(16)
        self.sqlite = head == SQLITE_MAGIC
        if not self.sqlite and not zipfile.is_zipfile(path):
            raise RestoreRefused(_("{file} is not a Bottega backup (neither a SQLite database "
                                   "nor a zip dump)").format(file=name))
        self.revision = self._sqlite_revision() if self.sqlite else self._manifest()["revision"]

    def _sqlite_revision(self) -> str | None:
        engine = create_engine(f"sqlite:///{self.path}")
        try:
            with engine.connect() as connection:
                return revision(connection)
        finally:
            engine.dispose()

    def _manifest(self) -> dict:
        with zipfile.ZipFile(self.path) as archive:
            try:
                manifest = json.loads(archive.read("manifest.json"))
            except (KeyError, ValueError):
                raise RestoreRefused(_("{file} is a zip but not a Bottega dump (no "
                                       "manifest.json)").format(file=self.name)) from None
        if manifest.get("format") != "bottega-dump-1":
            raise RestoreRefused(_("{file} is not a Bottega dump this version reads").format(
                file=self.name))
        self.columns = manifest["tables"]
        return manifest

    def counts(self) -> dict[str, int]:
        """Rows per table the backup holds."""
        if self.sqlite:
            engine = create_engine(f"sqlite:///{self.path}")
            try:
                with engine.connect() as connection:
                    return row_counts(connection)
            finally:
                engine.dispose()
        rows = self._manifest().get("rows")
        if rows is None:    # a dump without its counts: count its lines
            rows = {table.name: sum(len(chunk) for chunk in self.rows(table))
                    for table in tables()}
        return rows

    def rows(self, table: Table) -> Iterator[list[dict]]:
        """The table's rows in chunks, as dicts ready for INSERT."""
        yield from (self._sqlite_rows(table) if self.sqlite else self._dump_rows(table))

    def _sqlite_rows(self, table: Table) -> Iterator[list[dict]]:
        engine = create_engine(f"sqlite:///{self.path}")
        try:
            with engine.connect() as connection:
                result = connection.execute(select(table).order_by(*table.primary_key.columns))
                while chunk := result.mappings().fetchmany(CHUNK):
                    yield [dict(row) for row in chunk]
        finally:
            engine.dispose()

    def _dump_rows(self, table: Table) -> Iterator[list[dict]]:
        names = self.columns.get(table.name)
        if names is None:
            return
        columns = [table.columns[name] for name in names]
        with zipfile.ZipFile(self.path) as archive, archive.open(f"{table.name}.jsonl") as lines:
            chunk = []
            for line in lines:
                values = json.loads(line)
                chunk.append({column.key: decode(column, value)
                              for column, value in zip(columns, values)})
                if len(chunk) >= CHUNK:
                    yield chunk
                    chunk = []
            if chunk:
                yield chunk


# --- restoring ------------------------------------------------------------------------------

def hub_data(connection: Connection) -> dict[str, int]:
    """Rows per table that a restore would clash with (accounts and the audit log aside)."""
    return {name: n for name, n in row_counts(connection).items()
            if n and name not in REPLACEABLE}


def can_restore(engine: Engine) -> bool:
    with engine.connect() as connection:
        return not hub_data(connection)


def restore(engine: Engine, path: Path, *, actor: User,
            name: str | None = None) -> dict[str, int]:
    """Read the backup into this database in one transaction: all of it or nothing (the
    manager's). The restored audit log ends with who restored it."""
    require_role(actor, "manager")
    source = Source(path, name or path.name)
    counts: dict[str, int] = {}
    with engine.begin() as connection:
        _refuse_unless_restorable(connection, source)
        for name in reversed(REPLACEABLE):  # audit entries name users: delete them first
            connection.execute(SQLModel.metadata.tables[name].delete())
        for table in tables():
            counts[table.name] = 0
            for chunk in source.rows(table):
                connection.execute(table.insert(), chunk)
                counts[table.name] += len(chunk)
        if engine.dialect.name == "postgresql":
            _move_sequences(connection)
        _log_restore(connection, actor, source.name, counts)
        stamp.bump(connection)  # every process's cached figures are of the database replaced
    return counts


def _refuse_unless_restorable(connection: Connection, source: Source) -> None:
    here, name = revision(connection), source.name
    if source.revision is None:
        raise RestoreRefused(_("{file} is not a Bottega backup (it has no schema "
                               "revision)").format(file=name))
    if source.revision != here:
        raise RestoreRefused(_("{file} was made at schema revision {theirs} but this database "
                               "is at {ours}; restore it with the Bottega version that made "
                               "it").format(file=name, theirs=source.revision, ours=here))
    if taken := hub_data(connection):
        # The tables by their names in the database: what `python -m db` and the backup say.
        listed = ", ".join(f"{format_decimal(n, format='#,##0', locale=locale())} {table}"
                           for table, n in taken.items())
        raise RestoreRefused(_("this database is not empty ({tables}); a backup is only "
                               "restored into an empty database").format(tables=listed))



@dataclass(frozen=True)
class RestorePlan:
    """What restoring a backup would write, for its confirmation."""
    name: str
    rows: dict[str, int]       # per table of the backup, those holding rows
    accounts_here: int         # accounts of this database, replaced by the backup's


def restore_plan(engine: Engine, *, data: bytes, file_name: str) -> RestorePlan:
    """Read an uploaded backup without restoring it; refused as `restore` would refuse it."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "backup"
        path.write_bytes(data)
        source = Source(path, file_name)
        with engine.connect() as connection:
            _refuse_unless_restorable(connection, source)
            accounts = row_counts(connection)["users"]
        rows = {table: n for table, n in source.counts().items() if n}
    return RestorePlan(name=file_name, rows=rows, accounts_here=accounts)


def _log_restore(connection: Connection, actor: User, name: str, counts: dict[str, int]) -> None:
    """The restorer's account came back with the backup only if the same id has their name."""
    restored = connection.execute(select(User.id).where(
        User.id == actor.id, User.username == actor.username)).first() if actor.id else None
    who = actor if restored else User(id=None, username=actor.username, name=actor.name,
                                     email=actor.email, password_hash="", role=actor.role)
    with Session(bind=connection) as session:
        record_event(session, who, "restore", "database", name,
                     {"rows": sum(counts.values())})
        session.flush()


def _move_sequences(connection: Connection) -> None:
    """Explicit ids were inserted: the next id each table hands out must follow them."""
    for table in tables():
        if "id" not in table.columns:
            continue
        connection.execute(text(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
            f"COALESCE((SELECT MAX(id) FROM {table.name}), 1), "
            f"(SELECT MAX(id) FROM {table.name}) IS NOT NULL)"))


def backup_bytes(engine: Engine, *, actor: User) -> bytes:
    """The backup as bytes, for a download (the manager's)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / backup_name(engine, "download")
        write_backup(engine, path, actor=actor)
        return path.read_bytes()


def restore_bytes(engine: Engine, *, actor: User, data: bytes,
                  file_name: str) -> dict[str, int]:
    """Restore an uploaded backup (the manager's); see `restore`."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "backup"
        path.write_bytes(data)
        return restore(engine, path, name=file_name, actor=actor)
