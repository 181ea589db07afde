"""Demo and scale data for the programme: courses, seminars and events since 2016, their
sessions, instructors and enrolments. (To be filled by the Courses issue.)"""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlmodel import Session

from db.models import Site

if TYPE_CHECKING:
    from db.seed_scale import ScaleRun


def seed_programme_demo(session: Session, sites: dict[str, Site], today: date) -> dict[str, int]:
    """Write the demo programme of the two hubs (keyed by site code); return rows per table."""
    return {}


def scale_programme(run: ScaleRun) -> int:
    """Write the programme of each copy in `run.sites`; return the rows added."""
    return 0
