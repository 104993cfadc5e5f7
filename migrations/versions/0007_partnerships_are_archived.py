"""Partnerships are archived, never deleted: when and by whom.

The register's cascades (the partnership's foreign keys, migration 0005's) stay: nothing deletes a
partnership now, and a purge after a retention period would need them.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 10:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("partnership", schema=None) as batch_op:
        batch_op.add_column(sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("archived_by", sa.String(length=200), nullable=True))


def downgrade() -> None:
    # Not in batch mode: on SQLite that copies the table and drops the original, and dropping a table the
    # register refers to with ON DELETE CASCADE would empty the register. SQLite drops columns itself.
    op.drop_column("partnership", "archived_by")
    op.drop_column("partnership", "archived_at")
