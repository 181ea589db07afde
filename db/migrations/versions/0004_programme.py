"""programme: items, sessions, instructors, enrolments

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21 21:52:58.648087
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('programme_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('site_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=160), nullable=False),
    sa.Column('sector', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('format', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('price', sa.Numeric(precision=10, scale=2), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('funding', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('target_group', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
    sa.Column('starts_on', sa.Date(), nullable=True),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.CheckConstraint("format IN ('in_situ', 'online', 'hybrid')", name=op.f('ck_programme_items_format_known')),
    sa.CheckConstraint("kind IN ('course', 'workshop', 'seminar', 'meeting', 'exhibition', 'event')", name=op.f('ck_programme_items_kind_known')),
    sa.CheckConstraint("status IN ('draft', 'published', 'done', 'cancelled')", name=op.f('ck_programme_items_status_known')),
    sa.CheckConstraint('capacity >= 1', name=op.f('ck_programme_items_capacity_positive')),
    sa.CheckConstraint('price >= 0', name=op.f('ck_programme_items_price_not_negative')),
    sa.ForeignKeyConstraint(['site_id'], ['sites.id'], name=op.f('fk_programme_items_site_id_sites'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programme_items'))
    )
    with op.batch_alter_table('programme_items', schema=None) as batch_op:
        batch_op.create_index('ix_programme_items_kind_starts', ['kind', 'starts_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_programme_items_sector'), ['sector'], unique=False)
        batch_op.create_index('ix_programme_items_site_status', ['site_id', 'status'], unique=False)

    op.create_table('enrolments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('participant_name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=True),
    sa.Column('tenant_id', sa.Integer(), nullable=True),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('queued_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('cancelled_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.CheckConstraint("status IN ('enrolled', 'waitlisted', 'cancelled', 'attended')", name=op.f('ck_enrolments_status_known')),
    sa.ForeignKeyConstraint(['item_id'], ['programme_items.id'], name=op.f('fk_enrolments_item_id_programme_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_enrolments_tenant_id_tenants'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_enrolments'))
    )
    with op.batch_alter_table('enrolments', schema=None) as batch_op:
        batch_op.create_index('ix_enrolments_item_status', ['item_id', 'status', 'queued_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_enrolments_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('instructors',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=True),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=True),
    sa.Column('phone', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_instructors_tenant_id_tenants'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_instructors')),
    sa.UniqueConstraint('tenant_id', name=op.f('uq_instructors_tenant_id'))
    )
    with op.batch_alter_table('instructors', schema=None) as batch_op:
        batch_op.create_index('ix_instructors_name', ['name'], unique=False)

    op.create_table('programme_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('start_minute', sa.Integer(), nullable=False),
    sa.Column('end_minute', sa.Integer(), nullable=False),
    sa.Column('space_id', sa.Integer(), nullable=True),
    sa.Column('location', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('instructor_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.CheckConstraint('end_minute > start_minute', name=op.f('ck_programme_sessions_ends_after_start')),
    sa.CheckConstraint('start_minute >= 0 AND end_minute <= 1440', name=op.f('ck_programme_sessions_within_the_day')),
    sa.ForeignKeyConstraint(['instructor_id'], ['instructors.id'], name=op.f('fk_programme_sessions_instructor_id_instructors'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['item_id'], ['programme_items.id'], name=op.f('fk_programme_sessions_item_id_programme_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['space_id'], ['spaces.id'], name=op.f('fk_programme_sessions_space_id_spaces'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programme_sessions'))
    )
    with op.batch_alter_table('programme_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_programme_sessions_day'), ['day'], unique=False)
        batch_op.create_index('ix_programme_sessions_instructor_day', ['instructor_id', 'day'], unique=False)
        batch_op.create_index('ix_programme_sessions_item_day', ['item_id', 'day'], unique=False)
        batch_op.create_index('ix_programme_sessions_space_day', ['space_id', 'day'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('programme_sessions', schema=None) as batch_op:
        batch_op.drop_index('ix_programme_sessions_space_day')
        batch_op.drop_index('ix_programme_sessions_item_day')
        batch_op.drop_index('ix_programme_sessions_instructor_day')
        batch_op.drop_index(batch_op.f('ix_programme_sessions_day'))

    op.drop_table('programme_sessions')
    with op.batch_alter_table('instructors', schema=None) as batch_op:
        batch_op.drop_index('ix_instructors_name')

    op.drop_table('instructors')
    with op.batch_alter_table('enrolments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_enrolments_tenant_id'))
        batch_op.drop_index('ix_enrolments_item_status')

    op.drop_table('enrolments')
    with op.batch_alter_table('programme_items', schema=None) as batch_op:
        batch_op.drop_index('ix_programme_items_site_status')
        batch_op.drop_index(batch_op.f('ix_programme_items_sector'))
        batch_op.drop_index('ix_programme_items_kind_starts')

    op.drop_table('programme_items')
