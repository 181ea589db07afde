"""What leaves Bottega as a spreadsheet comes back unchanged, checked on generated values
(Hypothesis): the formula guard of hub/cells.py, the CSV and XLSX files of
hub/admin/transfer/formats.py, and an export of tenants or partners imported into a fresh
database."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import example, given, HealthCheck, settings
from hypothesis import strategies as st
from sqlmodel import delete, Session, select

from db.engine import reading, writing
from db.models import Partner, Site, Tenant, TenantListing
from db.vocabulary import PARTNER_KINDS, PARTNER_STATUSES, RESIDENCIES, SECTORS
from hub import checks
from hub.admin import transfer
from hub.admin.transfer.formats import read_table, write_table
from hub.cells import FORMULA_STARTS, neutralise, restore
from hub.partners import organisations
from hub.tenants import roster

DB_SETTINGS = settings(max_examples=30, deadline=None, database=None,
                       suppress_health_check=[HealthCheck.function_scoped_fixture])
FILE_SETTINGS = settings(max_examples=150, deadline=None, database=None)

# --- generated text ---------------------------------------------------------------------------

# Any character a database holds (PostgreSQL refuses NUL; lone surrogates are not text).
character = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")
TRICKY = ("=SUM(A1:A9)", "+39 055 123", "-2+3", "@cmd", "\t=1+1", "\r=1+1", "'=1+1", "''@x",
          "'", "say \"hi\", then go", "line one\nline two", "a\r\nb", "a\rb", "  padded  ",
          "Città — 東京 🏺", "_x000D_", "_x005F_x000D_", "\x0b\x1f", "\ufffe\uffff", ";", "")
prefix = st.text(alphabet="'", max_size=3) | st.just("")
# Plain text, text behind a formula start (after any apostrophes), and known hard cases.
cell_text = st.one_of(
    st.text(character, max_size=30),
    st.tuples(prefix, st.sampled_from(FORMULA_STARTS), st.text(character, max_size=20))
    .map("".join),
    st.sampled_from(TRICKY))


# --- (a) the formula guard --------------------------------------------------------------------

@FILE_SETTINGS
@example(value="'=1+1")
@example(value="\r")
@given(value=cell_text)
def test_restore_undoes_neutralise_for_any_text(value):
    assert restore(neutralise(value)) == value


@FILE_SETTINGS
@given(value=cell_text)
def test_a_neutralised_value_never_starts_like_a_formula(value):
    safe = neutralise(value)
    assert not safe.startswith(FORMULA_STARTS)
    assert safe in (value, "'" + value), "only a leading apostrophe is ever added"


@FILE_SETTINGS
@given(value=st.none() | st.integers() | st.floats(allow_nan=False) | st.dates()
       | st.booleans())
def test_values_that_are_not_text_pass_through(value):
    assert neutralise(value) is value and restore(value) is value


# --- (b) a table written and read back --------------------------------------------------------

def table_for(columns: tuple[str, ...]):
    return st.lists(st.lists(cell_text, min_size=len(columns), max_size=len(columns)),
                    max_size=6)


def blank(row: list[str]) -> bool:
    return not any(cell.strip() for cell in row)


@pytest.mark.parametrize("file_format", transfer.FORMATS)
@pytest.mark.parametrize("kind", sorted(transfer.KINDS))
@FILE_SETTINGS
@given(data=st.data())
def test_a_table_written_then_read_back_has_the_same_cells(kind, file_format, data):
    columns = transfer.KINDS[kind].columns
    rows = data.draw(table_for(columns), label="rows")
    header, read = read_table(write_table(list(columns), rows, file_format),
                              f"{kind}.{file_format}")
    assert header == list(columns)
    # A row of blank cells is a blank line: skipped, its number kept (formats.read_table).
    expected = [(line, row) for line, row in enumerate(rows, start=2) if not blank(row)]
    assert [(line, cells + [""] * (len(columns) - len(cells))) for line, cells in read] \
        == expected


# --- (c) export, then import into a fresh database --------------------------------------------

def wipe(session: Session, *models) -> None:
    for model in models:
        session.exec(delete(model))


def import_into(fresh, kind: str, data: bytes, file_format: str):
    engine, manager = fresh
    with Session(engine, expire_on_commit=False) as session, session.begin():
        return transfer.import_file(session, actor=manager, kind=transfer.get_kind(kind),
                                    data=data, file_name=f"{kind}.{file_format}")


def export(actor, kind: str, file_format: str) -> bytes:
    with reading() as session:
        return transfer.export_file(session, actor=actor, kind=transfer.get_kind(kind),
                                    file_format=file_format)


def key(value: str | None) -> str:
    return (value or "").strip().lower()


short = st.text(character, min_size=1, max_size=30)
optional_text = st.none() | short | cell_text
# A name holds no invisible character once its ends are trimmed (hub.checks.visible): names
# are drawn from the rest, with the same formula starts and the hard cases that are visible.
name_character = st.characters(exclude_categories=("Cs", "Cc", "Cf", "Zl", "Zp"))
name_cell = st.one_of(
    st.text(name_character, max_size=30),
    st.tuples(prefix, st.sampled_from(FORMULA_STARTS), st.text(name_character, max_size=20))
    .map("".join),
    st.sampled_from([text for text in TRICKY if checks.invisible_character(text.strip()) is None]))
name_text = (st.text(name_character, min_size=1, max_size=30) | name_cell).filter(
    lambda value: value.strip() and checks.invisible_character(value.strip()) is None)
optional_name = st.none() | name_cell.filter(
    lambda value: checks.invisible_character(value.strip()) is None)

TENANT_FIELDS = ("name", "business", "sector", "origin_country", "residency", "joined_on",
                 "left_on", "email", "phone")
tenant_values = st.fixed_dictionaries({
    "name": name_text, "business": optional_name, "sector": st.sampled_from(SECTORS),
    "origin_country": st.sampled_from(["IT", "JP", "CN", "US"]),
    "residency": st.sampled_from(RESIDENCIES),
    "joined_on": st.dates(date(2000, 1, 1), date(2020, 12, 31)),
    "email": st.sampled_from([None, "=1+1@example.org", "+tag@example.org", "-x@example.org",
                              "giulia@example.org"]),
    "phone": st.sampled_from([None, "+39 055 123 4567", "-39 055 123", "(055) 123-456"])})


def same_person(row: dict):
    """Who the roster takes for one person: the same name and e-mail (hub/tenants/roster.py
    refuses a second); people without an e-mail are never the same."""
    return (key(row["name"]), key(row["email"])) if row["email"] else object()


def tenant_rows(session: Session) -> list[dict]:
    rows = session.exec(select(Tenant, Site.code, TenantListing.website)
                        .join(Site, Site.id == Tenant.site_id)
                        .join(TenantListing, TenantListing.tenant_id == Tenant.id,
                              isouter=True))
    return sorted(({"site": code, "website": website,
                    **{field: getattr(tenant, field) for field in TENANT_FIELDS}}
                   for tenant, code, website in rows),
                  key=lambda row: (row["name"], row["business"] or ""))


@pytest.mark.parametrize("file_format", transfer.FORMATS)
@DB_SETTINGS
@given(people=st.lists(tenant_values, min_size=1, max_size=4,
                       unique_by=(lambda row: (key(row["name"]), key(row["business"])),
                                  same_person)))
def test_tenants_exported_then_imported_into_a_fresh_database_are_the_same(
        base, fresh, file_format, people):
    with writing() as session, session.begin():
        wipe(session, TenantListing, Tenant)
        for values in people:
            roster.add_tenant(session, actor=base["manager"], site_id=base["site"], **values)
    with Session(fresh[0]) as session, session.begin():
        wipe(session, TenantListing, Tenant)
    data = export(base["manager"], "tenants", file_format)
    outcome = import_into(fresh, "tenants", data, file_format)
    assert outcome.created == len(people)
    with reading() as session:
        before = tenant_rows(session)
    with Session(fresh[0]) as session:
        assert tenant_rows(session) == before


PARTNER_FIELDS = (*organisations.PARTNER_FIELDS, "region")
partner_values = st.fixed_dictionaries({
    "name": name_text, "kind": st.sampled_from(PARTNER_KINDS),
    "country": st.sampled_from(["IT", "CN", "JP", "US", "FR"]), "city": optional_name,
    "status": st.sampled_from(PARTNER_STATUSES),
    "since": st.none() | st.dates(date(1990, 1, 1), date(2020, 12, 31)),
    "tags": st.sampled_from(["", "crafts", "crafts, tuscany", "b2b,export"]),
    "notes": optional_text})


def partner_rows(session: Session) -> list[dict]:
    return sorted(({field: getattr(partner, field) for field in PARTNER_FIELDS}
                   for partner in session.exec(select(Partner))), key=lambda row: row["name"])


def partner_key(row: dict) -> str:
    return " ".join(row["name"].lower().split())


@pytest.mark.parametrize("file_format", transfer.FORMATS)
@DB_SETTINGS
@given(partners=st.lists(partner_values, min_size=1, max_size=4, unique_by=partner_key))
def test_partners_exported_then_imported_into_a_fresh_database_are_the_same(
        base, fresh, file_format, partners):
    with writing() as session, session.begin():
        wipe(session, Partner)
        for values in partners:
            organisations.add_partner(session, actor=base["manager"], **values)
    with Session(fresh[0]) as session, session.begin():
        wipe(session, Partner)
    data = export(base["manager"], "partners", file_format)
    outcome = import_into(fresh, "partners", data, file_format)
    assert outcome.created == len(partners)
    with reading() as session:
        before = partner_rows(session)
    with Session(fresh[0]) as session:
        assert partner_rows(session) == before
