"""Spreadsheet cells: what leaves Bottega can never run as a formula, and comes back intact.

A CSV cell that begins with = + - @ (or a tab / carriage return) would be run by a spreadsheet
as a formula; CSV files prefix it with an apostrophe, and imports take that apostrophe off
again, so what `export` writes, `import` reads back unchanged. A value that already begins
with apostrophes before such a character ("'=1+1") gets one more, or the import would take its
own apostrophe off. An XLSX text cell never runs: it holds the text as it is (`text_cell`),
and only that second case gets its apostrophe, for the same import. hub.sheets writes both.
"""
from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_like(value: str) -> bool:
    """Begins with a formula character, after any apostrophes."""
    return value.lstrip("'").startswith(FORMULA_STARTS)


def neutralise(value):
    """The value as a spreadsheet may safely show it (non-text values pass through)."""
    if isinstance(value, str) and formula_like(value):
        return "'" + value
    return value


def restore(value):
    """The inverse of `neutralise`: "'=SUM(A1)" read from a file is "=SUM(A1)" again."""
    if isinstance(value, str) and value.startswith("'") and formula_like(value):
        return value[1:]
    return value


def text_cell(value: str) -> str:
    """What an XLSX text cell holds: the text itself, and an apostrophe more only before
    apostrophes that precede a formula character ("'=1+1"), which the import takes off."""
    if value.startswith("'") and formula_like(value):
        return "'" + value
    return value
