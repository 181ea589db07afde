"""How an import runs its rows (hub/admin/transfer/run.py): each row in a savepoint of its own,
so a bad row leaves nothing behind and the good rows around it are whole (also when the
database itself refuses a row); a row with more cells than the header is refused naming its
line, empty trailing cells are fine; and what the rules refuse is reported line by line,
never as a crash, on either database."""
from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from db.engine import reading, writing
from db.models import AuditEntry, Site, Space, Tenant, TenantListing
from hub.admin import transfer
from hub.admin.transfer import ImportRefused
from hub.admin.transfer.kind import Lookup
from hub.errors import Invalid
from hub.occupancy import spaces

HEADER = "site,code,name,kind\n"


def run_import(actor, kind, data: bytes, file_name="file.csv"):
    with writing() as session, session.begin():
        return transfer.import_file(session, actor=actor, kind=kind, data=data,
                                    file_name=file_name)


def preview(actor, kind, data: bytes, file_name="file.csv"):
    with reading() as session, session.begin():
        return transfer.check_file(session, actor=actor, kind=kind, data=data,
                                   file_name=file_name)


def count(model, session: Session | None = None) -> int:
    query = select(func.count()).select_from(model)
    if session is not None:
        return session.exec(query).one()
    with reading() as fresh:
        return fresh.exec(query).one()


def space_codes(session: Session) -> list[str]:
    return list(session.exec(select(Space.code).order_by(Space.code)))


def refused_lines(actor, kind, data: bytes) -> list[str]:
    """The errors of an import that must be refused whole, once nothing was written."""
    before = (count(Space), count(Tenant), count(TenantListing), count(AuditEntry))
    with pytest.raises(ImportRefused) as refused:
        run_import(actor, kind, data)
    assert (count(Space), count(Tenant), count(TenantListing), count(AuditEntry)) == before
    return refused.value.outcome.errors


SPACES = transfer.get_kind("spaces")
TENANTS = transfer.get_kind("tenants")


# --- rows and the header --------------------------------------------------------------------

def test_a_row_with_more_cells_than_the_header_is_refused_naming_its_line(base):
    data = (HEADER + "T,A1,Lab A1,laboratory\n"
            + "T,A2,Lab A2,laboratory,kiln\n"
            + "T,A3,Lab A3,laboratory,,, ,x\n").encode()
    errors = refused_lines(base["manager"], SPACES, data)
    assert errors == ["line 3: row: the row has 5 cells but the header names 4 columns",
                      "line 4: row: the row has 8 cells but the header names 4 columns"]
    with pytest.raises(ImportRefused) as refused:
        run_import(base["manager"], SPACES, data, file_name="spaces.csv")
    assert str(refused.value) == (
        "spaces.csv: 2 bad row(s), nothing was imported\n"
        "line 3: row: the row has 5 cells but the header names 4 columns\n"
        "line 4: row: the row has 8 cells but the header names 4 columns")


def test_empty_trailing_cells_and_short_rows_are_fine(base):
    data = ("site,code,name,kind,floor,,\n"
            + "T,A1,Lab A1,laboratory,,,\n"
            + "T,A2,Lab A2,laboratory,1,  ,\t,,\n"
            + "T,A3,Lab A3,laboratory\n").encode()
    outcome = run_import(base["manager"], SPACES, data)
    assert (outcome.rows, outcome.created, outcome.errors) == (3, 3, [])
    with reading() as session:
        stored = {space.code: (space.name, space.kind, space.floor, space.capacity,
                               space.leasable, space.active)
                  for space in session.exec(select(Space).where(Space.code.like("A%")))}
    assert stored == {"A1": ("Lab A1", "laboratory", None, 1, False, True),
                      "A2": ("Lab A2", "laboratory", "1", 1, False, True),
                      "A3": ("Lab A3", "laboratory", None, 1, False, True)}


# --- one savepoint per row ------------------------------------------------------------------

def half_writing(kind):
    """`kind`, but a row named "bad" is refused after its space was already written, and a
    row named "clash" makes the database itself refuse it (a second site with code T)."""
    def import_row(session, actor, values, lookup: Lookup):
        if values["name"] == "clash":
            session.add(Site(code="T", name="Twin", city="Pisa"))
            session.flush()
        result = kind.import_row(session, actor, values, lookup)
        if values["name"] == "bad":
            raise Invalid("name", "this row is refused after writing its space")
        return result
    return replace(kind, import_row=import_row)


def test_a_row_refused_half_way_leaves_nothing_and_the_good_rows_are_whole(base):
    data = (HEADER + "T,A1,Lab A1,laboratory\nT,A2,bad,laboratory\n"
            + "T,A3,Lab A3,laboratory\n").encode()
    with writing() as session:
        session.begin()
        last = session.exec(select(func.max(AuditEntry.id))).one()
        with pytest.raises(ImportRefused) as refused:
            transfer.import_file(session, actor=base["manager"], kind=half_writing(SPACES),
                                 data=data, file_name="file.csv")
        # What the import left in its transaction, before the caller rolls it all back:
        assert space_codes(session) == ["A1", "A3", "B1", "L1", "L2", "L3", "L4", "POT"]
        ids = dict(session.exec(select(Space.code, Space.id)).all())
        assert session.exec(select(AuditEntry.action, AuditEntry.entity, AuditEntry.entity_id)
                            .where(AuditEntry.id > last).order_by(AuditEntry.id)).all() == [
            ("create", "spaces", str(ids["A1"])), ("create", "spaces", str(ids["A3"]))]
        session.rollback()
    assert refused.value.outcome.errors == [
        "line 3: name: this row is refused after writing its space"]
    assert count(Space) == 6


def test_a_row_the_database_refuses_is_reported_and_the_rows_after_it_still_run(base):
    data = (HEADER + "T,A1,Lab A1,laboratory\nT,A2,clash,laboratory\n"
            + "T,A3,Lab A3,laboratory\nT,A4,Lab A4,spaceship\n"
            + "T,A5,Lab A5,laboratory\n").encode()
    kind_rule = ("line 5: kind: kind must be one of laboratory, bench, workshop, "
                 "conference_room, coffee_shop, shop, exhibition, office, storage")
    outcome = preview(base["manager"], half_writing(SPACES), data)
    assert (outcome.rows, outcome.created) == (5, 3)
    assert outcome.errors[0].startswith("line 3: the database refused this row (")
    assert outcome.errors[1:] == [kind_rule]
    with pytest.raises(ImportRefused) as refused:
        run_import(base["manager"], half_writing(SPACES), data)
    assert [error[:7] for error in refused.value.outcome.errors] == ["line 3:", "line 5:"]
    assert (count(Site), count(Space)) == (1, 6)


def test_a_refused_tenant_file_leaves_no_tenant_listing_or_audit_entry(base):
    header = "site,name,business,sector,origin_country,joined_on,website\n"
    data = (header + "T,Sara Bini,Bini Gioielli,jewellery,IT,2024-01-10,bini.example.org\n"
            + "T,Ugo Neri,,glass,IT,2024-02-30,\n"
            + "T,Lia Ferri,,ceramics,IT,2024-03-01,not a site\n"
            + "T,Marco Riva,,textile,IT,2024-03-01,\n").encode()
    errors = refused_lines(base["manager"], TENANTS, data)
    assert errors == [
        "line 3: joined_on: joined_on '2024-02-30' is not a date like 2026-03-01",
        "line 4: website: website 'https://not a site' is not a web address "
        "(like https://example.org)"]


# --- what the rules refuse is a line, never a crash -----------------------------------------

@pytest.mark.parametrize("columns, cells, error", [
    ("capacity", "1" + "0" * 30, "capacity: capacity must be at most 10,000"),
    ("capacity", "3000000000", "capacity: capacity must be at most 10,000"),
    ("floor", "f" * 21, "floor: floor is longer than 20 characters"),
    ("equipment", "e" * 1001, "equipment: equipment is longer than 1000 characters"),
    ("monthly_rent,leasable", "NaN,yes",
     "monthly rent: monthly rent must be an amount in euros, like 450 or 450.50"),
    ("hourly_rate,bookable", "inf,yes",
     "hourly rate: hourly rate must be an amount in euros, like 450 or 450.50"),
    ("monthly_rent,leasable", "450.505,yes",
     "monthly rent: monthly rent must have at most two decimals and be below 100,000,000"),
])
def test_a_value_the_database_could_not_hold_is_refused_by_the_rule_naming_its_line(
        base, columns, cells, error):
    data = (f"site,code,name,kind,{columns}\n" + "T,A1,Lab A1,laboratory,\n"
            + f"T,A2,Lab A2,laboratory,{cells}\n").encode()
    assert refused_lines(base["manager"], SPACES, data) == [f"line 3: {error}"]


def test_values_exactly_at_the_limits_import(base):
    data = ("site,code,name,kind,capacity,floor,equipment,monthly_rent,leasable\n"
            + f"T,A1,{'n' * 120},laboratory,10000,{'f' * 20},{'e' * 1000},"
            + "99999999.99,yes\n").encode()
    assert run_import(base["manager"], SPACES, data).created == 1
    with reading() as session:
        stored = session.exec(select(Space).where(Space.code == "A1")).one()
    assert (len(stored.name), stored.capacity, len(stored.floor), len(stored.equipment),
            str(stored.monthly_rent)) == (120, 10_000, 20, 1000, "99999999.99")


def test_the_same_rules_hold_for_a_space_made_on_the_screen(base):
    values = dict(code="L9", name="Lab 9", kind="laboratory", area_m2=10, capacity=10_001,
                  monthly_rent="100", leasable=True)
    with pytest.raises(Invalid) as refused:
        with writing() as session, session.begin():
            spaces.add_space(session, actor=base["manager"], site_id=base["site"], **values)
    assert (refused.value.field, refused.value.message) == (
        "capacity", "capacity must be at most 10,000")
    assert count(Space) == 6
