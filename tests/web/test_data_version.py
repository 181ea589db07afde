"""The data version: every write moves it on in its own transaction, and the app's cached
figures are keyed on it, so a change made through one process shows in another."""
from datetime import date, timedelta

import pytest
from sqlalchemy import create_engine
from sqlmodel import Session, delete

from db import stamp
from db.engine import get_engine, reading, writing
from db.models import Site
from hub.admin import backup
from hub.errors import Invalid
from hub.occupancy import leases
from hub.occupancy import figures
from tests.apptest import open_page, signed_in_app
from tests.worlds import lease

TODAY = date.today()


def version_now(url: str) -> int:
    """Read the stamp through an engine of its own, as another process would."""
    other = create_engine(url)
    try:
        with other.connect() as connection:
            return stamp.current(connection)
    finally:
        other.dispose()


def lease_in_another_process(base, db_url) -> None:
    """L1 leased through an engine of its own, as another app process would."""
    process_a = create_engine(db_url)
    try:
        with Session(process_a, expire_on_commit=False) as session, session.begin():
            leases.lease_space(session, actor=base["manager"], space_id=base["L1"],
                               tenant_id=base["giulia"], starts_on=TODAY - timedelta(days=3),
                               ends_on=None, monthly_rent="100")
    finally:
        process_a.dispose()


def test_a_write_moves_the_version_on_as_another_engine_sees_it(base, db_url):
    before = version_now(db_url)
    lease(base, space="L1", starts_on=TODAY - timedelta(days=10))
    assert version_now(db_url) == before + 1


def test_a_refused_write_leaves_the_version_where_it_was(base, db_url):
    before = version_now(db_url)
    with pytest.raises(Invalid):
        with writing() as session, session.begin():
            leases.lease_space(session, actor=base["manager"], space_id=base["L1"],
                               tenant_id=base["giulia"], starts_on=TODAY, ends_on=TODAY - timedelta(days=5),
                               monthly_rent="100")
    assert version_now(db_url) == before


def test_a_rolled_back_transaction_takes_its_bump_with_it(base, db_url):
    before = version_now(db_url)
    with writing() as session:
        with session.begin() as transaction:
            leases.lease_space(session, actor=base["manager"], space_id=base["L1"],
                               tenant_id=base["giulia"], starts_on=TODAY, ends_on=None, monthly_rent="100")
            transaction.rollback()
    assert version_now(db_url) == before


def test_a_restore_moves_the_version_on_and_backups_leave_it_out(base, db_url, tmp_path, fresh):
    path = tmp_path / "hub.zip"
    backup.write_backup(get_engine(), path, actor=base["manager"], portable=True)
    with get_engine().connect() as connection:
        assert "data_version" not in backup.row_counts(connection)
    target, manager = fresh
    with Session(target) as session, session.begin():   # the fresh database holds a site:
        session.exec(delete(Site))                          # a restore wants it empty
    with target.connect() as connection:
        before = stamp.current(connection)
    backup.restore(target, path, actor=manager)
    with target.connect() as connection:
        assert stamp.current(connection) == before + 1


def test_the_demo_seed_moves_the_version_on(db_url):
    from db.seed.driver import seed_demo
    before = version_now(db_url)
    with writing() as session, session.begin():
        seed_demo(session, billing=False)   # billing is tests/billing/'s
    assert version_now(db_url) == before + 1


# --- the app's cache ----------------------------------------------------------------------

def test_a_cached_loader_loads_again_once_another_process_wrote(base, db_url):
    """Process B (the cached loader here) sees a lease written through process A (an engine
    and session of its own) at its next call, although its TTL is far from over."""
    from ui.database import cached
    calls = []

    @cached(ttl=3600)
    def occupied(site_id: int) -> int:
        calls.append(site_id)
        with reading() as session:
            return figures.occupancy_on(session, site_id=site_id, day=TODAY).leased_units

    first = occupied(base["site"])
    assert occupied(base["site"]) == first and len(calls) == 1   # cached while nothing changes
    lease_in_another_process(base, db_url)
    assert occupied(base["site"]) == first + 1 and len(calls) == 2


def test_underscore_arguments_stay_unhashed_and_others_key_the_cache(base):
    from ui.database import cached
    calls = []

    @cached(ttl=3600)
    def load(site_id: int, _actor: object) -> int:
        calls.append(site_id)
        return site_id * 2

    unhashable = type("Unhashable", (), {"__reduce__": None})()
    assert load(1, unhashable) == 2 and load(1, unhashable) == 2 and load(2, unhashable) == 4
    assert calls == [1, 2]


def test_an_open_screen_shows_another_process_s_lease_at_its_next_rerun(base, db_url):
    at = open_page(signed_in_app("boss"), "occupancy")
    picker = next(s for s in at.selectbox if s.label == "Site")
    at = picker.select(next(o for o in picker.options if "Test Hub" in o)).run()
    assert {m.label: m.value for m in at.metric}["Vacant units"] == "5"
    lease_in_another_process(base, db_url)
    at = at.run()
    assert {m.label: m.value for m in at.metric}["Vacant units"] == "4"


def test_every_loader_of_the_screens_is_keyed_on_the_data_version():
    """A bare st.cache_data would show this process's old figures after another's write."""
    from tests.conftest import ROOT
    bare = [f"{path.relative_to(ROOT)}:{number}"
            for folder in ("ui", "pages") for path in sorted((ROOT / folder).rglob("*.py"))
            if path != ROOT / "ui" / "database.py"
            for number, line in enumerate(path.read_text().splitlines(), 1)
            if "@st.cache_data" in line]
    assert not bare, f"use ui.database.cached instead of st.cache_data: {bare}"


def test_writers_at_once_each_move_the_version_on_once(base, db_url):
    """No bump is lost and no writer deadlocks on the stamp's row (it is locked last)."""
    import threading
    from hub.programme import items
    before = version_now(db_url)
    failures = []

    def writer(n: int) -> None:
        try:
            for k in range(5):
                with writing() as session, session.begin():
                    items.add_instructor(session, actor=base["manager"],
                                             name=f"Teacher {n}-{k}")
        except Exception as error:  # reported below
            failures.append(error)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not failures
    assert version_now(db_url) == before + 15
