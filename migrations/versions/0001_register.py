"""The register: partnerships, partners, themes, funding streams, goals, interventions.

Revision ID: 0001
Revises: 
Create Date: 2026-11-29 16:43:29.547917
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate renders sqlmodel's string type)
from alembic import op

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('partnership',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('area_code', sqlmodel.sql.sqltypes.AutoString(length=9), nullable=False),
    sa.Column('financial_year_start_month', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('partner',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('partnership_id', sa.Uuid(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('sector', sa.String(length=32), nullable=False),
    sa.Column('financial_year_start_month', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnership.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('partnership_id', 'name')
    )
    with op.batch_alter_table('partner', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partner_partnership_id'), ['partnership_id'], unique=False)

    op.create_table('theme',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('partnership_id', sa.Uuid(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnership.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('partnership_id', 'name')
    )
    with op.batch_alter_table('theme', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_theme_partnership_id'), ['partnership_id'], unique=False)

    op.create_table('funding_stream',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('partnership_id', sa.Uuid(), nullable=False),
    sa.Column('partner_id', sa.Uuid(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('financial_year', sqlmodel.sql.sqltypes.AutoString(length=7), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('arrangement', sa.String(length=32), nullable=False),
    sa.Column('least_contribution', sa.BigInteger(), nullable=False),
    sa.Column('most_contribution', sa.BigInteger(), nullable=False),
    sa.Column('data_quality', sa.String(length=32), nullable=False),
    sa.Column('source_note', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.CheckConstraint('least_contribution <= most_contribution', name='least_within_most'),
    sa.CheckConstraint('least_contribution >= 0', name='least_not_negative'),
    sa.CheckConstraint('most_contribution <= amount', name='most_within_amount'),
    sa.ForeignKeyConstraint(['partner_id'], ['partner.id']),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnership.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('funding_stream', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_funding_stream_financial_year'), ['financial_year'], unique=False)
        batch_op.create_index(batch_op.f('ix_funding_stream_partner_id'), ['partner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_funding_stream_partnership_id'), ['partnership_id'], unique=False)

    op.create_table('goal',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('partnership_id', sa.Uuid(), nullable=False),
    sa.Column('theme_id', sa.Uuid(), nullable=False),
    sa.Column('indicator_code', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('unit', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('polarity', sa.String(length=32), nullable=False),
    sa.Column('baseline_value', sa.Numeric(24, 8).with_variant(sa.String(40), 'sqlite'), nullable=False),
    sa.Column('baseline_year', sqlmodel.sql.sqltypes.AutoString(length=7), nullable=False),
    sa.Column('target_value', sa.Numeric(24, 8).with_variant(sa.String(40), 'sqlite'), nullable=False),
    sa.Column('target_year', sqlmodel.sql.sqltypes.AutoString(length=7), nullable=False),
    sa.Column('weight', sa.Numeric(24, 8).with_variant(sa.String(40), 'sqlite'), nullable=False),
    sa.Column('is_laa_target', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnership.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['theme_id'], ['theme.id']),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('goal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_goal_partnership_id'), ['partnership_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_goal_theme_id'), ['theme_id'], unique=False)

    op.create_table('intervention',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('partnership_id', sa.Uuid(), nullable=False),
    sa.Column('theme_id', sa.Uuid(), nullable=False),
    sa.Column('lead_partner_id', sa.Uuid(), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('min_viable_funding', sa.BigInteger(), nullable=False),
    sa.Column('capacity', sa.BigInteger(), nullable=False),
    sa.Column('committed_funding', sa.BigInteger(), nullable=False),
    sa.CheckConstraint('committed_funding <= capacity', name='committed_within_capacity'),
    sa.CheckConstraint('min_viable_funding <= capacity', name='min_viable_within_capacity'),
    sa.ForeignKeyConstraint(['lead_partner_id'], ['partner.id']),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnership.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['theme_id'], ['theme.id']),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('intervention', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_intervention_lead_partner_id'), ['lead_partner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_intervention_partnership_id'), ['partnership_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_intervention_theme_id'), ['theme_id'], unique=False)

    op.create_table('funding_stream_theme',
    sa.Column('funding_stream_id', sa.Uuid(), nullable=False),
    sa.Column('theme_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['funding_stream_id'], ['funding_stream.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['theme_id'], ['theme.id']),
    sa.PrimaryKeyConstraint('funding_stream_id', 'theme_id')
    )
    with op.batch_alter_table('funding_stream_theme', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_funding_stream_theme_theme_id'), ['theme_id'], unique=False)

    op.create_table('intervention_effect',
    sa.Column('goal_id', sa.Uuid(), nullable=False),
    sa.Column('per_thousand', sa.Numeric(24, 8).with_variant(sa.String(40), 'sqlite'), nullable=False),
    sa.Column('low', sa.Numeric(24, 8).with_variant(sa.String(40), 'sqlite'), nullable=True),
    sa.Column('high', sa.Numeric(24, 8).with_variant(sa.String(40), 'sqlite'), nullable=True),
    sa.Column('evidence_note', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('intervention_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['goal_id'], ['goal.id']),
    sa.ForeignKeyConstraint(['intervention_id'], ['intervention.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('goal_id', 'intervention_id')
    )
    op.create_table('intervention_tranche',
    sa.Column('width', sa.BigInteger(), nullable=False),
    sa.Column('multiplier', sa.Numeric(24, 8).with_variant(sa.String(40), 'sqlite'), nullable=False),
    sa.Column('intervention_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['intervention_id'], ['intervention.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('intervention_id', 'position')
    )


def downgrade() -> None:
    op.drop_table('intervention_tranche')
    op.drop_table('intervention_effect')
    with op.batch_alter_table('funding_stream_theme', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_funding_stream_theme_theme_id'))

    op.drop_table('funding_stream_theme')
    with op.batch_alter_table('intervention', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_intervention_theme_id'))
        batch_op.drop_index(batch_op.f('ix_intervention_partnership_id'))
        batch_op.drop_index(batch_op.f('ix_intervention_lead_partner_id'))

    op.drop_table('intervention')
    with op.batch_alter_table('goal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_goal_theme_id'))
        batch_op.drop_index(batch_op.f('ix_goal_partnership_id'))

    op.drop_table('goal')
    with op.batch_alter_table('funding_stream', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_funding_stream_partnership_id'))
        batch_op.drop_index(batch_op.f('ix_funding_stream_partner_id'))
        batch_op.drop_index(batch_op.f('ix_funding_stream_financial_year'))

    op.drop_table('funding_stream')
    with op.batch_alter_table('theme', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_theme_partnership_id'))

    op.drop_table('theme')
    with op.batch_alter_table('partner', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partner_partnership_id'))

    op.drop_table('partner')
    op.drop_table('partnership')
