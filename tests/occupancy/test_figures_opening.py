"""A space counts as leasable from the day it became part of the hub (Space.opened_on: the
day it was added, unless given) — or from its first lease, when a hub enters its past —
never for the months before: a lab added today is no vacant lab last year. Worked out by
hand on the base world (`base`) (L1-L4 of 10/20/30/40 m² and B1 of 5 m², in use since before the
records: 5 units, 105 m²), plus the migration that dates the spaces a database already has."""
from __future__ import annotations

from datetime import date, datetime, UTC

import pytest
import sqlalchemy as sa
from alembic import command

from db.engine import engine_for, reading
from db.migrate import alembic_config, upgrade
from hub.dates import month_starts
from hub.occupancy import leases as occupancy_leases
from hub.occupancy import figures
from tests.occupancy.test_figures import add_space, monthly
from tests.worlds import lease

MAY, JUNE = date(2026, 5, 1), date(2026, 6, 1)


@pytest.fixture
def opened(base):
    """L1 leased all year; L5 (15 m²) opened on 15 June 2026."""
    lease(base, space="L1", starts_on=date(2026, 1, 1))
    add_space(base, "L5", 15, opened_on=date(2026, 6, 15))
    return base


def test_monthly_rates_count_a_space_from_the_day_it_opened(opened):
    may, june = monthly(opened, [MAY, JUNE])
    assert may.unit_rate == pytest.approx(0.2)                       # 31 / (5 x 31)
    assert may.area_rate == pytest.approx(0.095238, abs=1e-6)        # 31 x 10 / (105 x 31)
    assert june.unit_rate == pytest.approx(30 / 166)                 # 30 / (5 x 30 + 16)
    assert june.area_rate == pytest.approx(300 / 3390)               # 300 / (105 x 30 + 15 x 16)


def test_a_day_before_the_opening_leaves_the_space_out(opened):
    with reading() as session:
        before = figures.occupancy_on(session, site_id=opened["site"], day=date(2026, 6, 14))
        after = figures.occupancy_on(session, site_id=opened["site"], day=date(2026, 6, 15))
    assert (before.units, before.area) == (5, 105)
    assert (after.units, after.area) == (6, 120)


def test_the_heatmap_and_the_vacancies_start_at_the_opening(opened):
    with reading() as session:
        cells = figures.space_months(session, site_id=opened["site"], months=[MAY, JUNE])
        early = occupancy_leases.vacancies(session, site_id=opened["site"], day=date(2026, 6, 1))
        later = occupancy_leases.vacancies(session, site_id=opened["site"], day=date(2026, 7, 1))
    l5 = [(cell.month, cell.days, cell.leases) for cell in cells if cell.space == "L5"]
    assert l5 == [(JUNE, 16, "vacant")]                       # no cell for May: not there yet
    assert "L5" not in {vacancy.space for vacancy in early}
    assert next(v for v in later if v.space == "L5").vacant_since == date(2026, 6, 15)


def test_the_network_heatmap_counts_unit_days_in_use(opened):
    with reading() as session:
        may, june = figures.site_months(session, months=[MAY, JUNE])
    assert may.unit_rate == pytest.approx(0.2) and june.unit_rate == pytest.approx(30 / 166)


def test_a_space_added_today_is_no_vacant_space_last_month(base):
    lease(base, space="L1", starts_on=date(2016, 1, 1))
    add_space(base, "L6", 25, opened_on=None)                     # as the Spaces form adds one
    last_month = month_starts(date.today(), 2)[0]
    row, = monthly(base, [last_month])
    assert row.unit_rate == pytest.approx(0.2)                   # L1 of L1-L4 and B1 only


def test_a_space_added_today_with_a_past_lease_counts_from_that_lease(base):
    add_space(base, "L7", 50, opened_on=None)
    lease(base, space="L7", starts_on=date(2026, 2, 1), rent="500")
    jan, feb = monthly(base, [date(2026, 1, 1), date(2026, 2, 1)])
    assert jan.unit_rate == 0                                    # 0 / (5 x 31): L7 not yet
    assert feb.unit_rate == pytest.approx(28 / 168)              # 28 / (6 x 28)


def test_a_bookable_space_is_open_for_booking_from_its_opening(base):
    """Monday 1 June 2026: B1 (1 place) and POT (2) open Mon-Sat 08:00-20:00 = 216 place-hours;
    B2 (1 place) opens on Wednesday 3 June: 4 days x 12 h more, not 6."""
    add_space(base, "B2", 3, kind="bench", leasable=False, bookable=True,
              opened_on=date(2026, 6, 3))
    with reading() as session:
        before, week = figures.utilisation_by_week(session, site_id=base["site"],
                                                     weeks=[date(2026, 5, 25), JUNE])
    assert (before.open_hours, week.open_hours) == (216, 216 + 4 * 12)


# --- the migration: dating the spaces a database already has --------------------------------

def _before_opened_on(url: str) -> sa.Engine:
    engine = engine_for(url)
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0010")   # the migration before this one
    return engine


def _insert(connection, table: str, **values) -> int:
    reflected = sa.Table(table, sa.MetaData(), autoload_with=connection)
    return connection.execute(reflected.insert().values(**values)).inserted_primary_key[0]


def test_the_migration_dates_spaces_by_their_audit_entry_or_earlier_history(db_url):
    engine = _before_opened_on(db_url)
    created = datetime(2026, 5, 10, 9, 30, tzinfo=UTC)
    with engine.begin() as connection:
        site = _insert(connection, "sites", code="T", name="Test Hub", city="Florence",
                       country="IT", total_area_m2=100, version=1)
        space = {code: _insert(connection, "spaces", site_id=site, code=code, name=code,
                               kind="laboratory", area_m2=10, capacity=1, leasable=True,
                               bookable=True, active=True, version=1)
                 for code in ("NEW", "PAST", "OLD", "BOOKED")}
        tenant = _insert(connection, "tenants", site_id=site, name="Nora", sector="jewellery",
                         origin_country="IT", residency="resident",
                         joined_on=date(2016, 1, 1), version=1)
        for code, starts in (("PAST", date(2025, 1, 1)), ("OLD", date(2019, 3, 1))):
            _insert(connection, "leases", space_id=space[code], tenant_id=tenant,
                    starts_on=starts, monthly_rent=100, created_at=created, version=1)
        _insert(connection, "bookings", space_id=space["BOOKED"], day=date(2026, 3, 2),
                start_minute=600, end_minute=660, places=1, tenant_id=tenant, purpose="",
                status="booked", created_by="boss", version=1)
        for code in ("NEW", "PAST", "BOOKED"):                   # OLD predates the log
            _insert(connection, "audit_entries", at=created, username="boss", action="create",
                    entity="spaces", entity_id=str(space[code]), changes={})
    upgrade(engine)
    with engine.connect() as connection:
        dated = dict(connection.execute(sa.text("SELECT code, opened_on FROM spaces")).all())
    as_days = {code: value if value is None or isinstance(value, date)
               else date.fromisoformat(value) for code, value in dated.items()}
    assert as_days == {"NEW": date(2026, 5, 10), "PAST": date(2025, 1, 1), "OLD": None,
                       "BOOKED": date(2026, 3, 2)}
