"""Sites in a spreadsheet (hub/admin/transfer/sites.py): a new hub's buildings imported
before their spaces, every bad cell named by line and column, updates matched by code, an
archived site neither exported nor changed by an import."""
from __future__ import annotations

from datetime import time
from decimal import Decimal

import pytest
from sqlmodel import select

from db.engine import reading
from db.models import AuditEntry, Site
from hub.admin.transfer import ImportRefused
from hub import sites
from tests.admin.test_imports import export, run_import
from tests.worlds import write

HEADER = ("code,name,city,country,total_area_m2,address,timezone,opens_at,closes_at,open_days,"
          "building_budget\n")
NORA = "ON,Officine Nora,Florence,IT,420,Via dei Serragli 104,,09:00,19:00,Mon-Fri,6000\n"


def all_sites():
    with reading() as session:
        return {site.code: site for site in session.exec(select(Site))}


def test_a_site_imported_then_its_spaces_import_into_it(base):
    outcome = run_import(base["manager"], "sites", (HEADER + NORA).encode())
    assert (outcome.created, outcome.updated) == (1, 0)
    nora = all_sites()["ON"]
    assert (nora.name, nora.total_area_m2, nora.timezone) == ("Officine Nora", 420.0, "Europe/Rome")
    assert (nora.opens_at, nora.closes_at, nora.open_weekdays) == (time(9), time(19), "01234")
    assert nora.building_budget == Decimal("6000.00")
    spaces = "site,code,name,kind,area_m2,monthly_rent,leasable\n" + "".join(
        f"ON,B{n:02},Bench {n},bench,4,250,yes\n" for n in range(1, 12))
    assert run_import(base["manager"], "spaces", spaces.encode()).created == 11
    with reading() as session:
        audit = session.exec(select(AuditEntry.username).where(AuditEntry.entity == "sites")).all()
    assert audit == ["boss"]


def test_only_the_columns_given_change_an_existing_site(base):
    run_import(base["manager"], "sites", (HEADER + NORA).encode())
    outcome = run_import(base["manager"], "sites", b"code,name,city\non,Officine Nora,Firenze\n")
    assert (outcome.updated, outcome.created) == (1, 0)
    nora = all_sites()["ON"]
    assert (nora.city, nora.address, nora.opens_at, nora.open_weekdays) == \
        ("Firenze", "Via dei Serragli 104", time(9), "01234")
    assert nora.building_budget == Decimal("6000.00")   # no building_budget column: kept
    again = run_import(base["manager"], "sites", b"code,name,city\nON,Officine Nora,Firenze\n")
    assert again.unchanged == 1


@pytest.mark.parametrize(("row", "words"), [
    ("ON,Officine Nora,Florence,Atlantis,,,,,,", "country 'Atlantis' is not in the list"),
    ("ON,Officine Nora,Florence,IT,-5,,,,,", "total area must be between 0"),
    ("ON,Officine Nora,Florence,IT,,,Mars/Olympus,,,", "time zone 'Mars/Olympus' is unknown"),
    ("ON,Officine Nora,Florence,IT,,,,9 am,,", "opens_at '9 am' is not a time of day"),
    ("ON,Officine Nora,Florence,IT,,,,,,Funday", "open_days: 'Funday' is not a weekday"),
    ("ON,Officine Nora,Florence,IT,,,,20:00,08:00,", "closing time must be after opening"),
    ("ON,,Florence,IT,,,,,,", "name is required"),
    ("O N,Officine Nora,Florence,IT,,,,,,", "code must be 1 to 12 letters"),
    ("OX,Test Hub,Siena,IT,,,,,,", "name 'Test Hub' is already used by Test Hub"),
    ("OX,Other Two,Siena,IT,,,,,,,-5", "building_budget: building budget cannot be negative"),
])
def test_a_bad_site_row_is_named_by_line_and_nothing_is_written(base, row, words):
    data = (HEADER + NORA.replace("ON,", "OK,").replace("Officine Nora", "Other")
            + row + "\n").encode()   # a good line first: it is not written either
    with pytest.raises(ImportRefused) as refused:
        run_import(base["manager"], "sites", data)
    assert any(words in error for error in refused.value.outcome.errors), \
        refused.value.outcome.errors
    assert any(error.startswith("line 3") for error in refused.value.outcome.errors)
    assert set(all_sites()) == {"T"}


def test_an_archived_site_is_not_exported_nor_changed_by_an_import(base):
    run_import(base["manager"], "sites", (HEADER + NORA).encode())
    nora = all_sites()["ON"]
    write(sites.archive_site, actor=base["manager"], site_id=nora.id, version=nora.version)
    exported = export(base["manager"], "sites").decode("utf-8-sig")
    assert exported.splitlines()[0] == HEADER.strip()
    assert [line.split(",")[0] for line in exported.splitlines()[1:]] == ["T"]
    with pytest.raises(ImportRefused) as refused:
        run_import(base["manager"], "sites", (HEADER + NORA).encode())
    assert "site ON is archived; restore it" in refused.value.outcome.errors[0]
    assert all_sites()["ON"].archived_at is not None


def test_exported_sites_import_back_unchanged(base):
    run_import(base["manager"], "sites", (HEADER + NORA).encode())
    data = export(base["manager"], "sites")
    outcome = run_import(base["manager"], "sites", data)
    assert (outcome.rows, outcome.unchanged) == (2, 2)


def test_an_empty_building_budget_cell_clears_the_budget_and_exports_empty(base):
    run_import(base["manager"], "sites", (HEADER + NORA).encode())
    outcome = run_import(base["manager"], "sites", (HEADER + NORA.replace(",6000", ",")).encode())
    assert outcome.updated == 1 and all_sites()["ON"].building_budget is None
    lines = export(base["manager"], "sites").decode("utf-8-sig").splitlines()
    assert [line.rsplit(",", 1)[1] for line in lines] == ["building_budget", "", ""]
