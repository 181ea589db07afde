"""A database that stops taking writes, for the tests of what the app then says: SQLite opened
read-only (file:…?mode=ro: the tests run as root, who may write a file whatever its mode), or a
PostgreSQL database whose new sessions are read-only (default_transaction_read_only)."""
from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.engine import make_url

from db.engine import engine_for


@contextmanager
def read_only(db_url: str, monkeypatch):
    """Within the block, the app's database (DATABASE_URL) refuses every write."""
    if db_url.startswith("sqlite"):
        path = make_url(db_url).database
        monkeypatch.setenv("DATABASE_URL", f"sqlite:///file:{path}?mode=ro&uri=true")
        yield
        monkeypatch.setenv("DATABASE_URL", db_url)
        return
    engine = engine_for(db_url)
    name = engine.url.database
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text(f"ALTER DATABASE {name} SET default_transaction_read_only = on"))
    engine.dispose()   # the pool's sessions began before: new ones are read-only
    try:
        yield
    finally:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("SET default_transaction_read_only = off"))
            connection.execute(text(f"ALTER DATABASE {name} RESET default_transaction_read_only"))
        engine.dispose()
