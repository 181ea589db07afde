"""What one kind of import/export is: its columns, natural key, and how a row is read."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlmodel import Session

from db.models import User


@dataclass
class Lookup:
    """Per-import memory: natural keys to ids, so 10,000 rows do not mean 10,000 searches.
    `cache` is for the kind's own maps; `seen` maps a row's key to the line that had it."""
    cache: dict = field(default_factory=dict)
    seen: dict = field(default_factory=dict)


# import_row(session, actor, values, lookup) -> "created" | "updated" | "unchanged"
ImportRow = Callable[[Session, User, dict, Lookup], str]


@dataclass(frozen=True)
class Kind:
    name: str                          # spaces, tenants, ... (the CLI word)
    title: str
    columns: tuple[str, ...]           # what export writes and import reads, in this order
    required: tuple[str, ...]          # columns an import file must have
    key: tuple[str, ...]               # the natural key: a row matching it updates that record
    example: tuple[str, ...]           # one template row, as a person would fill it
    export_rows: Callable[[Session], Iterable[list]]
    import_row: ImportRow | None                     # None: exported only (invoices)
    available: Callable[[], bool] = lambda: True   # False while its hub functions are missing
    notes: str = ""
    row_key: Callable[[dict], tuple] | None = None  # when the key is more than its columns

    @property
    def imports(self) -> bool:
        return self.import_row is not None

    def key_of(self, values: dict) -> tuple | None:
        """The row's natural key, or None when repeated rows are allowed."""
        if self.row_key is not None:
            return self.row_key(values)
        return tuple((values.get(column) or "").strip().lower() for column in self.key)
