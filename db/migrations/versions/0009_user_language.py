"""user language: what the screens speak to each user (it or en)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 17:40:00.000000
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sqlmodel.sql.sqltypes.AutoString(length=2),
                                      server_default='en', nullable=False))
        batch_op.create_check_constraint(op.f('ck_users_language_known'), "language IN ('en', 'it')")


def downgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_users_language_known'), type_='check')
        batch_op.drop_column('language')
