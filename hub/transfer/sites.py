"""Sites named by their code in import files (every kind but partners names one)."""
from __future__ import annotations

from sqlmodel import Session, select

from db.models import Site
from hub.errors import Invalid
from hub.transfer.kind import Lookup
from hub.transfer.values import required


def site_codes(session: Session) -> dict[int, str]:
    return dict(session.exec(select(Site.id, Site.code)).all())


def site_id(session: Session, lookup: Lookup, value: str | None) -> int:
    codes = lookup.cache.get("sites")
    if codes is None:
        codes = lookup.cache["sites"] = {code.lower(): id_ for id_, code
                                         in site_codes(session).items()}
    code = required(value, "site")
    if code.lower() not in codes:
        known = ", ".join(sorted(code.upper() for code in codes)[:10])
        raise Invalid("site", f"there is no site with code '{code}' (known: {known})")
    return codes[code.lower()]
