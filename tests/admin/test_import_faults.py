"""A row with several bad fields reports every one of them, each with its line number, and
nothing is written: the cells an import reads (numbers, dates, yes/no, the site, space and
tenant a row names) and the rules of the record (hub/) alike. The screens' forms hear of
every bad field at once too (hub.errors.InvalidFields)."""
from __future__ import annotations

import pytest

from db.models import AuditEntry, Lease, Space, Tenant
from hub.admin.transfer import ImportRefused
from hub.errors import Invalid, InvalidFields
from hub.occupancy import spaces
from tests.admin.test_imports import count, preview, run_import
from tests.test_cli import cli
from tests.worlds import write

SPACES = ("site,code,name,kind,area_m2,capacity,monthly_rent,leasable\n"
          "T,L9,Lab 9,laboratory,12,1,300,yes\n"
          "T,L10,Lab 10,spaceship,abc,1.5,300,maybe\n"       # line 3: four bad fields
          "XX,L11,,laboratory,10,1,a lot,yes\n")             # line 4: three


def test_every_bad_field_of_a_row_is_reported_with_its_line(base):
    before = count(Space), count(AuditEntry)
    with pytest.raises(ImportRefused) as refused:
        run_import(base["manager"], "spaces", SPACES.encode())
    outcome = refused.value.outcome
    assert outcome.problems == [
        (3, "area_m2: area_m2 'abc' is not a number"),
        (3, "capacity: capacity '1.5' is not a whole number"),
        (3, "leasable: leasable 'maybe' must be yes or no"),
        (3, "kind: kind must be one of laboratory, bench, workshop, conference_room, "
            "coffee_shop, shop, exhibition, office, storage"),
        (4, "site: there is no site with code 'XX' (known: T)"),
        (4, "name: name is required (at most 120 characters)"),
        (4, "monthly rent: monthly rent must be an amount in euros, like 450 or 450.50")]
    assert outcome.bad_rows == 2 and str(refused.value).startswith(
        "file.csv: 2 bad row(s), nothing was imported\nline 3: area_m2: ")
    assert (count(Space), count(AuditEntry)) == before


def test_the_preview_lists_the_same_problems(base):
    outcome = preview(base["manager"], "spaces", SPACES.encode())
    assert [line for line, __ in outcome.problems] == [3, 3, 3, 3, 4, 4, 4]
    assert outcome.bad_rows == 2 and outcome.rows == 3


def test_a_tenant_row_with_four_faults(base):
    data = ("site,name,sector,origin_country,joined_on,email\n"
            "T,Nora Bianchi,knitting,Atlantis,2024-13-01,nora@\n").encode()
    with pytest.raises(ImportRefused) as refused:
        run_import(base["manager"], "tenants", data)
    problems = [problem for __, problem in refused.value.outcome.problems]
    assert [problem.split(":")[0] for problem in problems] == [
        "joined_on", "sector", "origin country", "email"]
    assert problems[0] == "joined_on: joined_on '2024-13-01' is not a date like 2026-03-01"
    assert count(Tenant) == 2


def test_a_lease_row_naming_nothing_that_exists(base):
    data = ("site,space,tenant,starts_on,monthly_rent\n"
            "T,L99,Nobody,01/13/2026,cheap\n").encode()
    with pytest.raises(ImportRefused) as refused:
        run_import(base["manager"], "leases", data)
    assert refused.value.outcome.problems == [
        (2, "space: there is no space 'L99' at this site (import spaces first)"),
        (2, "starts_on: starts_on '01/13/2026' is not a date like 2026-03-01"),
        (2, "tenant: there is no tenant 'Nobody' (import tenants first)"),
        (2, "monthly_rent: monthly_rent must be an amount in euros, like 450 or 450.50")]
    assert count(Lease) == 0


def test_the_command_line_prints_every_fault(base, capsys, monkeypatch, tmp_path):
    path = tmp_path / "labs.csv"
    path.write_text(SPACES)
    status, __, err = cli(capsys, monkeypatch, "import", "spaces", str(path))
    lines = err.splitlines()
    assert status != 0 and len(lines) == 8
    assert lines[0] == "error: labs.csv, line 3: area_m2: area_m2 'abc' is not a number"
    assert lines[-1] == "error: 2 bad row(s); nothing was imported"


def test_a_form_hears_of_every_bad_field_at_once(base):
    with pytest.raises(InvalidFields) as refused:
        write(spaces.add_space, actor=base["manager"], site_id=base["site"], code="l 9",
              name="", kind="laboratory", area_m2=-1, capacity=1, monthly_rent="x",
              leasable=True)
    assert [fault.field for fault in refused.value.faults] == [
        "code", "name", "area", "monthly rent"]
    assert str(refused.value).startswith("code: code must be 1 to 16 letters")
    assert "; name: name is required" in str(refused.value)
    assert isinstance(refused.value, Invalid) and refused.value.field == "code"


def test_one_bad_field_is_still_a_plain_invalid(base):
    with pytest.raises(Invalid) as refused:
        write(spaces.add_space, actor=base["manager"], site_id=base["site"], code="L9",
              name="Lab 9", kind="spaceship", area_m2=1, capacity=1)
    assert type(refused.value) is Invalid and refused.value.field == "kind"
