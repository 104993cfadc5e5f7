"""What happened: indicator observations (a goal's value for one of the partnership's periods, with the partner
that reported it) and spend actuals (what a partner spent on an intervention in a period, from which stream if
known). Each is unique for its goal or line and period; a line with no stream has its own partial unique index,
since NULLs are never equal.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 21:04:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate renders sqlmodel's string type)
from alembic import op

revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('indicator_observation',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('partnership_id', sa.Uuid(), nullable=False),
    sa.Column('period', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('period_kind', sa.String(length=16), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('goal_id', sa.Uuid(), nullable=False),
    sa.Column('partner_id', sa.Uuid(), nullable=False),
    sa.Column('value', sa.Numeric(24, 8).with_variant(sa.String(40), 'sqlite'), nullable=False),
    sa.Column('data_quality', sa.String(length=32), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.ForeignKeyConstraint(['goal_id'], ['goal.id'], name=op.f('fk_indicator_observation_goal_id_goal'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['partner_id'], ['partner.id'], name=op.f('fk_indicator_observation_partner_id_partner'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnership.id'], name=op.f('fk_indicator_observation_partnership_id_partnership'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator_observation')),
    sa.UniqueConstraint('goal_id', 'partner_id', 'period_start', 'period_end', name='uq_indicator_observation_goal_partner_period')
    )
    with op.batch_alter_table('indicator_observation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicator_observation_goal_id'), ['goal_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_indicator_observation_partner_id'), ['partner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_indicator_observation_partnership_id'), ['partnership_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_indicator_observation_period_start'), ['period_start'], unique=False)
    op.create_table('spend_actual',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('partnership_id', sa.Uuid(), nullable=False),
    sa.Column('period', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('period_kind', sa.String(length=16), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('intervention_id', sa.Uuid(), nullable=False),
    sa.Column('partner_id', sa.Uuid(), nullable=False),
    sa.Column('funding_stream_id', sa.Uuid(), nullable=True),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('data_quality', sa.String(length=32), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.ForeignKeyConstraint(['funding_stream_id'], ['funding_stream.id'], name=op.f('fk_spend_actual_funding_stream_id_funding_stream'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['intervention_id'], ['intervention.id'], name=op.f('fk_spend_actual_intervention_id_intervention'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['partner_id'], ['partner.id'], name=op.f('fk_spend_actual_partner_id_partner'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnership.id'], name=op.f('fk_spend_actual_partnership_id_partnership'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_spend_actual')),
    sa.UniqueConstraint('intervention_id', 'partner_id', 'funding_stream_id', 'period_start', 'period_end', name='uq_spend_actual_line_period')
    )
    with op.batch_alter_table('spend_actual', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_spend_actual_funding_stream_id'), ['funding_stream_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_spend_actual_intervention_id'), ['intervention_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_spend_actual_partner_id'), ['partner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_spend_actual_partnership_id'), ['partnership_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_spend_actual_period_start'), ['period_start'], unique=False)
        batch_op.create_index('uq_spend_actual_unstreamed_period', ['intervention_id', 'partner_id', 'period_start', 'period_end'], unique=True, sqlite_where=sa.text('funding_stream_id IS NULL'), postgresql_where=sa.text('funding_stream_id IS NULL'))


def downgrade() -> None:
    op.drop_table('spend_actual')
    op.drop_table('indicator_observation')
