"""An index on intervention_effect.intervention_id: the primary key starts with the goal, so reading an
intervention's effects (and listing interventions, and freezing a register) scanned the whole table,
every other partnership's effects included.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 16:20:00
"""
from collections.abc import Sequence

from alembic import op

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_intervention_effect_intervention_id", "intervention_effect", ["intervention_id"])


def downgrade() -> None:
    op.drop_index("ix_intervention_effect_intervention_id", table_name="intervention_effect")
