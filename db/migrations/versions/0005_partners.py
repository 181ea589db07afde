"""partners: organisations, contacts, interactions, links

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-21 21:53:00.134666
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('partners',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=160), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
    sa.Column('country', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('region', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('city', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True),
    sa.Column('website', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('since', sa.Date(), nullable=True),
    sa.Column('tags', sqlmodel.sql.sqltypes.AutoString(length=400), nullable=False),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.CheckConstraint("kind IN ('institution', 'trade_association', 'b2b_buyer', 'gallery_retailer', 'school_academy', 'eu_project_partner', 'media', 'supplier')", name=op.f('ck_partners_kind_known')),
    sa.CheckConstraint("region IN ('Tuscany', 'rest of Italy', 'rest of Europe', 'China', 'USA', 'rest of world')", name=op.f('ck_partners_region_known')),
    sa.CheckConstraint("status IN ('prospect', 'active', 'dormant')", name=op.f('ck_partners_status_known')),
    sa.CheckConstraint('length(country) = 2 AND country = upper(country)', name=op.f('ck_partners_country_iso_code')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partners'))
    )
    with op.batch_alter_table('partners', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partners_country'), ['country'], unique=False)
        batch_op.create_index(batch_op.f('ix_partners_name'), ['name'], unique=False)
        batch_op.create_index('ix_partners_region_kind', ['region', 'kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_partners_status'), ['status'], unique=False)

    op.create_table('interactions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('summary', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('follow_up_on', sa.Date(), nullable=True),
    sa.Column('follow_up_done_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('follow_up_done_by', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.CheckConstraint("kind IN ('meeting', 'call', 'email', 'trade_fair', 'visit', 'mou_signed', 'joint_project')", name=op.f('ck_interactions_kind_known')),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_interactions_owner_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['partner_id'], ['partners.id'], name=op.f('fk_interactions_partner_id_partners'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_interactions'))
    )
    with op.batch_alter_table('interactions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_interactions_day'), ['day'], unique=False)
        batch_op.create_index('ix_interactions_follow_up', ['follow_up_done_at', 'follow_up_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_interactions_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index('ix_interactions_partner_day', ['partner_id', 'day'], unique=False)

    op.create_table('partner_contacts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=True),
    sa.Column('phone', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.Column('language', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.ForeignKeyConstraint(['partner_id'], ['partners.id'], name=op.f('fk_partner_contacts_partner_id_partners'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partner_contacts'))
    )
    with op.batch_alter_table('partner_contacts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partner_contacts_partner_id'), ['partner_id'], unique=False)

    op.create_table('partner_item_links',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.CheckConstraint("role IN ('co_organiser', 'funder', 'venue', 'sponsor', 'media_partner')", name=op.f('ck_partner_item_links_role_known')),
    sa.ForeignKeyConstraint(['item_id'], ['programme_items.id'], name=op.f('fk_partner_item_links_item_id_programme_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['partner_id'], ['partners.id'], name=op.f('fk_partner_item_links_partner_id_partners'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partner_item_links')),
    sa.UniqueConstraint('partner_id', 'item_id', 'role', name='uq_partner_item_links_role')
    )
    with op.batch_alter_table('partner_item_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partner_item_links_item_id'), ['item_id'], unique=False)

    op.create_table('partner_tenant_links',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=True),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.CheckConstraint("kind IN ('sells_work', 'sends_trainees', 'supplies', 'commissions', 'mentors', 'exhibits', 'other')", name=op.f('ck_partner_tenant_links_kind_known')),
    sa.CheckConstraint('ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on', name=op.f('ck_partner_tenant_links_ends_after_start')),
    sa.ForeignKeyConstraint(['partner_id'], ['partners.id'], name=op.f('fk_partner_tenant_links_partner_id_partners'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_partner_tenant_links_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partner_tenant_links')),
    sa.UniqueConstraint('partner_id', 'tenant_id', 'kind', name='uq_partner_tenant_links_kind')
    )
    with op.batch_alter_table('partner_tenant_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partner_tenant_links_tenant_id'), ['tenant_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('partner_tenant_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partner_tenant_links_tenant_id'))

    op.drop_table('partner_tenant_links')
    with op.batch_alter_table('partner_item_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partner_item_links_item_id'))

    op.drop_table('partner_item_links')
    with op.batch_alter_table('partner_contacts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partner_contacts_partner_id'))

    op.drop_table('partner_contacts')
    with op.batch_alter_table('interactions', schema=None) as batch_op:
        batch_op.drop_index('ix_interactions_partner_day')
        batch_op.drop_index(batch_op.f('ix_interactions_owner_id'))
        batch_op.drop_index('ix_interactions_follow_up')
        batch_op.drop_index(batch_op.f('ix_interactions_day'))

    op.drop_table('interactions')
    with op.batch_alter_table('partners', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partners_status'))
        batch_op.drop_index('ix_partners_region_kind')
        batch_op.drop_index(batch_op.f('ix_partners_name'))
        batch_op.drop_index(batch_op.f('ix_partners_country'))

    op.drop_table('partners')
