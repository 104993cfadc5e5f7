"""Register references cascade, so deleting a partnership deletes its whole register on PostgreSQL too.

The domain still refuses to delete a partner, theme or goal that something refers to; the cascade only
serves the deletion of a whole partnership, which PostgreSQL otherwise refused part-way through.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 18:30:00
"""
from collections.abc import Sequence

from alembic import op

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REFERENCES = [  # (table, column, referred table)
    ("funding_stream", "partner_id", "partner"),
    ("funding_stream_theme", "theme_id", "theme"),
    ("goal", "theme_id", "theme"),
    ("intervention", "theme_id", "theme"),
    ("intervention", "lead_partner_id", "partner"),
    ("intervention_effect", "goal_id", "goal"),
    ("proposal_sign_off", "partner_id", "partner"),
]


def _recreate(ondelete: str | None) -> None:
    for table, column, referred in REFERENCES:
        name = f"fk_{table}_{column}_{referred}"
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(name, type_="foreignkey")
            batch_op.create_foreign_key(name, referred, [column], ["id"], ondelete=ondelete)


def upgrade() -> None:
    _recreate("CASCADE")


def downgrade() -> None:
    _recreate(None)
