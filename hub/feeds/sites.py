"""The site a public feed names: by its code, in any case, and only while it is in use."""
from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, select

from db.models import Site


def feed_site(session: Session, *, code: str) -> Site | None:
    """The site whose code is `code` (case aside); None for an unknown or archived site."""
    if not code or len(code) > 12:
        return None
    return session.exec(select(Site).where(func.upper(Site.code) == code.upper(),
                                           Site.archived_at.is_(None))).first()

