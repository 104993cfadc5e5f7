"""Runs become jobs: queued until a worker takes them, with the stage they are in, a heartbeat, attempts
and cancellation; and, on PostgreSQL, the job engine's own schema (Procrastinate's, at the version
requirements/runtime.txt pins).

Procrastinate ships its schema as SQL; a later Procrastinate release that changes it comes with SQL
migration files (procrastinate/sql/migrations), which a new migration here applies the same way.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 15:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

def _columns() -> list[sa.Column]:
    return [
        sa.Column("stage", sa.String(length=32), nullable=True),
        sa.Column("queued_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("worker", sa.String(length=200), nullable=False, server_default=""),
        sa.Column("cancel_requested_at", sa.DateTime(timezone=True), nullable=True),
    ]


def upgrade() -> None:
    with op.batch_alter_table("run", schema=None) as batch_op:
        for column in _columns():
            batch_op.add_column(column)
    # A run left running by the in-process threads of earlier versions had nobody to finish it.
    op.execute("UPDATE run SET status = 'error', message = 'Interrupted by an upgrade of the service; "
               "replay it.' WHERE status = 'running'")
    if op.get_bind().dialect.name == "postgresql":
        from procrastinate.schema import SchemaManager

        with op.get_bind().connection.cursor() as cursor:  # as written: no placeholders to expand
            cursor.execute(SchemaManager.get_schema())


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("""
            DO $$ DECLARE item record; BEGIN
              FOR item IN SELECT tablename FROM pg_tables
                          WHERE schemaname = current_schema() AND tablename LIKE 'procrastinate\\_%' LOOP
                EXECUTE format('DROP TABLE %I CASCADE', item.tablename);
              END LOOP;
              FOR item IN SELECT p.oid::regprocedure AS signature FROM pg_proc p
                          JOIN pg_namespace n ON n.oid = p.pronamespace
                          WHERE n.nspname = current_schema() AND p.proname LIKE 'procrastinate\\_%' LOOP
                EXECUTE format('DROP FUNCTION %s CASCADE', item.signature);
              END LOOP;
              FOR item IN SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                          WHERE n.nspname = current_schema() AND t.typname LIKE 'procrastinate\\_%'
                            AND t.typtype IN ('e', 'c') LOOP
                EXECUTE format('DROP TYPE %I CASCADE', item.typname);
              END LOOP;
            END $$""")
    with op.batch_alter_table("run", schema=None) as batch_op:
        for column in reversed(_columns()):
            batch_op.drop_column(column.name)
