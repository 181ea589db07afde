"""Lab occupancy figures worked out by hand (hub/occupancy/figures.py): which spaces count,
the first and last day of a lease, month lengths, the ends of weeks. Every expected number
is written in the test, with the arithmetic beside it.

The base world (`base`): site T with labs L1-L4 (10/20/30/40 m²) and bench B1 (5 m², leasable and
bookable), so 5 leasable units and 105 m²; the pottery POT (60 m², 2 places) is bookable
only. Open Monday-Saturday 08:00-20:00: 6 x 12 h x (2 + 1) = 216 open place-hours a week.
"""
from datetime import date, time
from decimal import Decimal

import pytest

from db.engine import reading, writing
from db.models import Site, Space
from hub.occupancy import spaces
from hub import sites
from hub.occupancy import figures
from tests.worlds import book, lease, write

FEB_2026, MAR_2026 = date(2026, 2, 1), date(2026, 3, 1)     # 28 and 31 days
FEB_2028, MAR_2028 = date(2028, 2, 1), date(2028, 3, 1)     # 29 (leap year) and 31 days
JUN_2026, JUL_2026, AUG_2026 = date(2026, 6, 1), date(2026, 7, 1), date(2026, 8, 1)


def add_space(base, code, area, *, site=None, kind="laboratory", capacity=1, leasable=True,
              bookable=False, opened_on=date(2016, 1, 1)):
    """A space of the hand-built world, part of the hub since `opened_on` (by default long
    before the months these tests count; test_figures_opening.py counts from other days)."""
    space = write(spaces.add_space, actor=base["manager"], site_id=site or base["site"],
                  code=code, name=f"Space {code}", kind=kind, area_m2=area, capacity=capacity,
                  monthly_rent="500" if leasable else None,
                  hourly_rate="20" if bookable else None, leasable=leasable, bookable=bookable,
                  opened_on=opened_on)
    base[code] = space.id
    return space


def retire_space(base, code):
    """Take a space out of use, through the same edit the Spaces form makes."""
    with reading() as session:
        space = session.get(Space, base[code])
    values = {field: getattr(space, field) for field in spaces.SPACE_FIELDS}
    write(spaces.edit_space, actor=base["manager"], space_id=space.id, version=space.version,
          **(values | {"active": False}))


def second_site(base):
    """Site S ("Second Hub") with one lab S1 of 50 m², leased from 15 February 2026."""
    with writing() as session, session.begin():
        site = Site(code="S", name="Second Hub", city="Siena", total_area_m2=200)
        session.add(site)
        session.flush()
        base["second"] = site.id
    add_space(base, "S1", 50, site=base["second"])
    lease(base, space="S1", tenant="aiko", starts_on=date(2026, 2, 15), rent="500")


@pytest.fixture
def wider(base):
    """The hub, plus site S (S1, 50 m², leased from 15 Feb 2026) and a 70 m² lab L9 at T
    that was leased and is now out of use; L2 (20 m²) leased from 1 January 2026."""
    second_site(base)
    add_space(base, "L9", 70)
    lease(base, space="L9", starts_on=date(2026, 1, 1), rent="700")
    retire_space(base, "L9")
    lease(base, space="L2", starts_on=date(2026, 1, 1), rent="200")
    return base


def monthly(base, months, site="site"):
    with reading() as session:
        rows = figures.occupancy_by_month(session, site_id=base[site] if site else None,
                                            months=months)
    assert [row.month for row in rows] == months
    return rows


# --- which spaces count -------------------------------------------------------------------

def test_occupancy_on_a_day_counts_active_leasable_spaces_of_the_chosen_site(wider):
    with reading() as session:
        here = figures.occupancy_on(session, site_id=wider["site"], day=date(2026, 2, 15))
        everywhere = figures.occupancy_on(session, site_id=None, day=date(2026, 2, 15))
        day_before = figures.occupancy_on(session, site_id=None, day=date(2026, 2, 14))
    # T: L1-L4 + B1 = 5 units, 105 m² (not POT: bookable only; not L9: out of use); L2 leased
    assert (here.leased_units, here.units, here.leased_area, here.area) == (1, 5, 20, 105)
    assert here.unit_rate == pytest.approx(0.2)                  # 1 / 5, not the 4 / 5 vacant
    assert here.area_rate == pytest.approx(0.190476, abs=1e-6)   # 20 / 105
    # all sites: + S1 = 6 units, 155 m²; S1's lease starts on the 15th, so it counts that day
    assert (everywhere.leased_units, everywhere.units) == (2, 6)
    assert (everywhere.leased_area, everywhere.area) == (70, 155)   # 20 + 50 of 105 + 50
    assert everywhere.area_rate == pytest.approx(0.451613, abs=1e-6)
    assert (day_before.leased_units, day_before.leased_area) == (1, 20)


def test_occupancy_on_the_first_and_last_day_of_a_lease(base):
    lease(base, space="L1", starts_on=date(2026, 2, 15), ends_on=date(2026, 3, 31))
    days = [date(2026, 2, 14), date(2026, 2, 15), date(2026, 3, 31), date(2026, 4, 1)]
    with reading() as session:
        rates = [figures.occupancy_on(session, site_id=base["site"], day=day) for day in days]
    assert [rate.leased_units for rate in rates] == [0, 1, 1, 0]   # both ends are lease days
    assert [rate.unit_rate for rate in rates] == [0, 0.2, 0.2, 0]


def test_monthly_rates_count_only_active_leasable_spaces_of_the_chosen_site(wider):
    here, = monthly(wider, [FEB_2026])
    everywhere, = monthly(wider, [FEB_2026], site=None)
    # T: L2 all 28 days of 5 units -> 28 / (5 x 28); L9's lease is out with L9
    assert here.unit_rate == pytest.approx(0.2)
    assert here.area_rate == pytest.approx(0.190476, abs=1e-6)     # 28 x 20 / (105 x 28)
    # all sites: L2 28 days + S1 14 days (15th-28th) = 42 unit-days of 6 x 28 = 168
    assert everywhere.unit_rate == pytest.approx(0.25)
    # (28 x 20 + 14 x 50) / (155 x 28) = 1260 / 4340
    assert everywhere.area_rate == pytest.approx(0.290323, abs=1e-6)


# --- month lengths and the ends of a lease ------------------------------------------------

def test_a_lease_from_the_15th_of_a_28_day_february(base):
    lease(base, space="L1", starts_on=date(2026, 2, 15))
    jan, feb, mar = monthly(base, [date(2026, 1, 1), FEB_2026, MAR_2026])
    assert (jan.unit_rate, jan.area_rate) == (0, 0)
    assert feb.unit_rate == pytest.approx(0.1)                     # 14 days / (5 x 28)
    assert feb.area_rate == pytest.approx(0.047619, abs=1e-6)      # 14 x 10 / (105 x 28)
    assert mar.unit_rate == pytest.approx(0.2)                     # 31 / (5 x 31)
    assert mar.area_rate == pytest.approx(0.095238, abs=1e-6)      # 10 / 105


def test_the_29th_of_february_2028_is_a_day_of_the_month(base):
    lease(base, space="L2", starts_on=date(2028, 2, 1), ends_on=date(2028, 2, 29))
    lease(base, space="L1", tenant="aiko", starts_on=date(2028, 2, 15), ends_on=date(2028, 3, 15))
    feb, mar = monthly(base, [FEB_2028, MAR_2028])
    # L2 29 days + L1 15 days (15th-29th) = 44 unit-days of 5 x 29 = 145
    assert feb.unit_rate == pytest.approx(0.303448, abs=1e-6)
    # (29 x 20 + 15 x 10) / (105 x 29) = 730 / 3045
    assert feb.area_rate == pytest.approx(0.239737, abs=1e-6)
    assert mar.unit_rate == pytest.approx(0.096774, abs=1e-6)      # L1 1st-15th: 15 / (5 x 31)
    assert mar.area_rate == pytest.approx(0.046083, abs=1e-6)      # 15 x 10 / (105 x 31)


def test_leases_to_the_end_of_a_30_and_a_31_day_month(base):
    lease(base, space="L4", starts_on=date(2026, 6, 15), ends_on=date(2026, 6, 30))
    lease(base, space="L3", tenant="aiko", starts_on=date(2026, 7, 15), ends_on=date(2026, 7, 31))
    june, july, august = monthly(base, [JUN_2026, JUL_2026, AUG_2026])
    assert june.unit_rate == pytest.approx(0.106667, abs=1e-6)     # 15th-30th: 16 / (5 x 30)
    assert june.area_rate == pytest.approx(0.203175, abs=1e-6)     # 16 x 40 / (105 x 30)
    assert july.unit_rate == pytest.approx(0.109677, abs=1e-6)     # 15th-31st: 17 / (5 x 31)
    assert july.area_rate == pytest.approx(0.156682, abs=1e-6)     # 17 x 30 / (105 x 31)
    assert (august.unit_rate, august.area_rate) == (0, 0)          # ended on 31 July


def test_a_space_added_mid_month_counts_for_the_whole_month(base):
    # Leasable units are the spaces as they are now (rates.py): L5, added and leased on
    # 16 June, is one of 6 units all June long; its first 15 days are vacancy.
    add_space(base, "L5", 50)
    lease(base, space="L5", starts_on=date(2026, 6, 16))
    june, july = monthly(base, [JUN_2026, JUL_2026])
    assert june.unit_rate == pytest.approx(0.083333, abs=1e-6)     # 15 / (6 x 30)
    assert june.area_rate == pytest.approx(0.161290, abs=1e-6)     # 15 x 50 / (155 x 30)
    assert july.unit_rate == pytest.approx(0.166667, abs=1e-6)     # 31 / (6 x 31)
    assert july.area_rate == pytest.approx(0.322581, abs=1e-6)     # 50 / 155


# --- the heatmap cells ---------------------------------------------------------------------

def test_space_month_cells_count_lease_days_in_a_leap_february(wider):
    lease(wider, space="L1", starts_on=date(2028, 2, 10), ends_on=date(2028, 3, 5))
    with reading() as session:
        cells = figures.space_months(session, site_id=wider["site"], months=[FEB_2028,
                                                                             MAR_2028])
    by_cell = {(cell.space, cell.month): cell for cell in cells}
    assert sorted({space for space, _ in by_cell}) == ["B1", "L1", "L2", "L3", "L4"]
    assert (by_cell["L1", FEB_2028].occupied_days, by_cell["L1", FEB_2028].days) == (20, 29)
    assert (by_cell["L1", MAR_2028].occupied_days, by_cell["L1", MAR_2028].days) == (5, 31)
    assert (by_cell["L2", FEB_2028].occupied_days, by_cell["L3", FEB_2028].occupied_days) \
        == (29, 0)                                                 # L2 open-ended since 2026
    assert by_cell["L3", MAR_2028].leases == "vacant"


def test_touching_leases_fill_a_month_once(base):
    lease(base, space="L2", starts_on=date(2026, 6, 1), ends_on=date(2026, 6, 10))
    lease(base, space="L2", tenant="aiko", starts_on=date(2026, 6, 11), ends_on=date(2026, 6, 30))
    with reading() as session:
        cells = figures.space_months(session, site_id=base["site"], months=[JUN_2026])
    l2 = next(cell for cell in cells if cell.space == "L2")
    assert (l2.occupied_days, l2.days) == (30, 30)                 # 10 + 20 days
    assert set(l2.leases.split("; ")) == {"Giulia Neri (2026-06-01 → 2026-06-10)",
                                          "Aiko Tanaka (2026-06-11 → 2026-06-30)"}
    june, = monthly(base, [JUN_2026])
    assert june.unit_rate == pytest.approx(0.2)                    # 30 / (5 x 30)


def test_site_months_give_each_site_its_own_denominator(wider):
    with reading() as session:
        cells = figures.site_months(session, months=[FEB_2026, MAR_2026])
    assert [(cell.site, cell.month) for cell in cells] == [
        ("Second Hub", FEB_2026), ("Second Hub", MAR_2026),
        ("Test Hub", FEB_2026), ("Test Hub", MAR_2026)]
    assert [cell.unit_rate for cell in cells] == [
        pytest.approx(0.5),     # S1 from the 15th: 14 / (1 x 28)
        pytest.approx(1.0),     # 31 / (1 x 31)
        pytest.approx(0.2),     # L2: 28 / (5 x 28); L9 is out of use
        pytest.approx(0.2)]     # 31 / (5 x 31)


# --- utilisation of bookable spaces --------------------------------------------------------

def test_a_week_runs_from_monday_to_sunday_inclusive(base):
    with reading() as session:
        site = session.get(Site, base["site"])
    write(sites.set_opening_hours, actor=base["manager"], site_id=site.id,
          version=site.version, opens_at=time(8), closes_at=time(20), weekdays=range(7))
    book(base, day=date(2026, 5, 31), start=time(10), end=time(11))          # Sunday before
    book(base, day=date(2026, 6, 1), start=time(10), end=time(12), places=2)  # 4 place-hours
    book(base, day=date(2026, 6, 7), start=time(10), end=time(13))            # Sunday: 3
    book(base, day=date(2026, 6, 8), start=time(10), end=time(11))            # next Monday
    with reading() as session:
        week, = figures.utilisation_by_week(session, site_id=base["site"],
                                              weeks=[date(2026, 6, 1)])
    # open every day now: 7 x 12 h x (2 + 1) = 252 place-hours; booked 4 + 3 = 7
    assert (week.booked_hours, week.open_hours) == (7, 252)
    assert week.rate == pytest.approx(0.027778, abs=1e-6)          # 7 / 252


def test_utilisation_counts_active_bookable_spaces_of_the_chosen_site(base):
    second_site(base)
    add_space(base, "SR", 40, site=base["second"], kind="conference_room", capacity=4,
              leasable=False, bookable=True)
    add_space(base, "R", 30, kind="conference_room", capacity=10, leasable=False, bookable=True)
    book(base, space="R", day=date(2026, 6, 2), start=time(10), end=time(12))
    retire_space(base, "R")                                # its booking and hours go with it
    book(base, day=date(2026, 6, 1), start=time(10), end=time(12), places=2)  # 4 place-hours
    book(base, space="SR", day=date(2026, 6, 3), start=time(9), end=time(11), places=4)  # 8
    with reading() as session:
        here, = figures.utilisation_by_week(session, site_id=base["site"],
                                              weeks=[date(2026, 6, 1)])
        everywhere, = figures.utilisation_by_week(session, site_id=None,
                                                    weeks=[date(2026, 6, 1)])
    assert (here.booked_hours, here.open_hours) == (4, 216)
    # + SR: 6 x 12 h x 4 places = 288 open place-hours, 8 booked
    assert (everywhere.booked_hours, everywhere.open_hours) == (12, 504)
    assert everywhere.rate == pytest.approx(0.023810, abs=1e-6)    # 12 / 504


def test_a_bench_lease_across_two_weeks_closes_each_of_its_days(base):
    lease(base, space="B1", starts_on=date(2026, 6, 4), ends_on=date(2026, 6, 9))
    with reading() as session:
        first, second = figures.utilisation_by_week(
            session, site_id=base["site"], weeks=[date(2026, 6, 1), date(2026, 6, 8)])
    # Thu 4 - Sat 6 June: 3 open days x 12 h x 1 place out of 216 (Sunday is closed)
    assert first.open_hours == 180
    # Mon 8 - Tue 9 June: 2 days x 12 h
    assert second.open_hours == 192


# --- the rent roll -------------------------------------------------------------------------

def test_the_rent_roll_sums_the_leases_running_on_the_day(base):
    second_site(base)                                       # S1 at 500 from 15 February
    lease(base, space="L1", starts_on=date(2026, 1, 1), ends_on=date(2026, 6, 30), rent="100")
    lease(base, space="L2", tenant="aiko", starts_on=date(2026, 6, 30), rent="200")
    with reading() as session:
        def roll(day, site=base["site"]):
            return figures.rent_roll(session, site_id=site, day=day)
        assert roll(date(2026, 6, 29)) == Decimal("100.00")          # L1 only
        assert roll(date(2026, 6, 30)) == Decimal("300.00")          # L1's last, L2's first
        assert roll(date(2026, 7, 1)) == Decimal("200.00")           # L2 only
        assert roll(date(2026, 6, 30), site=None) == Decimal("800.00")   # + S1's 500
        assert roll(date(2026, 6, 30), site=base["second"]) == Decimal("500.00")
