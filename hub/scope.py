"""Which sites records and figures may use: sites in use, not archived ones.

Every area asks here (tenants and the programme as well as occupancy), so it sits with the
shared vocabulary; the rules that add, edit and archive a site are in hub/sites.py.
An archived site keeps its history, but takes no new records and drops out of the figures
of every site.
"""
from __future__ import annotations

from sqlmodel import Session, select

from db.models import Site
from hub.errors import Invalid
from hub.i18n import _


def in_use(site_column, site_id: int | None):
    """A WHERE condition for figures: that site, or (None) every site not archived."""
    if site_id is not None:
        return site_column == site_id
    # Never correlated: a query that itself joins sites keeps this a list of its own.
    return site_column.in_(select(Site.id).where(Site.archived_at.is_(None)).correlate(None))


def open_site(session: Session, site_id: int | None) -> Site:
    """The site a new record goes in: it must exist and not be archived."""
    site = session.get(Site, site_id) if site_id is not None else None
    if site is None:
        raise Invalid("site", _("that site does not exist"))
    if site.archived_at is not None:
        raise Invalid("site", _("{site} is archived; restore it first").format(site=site.name))
    return site
