"""Imports and exports (hub/admin/transfer/): all rows or none, every bad row by its line, clear
messages for a bad file, formula cells neutralised and read back, the hub's own rules."""
from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from sqlalchemy import func
from sqlmodel import select

from db.engine import reading, writing
from db.models import AuditEntry, Lease, Partner, Space, Tenant
from db.seed.driver import seed_demo
from hub.admin import transfer
from hub.admin.transfer import FileRefused, ImportRefused
from hub.errors import Forbidden

SPACE_HEADER = "site,code,name,kind,area_m2,monthly_rent,leasable\n"


def run_import(actor, kind, data, file_name="file.csv"):
    with writing() as session, session.begin():
        return transfer.import_file(session, actor=actor, kind=transfer.get_kind(kind),
                                    data=data, file_name=file_name)


def preview(actor, kind, data, file_name="file.csv"):
    with reading() as session, session.begin():
        return transfer.check_file(session, actor=actor, kind=transfer.get_kind(kind),
                                   data=data, file_name=file_name)


def export(actor, kind, file_format="csv"):
    with reading() as session:
        return transfer.export_file(session, actor=actor, kind=transfer.get_kind(kind),
                                    file_format=file_format)


def count(model):
    with reading() as session:
        return session.exec(select(func.count()).select_from(model)).one()


def space_lines(n, start=100):
    return "".join(f"T,X{i},Extra lab {i},laboratory,12,300.00,yes\n"
                   for i in range(start, start + n))


# --- all or nothing -------------------------------------------------------------------------

def test_one_bad_row_among_a_thousand_writes_nothing_and_names_its_line(base):  # noqa: F811
    rows = space_lines(1000).splitlines(keepends=True)
    rows[499] = "T,X599,Extra lab 599,spaceship,12,300.00,yes\n"    # line 501 (header = 1)
    data = (SPACE_HEADER + "".join(rows)).encode()
    spaces_before, audit_before = count(Space), count(AuditEntry)
    with pytest.raises(ImportRefused) as refused:
        run_import(base["manager"], "spaces", data)
    assert refused.value.outcome.errors == [
        "line 501: kind: kind must be one of laboratory, bench, workshop, conference_room, "
        "coffee_shop, shop, exhibition, office, storage"]
    assert (count(Space), count(AuditEntry)) == (spaces_before, audit_before)
    rows[499] = "T,X599,Extra lab 599,laboratory,12,300.00,yes\n"
    outcome = run_import(base["manager"], "spaces", (SPACE_HEADER + "".join(rows)).encode())
    assert (outcome.created, outcome.updated) == (1000, 0)
    assert count(Space) == spaces_before + 1000


def test_every_bad_line_is_reported(base):  # noqa: F811
    data = (SPACE_HEADER
            + "T,A1,Lab A1,laboratory,12,300.00,yes\n"           # 2 fine
            + "T,A2,Lab A2,laboratory,-3,300.00,yes\n"           # 3 negative area
            + "\n"                                               # 4 blank: skipped
            + "Q,A3,Lab A3,laboratory,12,300.00,yes\n"           # 5 unknown site
            + "T,A4,Lab A4,laboratory,12,,yes\n"                 # 6 leasable without rent
            + "T,A1,Lab A1 again,laboratory,12,300.00,yes\n"     # 7 repeats line 2
            + "T,A5,Lab A5,laboratory,twelve,300.00,yes\n"       # 8 not a number
            + "T,A6,Lab A6,laboratory,12,300.00,maybe\n").encode()  # 9 not yes/no
    with pytest.raises(ImportRefused) as refused:
        run_import(base["manager"], "spaces", data)
    errors = refused.value.outcome.errors
    assert [error.split(":")[0] for error in errors] == [
        "line 3", "line 5", "line 6", "line 7", "line 8", "line 9"]
    assert "area cannot be negative" in errors[0]
    assert "there is no site with code 'Q'" in errors[1]
    assert "a leasable space needs a monthly rent" in errors[2]
    assert "the same site, code as line 2" in errors[3]
    assert "area_m2 'twelve' is not a number" in errors[4]
    assert "leasable 'maybe' must be yes or no" in errors[5]
    with reading() as session:
        assert session.exec(select(Space).where(Space.code == "A1")).first() is None


def test_preview_reports_what_would_happen_and_writes_nothing(base):  # noqa: F811
    data = (SPACE_HEADER + space_lines(3) + "T,L1,Lab one renamed,laboratory,10,100,yes\n")
    outcome = preview(base["manager"], "spaces", data.encode())
    assert (outcome.rows, outcome.created, outcome.updated, outcome.errors) == (4, 3, 1, [])
    with reading() as session:
        assert session.exec(select(Space.name).where(Space.code == "L1")).one() == "Lab 1"
    assert count(Space) == 6


# --- the file as a whole --------------------------------------------------------------------

@pytest.mark.parametrize("data, message", [
    (b"", "file.csv is empty: it needs a header line"),
    (b"\n \n", "file.csv is empty: it needs a header line"),
    ("site,code,name,kind\nT,L9,Laboratorio città,laboratory\n".encode("latin-1"),
     "file.csv is not UTF-8 text .*save it as 'CSV UTF-8'"),
    (b"site,code,title,kind\n", r"line 1 \(header\): missing column\(s\): name; unknown "
                                r"column\(s\): title"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "not"),
])
def test_a_bad_file_gets_one_clear_message(base, data, message):  # noqa: F811
    with pytest.raises(FileRefused, match=message):
        run_import(base["manager"], "spaces", data)


def test_a_huge_field_is_named_with_its_line(base):  # noqa: F811
    data = (SPACE_HEADER.replace("leasable", "equipment")
            + "T,A1,Lab A1,laboratory,12,300.00,kiln\n"
            + f"T,A2,Lab A2,laboratory,12,300.00,{'x' * 200_000}\n").encode()
    with pytest.raises(ImportRefused) as refused:
        run_import(base["manager"], "spaces", data)
    assert refused.value.outcome.errors == [
        "line 3: equipment: equipment is 200,000 characters long; at most 10,000 are accepted"]


def test_an_xlsx_that_is_not_a_workbook_is_refused(base):  # noqa: F811
    with pytest.raises(FileRefused, match="book.xlsx is not an Excel workbook"):
        run_import(base["manager"], "spaces", b"site,code\n", "book.xlsx")


def test_other_file_types_are_refused(base):  # noqa: F811
    with pytest.raises(FileRefused, match="choose a .csv or .xlsx file"):
        run_import(base["manager"], "spaces", b"site,code\n", "data.json")


# --- formula injection ----------------------------------------------------------------------

def test_formula_cells_are_neutralised_on_export_and_read_back_intact(base):  # noqa: F811
    run_import(base["manager"], "spaces", (
        "site,code,name,kind,equipment,capacity\n"
        'T,F1,"=HYPERLINK(""http://evil.example"")",workshop,@SUM(A1),2\n'
        "T,F2,+39 055 lab,workshop,-rm,1\n").encode())
    exported = export(base["manager"], "spaces").decode("utf-8-sig")
    cells = list(csv.reader(io.StringIO(exported)))
    by_code = {row[1]: row for row in cells[1:]}
    assert by_code["F1"][2] == "'=HYPERLINK(\"http://evil.example\")"
    assert by_code["F1"][7] == "'@SUM(A1)"
    assert by_code["F2"][2] == "'+39 055 lab" and by_code["F2"][7] == "'-rm"
    outcome = run_import(base["manager"], "spaces", exported.encode())
    assert outcome.updated == 0 and outcome.unchanged == 8
    with reading() as session:
        assert session.exec(select(Space.name).where(Space.code == "F1")).one() == \
            '=HYPERLINK("http://evil.example")'


def test_xlsx_export_holds_formula_text_as_text_and_imports_back(base):  # noqa: F811
    from openpyxl import load_workbook
    run_import(base["manager"], "spaces", b"site,code,name,kind\nT,F1,=1+1,workshop\n")
    data = export(base["manager"], "spaces", "xlsx")
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    names = {row[2].value: row[2].data_type for row in sheet.iter_rows(min_row=2)}
    assert names["=1+1"] == "s"                        # a text cell, as typed: never run
    assert "f" not in names.values()
    outcome = run_import(base["manager"], "spaces", data, "spaces.xlsx")
    assert (outcome.rows, outcome.unchanged) == (7, 7)


# --- rules, roles, audit --------------------------------------------------------------------

def test_only_a_manager_imports_or_exports(base):  # noqa: F811
    for who in ("communication", "viewer"):
        with pytest.raises(Forbidden):
            run_import(base[who], "spaces", (SPACE_HEADER + space_lines(1)).encode())
        with pytest.raises(Forbidden):
            export(base[who], "tenants")


def test_imported_rows_are_audited_as_the_importer(base):  # noqa: F811
    run_import(base["manager"], "spaces", (SPACE_HEADER + space_lines(2)).encode())
    with reading() as session:
        entries = session.exec(select(AuditEntry).where(AuditEntry.entity == "spaces",
                                                        AuditEntry.action == "create")).all()
    assert [entry.username for entry in entries] == ["boss", "boss"]


def test_lease_rows_go_through_the_overlap_rule(base):  # noqa: F811
    header = "site,space,tenant,starts_on,ends_on,monthly_rent\n"
    ok = run_import(base["manager"], "leases", (header +
                    "T,L1,Giulia Neri,2026-01-01,2026-12-31,100\n").encode())
    assert ok.created == 1
    with pytest.raises(ImportRefused) as refused:
        run_import(base["manager"], "leases", (header
                   + "T,L2,Aiko Tanaka,2026-01-01,,200\n"
                   + "T,L1,Aiko Tanaka,2026-06-01,,200\n"
                   + "T,L3,Nobody Here,2026-01-01,,200\n").encode())
    assert refused.value.outcome.errors == [
        "line 3: start: space L1 is already leased from 1 Jan 2026 to 31 Dec 2026",
        "line 4: tenant: there is no tenant 'Nobody Here' (import tenants first)"]
    assert count(Lease) == 1


def test_tenants_import_creates_and_updates_by_name_and_business(base):  # noqa: F811
    header = "site,name,business,sector,origin_country,joined_on,email\n"
    outcome = run_import(base["manager"], "tenants", (header
                         + "T,Giulia Neri,,ceramics,IT,2016-03-01,giulia@example.org\n"
                         + "T,Sara Bini,Bini Gioielli,jewellery,it,2025-02-01,\n").encode())
    assert (outcome.created, outcome.updated) == (1, 1)
    with reading() as session:
        sara = session.exec(select(Tenant).where(Tenant.name == "Sara Bini")).one()
        giulia = session.exec(select(Tenant).where(Tenant.name == "Giulia Neri")).one()
    assert sara.origin_country == "IT" and giulia.email == "giulia@example.org"


# --- every kind reads back what it writes ---------------------------------------------------

@pytest.fixture
def demo(db_url, make_user):
    manager = make_user("boss", "manager")
    with writing() as session, session.begin():
        seed_demo(session)
    return manager


def test_every_kind_exported_imports_back_unchanged(demo):
    for name in transfer.KINDS:
        data = export(demo, name)
        rows = data.decode("utf-8-sig").count("\n") - 1
        assert rows >= (2 if name == "sites" else 11), f"the demo hub has {rows} {name}"
        outcome = run_import(demo, name, data, f"{name}.csv")
        assert (outcome.rows, outcome.created, outcome.updated) == (rows, 0, 0), name


def test_templates_name_every_column_and_import(base):  # noqa: F811
    for name, kind in transfer.KINDS.items():
        header = transfer.template(kind, "csv").decode("utf-8-sig").splitlines()[0]
        assert header.split(",") == list(kind.columns), name
    with reading() as session:
        template = transfer.template(transfer.KINDS["spaces"], "csv",
                                     site_code=transfer.example_site(session))
    assert run_import(base["manager"], "spaces", template).created == 1   # as downloaded
    with reading() as session:
        space = session.exec(select(Space).where(Space.code == "L27")).one()
    assert space.monthly_rent == Decimal("450.00") and space.equipment == "kiln, sink"


def test_partners_are_matched_by_name_ignoring_case(demo):
    with reading() as session:
        before = session.exec(select(func.count()).select_from(Partner)).one()
    header = "name,kind,country,status\n"
    run_import(demo, "partners", (header + "Bottega Lab Tokyo,b2b_buyer,JP,prospect\n").encode())
    outcome = run_import(demo, "partners",
                         (header + "BOTTEGA LAB TOKYO,b2b_buyer,JP,active\n").encode())
    assert outcome.updated == 1
    with reading() as session:
        assert session.exec(select(func.count()).select_from(Partner)).one() == before + 1
    third = run_import(demo, "partners", (header + "Bottega Lab Tokyo,b2b_buyer,JP,\n").encode())
    assert not third.errors, "an empty status keeps the partner active (never back to prospect)"
    with reading() as session:
        assert session.exec(select(Partner.status).where(Partner.name == "Bottega Lab Tokyo")).one() == "active"
