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


class InvalidFields(Invalid):
    """Several fields broke their rules at once: every one is kept, so a form or an import row
    hears of them all. Where one Invalid is expected it reads as the first (field, message)."""

    def __init__(self, faults: list[Invalid]):
        self.faults = [fault for refusal in faults
                       for fault in (refusal.faults if isinstance(refusal, InvalidFields)
                                     else [refusal])]
        super().__init__(self.faults[0].field, self.faults[0].message)

    def __str__(self) -> str:
        return "; ".join(str(fault) for fault in self.faults)


class Forbidden(Refused):
    """The acting user's role may not do this."""


class Stale(Refused):
    """Someone else saved the record after it was read: the save is refused, nothing is lost."""
