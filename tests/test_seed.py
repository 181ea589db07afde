"""Demo and scale data: the shape of the two hubs, idempotency, determinism, the consent rule."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine, func
from sqlmodel import Session, select

from db.engine import engine_for
from db.migrate import upgrade
from db.models import Site, Space, Tenant
from db.seed import seed_demo, seed_scale


def fresh_engine(tmp_path, name: str = "bottega.db") -> Engine:
    engine = engine_for(f"sqlite:///{tmp_path / name}")
    upgrade(engine)
    return engine


def demo(engine: Engine) -> dict[str, int]:
    with Session(engine) as session, session.begin():
        return seed_demo(session)


def spaces_of(session: Session, site_code: str, kind: str) -> list[Space]:
    return list(session.exec(select(Space).join(Site)
                             .where(Site.code == site_code, Space.kind == kind)))


def tenant_rows(engine: Engine) -> list[dict]:
    with Session(engine) as session:
        return [tenant.model_dump() for tenant in session.exec(select(Tenant).order_by(Tenant.id))]


def count(session: Session, model) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


def test_second_demo_run_adds_nothing(engine):
    first = demo(engine)
    assert first["sites"] == 2 and first["spaces"] == 41 and 55 <= first["tenants"] <= 65
    assert demo(engine) == {"sites": 0, "spaces": 0, "tenants": 0}
    with Session(engine) as session:
        assert count(session, Tenant) == first["tenants"]


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


def test_scale_factor_2_builds_four_sites_beside_the_demo(engine):
    demo(engine)
    reports = []
    added = seed_scale(engine, 2, progress=lambda *report: reports.append(report))
    assert added == {"sites": 4, "spaces": 82, "tenants": 120}
    assert ("tenants", 120, 120) in reports
    assert seed_scale(engine, 2) == {"sites": 0, "spaces": 0, "tenants": 0}
    with Session(engine) as session:
        assert set(session.exec(select(Site.code))) == {"OC", "ON", "OC1", "ON1", "OC2", "ON2"}
        assert count(session, Tenant) == 180
        keys = session.exec(select(Tenant.name, Tenant.business)).all()
        assert len(set(keys)) == len(keys), "no two tenants share a natural key"


def test_demo_after_scale_still_adds_the_two_hubs(engine):
    seed_scale(engine, 1)
    assert demo(engine) == {"sites": 2, "spaces": 41, "tenants": 60}


@pytest.mark.parametrize("factor", [0, -3])
def test_scale_refuses_a_factor_below_one(engine, factor):
    with pytest.raises(ValueError, match="at least 1"):
        seed_scale(engine, factor)
