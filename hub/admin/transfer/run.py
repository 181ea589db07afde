"""Running an import (all rows or none, every bad row reported) and an export."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.exc import DataError, IntegrityError
from sqlmodel import Session

from db.models import User
from hub.admin.transfer.formats import FileRefused, MAX_FIELD, figure, read_table, write_table
from hub.admin.transfer.kind import Kind, Lookup
from hub.admin.transfer.sites import SITE_PLACEHOLDER
from hub.errors import Invalid, InvalidFields, Refused
from hub.i18n import _, ngettext
from hub.roles import require_role

Progress = Callable[[int, int], None]


@dataclass
class Outcome:
    kind: str
    file_name: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)      # "line 3: …", for the command line
    problems: list[tuple[int, str]] = field(default_factory=list)   # (3, "…"), for a table

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def bad_rows(self) -> int:
        """Rows with a problem (a row with several bad fields has a problem for each)."""
        return len({line for line, __ in self.problems})

    def refuse(self, line: int, problem: str) -> None:
        self.problems.append((line, problem))
        self.errors.append(_("line {line}: {problem}").format(line=line, problem=problem))

    def summary(self) -> str:
        return ngettext("{rows} row(s): {created} new, {updated} updated, {unchanged} unchanged",
                        "{rows} row(s): {created} new, {updated} updated, {unchanged} unchanged",
                        self.rows).format(rows=figure(self.rows), created=figure(self.created),
                                          updated=figure(self.updated),
                                          unchanged=figure(self.unchanged))


class ImportRefused(Refused):
    """One or more rows are bad: nothing was written. Lists every bad row by line."""

    def __init__(self, outcome: Outcome):
        self.outcome = outcome
        super().__init__(str(self))

    def __str__(self) -> str:
        count = self.outcome.bad_rows
        return ngettext("{file}: {count} bad row(s), nothing was imported",
                        "{file}: {count} bad row(s), nothing was imported", count).format(
            file=self.outcome.file_name, count=figure(count)) + "\n" + \
            "\n".join(self.outcome.errors)


def check_header(kind: Kind, header: list[str], file_name: str) -> None:
    missing = [column for column in kind.required if column not in header]
    unknown = [column for column in header if column and column not in kind.columns]
    repeated = sorted({column for column in header if column and header.count(column) > 1})
    # Column names are the file's own words: they stay as the file (and the template) has them.
    problems = ([ngettext("missing column(s): {columns}", "missing column(s): {columns}",
                          len(missing)).format(columns=", ".join(missing))] if missing else []) + \
        ([ngettext("unknown column(s): {columns}", "unknown column(s): {columns}",
                   len(unknown)).format(columns=", ".join(unknown))] if unknown else []) + \
        ([ngettext("repeated column(s): {columns}", "repeated column(s): {columns}",
                   len(repeated)).format(columns=", ".join(repeated))] if repeated else [])
    if problems:
        raise FileRefused(_("{file}, line 1 (header): {problems}. A {kind} file has the columns "
                            "{columns} (download the template)").format(
            file=file_name, problems="; ".join(problems), kind=kind.name,
            columns=", ".join(kind.columns)))


def row_values(header: list[str], cells: list[str]) -> dict[str, str]:
    if len(cells) > len(header) and any(cell.strip() for cell in cells[len(header):]):
        raise Invalid("row", _("the row has {cells} cells but the header names {columns} "
                               "columns").format(cells=len(cells), columns=len(header)))
    values = {column: (cells[i] if i < len(cells) else "") for i, column in enumerate(header)
              if column}
    for column, value in values.items():
        if len(value) > MAX_FIELD:
            raise Invalid(column, _("{column} is {length} characters long; at most {limit} are "
                                    "accepted").format(column=column, length=figure(len(value)),
                                                       limit=figure(MAX_FIELD)))
    return values


def _one_row(session: Session, actor: User, kind: Kind, line: int, values: dict,
             lookup: Lookup) -> str:
    key = kind.key_of(values)
    filled = key is not None and all(value for value, column in zip(key, kind.key)
                                     if column in kind.required)
    if filled and key in lookup.seen:
        raise Invalid(kind.key[0], _("the same {key} as line {line}").format(
            key=", ".join(kind.key), line=lookup.seen[key]))
    lookup.seen[key] = line
    with session.begin_nested():  # a refused row leaves nothing behind, the others go on
        return kind.import_row(session, actor, values, lookup)


def _problems(refusal: Refused, kind: Kind) -> list[str]:
    """The refusal's sentences, one for each bad field; a refused cell is named by the file's
    own column name, as the file writes it (it is not translated: it is what the manager
    finds in the header)."""
    faults = refusal.faults if isinstance(refusal, InvalidFields) else [refusal]
    return [f"{fault.field}: {fault.message}"
            if isinstance(fault, Invalid) and fault.field in kind.columns else str(fault)
            for fault in faults]


def _run(session: Session, *, actor: User, kind: Kind, data: bytes, file_name: str,

         progress: Progress | None) -> Outcome:
    require_role(actor, "manager")
    if not kind.imports:
        raise Refused(_("{kind} are exported only, never imported").format(kind=kind.name))
    if not kind.available():
        raise Refused(_("importing {kind} is not available yet in this version").format(
            kind=kind.name))
    header, rows = read_table(data, file_name)
    check_header(kind, header, file_name)
    outcome, lookup = Outcome(kind.name, file_name, rows=len(rows)), Lookup()
    for done, (line, cells) in enumerate(rows, start=1):
        try:
            result = _one_row(session, actor, kind, line, row_values(header, cells), lookup)
            setattr(outcome, result, getattr(outcome, result) + 1)
        except Refused as refusal:
            for problem in _problems(refusal, kind):
                outcome.refuse(line, problem)
        except (IntegrityError, DataError) as error:
            reason = str(getattr(error, "orig", error)).splitlines()[0]
            outcome.refuse(line, _("the database refused this row ({reason})").format(
                reason=reason))
        if progress and (done % 200 == 0 or done == len(rows)):
            progress(done, len(rows))
    return outcome


def import_file(session: Session, *, actor: User, kind: Kind, data: bytes, file_name: str,
                progress: Progress | None = None) -> Outcome:
    """Import every row through the hub's own functions, or none: raises ImportRefused
    listing every bad row (the caller's transaction then writes nothing)."""
    outcome = _run(session, actor=actor, kind=kind, data=data, file_name=file_name,
                   progress=progress)
    if outcome.errors:
        raise ImportRefused(outcome)
    return outcome


def check_file(session: Session, *, actor: User, kind: Kind, data: bytes, file_name: str,
               progress: Progress | None = None) -> Outcome:
    """The preview: what an import would do and every bad row; writes nothing."""
    savepoint = session.begin_nested()
    try:
        return _run(session, actor=actor, kind=kind, data=data, file_name=file_name,
                    progress=progress)
    finally:
        savepoint.rollback()


def export_file(session: Session, *, actor: User, kind: Kind, file_format: str) -> bytes:
    """Every record of the kind, in the columns import reads back; cells neutralised."""
    require_role(actor, "manager")
    return write_table(list(kind.columns), list(kind.export_rows(session)), file_format)


def template(kind: Kind, file_format: str, *, site_code: str | None = None) -> bytes:
    """The header and one example row, to fill in. Where a row names its site, the example
    names `site_code` (the hub's own first site: `example_site`), else a placeholder."""
    example = [(site_code or SITE_PLACEHOLDER) if column == "site" else value
               for column, value in zip(kind.columns, kind.example)]
    return write_table(list(kind.columns), [example], file_format)
