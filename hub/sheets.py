"""The files people open in a spreadsheet, written one way for every download, export, template
and feed: CSV and XLSX from a header and rows of values (text, numbers, Decimal money, dates,
timestamps, yes/no, None).

CSV: UTF-8 with a byte-order mark, which Excel and LibreOffice need to read "Niccolò" as such
(without it they guess a Windows code page); CRLF rows; every cell as text, formula-like ones
neutralised (hub.cells).
XLSX: typed cells — numbers, money with a euro format, dates and timestamps with ISO formats —
and text in text cells, which a spreadsheet never runs, so text is written as typed, without
an apostrophe (a formula-like one is marked as text for Excel's editing too); a bold, frozen
header row with a filter, and columns as wide as what they hold.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from hub.cells import formula_like, neutralise, text_cell

BOM = "\ufeff"
MONEY_FORMAT = '#,##0.00 "€"'
DATE_FORMAT = "yyyy-mm-dd"
TIMESTAMP_FORMAT = "yyyy-mm-dd hh:mm"
WIDEST = 60          # characters: a long note wraps in the cell instead of pushing the others
NARROWEST = 8
# XLSX text cannot hold what XML 1.0 forbids, and XML turns a carriage return into a line
# feed: such characters are written as _xHHHH_, as Excel does (and a literal "_xHHHH_" as
# "_x005F_xHHHH_"); `unescape` reads them back.
_NOT_IN_XML = re.compile("[^\t\n\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_LOOKS_ESCAPED = re.compile("_(?=x[0-9A-Fa-f]{4}_)")
_ESCAPED = re.compile("_x([0-9A-Fa-f]{4})_")


def blank(value) -> bool:
    """None, or a missing number or time as pandas gives it (NaN, NaT: unequal to itself)."""
    return value is None or (isinstance(value, (float, datetime)) and value != value)


def cell_text(value) -> str:
    """A value as a CSV cell: ISO dates, plain numbers (a negative one stays a number), yes/no."""
    if blank(value):
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- CSV ----------------------------------------------------------------------------------------

def csv_text(columns: list[str], rows: Iterable[Iterable]) -> str:
    """The CSV file as text, beginning with the byte-order mark."""
    buffer = io.StringIO()
    buffer.write(BOM)
    # CRLF, as RFC 4180 has it: a cell holding a carriage return is then quoted, where a bare
    # one would end the row in a spreadsheet (and start the next with what follows it).
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(str(column)) for column in columns])
    writer.writerows([cell_text(neutralise(value)) for value in row] for row in rows)
    return buffer.getvalue()


def csv_bytes(columns: list[str], rows: Iterable[Iterable]) -> bytes:
    """The CSV file: UTF-8 with a byte-order mark, CRLF rows, formula-like cells neutralised."""
    return csv_text(columns, rows).encode("utf-8")


# --- XLSX ---------------------------------------------------------------------------------------

def xlsx_bytes(columns: list[str], rows: Iterable[Iterable], *, sheet: str = "data") -> bytes:
    """The workbook: one sheet of typed cells under a bold, frozen header row."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    rows = [list(row) for row in rows]
    book = Workbook(write_only=True)
    page = book.create_sheet(sheet)
    for number, width in enumerate(_widths(columns, rows), start=1):
        page.column_dimensions[get_column_letter(number)].width = width
    page.freeze_panes = "A2"
    if columns:
        page.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
    bold = Font(bold=True)

    def header(name):
        cell = _cell(page, str(name))
        cell.font = bold
        return cell
    page.append([header(name) for name in columns])
    for row in rows:
        page.append([_cell(page, value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell(page, value):
    """A typed cell; text always a text cell (openpyxl would make "=…" a formula)."""
    from openpyxl.cell import WriteOnlyCell as make
    if blank(value):
        return make(page, value=None)
    if isinstance(value, bool):
        value = "yes" if value else "no"
    if isinstance(value, datetime) and value.tzinfo is not None:
        value = value.isoformat()           # Excel has no time zones: the text says it
    if isinstance(value, (int, float, Decimal, date)):
        cell = make(page, value=value)
        if isinstance(value, Decimal):
            cell.number_format = MONEY_FORMAT
        elif isinstance(value, datetime):
            cell.number_format = TIMESTAMP_FORMAT
        elif isinstance(value, date):
            cell.number_format = DATE_FORMAT
        return cell
    text = str(value)
    cell = make(page, value=_escaped(text_cell(text)))
    cell.data_type = "s"                    # after the value, which set "f" for "=…"
    if formula_like(text):
        cell.quotePrefix = True             # Excel keeps it text when the cell is edited
    return cell


def _escaped(text: str) -> str:
    text = _LOOKS_ESCAPED.sub("_x005F_", text)
    return _NOT_IN_XML.sub(lambda found: f"_x{ord(found.group()):04X}_", text)


def unescape(text: str) -> str:
    """An XLSX text cell's _xHHHH_ escapes back into the characters they stand for."""
    return _ESCAPED.sub(lambda found: chr(int(found.group(1), 16)), text)


def _shown(value) -> int:
    """About how many characters a spreadsheet shows of the value (its longest line)."""
    if isinstance(value, Decimal) and value.is_finite():
        return len(f"{value:,.2f} €")
    if isinstance(value, datetime) and value.tzinfo is None:
        return len("2026-03-01 10:00")
    return max((len(line) for line in cell_text(value).splitlines()), default=0)


def _widths(columns: list[str], rows: list[list]) -> list[int]:
    """Each column as wide as its header and the longest value of the first 1,000 rows
    (enough to read; a big export is not measured twice), within NARROWEST and WIDEST."""
    widths = []
    for number, name in enumerate(columns):
        longest = max([len(str(name)) + 2] +       # room for the filter's button
                      [_shown(row[number]) for row in rows[:1000] if number < len(row)])
        widths.append(min(max(longest + 1, NARROWEST), WIDEST))
    return widths
