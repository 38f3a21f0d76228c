"""scheduler heartbeats: the last retention pass, so run history shows what was removed and when

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 08:00:00.000000

Retention's log line goes to the process's stderr, which an analyst on the app never sees; each
scheduler also keeps a line on its heartbeat saying when it last applied retention and what it removed.
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('schedulerheartbeat', schema=None) as batch_op:
        batch_op.add_column(sa.Column('retention', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('schedulerheartbeat', schema=None) as batch_op:
        batch_op.drop_column('retention')
