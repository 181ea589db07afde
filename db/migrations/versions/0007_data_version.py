"""data version: one row every write moves on, so every process sees another's change

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 13:55:00.000000
"""
from datetime import UTC, datetime

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table('data_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('stamp', sa.Integer(), server_default='1', nullable=False),
    sa.Column('changed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.CheckConstraint('id = 1', name=op.f('ck_data_version_single_row')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_data_version'))
    )
    op.bulk_insert(table, [{'id': 1, 'stamp': 1, 'changed_at': datetime.now(UTC)}])


def downgrade() -> None:
    op.drop_table('data_version')
