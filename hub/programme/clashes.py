"""What a programme session may not overlap: another session in the same space or a booking
of that space (hub/occupancy/claims.py, shared with bookings), or another session of the same
instructor. Sessions of cancelled items free their rooms and instructors, so they never clash.
"""
from __future__ import annotations

from datetime import date

from sqlmodel import Session

from db.models import ProgrammeSession
from hub.dates import clock
from hub.occupancy.claims import live_sessions


def session_of_instructor(session: Session, *, instructor_id: int, day: date, first: int,
                          last: int, other_than: int | None = None) -> str | None:
    row = session.exec(live_sessions(day, first, last, other_than)
                       .where(ProgrammeSession.instructor_id == instructor_id)).first()
    if row is None:
        return None
    title, start, end = row
    return f"“{title}” ({clock(start)}–{clock(end)})"
