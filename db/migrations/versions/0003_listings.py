"""tenants: public listings

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 21:52:57.220352
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('tenant_listings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('bio', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('website', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
    sa.Column('instagram', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=True),
    sa.Column('keywords', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('photo_url', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.Column('published', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_tenant_listings_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tenant_listings')),
    sa.UniqueConstraint('tenant_id', name=op.f('uq_tenant_listings_tenant_id'))
    )
    with op.batch_alter_table('tenant_listings', schema=None) as batch_op:
        batch_op.create_index('ix_tenant_listings_published', ['published', 'updated_at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('tenant_listings', schema=None) as batch_op:
        batch_op.drop_index('ix_tenant_listings_published')

    op.drop_table('tenant_listings')
