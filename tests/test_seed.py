"""Demo and scale data: the shape of the two hubs, idempotency, determinism, the consent rule,
and the occupancy rules (leases never overlap, bookings fit capacity, opening hours and leases),
checked with hub/'s own functions."""
from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

import pytest
from sqlalchemy import Engine, and_, func, or_
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from db.engine import engine_for
from db.migrate import upgrade
from db.models import Booking, Lease, Site, Space, Tenant
from db.seed.driver import seed_demo, seed_scale
from hub.occupancy.bookings import minute_of, places_in_use
from hub.occupancy.leases import current_lease, vacancies

NOTHING = {"sites": 0, "spaces": 0, "tenants": 0, "leases": 0, "bookings": 0}


def fresh_engine(tmp_path, name: str = "bottega.db") -> Engine:
    engine = engine_for(f"sqlite:///{tmp_path / name}")
    upgrade(engine)
    return engine


def demo(engine: Engine) -> dict[str, int]:
    with Session(engine) as session, session.begin():
        return seed_demo(session)


@pytest.fixture
def seeded(engine) -> Engine:
    """The demo and one scale copy of each hub: the rules must hold for both."""
    demo(engine)
    seed_scale(engine, 1)
    return engine


def spaces_of(session: Session, site_code: str, kind: str) -> list[Space]:
    return list(session.exec(select(Space).join(Site)
                             .where(Site.code == site_code, Space.kind == kind)))


def site_id(session: Session, code: str) -> int:
    return session.exec(select(Site.id).where(Site.code == code)).one()


def tenant_rows(engine: Engine) -> list[dict]:
    with Session(engine) as session:
        return [tenant.model_dump() for tenant in session.exec(select(Tenant).order_by(Tenant.id))]


def rows_of(engine: Engine, model) -> list[dict]:
    with Session(engine) as session:
        return [row.model_dump() for row in session.exec(select(model).order_by(model.id))]


def count(session: Session, model) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


# ---------------------------------------------------------------- the demo's shape


def test_second_demo_run_adds_nothing(engine):
    first = demo(engine)
    assert first["sites"] == 2 and first["spaces"] == 41 and 55 <= first["tenants"] <= 65
    assert first["leases"] >= 40 and 1_500 <= first["bookings"] <= 3_000
    again = demo(engine)
    assert NOTHING.items() <= again.items() and not any(again.values())
    with Session(engine) as session:
        assert count(session, Tenant) == first["tenants"]
        assert count(session, Lease) == first["leases"]
        assert count(session, Booking) == first["bookings"]


def test_officina_creativa_has_26_labs_of_about_830_square_metres(engine):
    demo(engine)
    with Session(engine) as session:
        labs = spaces_of(session, "OC", "laboratory")
        assert sorted(lab.code for lab in labs) == [f"L{n:02d}" for n in range(1, 27)]
        assert abs(sum(lab.area_m2 for lab in labs) - 830) <= 5
        assert all(lab.leasable and not lab.bookable and lab.monthly_rent for lab in labs)
        assert all(12 <= lab.monthly_rent / int(lab.area_m2) <= 16 for lab in labs)
        pottery, = spaces_of(session, "OC", "workshop")
        assert pottery.bookable and not pottery.leasable and pottery.capacity == 12


def test_officine_nora_has_11_benches_leasable_and_bookable(engine):
    demo(engine)
    with Session(engine) as session:
        benches = spaces_of(session, "ON", "bench")
        assert len(benches) == 11
        assert all(bench.leasable and bench.bookable and bench.capacity == 1 for bench in benches)
        assert all(bench.hourly_rate and bench.daily_rate and bench.monthly_rent
                   for bench in benches)
        nora = session.exec(select(Site).where(Site.code == "ON")).one()
        at_nora = list(session.exec(select(Tenant).where(Tenant.site_id == nora.id)))
        assert {tenant.sector for tenant in at_nora} == {"jewellery"}
        assert {tenant.residency for tenant in at_nora} == {"resident", "visiting"}


def test_every_tenant_keeps_the_consent_rule_and_plausible_dates(engine):
    demo(engine)
    rows = tenant_rows(engine)
    flags = ("young_entrepreneur", "female_led", "startup")
    for row in rows:
        if row["consent_on"] is None:
            assert all(row[flag] is None for flag in flags), row["name"]
        else:
            assert all(row[flag] in (True, False) for flag in flags), row["name"]
            assert row["joined_on"] <= row["consent_on"] <= (row["left_on"] or date.today())
        assert date(2016, 3, 1) <= row["joined_on"] <= date.today()
        assert row["left_on"] is None or row["joined_on"] <= row["left_on"] <= date.today()
        assert row["email"] == row["email"].lower()
        assert row["email"].endswith(("@example.org", "@example.com"))
    consented = sum(row["consent_on"] is not None for row in rows) / len(rows)
    assert 0.6 <= consented <= 0.8
    assert any(row["left_on"] for row in rows), "some tenants have left"


def test_two_fresh_databases_get_identical_demo_data(engine, tmp_path):
    first, second = engine, fresh_engine(tmp_path, "second.db")
    demo(first)
    demo(second)
    assert tenant_rows(first) == tenant_rows(second)
    assert rows_of(first, Lease) == rows_of(second, Lease)
    assert rows_of(first, Booking) == rows_of(second, Booking)


# ---------------------------------------------------------------- leases


def test_most_labs_are_leased_with_two_to_four_vacant_today(engine):
    demo(engine)
    today = date.today()
    with Session(engine) as session:
        creativa = site_id(session, "OC")
        vacant = [v for v in vacancies(session, site_id=creativa, day=today)
                  if v.kind == "laboratory"]
        assert 2 <= len(vacant) <= 4
        assert all(v.vacant_since is not None for v in vacant), "every lab was leased once"
        tenants_per_lab = [len(lab_leases) for lab_leases in (
            session.exec(select(Lease.tenant_id).where(Lease.space_id == lab.id)).all()
            for lab in spaces_of(session, "OC", "laboratory"))]
        assert max(tenants_per_lab) <= 4 and sum(n >= 2 for n in tenants_per_lab) >= 5
        cafe, = spaces_of(session, "OC", "coffee_shop")
        assert current_lease(session, cafe.id, today) is not None
        benches = [v for v in vacancies(session, site_id=site_id(session, "ON"), day=today)
                   if v.kind == "bench"]
        assert 1 <= len(benches) <= 10


def test_leases_follow_the_tenants_stays(seeded):
    with Session(seeded) as session:
        rows = session.exec(select(Lease, Tenant, Space)
                            .join(Tenant, Tenant.id == Lease.tenant_id)
                            .join(Space, Space.id == Lease.space_id)).all()
        assert rows
        for lease, tenant, space in rows:
            assert tenant.site_id == space.site_id and space.leasable
            assert tenant.joined_on <= lease.starts_on
            assert lease.ends_on is None or lease.ends_on <= (tenant.left_on or lease.ends_on)
            assert lease.ends_on is not None or tenant.left_on is None
            assert lease.monthly_rent <= space.monthly_rent
            assert lease.deposit == 2 * lease.monthly_rent
            if lease.starts_on.year <= 2020:
                assert lease.monthly_rent < space.monthly_rent, "older leases were cheaper"
            if tenant.residency == "visiting":
                assert space.kind == "bench" and lease.ends_on - lease.starts_on <= timedelta(92)
        held = {tenant.id for _, tenant, _ in rows}
        residents = session.exec(select(Tenant.id).where(Tenant.residency == "resident")).all()
        assert set(residents) <= held, "every resident holds a lab or a bench"


def test_no_two_leases_of_a_space_overlap(seeded):
    first, second = aliased(Lease), aliased(Lease)
    overlapping = (select(func.count()).select_from(first).join(second, and_(
        first.space_id == second.space_id, first.id < second.id,
        or_(second.ends_on.is_(None), first.starts_on <= second.ends_on),
        or_(first.ends_on.is_(None), second.starts_on <= first.ends_on))))
    with Session(seeded) as session:
        assert count(session, Lease) > 100
        assert session.exec(overlapping).one() == 0


# ---------------------------------------------------------------- bookings


def live_bookings_by_space_day(session: Session) -> dict[tuple[int, date], list[Booking]]:
    by_space_day = defaultdict(list)
    for booking in session.exec(select(Booking).where(Booking.status == "booked")):
        by_space_day[booking.space_id, booking.day].append(booking)
    return by_space_day


def test_bookings_never_exceed_a_space_capacity(seeded):
    with Session(seeded) as session:
        capacity = dict(session.exec(select(Space.id, Space.capacity)).all())
        by_space_day = live_bookings_by_space_day(session)
        assert len(by_space_day) > 1_000
        peaks = {key: places_in_use(bookings, 0, 24 * 60) for key, bookings in by_space_day.items()}
        assert all(peak <= capacity[space] for (space, _), peak in peaks.items())
        assert any(peak == capacity[space] and capacity[space] > 1
                   for (space, _), peak in peaks.items()), "the pottery fills up at times"


def test_no_bench_is_booked_on_a_day_it_is_leased(seeded):
    clash = (select(func.count()).select_from(Booking)
             .join(Lease, and_(Lease.space_id == Booking.space_id, Lease.starts_on <= Booking.day,
                               or_(Lease.ends_on.is_(None), Lease.ends_on >= Booking.day))))
    with Session(seeded) as session:
        on_benches = session.exec(select(func.count()).select_from(Booking)
                                  .join(Space).where(Space.kind == "bench")).one()
        assert on_benches > 500
        assert session.exec(clash).one() == 0


def test_bookings_lie_within_opening_hours_monday_to_saturday(seeded):
    with Session(seeded) as session:
        rows = session.exec(select(Booking.day, Booking.start_minute, Booking.end_minute,
                                   Site.opens_at, Site.closes_at, Site.open_weekdays)
                            .join(Space, Space.id == Booking.space_id)
                            .join(Site, Site.id == Space.site_id)).all()
    assert len(rows) > 10_000
    for day, start, end, opens, closes, weekdays in rows:
        assert weekdays == "012345" and day.weekday() != 6
        assert str(day.weekday()) in weekdays
        assert minute_of(opens) <= start < end <= minute_of(closes)


def test_demo_bookings_look_like_the_hubs_week(engine):
    demo(engine)
    today = date.today()
    with Session(engine) as session:
        rows = session.exec(select(Booking, Space.kind, Tenant)
                            .join(Space, Space.id == Booking.space_id)
                            .outerjoin(Tenant, Tenant.id == Booking.tenant_id)).all()
    by_kind = defaultdict(list)
    for booking, kind, tenant in rows:
        by_kind[kind].append(booking)
        assert booking.created_by == "demo"
        assert today - timedelta(days=560) <= booking.day <= today + timedelta(days=28)
        if tenant is not None:  # a tenant books only while they work in the hub
            assert tenant.joined_on <= booking.day <= (tenant.left_on or booking.day)
    assert set(by_kind) == {"bench", "workshop", "conference_room"}
    assert all(10 <= b.places <= 60 for b in by_kind["conference_room"])
    assert all(1 <= b.places <= 12 for b in by_kind["workshop"])
    benches = by_kind["bench"]
    assert any(b.guest_name for b in benches) and any(b.tenant_id for b in benches)
    assert any(b.end_minute - b.start_minute == 12 * 60 for b in benches), "some by the day"
    assert any(b.day > today for b in benches + by_kind["workshop"]), "the coming weeks too"
    cancelled = [booking for booking, _, _ in rows if booking.status == "cancelled"]
    assert 5 <= len(cancelled) <= 0.05 * len(rows)
    assert all(b.cancelled_at and b.cancelled_by == "demo" for b in cancelled)


# ---------------------------------------------------------------- scale


def test_scale_factor_2_builds_four_sites_beside_the_demo(engine):
    demo(engine)
    reports = []
    added = seed_scale(engine, 2, progress=lambda *report: reports.append(report))
    assert {key: added[key] for key in ("sites", "spaces", "tenants")} == {
        "sites": 4, "spaces": 82, "tenants": 122}
    assert added["leases"] > 100
    assert 30_000 <= added["bookings"] <= 50_000, "about 10,000 bookings per site copy"
    assert ("tenants", 122, 122) in reports
    assert ("bookings", added["bookings"], added["bookings"]) in reports
    assert all(done <= total for step, done, total in reports)
    again = seed_scale(engine, 2)
    assert NOTHING.items() <= again.items() and not any(again.values())
    with Session(engine) as session:
        assert set(session.exec(select(Site.code))) == {"OC", "ON", "OC1", "ON1", "OC2", "ON2"}
        assert count(session, Tenant) == 183
        assert count(session, Booking) == added["bookings"] + demo_bookings(session)
        keys = session.exec(select(Tenant.name, Tenant.business)).all()
        assert len(set(keys)) == len(keys), "no two tenants share a natural key"


def demo_bookings(session: Session) -> int:
    return session.exec(select(func.count()).select_from(Booking)
                        .where(Booking.created_by == "demo")).one()


def test_demo_after_scale_still_adds_the_two_hubs(engine):
    seed_scale(engine, 1)
    added = demo(engine)
    assert {key: added[key] for key in ("sites", "spaces", "tenants")} == {
        "sites": 2, "spaces": 41, "tenants": 61}
    assert added["leases"] > 40 and added["bookings"] > 1_500


@pytest.mark.parametrize("factor", [0, -3])
def test_scale_refuses_a_factor_below_one(engine, factor):
    with pytest.raises(ValueError, match="at least 1"):
        seed_scale(engine, factor)


# ---------------------------------------------------------------- partners


def test_demo_network_has_about_120_partners_and_600_interactions_once(engine):
    from db.models import Contact, Interaction, Partner, PartnerTenantLink
    first = demo(engine)
    assert first["partners"] == 120 and 500 <= first["partner_interactions"] <= 700
    assert first["partner_contacts"] > 80 and first["partner_tenant_links"] > 20
    again = demo(engine)
    assert not any(value for key, value in again.items() if key.startswith("partner"))
    with Session(engine) as session:
        assert count(session, Partner) == 120 and count(session, Interaction) == \
            first["partner_interactions"]
        names = set(session.exec(select(Partner.name)))
        assert {"City of Florence", "Artex", "CNA Firenze", "Confartigianato Firenze"} <= names
        regions = dict(session.exec(select(Partner.region, func.count())
                                    .group_by(Partner.region)).all())
        assert set(regions) == {"Tuscany", "rest of Italy", "rest of Europe", "China", "USA",
                                "rest of world"}
        days = session.exec(select(func.min(Interaction.day), func.max(Interaction.day))).one()
        assert date(2016, 1, 1) <= days[0] and days[1] <= date.today()
        overdue = session.exec(select(func.count()).select_from(Interaction).where(
            Interaction.follow_up_done_at.is_(None),
            Interaction.follow_up_on < date.today())).one()
        assert overdue >= 3, "some follow-ups are overdue"
        emails = session.exec(select(Contact.email)).all()
        assert all(email.endswith(("@example.org", "@example.com")) for email in emails)
        assert count(session, PartnerTenantLink) == first["partner_tenant_links"]


def test_two_fresh_databases_get_the_same_demo_network(engine, tmp_path):
    from db.models import Contact, Interaction, Partner, PartnerTenantLink
    second = fresh_engine(tmp_path, "second.db")
    demo(engine)
    demo(second)
    for model in (Partner, Contact, Interaction, PartnerTenantLink):
        assert rows_of(engine, model) == rows_of(second, model), model.__name__


def test_scale_adds_sixty_partners_per_site_copy_once(engine):
    from db.models import Interaction, Partner
    added = seed_scale(engine, 1)
    with Session(engine) as session:
        assert count(session, Partner) == 2 * 60
        assert 400 <= count(session, Interaction) <= 900
        assert added["partners"] > 120
    assert not seed_scale(engine, 1)["partners"]
