"""What a rule says when it refuses. Pages and the command line show these as messages."""
from __future__ import annotations

from hub.i18n import _


class Refused(Exception):
    """A rule refused the change; nothing was written. `str()` is the sentence for a person."""


class Invalid(Refused):
    """Input that breaks a rule: names the field and the rule. `message` is already in the
    reader's language (hub/ writes it with `_()`); the field name is translated when shown."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message

    def __str__(self) -> str:
        return f"{_(self.field)}: {self.message}"


class Forbidden(Refused):
    """The acting user's role may not do this."""


class Stale(Refused):
    """Someone else saved the record after it was read: the save is refused, nothing is lost."""
