"""Occupancy with works, worked out by hand (hub/occupancy/figures.py, module docstring): a
space out of use leaves the leasable denominator for those days, and a lease running through
the works does not count as leased on them.

The base world (`base`): 5 leasable units (L1-L4 of 10/20/30/40 m², B1 of 5 m²), 105 m². June 2026
has 30 days, July 31. Here:
- L1 (10 m², vacant) is closed for restoration 11-20 June: 10 days;
- L2 (20 m²) is leased from 1 January 2026, open-ended, and closed 25 June - 4 July
  (6 days in June, 4 in July): the lease runs on, flagged;
- works on L3 for all of June were cancelled: they close nothing.
"""
from datetime import date

import pytest

from db.engine import reading
from hub.occupancy import works
from hub.occupancy import leases
from hub.occupancy import figures
from tests.worlds import lease, write

JUN, JUL = date(2026, 6, 1), date(2026, 7, 1)


@pytest.fixture
def closed(base):
    lease(base, space="L2", starts_on=date(2026, 1, 1), rent="200")

    def plan(codes, starts_on, ends_on, title):
        return write(works.plan_works, actor=base["manager"], site_id=base["site"],
                     space_ids=[base[code] for code in codes], title=title,
                     starts_on=starts_on, ends_on=ends_on).works
    plan(["L1"], date(2026, 6, 11), date(2026, 6, 20), "Restoration")
    plan(["L2"], date(2026, 6, 25), date(2026, 7, 4), "Roof repair")
    cancelled = plan(["L3"], date(2026, 6, 1), date(2026, 6, 30), "Floor")
    write(works.cancel_works, actor=base["manager"], works_id=cancelled.id, version=None)
    return base


def test_a_space_out_of_use_leaves_the_day_rates(closed):
    with reading() as session:
        def on(day):
            rates = figures.occupancy_on(session, site_id=closed["site"], day=day)
            return rates.leased_units, rates.units, rates.leased_area, rates.area
        assert on(date(2026, 6, 10)) == (1, 5, 20, 105)   # the day before L1's works
        assert on(date(2026, 6, 11)) == (1, 4, 20, 95)    # L1 out: 4 units, 105 - 10 m²
        assert on(date(2026, 6, 20)) == (1, 4, 20, 95)    # the last day of the works
        assert on(date(2026, 6, 21)) == (1, 5, 20, 105)
        assert on(date(2026, 6, 25)) == (0, 4, 0, 85)     # L2 out: leased, yet not counted


def test_monthly_rates_take_works_days_out_of_both_sides(closed):
    with reading() as session:
        june, july = figures.occupancy_by_month(session, site_id=closed["site"],
                                                  months=[JUN, JUL])
        everywhere, = figures.occupancy_by_month(session, site_id=None, months=[JUN])
    # June: leasable 5 x 30 - 10 (L1) - 6 (L2) = 134 unit-days; leased L2 30 - 6 = 24
    assert june.unit_rate == pytest.approx(24 / 134)                 # 0.179104
    # m²-days: 105 x 30 - 10 x 10 - 6 x 20 = 2930; leased 24 x 20 = 480
    assert june.area_rate == pytest.approx(480 / 2930)               # 0.163823
    # July: 5 x 31 - 4 = 151, leased 31 - 4 = 27; m²: 3255 - 80 = 3175, leased 540
    assert july.unit_rate == pytest.approx(27 / 151)                 # 0.178808
    assert july.area_rate == pytest.approx(540 / 3175)               # 0.170079
    assert everywhere.unit_rate == pytest.approx(24 / 134)           # one site in use


def test_a_30_day_month_with_a_lab_closed_10_days_has_20_lab_days_of_it(base):
    write(works.plan_works, actor=base["manager"], site_id=base["site"], space_ids=[base["L1"]],
          title="Restoration", starts_on=date(2026, 6, 1), ends_on=date(2026, 6, 10))
    lease(base, space="L1", starts_on=date(2026, 6, 11), ends_on=date(2026, 6, 30))
    with reading() as session:
        june, = figures.occupancy_by_month(session, site_id=base["site"], months=[JUN])
    # L1 gives 30 - 10 = 20 lab-days, all leased; the other 4 units 120, vacant
    assert june.unit_rate == pytest.approx(20 / 140)
    assert june.area_rate == pytest.approx(20 * 10 / (105 * 30 - 10 * 10))


def test_heatmap_cells_count_works_days_and_name_the_works(closed):
    with reading() as session:
        cells = figures.space_months(session, site_id=closed["site"], months=[JUN, JUL])
        network = figures.site_months(session, months=[JUN])
    by_cell = {(cell.space, cell.month): cell for cell in cells}
    assert (by_cell["L1", JUN].works_days, by_cell["L1", JUN].occupied_days) == (10, 0)
    assert by_cell["L1", JUN].works == "Restoration (2026-06-11 → 2026-06-20)"
    assert (by_cell["L2", JUN].works_days, by_cell["L2", JUN].occupied_days) == (6, 30)
    assert by_cell["L2", JUL].works_days == 4
    assert (by_cell["L3", JUN].works_days, by_cell["L3", JUN].works) == (0, "")   # cancelled
    assert by_cell["L1", JUL].works_days == 0
    assert network[0].unit_rate == pytest.approx(24 / 134)


def test_the_vacancy_list_says_until_when_a_space_is_closed(closed):
    with reading() as session:
        during = {v.space: v for v in leases.vacancies(session, site_id=closed["site"],
                                                        day=date(2026, 6, 15))}
        after = {v.space: v for v in leases.vacancies(session, site_id=closed["site"],
                                                       day=date(2026, 6, 21))}
    assert during["L1"].closed_until == date(2026, 6, 20)
    assert during["L3"].closed_until is None          # its works were cancelled
    assert after["L1"].closed_until is None


def test_a_running_lease_is_flagged_with_the_works_not_ended(closed):
    with reading() as session:
        rows = leases.lease_rows(session, site_id=closed["site"], day=date(2026, 6, 15))
        later = leases.lease_rows(session, site_id=closed["site"], day=date(2026, 7, 5))
    assert [(row.space, row.ends_on) for row in rows] == [("L2", None)]
    assert rows[0].works == "Roof repair 2026-06-25 → 2026-07-04"
    assert later[0].works is None                     # the works are over by then


def test_a_bookable_space_out_of_use_is_not_open_for_booking(base):
    # Week of Monday 1 June 2026: open Mon-Sat 08-20, POT 2 places + B1 1 place = 216 h.
    # POT closed Wed 3 - Sun 7 June: Wed-Sat, 4 open days x 12 h x 2 places = 96 h out.
    # B1 leased Thu 4 - Tue 9 and closed Fri 5 - Mon 8: its lease already took Thu-Sat
    # (36 h) and Mon 8 (12 h) out; the works take nothing more.
    write(works.plan_works, actor=base["manager"], site_id=base["site"],
          space_ids=[base["POT"]], title="Kiln service", starts_on=date(2026, 6, 3),
          ends_on=date(2026, 6, 7))
    lease(base, space="B1", starts_on=date(2026, 6, 4), ends_on=date(2026, 6, 9))
    write(works.plan_works, actor=base["manager"], site_id=base["site"],
          space_ids=[base["B1"]], title="Bench repair", starts_on=date(2026, 6, 5),
          ends_on=date(2026, 6, 8))
    with reading() as session:
        first, second = figures.utilisation_by_week(
            session, site_id=base["site"], weeks=[date(2026, 6, 1), date(2026, 6, 8)])
    assert first.open_hours == 216 - 96 - 36                        # 84
    assert second.open_hours == 216 - 2 * 12                        # B1's lease: Mon, Tue
