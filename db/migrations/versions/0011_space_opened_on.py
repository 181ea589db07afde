"""spaces: the day each was opened (occupancy counts a space from then on)

A space that the audit log shows being created gets the day of that entry — or the first
day of its history (a lease, a booking, a session) when that came earlier, as when a hub
enters its past. A space with no such entry (the demo's, or one older than the log) stays
empty: in use since before the hub's records began.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 14:00:00.000000
"""
from datetime import date, datetime

from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

FIRST_DAYS = (
    "SELECT MIN(starts_on) FROM leases WHERE space_id = :id",
    "SELECT MIN(day) FROM bookings WHERE space_id = :id",
    "SELECT MIN(day) FROM programme_sessions WHERE space_id = :id",
)


def _day(value) -> date | None:
    """A date, a datetime or their ISO text (SQLite) as a date."""
    if value is None or isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, datetime):
        return value.date()
    return date.fromisoformat(str(value)[:10])


def upgrade() -> None:
    with op.batch_alter_table('spaces', schema=None) as batch_op:
        batch_op.add_column(sa.Column('opened_on', sa.Date(), nullable=True))
    bind = op.get_bind()
    created = bind.execute(sa.text(
        "SELECT entity_id, MIN(at) FROM audit_entries WHERE entity = 'spaces' "
        "AND action = 'create' GROUP BY entity_id")).all()
    for entity_id, at in created:
        if not str(entity_id).isdigit():
            continue
        days = [_day(at)] + [_day(bind.execute(sa.text(query), {"id": int(entity_id)}).scalar())
                             for query in FIRST_DAYS]
        bind.execute(sa.text("UPDATE spaces SET opened_on = :day WHERE id = :id"),
                     {"day": min(day for day in days if day is not None),
                      "id": int(entity_id)})


def downgrade() -> None:
    with op.batch_alter_table('spaces', schema=None) as batch_op:
        batch_op.drop_column('opened_on')
