"""Demo and scale data for the partner network: institutions, associations, INNOCRAFTS
cities, buyers and galleries abroad; their contacts, interactions and links.
(To be filled by the Partners issue.)"""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlmodel import Session

from db.models import Site

if TYPE_CHECKING:
    from db.seed_scale import ScaleRun


def seed_partners_demo(session: Session, sites: dict[str, Site], today: date) -> dict[str, int]:
    """Write the demo network (linked to demo tenants and programme items); rows per table."""
    return {}


def scale_partners(run: ScaleRun) -> int:
    """Write the partners of each copy in `run.sites`; return the rows added."""
    return 0
