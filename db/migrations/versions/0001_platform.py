"""platform: sites, spaces, tenants, users, audit

Revision ID: 0001
Revises: 
Create Date: 2026-11-21 19:54:11.420554
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sites',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('city', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('country', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('total_area_m2', sa.Float(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.CheckConstraint('length(country) = 2 AND country = upper(country)', name=op.f('ck_sites_country_iso_code')),
    sa.CheckConstraint('total_area_m2 >= 0', name=op.f('ck_sites_area_not_negative')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sites')),
    sa.UniqueConstraint('code', name=op.f('uq_sites_code')),
    sa.UniqueConstraint('name', name=op.f('uq_sites_name'))
    )
    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.Column('password_hash', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('failed_logins', sa.Integer(), nullable=False),
    sa.Column('locked_until', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('sessions_valid_after', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('last_login_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.CheckConstraint("role IN ('manager', 'communication', 'viewer')", name=op.f('ck_users_role_known')),
    sa.CheckConstraint('failed_logins >= 0', name=op.f('ck_users_failed_not_negative')),
    sa.CheckConstraint('username = lower(username)', name=op.f('ck_users_username_lowercase')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('username', name=op.f('uq_users_username'))
    )
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_users_role'), ['role'], unique=False)

    op.create_table('audit_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('username', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('action', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('entity', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('entity_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_audit_entries_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entries'))
    )
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_entries_at'), ['at'], unique=False)
        batch_op.create_index('ix_audit_entries_entity', ['entity', 'entity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_entries_user_id'), ['user_id'], unique=False)

    op.create_table('spaces',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('site_id', sa.Integer(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('floor', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
    sa.Column('area_m2', sa.Float(), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('equipment', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
    sa.Column('monthly_rent', sa.Numeric(precision=10, scale=2), nullable=True),
    sa.Column('hourly_rate', sa.Numeric(precision=10, scale=2), nullable=True),
    sa.Column('daily_rate', sa.Numeric(precision=10, scale=2), nullable=True),
    sa.Column('leasable', sa.Boolean(), nullable=False),
    sa.Column('bookable', sa.Boolean(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.CheckConstraint("kind IN ('laboratory', 'bench', 'workshop', 'conference_room', 'coffee_shop', 'shop', 'exhibition', 'office', 'storage')", name=op.f('ck_spaces_kind_known')),
    sa.CheckConstraint('area_m2 >= 0', name=op.f('ck_spaces_area_not_negative')),
    sa.CheckConstraint('capacity >= 1', name=op.f('ck_spaces_capacity_positive')),
    sa.CheckConstraint('daily_rate IS NULL OR daily_rate >= 0', name=op.f('ck_spaces_daily_not_negative')),
    sa.CheckConstraint('hourly_rate IS NULL OR hourly_rate >= 0', name=op.f('ck_spaces_hourly_not_negative')),
    sa.CheckConstraint('monthly_rent IS NULL OR monthly_rent >= 0', name=op.f('ck_spaces_rent_not_negative')),
    sa.ForeignKeyConstraint(['site_id'], ['sites.id'], name=op.f('fk_spaces_site_id_sites'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_spaces')),
    sa.UniqueConstraint('site_id', 'code', name='uq_spaces_site_code')
    )
    with op.batch_alter_table('spaces', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_spaces_active'), ['active'], unique=False)
        batch_op.create_index('ix_spaces_site_kind', ['site_id', 'kind'], unique=False)

    op.create_table('tenants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('site_id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('business', sqlmodel.sql.sqltypes.AutoString(length=160), nullable=True),
    sa.Column('sector', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('origin_country', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('residency', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('joined_on', sa.Date(), nullable=False),
    sa.Column('left_on', sa.Date(), nullable=True),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=True),
    sa.Column('phone', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.Column('consent_on', sa.Date(), nullable=True),
    sa.Column('young_entrepreneur', sa.Boolean(), nullable=True),
    sa.Column('female_led', sa.Boolean(), nullable=True),
    sa.Column('startup', sa.Boolean(), nullable=True),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=True),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.CheckConstraint("residency IN ('resident', 'visiting')", name=op.f('ck_tenants_residency_known')),
    sa.CheckConstraint('consent_on IS NOT NULL OR (young_entrepreneur IS NULL AND female_led IS NULL AND startup IS NULL)', name=op.f('ck_tenants_flags_need_consent')),
    sa.CheckConstraint('left_on IS NULL OR left_on >= joined_on', name=op.f('ck_tenants_left_after_joined')),
    sa.CheckConstraint('length(origin_country) = 2 AND origin_country = upper(origin_country)', name=op.f('ck_tenants_country_iso_code')),
    sa.ForeignKeyConstraint(['site_id'], ['sites.id'], name=op.f('fk_tenants_site_id_sites'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tenants'))
    )
    with op.batch_alter_table('tenants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tenants_left_on'), ['left_on'], unique=False)
        batch_op.create_index('ix_tenants_name_business', ['name', 'business'], unique=False)
        batch_op.create_index(batch_op.f('ix_tenants_origin_country'), ['origin_country'], unique=False)
        batch_op.create_index(batch_op.f('ix_tenants_residency'), ['residency'], unique=False)
        batch_op.create_index(batch_op.f('ix_tenants_sector'), ['sector'], unique=False)
        batch_op.create_index(batch_op.f('ix_tenants_site_id'), ['site_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('tenants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tenants_site_id'))
        batch_op.drop_index(batch_op.f('ix_tenants_sector'))
        batch_op.drop_index(batch_op.f('ix_tenants_residency'))
        batch_op.drop_index(batch_op.f('ix_tenants_origin_country'))
        batch_op.drop_index('ix_tenants_name_business')
        batch_op.drop_index(batch_op.f('ix_tenants_left_on'))

    op.drop_table('tenants')
    with op.batch_alter_table('spaces', schema=None) as batch_op:
        batch_op.drop_index('ix_spaces_site_kind')
        batch_op.drop_index(batch_op.f('ix_spaces_active'))

    op.drop_table('spaces')
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_entries_user_id'))
        batch_op.drop_index('ix_audit_entries_entity')
        batch_op.drop_index(batch_op.f('ix_audit_entries_at'))

    op.drop_table('audit_entries')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_users_role'))

    op.drop_table('users')
    op.drop_table('sites')
