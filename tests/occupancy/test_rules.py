"""Lab occupancy rules (hub/occupancy/: spaces, leases, bookings) and figures
(hub/occupancy/figures.py),
on a small hand-built hub whose numbers can be worked out by hand."""
from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from sqlmodel import select

from db.engine import reading, writing
from db.models import AuditEntry, Booking, Lease, Site, Tenant
from hub.errors import Forbidden, Invalid, Stale
from hub.occupancy import bookings, leases, spaces
from hub import sites
from hub.occupancy import figures
from tests.worlds import book, lease, MONDAY, write

# --- leases ---------------------------------------------------------------------------------

def test_overlapping_lease_refused_with_the_clash_named(base):
    lease(base, starts_on=date(2026, 3, 1), ends_on=date(2026, 12, 31))
    with pytest.raises(Invalid, match="space L1 is already leased from 1 Mar 2026 to 31 Dec 2026"):
        lease(base, tenant="aiko", starts_on=date(2026, 12, 31), ends_on=date(2027, 6, 30))
    with reading() as session:
        assert len(session.exec(select(Lease)).all()) == 1


def test_touching_leases_are_allowed(base):
    lease(base, starts_on=date(2026, 1, 1), ends_on=date(2026, 3, 31))
    lease(base, tenant="aiko", starts_on=date(2026, 4, 1), ends_on=None)
    with pytest.raises(Invalid, match="to open end"):
        lease(base, starts_on=date(2030, 1, 1))


def test_end_before_start_refused(base):
    with pytest.raises(Invalid, match="end date is before start date") as refused:
        lease(base, starts_on=date(2026, 5, 1), ends_on=date(2026, 4, 30))
    assert refused.value.field == "end"


@pytest.mark.parametrize("role", ["communication", "viewer"])
def test_only_a_manager_leases_books_or_edits_spaces(base, role):
    actor = base[role]
    with pytest.raises(Forbidden):
        write(leases.lease_space, actor=actor, space_id=base["L1"], tenant_id=base["giulia"],
              starts_on=date(2026, 1, 1), ends_on=None, monthly_rent="100")
    with pytest.raises(Forbidden):
        write(bookings.book, actor=actor, space_id=base["POT"], day=MONDAY, start=time(10),
              end=time(11), tenant_id=base["giulia"])
    with pytest.raises(Forbidden):
        write(spaces.add_space, actor=actor, site_id=base["site"], code="L9", name="Lab 9",
              kind="laboratory", area_m2=10, capacity=1, monthly_rent="100", leasable=True)
    with reading() as session:
        assert session.exec(select(Lease)).all() == [] and session.exec(select(Booking)).all() == []


def test_end_early_renew_and_move_are_one_action_each(base):
    first = lease(base, starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31))
    ended = write(leases.end_lease_early, actor=base["manager"], lease_id=first.id,
                  version=first.version, ends_on=date(2026, 6, 30))
    assert ended.ends_on == date(2026, 6, 30)
    renewed = write(leases.renew_lease, actor=base["manager"], lease_id=first.id,
                    version=ended.version, until=date(2027, 6, 30), monthly_rent="120")
    assert (renewed.starts_on, renewed.ends_on, renewed.monthly_rent) == \
        (date(2026, 7, 1), date(2027, 6, 30), Decimal("120.00"))
    moved = write(leases.move_tenant, actor=base["manager"], lease_id=renewed.id,
                  version=renewed.version, to_space_id=base["L3"], on=date(2027, 1, 1))
    assert (moved.space_id, moved.starts_on, moved.ends_on, moved.monthly_rent) == \
        (base["L3"], date(2027, 1, 1), date(2027, 6, 30), Decimal("300.00"))
    with reading() as session:
        old = session.get(Lease, renewed.id)
        actions = [e.action for e in session.exec(select(AuditEntry).where(
            AuditEntry.entity == "leases").order_by(AuditEntry.id))]
    assert old.ends_on == date(2026, 12, 31)
    assert actions == ["create", "end_early", "create", "move_out", "create"]


def test_move_into_a_taken_space_writes_nothing(base):
    mine = lease(base, space="L1", starts_on=date(2026, 1, 1))
    lease(base, space="L2", tenant="aiko", starts_on=date(2026, 1, 1))
    with pytest.raises(Invalid, match="space L2 is already leased"):
        write(leases.move_tenant, actor=base["manager"], lease_id=mine.id, version=mine.version,
              to_space_id=base["L2"], on=date(2026, 7, 1))
    with reading() as session:
        assert session.get(Lease, mine.id).ends_on is None  # the move-out was rolled back


def test_stale_lease_edit_refused(base):
    first = lease(base, ends_on=date(2026, 12, 31))
    write(leases.end_lease_early, actor=base["manager"], lease_id=first.id,
          version=first.version, ends_on=date(2026, 6, 30))
    with pytest.raises(Stale):
        write(leases.edit_lease, actor=base["manager"], lease_id=first.id, version=first.version,
              starts_on=first.starts_on, ends_on=date(2026, 9, 30), monthly_rent="90")


# --- spaces ---------------------------------------------------------------------------------

@pytest.mark.parametrize("changes, field, message", [
    ({"monthly_rent": None}, "monthly rent", "a leasable space needs a monthly rent"),
    ({"monthly_rent": "-5"}, "monthly rent", "cannot be negative"),
    ({"monthly_rent": "abc"}, "monthly rent", "must be an amount in euros"),
    ({"code": "L1"}, "code", "space L1 already exists at this site"),
    ({"code": "a b"}, "code", "letters, digits or dashes"),
    ({"capacity": 0}, "capacity", "at least 1"),
    ({"kind": "castle"}, "kind", "kind must be one of"),
    ({"bookable": True}, "hourly rate", "needs an hourly or a daily rate"),
])
def test_space_input_is_validated(base, changes, field, message):
    values = dict(code="L9", name="Lab 9", kind="laboratory", area_m2=10, capacity=1,
                  monthly_rent="100", leasable=True) | changes
    with pytest.raises(Invalid, match=message) as refused:
        write(spaces.add_space, actor=base["manager"], site_id=base["site"], **values)
    assert refused.value.field == field


# --- bookings -------------------------------------------------------------------------------

def test_capacity_is_never_exceeded_and_touching_bookings_fit(base):
    book(base, places=2, start=time(10), end=time(12))
    with pytest.raises(Invalid, match="POT is full at 11:00–11:30 on 1 Jun 2026: 2 of 2"):
        book(base, start=time(11), end=time(11, 30))
    book(base, places=2, start=time(12), end=time(13))  # starts as the first one ends


def test_overlapping_bookings_count_by_peak_not_by_sum(base):
    book(base, start=time(9), end=time(10))
    book(base, start=time(11), end=time(12))
    book(base, start=time(9), end=time(12))  # at most 2 places at any instant


def test_a_cancelled_booking_frees_its_places_and_is_kept(base):
    first = book(base, places=2)
    write(bookings.cancel_booking, actor=base["manager"], booking_id=first.id,
          version=first.version)
    book(base, places=2)
    with reading() as session:
        kept = session.get(Booking, first.id)
    assert (kept.status, kept.cancelled_by) == ("cancelled", "boss")


@pytest.mark.parametrize("day, start, end, field, message", [
    (MONDAY, time(7), time(9), "start", "outside the opening hours of Test Hub"),
    (MONDAY, time(19), time(20, 30), "start", "outside the opening hours"),
    (date(2026, 6, 7), time(10), time(11), "day", "closed on Sundays"),
    (MONDAY, time(19), time(1), "end", "cannot run past midnight"),
    (MONDAY, time(10), time(10), "end", "must last at least a minute"),
])
def test_bookings_stay_within_one_day_and_opening_hours(base, day, start, end, field, message):
    with pytest.raises(Invalid, match=message) as refused:
        book(base, day=day, start=start, end=end)
    assert refused.value.field == field
    with reading() as session:
        assert session.exec(select(Booking)).all() == []


def test_a_bench_cannot_be_booked_on_a_day_it_is_leased(base):
    lease(base, space="B1", tenant="aiko", starts_on=date(2026, 5, 1), ends_on=MONDAY)
    with pytest.raises(Invalid, match="B1 is leased to Aiko Tanaka on 1 Jun 2026"):
        book(base, space="B1")
    book(base, space="B1", day=date(2026, 6, 2))


# --- figures --------------------------------------------------------------------------------

def test_unit_and_area_rate_on_a_date(base):
    lease(base, space="L1", starts_on=date(2026, 1, 1))
    lease(base, space="L3", tenant="aiko", starts_on=date(2026, 1, 1), ends_on=date(2026, 6, 30))
    with reading() as session:
        june = figures.occupancy_on(session, site_id=base["site"], day=date(2026, 6, 15))
        july = figures.occupancy_on(session, site_id=None, day=date(2026, 7, 1))
    # leasable: L1-L4 and B1 = 5 units, 105 m²
    assert (june.leased_units, june.units, june.leased_area, june.area) == (2, 5, 40, 105)
    assert june.unit_rate == pytest.approx(2 / 5) and june.area_rate == pytest.approx(40 / 105)
    assert (july.unit_rate, july.area_rate) == (pytest.approx(1 / 5), pytest.approx(10 / 105))


def test_monthly_rates_average_the_days_of_each_month(base):
    lease(base, space="L4", starts_on=date(2026, 6, 16), ends_on=date(2026, 7, 31))
    with reading() as session:
        may, june, july = figures.occupancy_by_month(
            session, site_id=base["site"], months=[date(2026, 5, 1), date(2026, 6, 1),
                                                  date(2026, 7, 1)])
    assert (may.unit_rate, may.area_rate) == (0, 0)
    assert june.unit_rate == pytest.approx(15 / (5 * 30))          # 15 of 30 days, 1 of 5
    assert june.area_rate == pytest.approx(15 * 40 / (105 * 30))
    assert july.unit_rate == pytest.approx(1 / 5)


def test_space_month_cells_name_the_tenant_and_dates(base):
    lease(base, space="L2", starts_on=date(2026, 6, 11), ends_on=date(2026, 6, 20))
    with reading() as session:
        cells = figures.space_months(session, site_id=base["site"], months=[date(2026, 6, 1)])
    by_space = {cell.space: cell for cell in cells}
    assert set(by_space) == {"L1", "L2", "L3", "L4", "B1"}
    assert (by_space["L2"].occupied_days, by_space["L2"].days) == (10, 30)
    assert by_space["L2"].leases == "Giulia Neri (2026-06-11 → 2026-06-20)"
    assert (by_space["L1"].occupied_days, by_space["L1"].leases) == (0, "vacant")


def test_utilisation_is_booked_over_open_place_hours(base):
    book(base, places=2, start=time(10), end=time(13))            # 6 place-hours
    book(base, space="B1", start=time(8), end=time(20))           # 12 place-hours
    cancelled = book(base, space="B1", day=date(2026, 6, 2), start=time(8), end=time(9))
    write(bookings.cancel_booking, actor=base["manager"], booking_id=cancelled.id,
          version=cancelled.version)
    with reading() as session:
        before, week = figures.utilisation_by_week(
            session, site_id=base["site"], weeks=[date(2026, 5, 25), MONDAY])
    # open: 6 days x 12 h x (2 places pottery + 1 bench) = 216 place-hours a week
    assert (week.booked_hours, week.open_hours) == (18, 216)
    assert week.rate == pytest.approx(18 / 216) and before.rate == 0


def test_a_leased_bench_is_not_open_for_booking_on_its_leased_days(base):
    lease(base, space="B1", tenant="aiko", starts_on=date(2026, 5, 1), ends_on=date(2026, 6, 3))
    with reading() as session:
        week, = figures.utilisation_by_week(session, site_id=base["site"], weeks=[MONDAY])
    # the bench is leased Mon-Wed: 3 open days x 12 h x 1 place fewer than 216
    assert week.open_hours == 216 - 36


def test_places_that_are_not_a_number_are_refused_with_the_field(base):
    with pytest.raises(Invalid, match="places must be between 1 and 2") as refused:
        book(base, places="lots")
    assert refused.value.field == "places"


def test_a_lease_cannot_outlast_a_tenant_who_has_left(base):
    with writing() as session, session.begin():
        session.get(Tenant, base["aiko"]).left_on = date(2026, 6, 30)
    with pytest.raises(Invalid, match="left the hub on 30 Jun 2026; the lease must end by then"):
        lease(base, tenant="aiko", starts_on=date(2026, 1, 1))
    lease(base, tenant="aiko", starts_on=date(2026, 1, 1), ends_on=date(2026, 6, 30))


def test_vacancies_say_since_when(base):
    lease(base, space="L1", starts_on=date(2026, 1, 1), ends_on=date(2026, 5, 31))
    lease(base, space="L2", starts_on=date(2026, 1, 1))
    lease(base, space="L3", tenant="aiko", starts_on=date(2026, 9, 1))
    with reading() as session:
        free = {v.space: v for v in leases.vacancies(session, site_id=base["site"],
                                                     day=date(2026, 6, 15))}
        roll = figures.rent_roll(session, site_id=base["site"], day=date(2026, 6, 15))
    assert set(free) == {"L1", "L3", "L4", "B1"}
    assert free["L1"].vacant_since == date(2026, 6, 1)
    assert free["L4"].vacant_since is None
    assert free["L3"].next_lease_starts == date(2026, 9, 1)
    assert roll == Decimal("100.00")


def test_leases_ending_soon(base):
    lease(base, space="L1", starts_on=date(2026, 1, 1), ends_on=date(2026, 7, 31))
    lease(base, space="L2", starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31))
    lease(base, space="L3", tenant="aiko", starts_on=date(2026, 1, 1))
    with reading() as session:
        soon = leases.lease_rows(session, site_id=base["site"], day=date(2026, 6, 15),
                                 ending_within=90)
    assert [(row.space, row.tenant) for row in soon] == [("L1", "Giulia Neri")]


def test_site_months_give_each_site_its_unit_rate(base):
    lease(base, space="L1", starts_on=date(2026, 6, 1), ends_on=date(2026, 6, 30))
    with reading() as session:
        cells = figures.site_months(session, months=[date(2026, 6, 1), date(2026, 7, 1)])
    assert [(c.site, c.month, c.unit_rate) for c in cells] == [
        ("Test Hub", date(2026, 6, 1), pytest.approx(1 / 5)),
        ("Test Hub", date(2026, 7, 1), 0)]


def test_opening_hours_can_change_unless_bookings_would_fall_outside(base):
    book(base, day=date.today() + timedelta(days=7 - date.today().weekday()), start=time(18),
         end=time(19))  # next Monday 18:00-19:00
    with reading() as session:
        site = session.get(Site, base["site"])
    with pytest.raises(Invalid, match="1 booking\\(s\\) from today on fall outside") as refused:
        write(sites.set_opening_hours, actor=base["manager"], site_id=site.id,
              version=site.version, opens_at=time(9), closes_at=time(17), weekdays=[0, 1, 2])
    assert refused.value.field == "opens at"
    with pytest.raises(Invalid, match="closing time must be after opening time"):
        write(sites.set_opening_hours, actor=base["manager"], site_id=site.id,
              version=site.version, opens_at=time(9), closes_at=time(9), weekdays=[0])
    with pytest.raises(Forbidden):
        write(sites.set_opening_hours, actor=base["communication"], site_id=site.id,
              version=site.version, opens_at=time(9), closes_at=time(21), weekdays=[0])
    changed = write(sites.set_opening_hours, actor=base["manager"], site_id=site.id,
                    version=site.version, opens_at=time(9), closes_at=time(21), weekdays=[0, 1])
    assert (changed.open_weekdays, changed.closes_at) == ("01", time(21))
    with pytest.raises(Invalid, match="closed on Wednesdays"):
        book(base, day=date(2026, 6, 3))
    book(base, start=time(20), end=time(21))  # open later now
