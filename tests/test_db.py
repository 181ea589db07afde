"""The database layer: migrations, constraints, versioned rows, engine settings."""
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import DataError, IntegrityError

REFUSED = (IntegrityError, DataError)  # PostgreSQL reports a too-long value as DataError
from sqlmodel import Session, SQLModel

from db.engine import engine_for, reading, writing
from db.migrate import is_at_head, upgrade
from db.models import Site, Space, Tenant
from hub.errors import Stale
from hub.records import flush, load_for_edit


def test_migrations_run_from_empty_to_head_on_a_fresh_sqlite_file(tmp_path):
    engine = engine_for(f"sqlite:///{tmp_path / 'fresh.db'}")
    assert not is_at_head(engine)
    upgrade(engine)
    upgrade(engine)  # a second run is a no-op
    assert is_at_head(engine)
    tables = set(inspect(engine).get_table_names())
    assert {"sites", "spaces", "tenants", "users", "audit_entries", "alembic_version"} <= tables
    engine.dispose()


def test_migrations_keep_the_data_of_an_existing_database(tmp_path):
    """Each migration applied to a database that already holds rows (SQLite rebuilds tables)."""
    engine = engine_for(f"sqlite:///{tmp_path / 'old.db'}")
    upgrade(engine, "0001")
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO sites (code, name, city, country, total_area_m2, "
                                "version) VALUES ('OC', 'Officina Creativa', 'Florence', 'IT', "
                                "3500, 1)"))
        connection.execute(text("INSERT INTO spaces (site_id, code, name, kind, area_m2, "
                                "capacity, leasable, bookable, active, version) VALUES "
                                "(1, 'L01', 'Lab 1', 'laboratory', 30, 2, 1, 0, 1, 1)"))
    upgrade(engine)
    assert is_at_head(engine)
    with engine.connect() as connection:
        site = connection.execute(text("SELECT name, opens_at, open_weekdays FROM sites")).one()
        assert site[0] == "Officina Creativa" and site[2] == "012345"
        assert connection.execute(text("SELECT code FROM spaces")).scalar() == "L01"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()


def _downgrade(engine, revision: str) -> None:
    from alembic import command
    from db.migrate import alembic_config
    with engine.connect() as connection, connection.begin():
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def test_sign_in_failures_leave_the_users_table_and_the_accounts_stay(engine):
    """0010 drops users.failed_logins and locked_until (SQLite rebuilds the table, its check on
    failed_logins first) and adds sign_in_failures; down and up again on both backends."""
    _downgrade(engine, "0009")
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO users (username, name, email, password_hash, role, active, "
            "failed_logins, created_at, version, language) VALUES ('ada', 'Ada', "
            "'ada@example.org', 'x', 'manager', true, 3, CURRENT_TIMESTAMP, 1, 'it')"))
    upgrade(engine)
    assert is_at_head(engine)
    columns = {column["name"] for column in inspect(engine).get_columns("users")}
    assert {"failed_logins", "locked_until"}.isdisjoint(columns)
    checks = {check["name"] for check in inspect(engine).get_check_constraints("users")}
    assert "ck_users_failed_not_negative" not in checks
    assert "sign_in_failures" in inspect(engine).get_table_names()
    with engine.connect() as connection:
        assert connection.execute(text("SELECT username, language FROM users")).one() == (
            "ada", "it")


def test_migrated_schema_matches_the_models(engine):
    """Autogenerate finds nothing to do: the migrations and models.py agree."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    assert diff == []


def test_sqlite_connections_use_wal_and_a_busy_timeout(tmp_path):
    engine = engine_for(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()


def add_site(session, code="OC", name="Officina Creativa"):
    site = Site(code=code, name=name, city="Florence", total_area_m2=3500)
    session.add(site)
    session.flush()
    return site


def space(site, **changes):
    values = dict(site_id=site.id, code="L01", name="Lab 1", kind="laboratory", area_m2=30,
                  capacity=2, monthly_rent=Decimal("400.00"), leasable=True)
    return Space(**values | changes)


@pytest.mark.parametrize("changes", [
    {"area_m2": -1}, {"capacity": 0}, {"monthly_rent": Decimal("-5")},
    {"hourly_rate": Decimal("-1")}, {"kind": "castle"},
])
def test_space_constraints_hold_in_sql(engine, changes):
    with Session(engine) as session:
        site = add_site(session)
        session.add(space(site, **changes))
        with pytest.raises(REFUSED):
            session.flush()


def test_space_codes_are_unique_per_site_not_across_sites(engine):
    with Session(engine) as session:
        oc, on = add_site(session), add_site(session, "ON", "Officine Nora")
        session.add_all([space(oc), space(on)])
        session.flush()  # same code, different sites: fine
        session.add(space(oc, name="Again"))
        with pytest.raises(REFUSED):
            session.flush()


def tenant(site, **changes):
    values = dict(site_id=site.id, name="Giulia Neri", business="Neri Ceramiche",
                  sector="ceramics", origin_country="IT", joined_on=date(2020, 1, 1))
    return Tenant(**values | changes)


@pytest.mark.parametrize("changes", [
    {"left_on": date(2019, 12, 31)},              # left before joining
    {"residency": "tourist"},
    {"female_led": True},                          # a target-group flag without consent
    {"origin_country": "ITA"},
    {"origin_country": "it"},
])
def test_tenant_constraints_hold_in_sql(engine, changes):
    with Session(engine) as session:
        session.add(tenant(add_site(session), **changes))
        with pytest.raises(REFUSED):
            session.flush()


def test_target_group_flags_allowed_with_consent(engine):
    with Session(engine) as session:
        session.add(tenant(add_site(session), consent_on=date(2020, 1, 1), female_led=True))
        session.flush()


def test_a_site_with_spaces_cannot_be_deleted(engine):
    with Session(engine) as session:
        site = add_site(session)
        session.add(space(site))
        session.flush()
        with pytest.raises(REFUSED):
            session.execute(text("DELETE FROM sites WHERE id = :id"), {"id": site.id})


def test_a_save_based_on_an_old_read_is_refused_at_write_time(engine):
    """The version_id_col guard: the row was read, someone else saved, then this save comes."""
    with writing() as session, session.begin():
        site_id = add_site(session).id
    with Session(engine, expire_on_commit=False) as mine:
        site = load_for_edit(mine, Site, site_id, 1, "this site")
        mine.commit()  # the read is over; the editor is now looking at the form
        with writing() as theirs, theirs.begin():
            load_for_edit(theirs, Site, site_id, 1, "this site").city = "Prato"
        site.city = "Siena"
        with pytest.raises(Stale, match="changed by someone else"):
            flush(mine, "this site")
        mine.rollback()
    with reading() as session:
        saved = session.get(Site, site_id)
    assert (saved.city, saved.version) == ("Prato", 2)


def test_first_start_migrates_and_fills_an_empty_database_once(db_url):
    from hub.admin.install import prepare_database
    assert prepare_database(demo=True) is True
    with reading() as session:
        spaces = session.exec(text("SELECT count(*) FROM spaces")).scalar()
    assert spaces > 30
    assert prepare_database(demo=True) is False  # not empty any more: nothing added
    with reading() as session:
        assert session.exec(text("SELECT count(*) FROM spaces")).scalar() == spaces


def test_first_start_without_demo_leaves_the_database_empty(db_url):
    from hub.admin.install import prepare_database
    assert prepare_database(demo=False) is False
    with reading() as session:
        assert session.exec(text("SELECT count(*) FROM sites")).scalar() == 0


def test_postgresql_itself_refuses_overlapping_leases(engine):
    """Beyond hub/: on PostgreSQL an exclusion constraint holds the no-overlap rule."""
    if engine.dialect.name != "postgresql":
        pytest.skip("the exclusion constraint exists on PostgreSQL only")
    from db.models import Lease
    with Session(engine) as session:
        site = add_site(session)
        lab = space(site)
        session.add(lab)
        session.flush()
        person = tenant(site)
        session.add(person)
        session.flush()
        session.add(Lease(space_id=lab.id, tenant_id=person.id, starts_on=date(2026, 1, 1),
                          ends_on=date(2026, 3, 31), monthly_rent=Decimal(300)))
        session.add(Lease(space_id=lab.id, tenant_id=person.id, starts_on=date(2026, 4, 1),
                          ends_on=None, monthly_rent=Decimal(300)))   # touching: accepted
        session.flush()
        session.add(Lease(space_id=lab.id, tenant_id=person.id, starts_on=date(2027, 1, 1),
                          ends_on=None, monthly_rent=Decimal(300)))
        with pytest.raises(IntegrityError, match="ex_leases_no_overlap"):
            session.flush()
