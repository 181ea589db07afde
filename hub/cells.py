"""Spreadsheet cells: what leaves Bottega can never run as a formula, and comes back intact.

A cell that begins with = + - @ (or a tab / carriage return) would be run by a spreadsheet as
a formula; exports prefix it with an apostrophe, and imports take that apostrophe off again,
so what `export` writes, `import` reads back unchanged. A value that already begins with
apostrophes before such a character ("'=1+1") gets one more, or the import would take its
own apostrophe off.
"""
from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _formula_like(value: str) -> bool:
    """Begins with a formula character, after any apostrophes."""
    return value.lstrip("'").startswith(FORMULA_STARTS)


def neutralise(value):
    """The value as a spreadsheet may safely show it (non-text values pass through)."""
    if isinstance(value, str) and _formula_like(value):
        return "'" + value
    return value


def restore(value):
    """The inverse of `neutralise`: "'=SUM(A1)" read from a file is "=SUM(A1)" again."""
    if isinstance(value, str) and value.startswith("'") and _formula_like(value):
        return value[1:]
    return value
