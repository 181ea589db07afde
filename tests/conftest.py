"""Shared fixtures. Every database test runs twice: on SQLite and on a real PostgreSQL 15.

Each test gets its own database, copied from a template migrated once per session (a file
copy for SQLite, CREATE DATABASE … TEMPLATE for PostgreSQL), its own data folder, and clean
Streamlit caches.
"""
from __future__ import annotations

import itertools
import os
import shutil
import warnings
from contextlib import contextmanager
from pathlib import Path

import pytest
import streamlit as st
from sqlalchemy import create_engine, text
from sqlmodel import Session

from db.engine import engine_for, writing
from db.models import Site
from db.migrate import upgrade
from hub.admin import users
from tests import postgres, worlds

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "Correct-Horse-42"
BACKENDS = ("sqlite", "postgresql")
_counter = itertools.count()

os.environ.setdefault("BOTTEGA_BCRYPT_ROUNDS", "4")  # real bcrypt, cheap rounds
warnings.filterwarnings("ignore", message=".*does \\*not\\* support Decimal.*")


@pytest.fixture(scope="session")
def pg_cluster():
    if not postgres.available():
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL 15 is required in CI but {postgres.BIN} has no initdb")
        pytest.skip(f"PostgreSQL 15 not installed at {postgres.BIN}: PostgreSQL half skipped "
                    "(install the 'postgresql' package to run it)")
    cluster = postgres.Cluster().start()
    template = cluster.url("bottega_template")
    admin = create_engine(cluster.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text("CREATE DATABASE bottega_template"))
    migrated = create_engine(template)
    upgrade(migrated)
    migrated.dispose()
    yield cluster, admin
    admin.dispose()
    cluster.stop()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "bottega.db"
    engine = engine_for(f"sqlite:///{path}")
    upgrade(engine)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    engine_for.cache_clear()
    return path


@contextmanager
def new_database(request, backend: str, folder: Path, prefix: str = "test"):
    """A migrated, empty database of its own: a copy of the SQLite template in `folder`, or a
    PostgreSQL database made from bottega_template. Yields its URL; dropped afterwards."""
    if backend == "sqlite":
        path = folder / f"{prefix}.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    cluster, admin = request.getfixturevalue("pg_cluster")
    name = f"{prefix}_{os.getpid()}_{next(_counter)}"
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name} TEMPLATE bottega_template"))
    try:
        yield cluster.url(name)
    finally:
        # pytest may stop a cluster asked for with getfixturevalue before a wider-scoped
        # fixture using it; the database then went with it.
        if cluster.running:
            with admin.connect() as connection:
                connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path, monkeypatch) -> str:
    """A fresh, migrated, empty database; DATABASE_URL points at it for the app and CLI."""
    with new_database(request, request.param, tmp_path) as url:
        monkeypatch.setenv("DATABASE_URL", url)
        monkeypatch.setenv("BOTTEGA_DATA_DIR", str(tmp_path / "data"))
        monkeypatch.setenv("BOTTEGA_DEMO", "0")
        yield url
        engine_for(url).dispose()
        engine_for.cache_clear()


@pytest.fixture
def engine(db_url):
    return engine_for(db_url)


@pytest.fixture
def session(engine):
    with Session(engine, expire_on_commit=False) as session:
        yield session


@pytest.fixture
def make_user(engine):
    """make_user("ada", "manager") -> the User, created through hub/ as the command line would."""
    def make(username: str, role: str, *, password: str = PASSWORD, name: str | None = None):
        with writing() as s, s.begin():
            return users.add_user(s, actor=users.COMMAND_LINE, username=username, role=role,
                                  name=name or username.title(), email=f"{username}@example.org",
                                  password=password)
    return make


@pytest.fixture(autouse=True)
def clean_streamlit_caches():
    """cache_resource survives between tests otherwise (and would keep another test's state)."""
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def pytest_collection_modifyitems(config, items):
    """With `-n 2` (pytest-xdist, `--dist loadgroup`), the browser tests all run on one worker,
    so the two demo servers and the Chromium are started once; the other tests share the
    other worker and fill in around them."""
    for item in items:
        if item.get_closest_marker("e2e"):
            item.add_marker(pytest.mark.xdist_group("e2e"))


# --- the hand-built worlds (tests/worlds.py) ----------------------------------------------

@pytest.fixture
def base(db_url, make_user):
    """Four labs of 10, 20, 30 and 40 m²; a bench (leasable and bookable, 5 m²); a pottery
    workshop for 2; two tenants; a manager, a communication user and a viewer."""
    return worlds.base_world(make_user)


@pytest.fixture
def plan(base):
    """The hub plus two instructors (a tenant and an outsider) and two draft items."""
    return worlds.plan_world(base)


@pytest.fixture
def published(plan):
    """The plan with a published item, a draft, a cancelled seminar and a done 2019 course."""
    return worlds.published_world(plan)


@pytest.fixture
def second_site(base):
    """The hub plus an empty second site, S (Second Hub, Siena): hub["S"] is its id."""
    with writing() as session, session.begin():
        site = Site(code="S", name="Second Hub", city="Siena")
        session.add(site)
        session.flush()
        base["S"] = site.id
    return base


@pytest.fixture
def network(db_url, make_user):
    """Three users, one tenant, and two partners: Artex (Florence) and a buyer in Shanghai."""
    return worlds.network_world(make_user)


@pytest.fixture
def fresh(db_url, request, tmp_path):
    """A second migrated database on the same backend, holding only the hub's site and a
    manager (who imports): where the export of the first one is read back."""
    backend = "sqlite" if db_url.startswith("sqlite") else "postgresql"
    with new_database(request, backend, tmp_path, prefix="fresh") as url:
        engine = engine_for(url)
        with Session(engine, expire_on_commit=False) as session, session.begin():
            session.add(Site(code="T", name="Test Hub", city="Florence", total_area_m2=500))
            manager = users.add_user(session, actor=users.COMMAND_LINE, username="ada",
                                     role="manager", name="Ada", email="ada@example.org",
                                     password="Correct-Horse-42")
        yield engine, manager
        engine.dispose()
