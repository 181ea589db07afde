"""Sites named by their code in import files (every kind but partners names one)."""
from __future__ import annotations

from sqlmodel import Session, select

from db.models import Site
from hub.admin.transfer.kind import Lookup
from hub.admin.transfer.values import required
from hub.errors import Invalid


def site_codes(session: Session) -> dict[int, str]:
    return dict(session.exec(select(Site.id, Site.code)).all())


def site_id(session: Session, lookup: Lookup, value: str | None) -> int:
    codes = lookup.cache.get("sites")
    if codes is None:
        # The Site rows are kept referenced, so the rules' session.get(Site, id) finds them
        # in the identity map instead of asking the database once per imported row.
        lookup.cache["site_rows"] = list(session.exec(select(Site)))
        codes = lookup.cache["sites"] = {site.code.lower(): site.id
                                         for site in lookup.cache["site_rows"]}
    code = required(value, "site")
    if code.lower() not in codes:
        known = ", ".join(sorted(code.upper() for code in codes)[:10])
        raise Invalid("site", f"there is no site with code '{code}' (known: {known})")
    return codes[code.lower()]
