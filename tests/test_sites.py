"""Sites as a managed record (hub/sites.py, hub/scope.py): added, edited and
archived by the manager, validated field by field, audited, version-checked; archiving is
refused while leases run or sessions and bookings lie ahead, and an archived site takes no
new records and drops out of the pickers and of the figures of every site."""
from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from sqlmodel import select

from db.engine import reading, writing
from db.models import AuditEntry, Lease, Site, Space, Tenant
from hub.errors import Forbidden, Invalid, Stale
from hub.occupancy import leases, spaces
from hub import sites
from hub.occupancy import figures as occupancy_figures
from hub.overview import figures as overview_figures
from hub.programme import items
from hub.tenants import figures as tenant_figures
from hub.tenants import roster
from tests.worlds import TODAY, read, write

NORA = dict(code="on", name="Officine Nora", city="Florence", country="IT",
            total_area_m2="420", address="Via dei Serragli 104, 50124 Firenze")


def site_rows():
    with reading() as session:
        return session.exec(select(Site).order_by(Site.id)).all()


def site_audit():
    with reading() as session:
        return [(entry.action, entry.username) for entry in session.exec(
            select(AuditEntry).where(AuditEntry.entity == "sites").order_by(AuditEntry.id))]


def add_nora(base, **changes):
    return write(sites.add_site, actor=base["manager"], **(NORA | changes))


# --- adding --------------------------------------------------------------------------------

def test_a_manager_adds_a_site_with_its_facts_hours_and_the_default_time_zone(base):
    site = write(sites.add_site, actor=base["manager"], opens_at=time(9), closes_at=time(19),
                 weekdays=[4, 0, 1, 2, 3], **NORA)
    assert (site.code, site.name, site.city, site.country, site.total_area_m2) == \
        ("ON", "Officine Nora", "Florence", "IT", 420.0)
    assert site.address == "Via dei Serragli 104, 50124 Firenze"
    assert (site.timezone, site.open_weekdays, site.opens_at) == ("Europe/Rome", "01234", time(9))
    assert site.archived_at is None
    assert site_audit() == [("create", "boss")]
    assert [s.name for s in read(sites.list_sites)] == ["Officine Nora", "Test Hub"]


@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"code": ""}, "code", "1 to 12 letters"),
    ({"code": "O N"}, "code", "1 to 12 letters"),
    ({"code": "ABCDEFGHIJKLM"}, "code", "1 to 12 letters"),
    ({"name": "  "}, "name", "name is required"),
    ({"name": "x" * 121}, "name", "longer than 120"),
    ({"city": ""}, "city", "city is required"),
    ({"country": "Atlantis"}, "country", "not in the list of countries"),
    ({"total_area_m2": "-1"}, "total area", "between 0 and"),
    ({"total_area_m2": "nan"}, "total area", "between 0 and"),
    ({"total_area_m2": "big"}, "total area", "not a number"),
    ({"address": "x" * 201}, "address", "longer than 200"),
    ({"timezone": "Europe/Firenze"}, "time zone", "unknown"),
    ({"opens_at": time(20), "closes_at": time(8)}, "closes at", "after opening"),
    ({"weekdays": []}, "open days", "at least one open day"),
    ({"weekdays": [7]}, "open days", "at least one open day"),
    ({"building_budget": "-1"}, "building_budget", "building budget cannot be negative"),
    ({"building_budget": "10000000.01"}, "building_budget", "at most 10,000,000 euros"),
    ({"building_budget": "12.345"}, "building_budget", "at most two decimals"),
    ({"building_budget": "lots"}, "building_budget", "must be an amount in euros"),
])
def test_a_bad_site_is_refused_naming_the_field_and_nothing_is_written(base, changes, field,
                                                                       words):
    before = len(site_rows())
    with pytest.raises(Invalid, match=words) as refused:
        add_nora(base, **changes)
    assert refused.value.field == field
    assert len(site_rows()) == before and site_audit() == []


@pytest.mark.parametrize(("changes", "field"), [({"code": "t"}, "code"),
                                                ({"name": "test hub"}, "name")])
def test_a_code_or_name_already_used_is_refused_whatever_the_case(base, changes, field):
    with pytest.raises(Invalid, match="already used by Test Hub") as refused:
        add_nora(base, **changes)
    assert refused.value.field == field


@pytest.mark.parametrize("role", ["communication", "viewer"])
def test_only_the_manager_adds_edits_archives_or_restores_a_site(base, role):
    site = add_nora(base)
    for action, arguments in ((sites.add_site, NORA | {"code": "X", "name": "X"}),
                              (sites.edit_site, NORA | {"site_id": site.id, "version": site.version}),
                              (sites.archive_site, {"site_id": site.id, "version": site.version}),
                              (sites.restore_site, {"site_id": site.id, "version": site.version})):
        with pytest.raises(Forbidden):
            write(action, actor=base[role], **arguments)
    assert len(site_rows()) == 2 and site_audit() == [("create", "boss")]


# --- editing -------------------------------------------------------------------------------

def test_editing_a_site_logs_what_changed_and_refuses_a_stale_version(base):
    site = add_nora(base)
    edited = write(sites.edit_site, actor=base["manager"], site_id=site.id, version=site.version,
                   **(NORA | {"city": "Firenze", "timezone": "Europe/Paris"}))
    assert (edited.city, edited.timezone) == ("Firenze", "Europe/Paris")
    with reading() as session:
        entry = session.exec(select(AuditEntry).where(AuditEntry.action == "update")).one()
    assert entry.changes == {"city": ["Florence", "Firenze"],
                             "timezone": ["Europe/Rome", "Europe/Paris"]}
    with pytest.raises(Stale):
        write(sites.edit_site, actor=base["manager"], site_id=site.id, version=site.version,
              **NORA)
    with pytest.raises(Invalid, match="already used by Test Hub"):
        write(sites.edit_site, actor=base["manager"], site_id=site.id,
              version=edited.version, **(NORA | {"code": "T"}))


def site_updates():
    with reading() as session:
        return [entry.changes for entry in session.exec(
            select(AuditEntry).where(AuditEntry.entity == "sites", AuditEntry.action == "update")
            .order_by(AuditEntry.id))]


def test_a_sites_yearly_building_budget_is_set_changed_and_cleared_in_the_audit_log(base):
    site = add_nora(base, building_budget="40000")
    assert site_rows()[-1].building_budget == Decimal("40000.00")
    with reading() as session:
        created = session.exec(select(AuditEntry).where(AuditEntry.entity == "sites",
                                                        AuditEntry.action == "create")).one()
    assert created.changes["building_budget"] == [None, "40000.00"]
    edited = write(sites.edit_site, actor=base["manager"], site_id=site.id, version=site.version,
                   **(NORA | {"building_budget": Decimal("42500.5")}))
    assert site_rows()[-1].building_budget == Decimal("42500.50")
    assert site_updates() == [{"building_budget": ["40000.00", "42500.50"]}]
    # an edit that leaves the budget out keeps it; None is no budget
    edited = write(sites.edit_site, actor=base["manager"], site_id=site.id,
                   version=edited.version, **(NORA | {"city": "Firenze"}))
    assert site_rows()[-1].building_budget == Decimal("42500.50")
    write(sites.edit_site, actor=base["manager"], site_id=site.id, version=edited.version,
          **(NORA | {"city": "Firenze", "building_budget": None}))
    assert site_rows()[-1].building_budget is None
    assert site_updates()[1:] == [{"city": ["Florence", "Firenze"]},
                                  {"building_budget": ["42500.50", None]}]
    # the ceiling itself is allowed
    assert add_nora(base, code="OX", name="Other", building_budget="10000000").building_budget \
        == Decimal("10000000.00")


def test_a_negative_budget_in_an_edit_is_refused_naming_the_field_and_nothing_changes(base):
    site = add_nora(base, building_budget="6000")
    with pytest.raises(Invalid, match="building budget cannot be negative") as refused:
        write(sites.edit_site, actor=base["manager"], site_id=site.id, version=site.version,
              **(NORA | {"city": "Firenze", "building_budget": Decimal(-100)}))
    assert refused.value.field == "building_budget"
    nora = site_rows()[-1]
    assert (nora.building_budget, nora.city, nora.version) == (Decimal("6000.00"), "Florence",
                                                               site.version)
    assert site_updates() == []
    with pytest.raises(Stale):   # version-checked like the other fields
        write(sites.edit_site, actor=base["manager"], site_id=site.id, version=site.version + 1,
              **(NORA | {"building_budget": "7000"}))
    assert site_rows()[-1].building_budget == Decimal("6000.00")


def test_editing_a_site_keeps_its_own_code_and_name(base):
    site = add_nora(base)
    write(sites.edit_site, actor=base["manager"], site_id=site.id, version=site.version,
          **(NORA | {"code": "ON", "name": "OFFICINE NORA"}))
    assert site_rows()[-1].name == "OFFICINE NORA"


def test_new_opening_hours_through_an_edit_are_refused_while_bookings_fall_outside(base):
    from tests.worlds import book
    next_monday = TODAY + timedelta(days=7 - TODAY.weekday())
    book(base, day=next_monday, start=time(18), end=time(19))
    with reading() as session:
        site = session.get(Site, base["site"])
    facts = dict(code="T", name="Test Hub", city="Florence", country="IT", total_area_m2=500)
    with pytest.raises(Invalid, match="1 booking\\(s\\) from today on fall outside"):
        write(sites.edit_site, actor=base["manager"], site_id=site.id, version=site.version,
              opens_at=time(9), closes_at=time(17), weekdays=[0, 1], **facts)
    # the same hours as before pass, and so do facts edited without hours
    write(sites.edit_site, actor=base["manager"], site_id=site.id, version=site.version,
          opens_at=site.opens_at, closes_at=site.closes_at, weekdays=[0, 1, 2, 3, 4, 5],
          **(facts | {"address": "Via Tornabuoni 1"}))
    assert site_rows()[0].address == "Via Tornabuoni 1"


# --- archiving -----------------------------------------------------------------------------

def with_a_lab(base, site) -> int:
    space = write(spaces.add_space, actor=base["manager"], site_id=site.id, code="B01",
                  name="Bench 1", kind="bench", area_m2=4, capacity=1, monthly_rent="200",
                  leasable=True, bookable=False)
    return space.id


def test_archiving_is_refused_while_leases_run_or_sessions_and_bookings_lie_ahead(base):
    site = add_nora(base, weekdays=[0, 1, 2, 3, 4, 5, 6])
    bench = with_a_lab(base, site)
    pottery = write(spaces.add_space, actor=base["manager"], site_id=site.id, code="POT",
                    name="Pottery", kind="workshop", area_m2=30, capacity=4,
                    hourly_rate="10", leasable=False, bookable=True)
    tenant = write(roster.add_tenant, actor=base["manager"], site_id=site.id, name="Nora",
                   sector="jewellery", origin_country="IT", joined_on=date(2020, 1, 1))
    write(leases.lease_space, actor=base["manager"], space_id=bench, tenant_id=tenant.id,
          starts_on=date(2020, 1, 1), ends_on=None, monthly_rent="200")
    item = write(items.add_item, actor=base["manager"], site_id=site.id, kind="course",
                 title="Wax carving", sector="jewellery", capacity=4, price="100")
    for days in (3, 10):
        write(items.add_session, actor=base["manager"], item_id=item.id,
              day=TODAY + timedelta(days=days), start=time(10), end=time(12),
              space_id=pottery.id)
    from hub.occupancy import bookings
    write(bookings.book, actor=base["manager"], space_id=pottery.id,
          day=TODAY + timedelta(days=5), start=time(14), end=time(15), tenant_id=tenant.id)
    site = site_rows()[-1]
    with pytest.raises(Invalid, match="Officine Nora still has 1 running lease, 2 future "
                                      "programme sessions and 1 future booking") as refused:
        write(sites.archive_site, actor=base["manager"], site_id=site.id, version=site.version)
    assert refused.value.field == "site"
    assert site_rows()[-1].archived_at is None
    # seen a year from now, they are all over; what held the site is then history
    later = TODAY + timedelta(days=400)
    write(leases.end_lease_early, actor=base["manager"], lease_id=read_lease(bench).id,
          version=None, ends_on=TODAY + timedelta(days=30))
    assert read(sites.site_holds, site_id=site.id, today=later) == sites.SiteHolds(0, 0, 0)
    archived = write(sites.archive_site, actor=base["manager"], site_id=site.id,
                     version=site.version, today=later)
    assert archived.archived_at is not None


def read_lease(space_id) -> Lease:
    with reading() as session:
        return session.exec(select(Lease).where(Lease.space_id == space_id)).one()


def archived_nora(base) -> Site:
    site = add_nora(base)
    with_a_lab(base, site)
    site = site_rows()[-1]
    return write(sites.archive_site, actor=base["manager"], site_id=site.id,
                 version=site.version)


def test_an_archived_site_leaves_the_pickers_keeps_its_history_and_can_come_back(base):
    site = archived_nora(base)
    assert [s.name for s in read(sites.list_sites)] == ["Test Hub"]
    assert [s.name for s in read(sites.list_sites, archived=True)] == ["Officine Nora",
                                                                       "Test Hub"]
    assert read(sites.site_by_code, code="on") is None
    assert read(sites.site_by_code, code="t").name == "Test Hub"
    with reading() as session:
        assert session.exec(select(Space.code).where(Space.site_id == site.id)).all() == ["B01"]
    assert [action for action, _ in site_audit()] == ["create", "archive"]
    with pytest.raises(Invalid, match="already archived"):
        write(sites.archive_site, actor=base["manager"], site_id=site.id, version=site.version)
    back = write(sites.restore_site, actor=base["manager"], site_id=site.id,
                 version=site.version)
    assert back.archived_at is None
    assert [s.name for s in read(sites.list_sites)] == ["Officine Nora", "Test Hub"]
    with pytest.raises(Invalid, match="is not archived"):
        write(sites.restore_site, actor=base["manager"], site_id=site.id, version=back.version)
    with pytest.raises(Stale):
        write(sites.restore_site, actor=base["manager"], site_id=site.id, version=site.version)


def test_an_archived_site_takes_no_new_space_tenant_lease_booking_or_item(base):
    site = archived_nora(base)
    bench = read_space(site.id, "B01")
    manager = base["manager"]
    refused = [
        (spaces.add_space, dict(site_id=site.id, code="B02", name="Bench 2", kind="bench",
                                area_m2=4, capacity=1, monthly_rent="200", leasable=True)),
        (roster.add_tenant, dict(site_id=site.id, name="Nora", sector="jewellery",
                                 origin_country="IT", joined_on=date(2020, 1, 1))),
        (leases.lease_space, dict(space_id=bench, tenant_id=base["giulia"],
                                  starts_on=TODAY, ends_on=None, monthly_rent="200")),
        (items.add_item, dict(site_id=site.id, kind="course", title="Wax", sector="jewellery",
                                  capacity=4, price="100")),
    ]
    for action, arguments in refused:
        with pytest.raises(Invalid, match="Officine Nora is archived; restore it first") as why:
            write(action, actor=manager, **arguments)
        assert why.value.field == "site"
    with reading() as session:
        assert session.exec(select(Tenant).where(Tenant.site_id == site.id)).all() == []
        assert session.exec(select(Lease)).all() == []


def read_space(site_id, code) -> int:
    with reading() as session:
        return session.exec(select(Space.id).where(Space.site_id == site_id,
                                                   Space.code == code)).one()


def test_an_archived_site_drops_out_of_the_figures_of_every_site_but_not_its_own(base):
    site = add_nora(base)
    bench = with_a_lab(base, site)
    with writing() as session, session.begin():  # history: a lease and a tenant of 2021
        tenant = Tenant(site_id=site.id, name="Old Nora", sector="jewellery",
                        origin_country="FR", joined_on=date(2021, 1, 1),
                        left_on=date(2021, 12, 31))
        session.add(tenant)
        session.flush()
        session.add(Lease(space_id=bench, tenant_id=tenant.id, starts_on=date(2021, 1, 1),
                          ends_on=date(2021, 12, 31), monthly_rent=Decimal(200)))
    on = date(2021, 6, 30)
    assert read(occupancy_figures.occupancy_on, site_id=None, day=on).units == 6   # 4 labs, B1, B01
    assert read(occupancy_figures.occupancy_on, site_id=None, day=on).leased_units == 1
    assert read(overview_figures.hub_summary).sites == 2
    assert dict(read(tenant_figures.by_sector, site_id=None, today=on)) == {"jewellery": 1,
                                                                           "ceramics": 2}
    site = site_rows()[-1]
    write(sites.archive_site, actor=base["manager"], site_id=site.id, version=site.version)
    every = read(occupancy_figures.occupancy_on, site_id=None, day=on)
    assert (every.units, every.leased_units) == (5, 0)
    own = read(occupancy_figures.occupancy_on, site_id=site.id, day=on)
    assert (own.units, own.leased_units) == (1, 1)
    summary = read(overview_figures.hub_summary, on=on)
    assert (summary.sites, summary.spaces, summary.active_tenants) == (1, 6, 2)
    assert dict(read(tenant_figures.by_sector, site_id=None, today=on)) == {"ceramics": 2}
    trend = read(occupancy_figures.site_months, months=[date(2021, 6, 1)])
    assert [row.site for row in trend] == ["Test Hub"]


def test_what_a_site_holds_is_counted_for_the_archive_question(base):
    site = add_nora(base)
    with_a_lab(base, site)
    assert read(sites.site_contents, site_id=site.id) == sites.SiteContents(1, 0, 0, 0)
    assert read(sites.site_contents, site_id=base["site"]) == sites.SiteContents(6, 2, 0, 0)


def test_utilisation_of_every_site_leaves_an_archived_sites_rooms_out(base):
    """Test Hub: B1 (1 place) and POT (2) open Mon–Sat 08:00–20:00, B1 unleased: 3 × 6 × 12 h
    a week. Nora's workshop for 4 (in use since 2021), open Mon–Fri 09:00–19:00, adds
    4 × 5 × 10 h until archived."""
    site = add_nora(base, opens_at=time(9), closes_at=time(19), weekdays=[0, 1, 2, 3, 4])
    write(spaces.add_space, actor=base["manager"], site_id=site.id, code="POT", name="Pottery",
          kind="workshop", area_m2=30, capacity=4, hourly_rate="10", bookable=True,
          opened_on=date(2021, 1, 1))
    week = [date(2021, 6, 7)]
    assert read(occupancy_figures.utilisation_by_week, site_id=None, weeks=week)[0].open_hours == \
        3 * 6 * 12 + 4 * 5 * 10
    site = site_rows()[-1]
    write(sites.archive_site, actor=base["manager"], site_id=site.id, version=site.version)
    assert read(occupancy_figures.utilisation_by_week, site_id=None, weeks=week)[0].open_hours == 3 * 6 * 12
    assert read(occupancy_figures.utilisation_by_week, site_id=site.id, weeks=week)[0].open_hours == 200
