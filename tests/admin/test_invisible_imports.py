"""Imports take no invisible character in a name or a code either (hub.checks.visible, through
the same writes as the screens): a file whose row 3 hides a right-to-left override in a name
or code column is refused naming line 3 and the column, in English and in Italian, and its
good row 2 is not written either."""
from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import func
from sqlmodel import select

from db.engine import reading, writing
from db.models import AuditEntry, Enrolment, Partner, ProgrammeItem, Site, Space, Tenant
from hub.admin import transfer
from hub.admin.transfer import ImportRefused
from hub.i18n import speaking

HIDDEN = "Ab\u202eCd"       # shows as "AbdC"

# kind → (its table, the good row's cells, the bad row's cells): both over the kind's example
ROWS = {
    "sites": (Site, {"code": "N2", "name": "Hub Two"}, {"code": "N3", "name": "Hub Three"}),
    "spaces": (Space, {"site": "T", "code": "Z1", "name": "Lab Z1"},
               {"site": "T", "code": "Z2", "name": "Lab Z2"}),
    "tenants": (Tenant, {"site": "T", "name": "Nadia Greco"},
                {"site": "T", "name": "Olga Bassi"}),
    "programme": (ProgrammeItem, {"site": "T", "title": "Raku night"},
                  {"site": "T", "title": "Kiln day"}),
    "enrolments": (Enrolment, {"site": "T", "item": "Glazes and firing",
                               "participant_name": "Marco Bruni"},
                   {"site": "T", "item": "Glazes and firing", "participant_name": "Lia Conti",
                    "email": "lia@example.org"}),
    "partners": (Partner, {"name": "Lantern Trading"}, {"name": "Jade House"}),
}
# kind → its name and code columns, each with the field the refusal names
COLUMNS = {"sites": {"code": "code", "name": "name", "city": "city"},
           "spaces": {"code": "code", "name": "name"},
           "tenants": {"name": "name", "business": "business"},
           "programme": {"title": "title"},
           "enrolments": {"participant_name": "name"},
           "partners": {"name": "name", "city": "city"}}
SAID = {"en": "{field} contains an invisible character (U+202E) that changes how the text "
              "around it reads; remove it",
        "it": "il campo «{field}» contiene un carattere invisibile (U+202E) che cambia il modo "
              "in cui si legge il testo intorno: toglilo"}
ITALIAN = {"code": "codice", "name": "nome", "city": "città", "business": "impresa",
           "title": "titolo"}


def csv_file(kind, rows: list[dict]) -> bytes:
    out = io.StringIO()
    table = csv.writer(out, lineterminator="\n")
    table.writerow(kind.columns)
    for row in rows:
        cells = dict(zip(kind.columns, kind.example)) | row
        table.writerow([cells[column] for column in kind.columns])
    return out.getvalue().encode()


def counted(table) -> tuple[int, int]:
    with reading() as session:
        return (session.exec(select(func.count()).select_from(table)).one(),
                session.exec(select(func.count()).select_from(AuditEntry)).one())


CASES = [(kind, column) for kind, columns in COLUMNS.items() for column in columns]


@pytest.mark.parametrize("language", ["en", "it"])
@pytest.mark.parametrize("kind_name, column", CASES)
def test_an_import_refuses_an_invisible_character_naming_line_and_column(
        plan, kind_name, column, language):
    kind = transfer.get_kind(kind_name)
    table, good, bad = ROWS[kind_name]
    field = COLUMNS[kind_name][column]
    data = csv_file(kind, [good, bad | {column: HIDDEN}])
    before = counted(table)
    with speaking(language), pytest.raises(ImportRefused) as refused, writing() as session, \
            session.begin():
        transfer.import_file(session, actor=plan["manager"], kind=kind, data=data,
                             file_name=f"{kind_name}.csv")
    words = ITALIAN[field] if language == "it" else field
    named = column if field == column else words   # a column of the file is named as it is
    line = {"en": "line 3", "it": "riga 3"}[language]
    assert refused.value.outcome.errors == [
        f"{line}: {named}: " + SAID[language].format(field=words)]
    assert counted(table) == before          # the good row 2 was not written either


def test_the_good_rows_alone_are_imported(plan):
    """The rows above are good but for the hidden character: without it they import."""
    for kind_name, (table, good, bad) in ROWS.items():
        kind = transfer.get_kind(kind_name)
        with writing() as session, session.begin():
            outcome = transfer.import_file(session, actor=plan["manager"], kind=kind,
                                           data=csv_file(kind, [good, bad]),
                                           file_name=f"{kind_name}.csv")
        assert outcome.created == 2, (kind_name, outcome.errors)
