"""Date arithmetic that reads the same on SQLite and PostgreSQL.

Each is a small SQL function compiled per dialect, so queries in hub/ aggregate in the
database on both backends instead of pulling rows into Python.
"""
from __future__ import annotations

from sqlalchemy import Date, Integer
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class days_between(FunctionElement):
    """Whole days from the first date to the second (second minus first)."""
    type = Integer()
    inherit_cache = True
    name = "days_between"


@compiles(days_between, "sqlite")
def _days_sqlite(element, compiler, **kw):
    first, second = (compiler.process(arg, **kw) for arg in element.clauses)
    return f"CAST(julianday({second}) - julianday({first}) AS INTEGER)"


@compiles(days_between, "postgresql")
def _days_postgresql(element, compiler, **kw):
    first, second = (compiler.process(arg, **kw) for arg in element.clauses)
    return f"(CAST({second} AS DATE) - CAST({first} AS DATE))"


class later_of(FunctionElement):
    """The later of two dates (SQLite's scalar max, PostgreSQL's greatest)."""
    type = Date()
    inherit_cache = True
    name = "later_of"


class earlier_of(FunctionElement):
    """The earlier of two dates (SQLite's scalar min, PostgreSQL's least)."""
    type = Date()
    inherit_cache = True
    name = "earlier_of"


def _rename(element_class, dialect: str, sql_name: str) -> None:
    """Compile `element_class(a, b)` as `sql_name(a, b)` on `dialect`."""
    @compiles(element_class, dialect)
    def _compile(element, compiler, **kw):
        return f"{sql_name}({compiler.process(element.clauses, **kw)})"


for _element, _sqlite, _postgresql in ((later_of, "max", "greatest"),
                                       (earlier_of, "min", "least")):
    _rename(_element, "sqlite", _sqlite)
    _rename(_element, "postgresql", _postgresql)


class week_start(FunctionElement):
    """The Monday of a date's week, as a date."""
    type = Date()
    inherit_cache = True
    name = "week_start"


@compiles(week_start, "sqlite")
def _week_sqlite(element, compiler, **kw):
    day = compiler.process(element.clauses, **kw)
    return f"date({day}, '-' || ((CAST(strftime('%w', {day}) AS INTEGER) + 6) % 7) || ' days')"


@compiles(week_start, "postgresql")
def _week_postgresql(element, compiler, **kw):
    return f"CAST(date_trunc('week', {compiler.process(element.clauses, **kw)}) AS DATE)"
