"""The calendar and revisable proposals: each partner's budget-setting date for each of its own financial
years; a proposal may revise a declined or withdrawn one (`revises_id`, at most one revision of each, which
the unique constraint holds however many clients try at once); a sign-off carries its due date.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 21:15:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate renders sqlmodel's string type)
from alembic import op

revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('budget_setting_date',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('partnership_id', sa.Uuid(), nullable=False),
    sa.Column('partner_id', sa.Uuid(), nullable=False),
    sa.Column('financial_year', sqlmodel.sql.sqltypes.AutoString(length=7), nullable=False),
    sa.Column('set_by', sa.Date(), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.ForeignKeyConstraint(['partner_id'], ['partner.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnership.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('partner_id', 'financial_year')
    )
    with op.batch_alter_table('budget_setting_date', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_budget_setting_date_partner_id'), ['partner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_budget_setting_date_partnership_id'), ['partnership_id'],
                              unique=False)

    with op.batch_alter_table('proposal', schema=None) as batch_op:
        batch_op.add_column(sa.Column('revises_id', sa.Uuid(), nullable=True))
        batch_op.create_unique_constraint('uq_proposal_revises_id', ['revises_id'])
        batch_op.create_foreign_key('fk_proposal_revises_id_proposal', 'proposal', ['revises_id'], ['id'],
                                    ondelete='SET NULL')

    with op.batch_alter_table('proposal_sign_off', schema=None) as batch_op:
        batch_op.add_column(sa.Column('due_on', sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('proposal_sign_off', schema=None) as batch_op:
        batch_op.drop_column('due_on')

    with op.batch_alter_table('proposal', schema=None) as batch_op:
        batch_op.drop_constraint('fk_proposal_revises_id_proposal', type_='foreignkey')
        batch_op.drop_constraint('uq_proposal_revises_id', type_='unique')
        batch_op.drop_column('revises_id')

    with op.batch_alter_table('budget_setting_date', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_budget_setting_date_partnership_id'))
        batch_op.drop_index(batch_op.f('ix_budget_setting_date_partner_id'))

    op.drop_table('budget_setting_date')
