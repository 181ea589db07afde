"""occupancy: opening hours, leases, bookings

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 20:04:11.063784
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('bookings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('space_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=True),
    sa.Column('guest_name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
    sa.Column('purpose', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('start_minute', sa.Integer(), nullable=False),
    sa.Column('end_minute', sa.Integer(), nullable=False),
    sa.Column('places', sa.Integer(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('cancelled_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('cancelled_by', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.CheckConstraint("status IN ('booked', 'cancelled')", name=op.f('ck_bookings_status_known')),
    sa.CheckConstraint('end_minute > start_minute', name=op.f('ck_bookings_ends_after_start')),
    sa.CheckConstraint('places >= 1', name=op.f('ck_bookings_places_positive')),
    sa.CheckConstraint('start_minute >= 0 AND end_minute <= 1440', name=op.f('ck_bookings_within_the_day')),
    sa.CheckConstraint('tenant_id IS NOT NULL OR guest_name IS NOT NULL', name=op.f('ck_bookings_has_someone')),
    sa.ForeignKeyConstraint(['space_id'], ['spaces.id'], name=op.f('fk_bookings_space_id_spaces'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_bookings_tenant_id_tenants'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bookings'))
    )
    with op.batch_alter_table('bookings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bookings_day'), ['day'], unique=False)
        batch_op.create_index('ix_bookings_space_day', ['space_id', 'day'], unique=False)
        batch_op.create_index(batch_op.f('ix_bookings_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('leases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('space_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('monthly_rent', sa.Numeric(precision=10, scale=2), nullable=False),
    sa.Column('deposit', sa.Numeric(precision=10, scale=2), nullable=True),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.CheckConstraint('deposit IS NULL OR deposit >= 0', name=op.f('ck_leases_deposit_not_negative')),
    sa.CheckConstraint('ends_on IS NULL OR ends_on >= starts_on', name=op.f('ck_leases_ends_after_start')),
    sa.CheckConstraint('monthly_rent >= 0', name=op.f('ck_leases_rent_not_negative')),
    sa.ForeignKeyConstraint(['space_id'], ['spaces.id'], name=op.f('fk_leases_space_id_spaces'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_leases_tenant_id_tenants'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_leases'))
    )
    with op.batch_alter_table('leases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_leases_ends_on'), ['ends_on'], unique=False)
        batch_op.create_index('ix_leases_space_starts', ['space_id', 'starts_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_leases_tenant_id'), ['tenant_id'], unique=False)

    with op.batch_alter_table('sites', schema=None) as batch_op:
        batch_op.add_column(sa.Column('opens_at', sa.Time(), nullable=False,
                                      server_default='08:00:00'))
        batch_op.add_column(sa.Column('closes_at', sa.Time(), nullable=False,
                                      server_default='20:00:00'))
        batch_op.add_column(sa.Column('open_weekdays', sqlmodel.sql.sqltypes.AutoString(length=7),
                                      nullable=False, server_default='012345'))
        batch_op.create_check_constraint('opens_before_closing', 'opens_at < closes_at')
    if op.get_bind().dialect.name == 'postgresql':
        # The database itself refuses two overlapping leases of one space (days inclusive).
        op.execute('CREATE EXTENSION IF NOT EXISTS btree_gist')
        op.execute("ALTER TABLE leases ADD CONSTRAINT ex_leases_no_overlap EXCLUDE USING gist "
                   "(space_id WITH =, daterange(starts_on, ends_on, '[]') WITH &&)")



def downgrade() -> None:
    with op.batch_alter_table('sites', schema=None) as batch_op:
        batch_op.drop_constraint('ck_sites_opens_before_closing', type_='check')
        batch_op.drop_column('open_weekdays')
        batch_op.drop_column('closes_at')
        batch_op.drop_column('opens_at')

    with op.batch_alter_table('leases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_leases_tenant_id'))
        batch_op.drop_index('ix_leases_space_starts')
        batch_op.drop_index(batch_op.f('ix_leases_ends_on'))

    op.drop_table('leases')
    with op.batch_alter_table('bookings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bookings_tenant_id'))
        batch_op.drop_index('ix_bookings_space_day')
        batch_op.drop_index(batch_op.f('ix_bookings_day'))

    op.drop_table('bookings')
