"""building: maintenance issues, works periods and the spaces they close; a site's yearly
building budget

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 14:05:00.000000
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('building_issues',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('site_id', sa.Integer(), nullable=False),
    sa.Column('space_id', sa.Integer(), nullable=True),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=160), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=True),
    sa.Column('priority', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('reported_by', sa.Integer(), nullable=True),
    sa.Column('reported_on', sa.Date(), nullable=False),
    sa.Column('contractor', sqlmodel.sql.sqltypes.AutoString(length=160), nullable=True),
    sa.Column('cost_estimate', sa.Numeric(precision=10, scale=2), nullable=True),
    sa.Column('final_cost', sa.Numeric(precision=10, scale=2), nullable=True),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=True),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.CheckConstraint("priority IN ('low', 'normal', 'high', 'urgent')", name=op.f('ck_building_issues_priority_known')),
    sa.CheckConstraint("status IN ('reported', 'planned', 'in_progress', 'done', 'dropped')", name=op.f('ck_building_issues_status_known')),
    sa.CheckConstraint('cost_estimate IS NULL OR cost_estimate >= 0', name=op.f('ck_building_issues_estimate_not_negative')),
    sa.CheckConstraint('final_cost IS NULL OR final_cost >= 0', name=op.f('ck_building_issues_cost_not_negative')),
    sa.ForeignKeyConstraint(['reported_by'], ['users.id'], name=op.f('fk_building_issues_reported_by_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['site_id'], ['sites.id'], name=op.f('fk_building_issues_site_id_sites'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['space_id'], ['spaces.id'], name=op.f('fk_building_issues_space_id_spaces'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_building_issues'))
    )
    with op.batch_alter_table('building_issues', schema=None) as batch_op:
        batch_op.create_index('ix_building_issues_site_status', ['site_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_building_issues_space_id'), ['space_id'], unique=False)

    op.create_table('works_periods',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('site_id', sa.Integer(), nullable=False),
    sa.Column('issue_id', sa.Integer(), nullable=True),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=160), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=True),
    sa.Column('cancelled_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('cancelled_by', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.CheckConstraint('ends_on >= starts_on', name=op.f('ck_works_periods_ends_after_start')),
    sa.ForeignKeyConstraint(['issue_id'], ['building_issues.id'], name=op.f('fk_works_periods_issue_id_building_issues'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['site_id'], ['sites.id'], name=op.f('fk_works_periods_site_id_sites'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_works_periods'))
    )
    with op.batch_alter_table('works_periods', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_works_periods_issue_id'), ['issue_id'], unique=False)
        batch_op.create_index('ix_works_periods_site_days', ['site_id', 'starts_on', 'ends_on'], unique=False)

    op.create_table('works_spaces',
    sa.Column('works_id', sa.Integer(), nullable=False),
    sa.Column('space_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['space_id'], ['spaces.id'], name=op.f('fk_works_spaces_space_id_spaces'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['works_id'], ['works_periods.id'], name=op.f('fk_works_spaces_works_id_works_periods'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('works_id', 'space_id', name=op.f('pk_works_spaces'))
    )
    with op.batch_alter_table('works_spaces', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_works_spaces_space_id'), ['space_id'], unique=False)

    with op.batch_alter_table('sites', schema=None) as batch_op:
        batch_op.add_column(sa.Column('building_budget', sa.Numeric(precision=10, scale=2), nullable=True))
        batch_op.create_check_constraint('budget_not_negative', 'building_budget IS NULL OR building_budget >= 0')


def downgrade() -> None:
    with op.batch_alter_table('sites', schema=None) as batch_op:
        batch_op.drop_constraint('ck_sites_budget_not_negative', type_='check')
        batch_op.drop_column('building_budget')
    with op.batch_alter_table('works_spaces', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_works_spaces_space_id'))
    op.drop_table('works_spaces')
    with op.batch_alter_table('works_periods', schema=None) as batch_op:
        batch_op.drop_index('ix_works_periods_site_days')
        batch_op.drop_index(batch_op.f('ix_works_periods_issue_id'))
    op.drop_table('works_periods')
    with op.batch_alter_table('building_issues', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_building_issues_space_id'))
        batch_op.drop_index('ix_building_issues_site_status')
    op.drop_table('building_issues')
