"""Files in and out: CSV (UTF-8, with or without a byte-order mark; comma or semicolon) and
XLSX (typed cells read back as the text an export writes), read into rows that know their line
number; written by hub.sheets.

Line numbers are what a person sees: the header is line 1, the first data row line 2 (in a
spreadsheet, the row number; in a CSV, the line unless a quoted field spans several lines).
"""
from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import datetime, time

from babel.numbers import format_decimal

from hub.cells import restore
from hub.sheets import cell_text, csv_bytes, unescape, xlsx_bytes
from hub.errors import Refused
from hub.i18n import _, locale


MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
MAX_FIELD = 10_000          # characters in one cell; the longest column Bottega holds is 4,000
FORMATS = ("csv", "xlsx")


def figure(count: int) -> str:
    """1,200 (English) or 1.200 (Italian): a count in a sentence."""
    return format_decimal(count, format="#,##0", locale=locale())


class FileRefused(Refused):
    """The file as a whole cannot be read (empty, not UTF-8, wrong header, too big)."""


@dataclass(frozen=True)
class Row:
    line: int
    values: dict[str, str]


def file_format(file_name: str) -> str:
    suffix = file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    if suffix not in FORMATS:
        raise FileRefused(_("{file}: choose a .csv or .xlsx file").format(file=file_name))
    return suffix


# --- reading --------------------------------------------------------------------------------

def read_table(data: bytes, file_name: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """(header, [(line, cells as text)]) from a CSV or XLSX file; blank lines are skipped but
    keep their number. A FileRefused names the problem with the file as a whole."""
    if not data or not data.strip():
        raise FileRefused(_("{file} is empty: it needs a header line naming the columns "
                            "(download the template)").format(file=file_name))
    if len(data) > MAX_FILE_BYTES:
        raise FileRefused(_("{file} is larger than {size} MB; split it into smaller "
                            "files").format(file=file_name, size=MAX_FILE_BYTES // 1024 // 1024))
    table = _read_xlsx(data, file_name) if file_format(file_name) == "xlsx" else \
        _read_csv(data, file_name)
    numbered = [(line, row) for line, row in enumerate(table, start=1)
                if any(cell.strip() for cell in row)]
    if not numbered:
        raise FileRefused(_("{file} is empty: it needs a header line naming the columns "
                            "(download the template)").format(file=file_name))
    if len(numbered) - 1 > MAX_ROWS:
        raise FileRefused(_("{file} has {rows} rows; at most {limit} can be imported at "
                            "once").format(file=file_name, rows=figure(len(numbered) - 1),
                                           limit=figure(MAX_ROWS)))

    (__, header), rows = numbered[0], numbered[1:]
    return [cell.strip().lower().replace(" ", "_") for cell in header], rows


def _read_csv(data: bytes, file_name: str) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileRefused(_("{file} is not UTF-8 text (byte {byte} cannot be read); save it "
                            "as 'CSV UTF-8' and try again").format(file=file_name,
                                                                   byte=error.start + 1)
                          ) from None
    if "\x00" in text:
        raise FileRefused(_("{file} is not a text file; choose a CSV or XLSX file").format(
            file=file_name))
    dialect = _dialect(text)
    csv.field_size_limit(MAX_FILE_BYTES)
    try:
        return [[restore(cell) for cell in row] for row in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as error:
        raise FileRefused(_("{file} cannot be read as CSV: {error}").format(
            file=file_name, error=error)) from None


def _dialect(text: str):
    """Comma by default; a semicolon-separated file (Italian Excel) is read as such."""
    first = text.split("\n", 1)[0]
    return "excel" if first.count(",") >= first.count(";") else _Semicolon


class _Semicolon(csv.excel):
    delimiter = ";"


def _read_xlsx(data: bytes, file_name: str) -> list[list[str]]:
    from openpyxl import load_workbook
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise FileRefused(_("{file} is not an Excel workbook (.xlsx) that can be read; save "
                            "it again as .xlsx or as CSV UTF-8").format(file=file_name)) from None

    try:
        sheet = book.worksheets[0]
        return [[restore(_cell_text(value)) for value in row]
                for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def _cell_text(value) -> str:
    """A cell as the text an export writes: a date cell is its ISO date (a timestamp its ISO
    date and time), a number 12 or 12.5, a text cell its text."""
    if isinstance(value, datetime) and value.time() == time(0):
        return value.date().isoformat()
    if isinstance(value, str):
        return unescape(value)
    return cell_text(value)


# --- writing --------------------------------------------------------------------------------

def write_table(columns: list[str], rows: list[list], file_format_: str, *,
                sheet: str = "data") -> bytes:
    """A CSV or XLSX file of `rows` under `columns` (hub.sheets): text, numbers, Decimal money
    and dates, typed in XLSX; every CSV cell that would run as a formula neutralised."""
    if file_format_ == "xlsx":
        return xlsx_bytes(columns, rows, sheet=sheet)
    return csv_bytes(columns, rows)
