"""The files a person opens in Excel or LibreOffice (hub/sheets.py), read back with other
readers than the one that wrote them: Python's csv module and pandas for CSV, python-calamine
(the Rust reader LibreOffice-like tools and pandas use) for XLSX.

- Every CSV begins with a UTF-8 byte-order mark, so a spreadsheet's default import shows
  "Niccolò", not "NiccolÃ²"; imports read files with and without one, comma or semicolon.
- An XLSX holds typed cells: numbers, money (a euro format), dates; text in text cells, as
  typed (no apostrophe before a phone number), formula-like text included, never a formula;
  a bold, frozen header row and columns wide enough to read. An import reads the typed cells
  back to the values the export came from.
"""
from __future__ import annotations

import codecs
import csv
import io
import zipfile
from datetime import date, datetime
from decimal import Decimal

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook
from python_calamine import CalamineWorkbook
from sqlmodel import Session, select

from db.__main__ import main
from db.engine import reading, writing
from db.models import Lease, Space
from hub.admin import transfer
from hub.admin.transfer.formats import read_table
from hub.feeds.listings import listings_csv
from hub.occupancy import leases
from hub.tenants import listings, roster
from tests.worlds import write

ACCENTED = "Niccolò Esposito"
PHONE = "+39 055 123 4567"
FORMULA = "=SUM(A1:A9) is what she wrote"
BOM = codecs.BOM_UTF8


@pytest.fixture
def people(base):
    """The base hub with a tenant whose name has an accent, a phone, a published listing, and
    a lease at €1,234.50 a month with a formula-like note; the spaces opened in 2016."""
    manager = base["manager"]
    with writing() as session, session.begin():
        for space in session.exec(select(Space)):
            space.opened_on = date(2016, 3, 1)
    tenant = write(roster.add_tenant, actor=manager, site_id=base["site"], name=ACCENTED,
                   business="Bottega Esposito", sector="ceramics", origin_country="IT",
                   joined_on=date(2021, 4, 12), phone=PHONE, email="niccolo@example.org")
    write(listings.edit_listing, actor=base["communication"], tenant_id=tenant.id, version=None,
          bio="Ceramiche a Gavinana, città di Firenze", published=True)
    write(leases.lease_space, actor=manager, space_id=base["L2"], tenant_id=tenant.id,
          starts_on=date(2026, 2, 1), ends_on=date(2026, 12, 31), monthly_rent="1234.50",
          notes=FORMULA)
    return base


def export(actor, kind: str, file_format: str) -> bytes:
    with reading() as session:
        return transfer.export_file(session, actor=actor, kind=transfer.get_kind(kind),
                                    file_format=file_format)


# --- CSV ----------------------------------------------------------------------------------------

def every_csv(people, tmp_path, capsys) -> dict[str, bytes]:
    """Every CSV a person downloads or exports: each kind's export and template, a screen's
    download, the public listings feed, `python -m db export`."""
    from ui.widgets import csv_bytes
    files = {f"{name}.csv": export(people["manager"], name, "csv") for name in transfer.KINDS}
    files |= {f"{name}-template.csv": transfer.template(kind, "csv")
              for name, kind in transfer.KINDS.items()}
    files["screen.csv"] = csv_bytes(pd.DataFrame({"Name": [ACCENTED], "Rent": [Decimal("1.50")]}))
    with reading() as session:
        files["listings.csv"] = listings_csv(session, site_id=people["site"]).encode()
    assert main(["export", "tenants", str(tmp_path / "cli.csv")]) == 0
    capsys.readouterr()
    files["cli.csv"] = (tmp_path / "cli.csv").read_bytes()
    return files


def test_every_csv_a_person_gets_begins_with_a_byte_order_mark(people, tmp_path, capsys):
    for name, data in every_csv(people, tmp_path, capsys).items():
        assert data.startswith(BOM), f"{name} has no byte-order mark"
        assert not data.startswith(BOM * 2), f"{name} has two"
        plain = next(csv.reader(io.StringIO(data.decode("utf-8"))))
        assert plain[0].startswith("\ufeff"), name          # what a reader ignoring it sees
        header = next(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        assert header[0] == plain[0][1:] and not header[0].startswith("\ufeff"), name


def test_accents_and_formula_text_read_right_in_pandas_and_the_csv_module(people):
    data = export(people["manager"], "tenants", "csv")
    frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
    assert list(frame.columns) == list(transfer.KINDS["tenants"].columns)  # no BOM in "site"
    row = frame[frame["name"] == ACCENTED].iloc[0]
    assert row["phone"] == "'" + PHONE          # CSV keeps its apostrophe: a spreadsheet runs +…
    by_name = {row["name"]: row for row in csv.DictReader(io.StringIO(data.decode("utf-8-sig")))}
    assert by_name[ACCENTED]["joined_on"] == "2021-04-12"
    notes = pd.read_csv(io.BytesIO(export(people["manager"], "leases", "csv")), dtype=str)
    assert list(notes["notes"].dropna()) == ["'" + FORMULA]
    assert list(notes["monthly_rent"].dropna()) == ["1234.50"]


@pytest.mark.parametrize("mark", [b"", BOM], ids=["no-bom", "bom"])
@pytest.mark.parametrize("separator", [",", ";"], ids=["comma", "semicolon"])
def test_an_import_reads_a_csv_with_or_without_a_mark_and_either_separator(base, mark,
                                                                           separator):
    lines = ["site,code,name,kind,area_m2,monthly_rent",
             "T,N1,Laboratorio Niccolò,laboratory,32,450.00"]
    data = mark + "\r\n".join(line.replace(",", separator) for line in lines).encode("utf-8")
    header, rows = read_table(data, "spaces.csv")
    assert header == lines[0].split(",")
    assert rows == [(2, lines[1].split(","))]
    with writing() as session, session.begin():
        transfer.import_file(session, actor=base["manager"], kind=transfer.get_kind("spaces"),
                             data=data, file_name="spaces.csv")
    with reading() as session:
        space = session.exec(select(Space).where(Space.code == "N1")).one()
    assert (space.name, space.area_m2, space.monthly_rent) == \
        ("Laboratorio Niccolò", 32, Decimal("450.00"))


# --- XLSX ---------------------------------------------------------------------------------------

def calamine(data: bytes) -> list[dict]:
    """The first sheet's rows by column name, as python-calamine reads them."""
    header, *rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0) \
        .to_python()
    return [dict(zip(header, row)) for row in rows]


def test_an_xlsx_holds_dates_numbers_and_money_as_such_and_text_as_typed(people):
    tenants = {row["name"]: row for row in calamine(export(people["manager"], "tenants", "xlsx"))}
    niccolo = tenants[ACCENTED]
    assert niccolo["joined_on"] == date(2021, 4, 12)
    assert niccolo["phone"] == PHONE                  # text, and no apostrophe before it
    lease = next(row for row in calamine(export(people["manager"], "leases", "xlsx"))
                 if row["tenant"] == ACCENTED)
    assert (lease["starts_on"], lease["ends_on"]) == (date(2026, 2, 1), date(2026, 12, 31))
    assert lease["monthly_rent"] == 1234.5 and isinstance(lease["monthly_rent"], float)
    assert lease["notes"] == FORMULA                  # a formula's look, a text's cell
    labs = {row["code"]: row for row in calamine(export(people["manager"], "spaces", "xlsx"))}
    assert labs["L2"]["area_m2"] == 20.0 and labs["L2"]["monthly_rent"] == 200.0
    assert labs["L2"]["capacity"] == 1.0 and labs["L2"]["leasable"] == "yes"


def test_no_xlsx_cell_is_a_formula_and_formats_say_euro_and_iso_dates(people):
    data = export(people["manager"], "leases", "xlsx")
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet
    page = load_workbook(io.BytesIO(data)).worksheets[0]
    columns = [cell.value for cell in page[1]]
    row = next(row for row in page.iter_rows(min_row=2) if row[2].value == ACCENTED)
    cells = dict(zip(columns, row))
    assert cells["notes"].data_type == "s" and cells["notes"].quotePrefix
    assert "€" in cells["monthly_rent"].number_format
    assert cells["starts_on"].number_format == "yyyy-mm-dd" and cells["starts_on"].is_date
    assert cells["tenant"].value == ACCENTED and not cells["tenant"].quotePrefix


def test_an_xlsx_has_a_bold_frozen_header_and_columns_wide_enough(people):
    page = load_workbook(io.BytesIO(export(people["manager"], "tenants", "xlsx"))).worksheets[0]
    assert page.freeze_panes == "A2"
    assert all(cell.font.b for cell in page[1])
    assert page.auto_filter.ref == f"A1:O{page.max_row}"
    columns = {cell.value: cell.column_letter for cell in page[1]}
    width = {name: page.column_dimensions[letter].width for name, letter in columns.items()}
    assert width["name"] > len(ACCENTED) and width["email"] > len("niccolo@example.org")
    assert width["joined_on"] > len("2021-04-12") and width["site"] < 12


def test_a_screens_xlsx_download_has_typed_cells_too():
    from ui.widgets import xlsx_bytes
    frame = pd.DataFrame({"Name": [ACCENTED, "-Vera"], "Phone": [PHONE, None],
                          "Since": [date(2020, 5, 4), None], "Area": [12.5, float("nan")],
                          "Rent": [Decimal("450.00"), None],
                          "Updated": [datetime(2026, 3, 1, 9, 30), pd.NaT]})
    first, second = calamine(xlsx_bytes(frame))
    assert first == {"Name": ACCENTED, "Phone": PHONE, "Since": date(2020, 5, 4),
                     "Area": 12.5, "Rent": 450.0, "Updated": datetime(2026, 3, 1, 9, 30)}
    assert second == {"Name": "-Vera", "Phone": "", "Since": "", "Area": "", "Rent": "",
                      "Updated": ""}


def test_an_xlsx_export_imports_back_and_exports_the_same_file(people, fresh):
    engine, importer = fresh
    for name in ("sites", "spaces", "tenants", "leases"):
        data = export(people["manager"], name, "xlsx")
        with Session(engine) as session, session.begin():
            transfer.import_file(session, actor=importer, kind=transfer.get_kind(name),
                                 data=data, file_name=f"{name}.xlsx")
        with Session(engine) as session:
            again = transfer.export_file(session, actor=importer, kind=transfer.get_kind(name),
                                         file_format="csv")
        assert again == export(people["manager"], name, "csv"), name
    with Session(engine) as session:
        moved = session.exec(select(Lease).where(Lease.notes == FORMULA)).one()
    assert (moved.monthly_rent, moved.starts_on) == (Decimal("1234.50"), date(2026, 2, 1))


def test_typed_cells_a_person_typed_import_as_their_values(base):
    book = Workbook()
    page = book.active
    page.append(["site", "code", "name", "kind", "area_m2", "capacity", "monthly_rent",
                 "opened_on"])
    page.append(["T", "N2", "Laboratorio Ò", "laboratory", 32, 2.0, 450.5, date(2024, 3, 1)])
    page.append(["T", "N3", "=1+1", "laboratory", 18.75, 1, 1200, datetime(2024, 9, 2)])
    page["C3"].data_type = "s"
    buffer = io.BytesIO()
    book.save(buffer)
    with writing() as session, session.begin():
        transfer.import_file(session, actor=base["manager"], kind=transfer.get_kind("spaces"),
                             data=buffer.getvalue(), file_name="spaces.xlsx")
    with reading() as session:
        found = {space.code: space for space in session.exec(
            select(Space).where(Space.code.in_(["N2", "N3"])))}
    assert (found["N2"].area_m2, found["N2"].capacity, found["N2"].monthly_rent,
            found["N2"].opened_on) == (32, 2, Decimal("450.50"), date(2024, 3, 1))
    assert (found["N3"].name, found["N3"].area_m2, found["N3"].monthly_rent,
            found["N3"].opened_on) == ("=1+1", 18.75, Decimal("1200.00"), date(2024, 9, 2))
