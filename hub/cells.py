"""Spreadsheet cells: what leaves Bottega can never run as a formula, and comes back intact.

A cell that begins with = + - @ (or a tab / carriage return) would be run by a spreadsheet as
a formula; exports prefix it with an apostrophe, and imports take that apostrophe off again,
so what `export` writes, `import` reads back unchanged.
"""
from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """The value as a spreadsheet may safely show it (non-text values pass through)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def restore(value):
    """The inverse of `neutralise`: "'=SUM(A1)" read from a file is "=SUM(A1)" again."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value
