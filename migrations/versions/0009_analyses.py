"""Analyses of runs are jobs in the run table: `kind` says which (an allocation run, or an analysis such
as a comparison of two runs), `analysed_run_id` the run an analysis belongs to, and `parameters` what it
was asked for (a seed among them, for those that sample). The queue, claims, heartbeats, cancellation and
recovery are the runs' own.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 17:50:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("run", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kind", sa.String(length=32), nullable=False, server_default="allocation"))
        batch_op.add_column(sa.Column("analysed_run_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("parameters", sa.JSON(), nullable=True))
        batch_op.create_foreign_key("fk_run_analysed_run_id_run", "run", ["analysed_run_id"], ["id"],
                                    ondelete="CASCADE")
        batch_op.create_index("ix_run_analysed_run_id", ["analysed_run_id"])
        batch_op.create_index("ix_run_kind", ["kind"])


def downgrade() -> None:
    with op.batch_alter_table("run", schema=None) as batch_op:
        batch_op.drop_index("ix_run_kind")
        batch_op.drop_index("ix_run_analysed_run_id")
        batch_op.drop_constraint("fk_run_analysed_run_id_run", type_="foreignkey")
        batch_op.drop_column("parameters")
        batch_op.drop_column("analysed_run_id")
        batch_op.drop_column("kind")
