"""one running run per pipeline: a unique index on pipeline_name where status is running

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 01:10:00.000000

Runs that overlapped before this revision may leave several 'running' rows for one
pipeline: all but the newest become 'interrupted' (a later start checks the newest).
"""

from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

RUNNING = sa.text("status = 'running'")


def upgrade() -> None:
    op.execute(sa.text(
        "UPDATE pipelinerun SET status = 'interrupted', "
        "error = 'Another run of the same pipeline was running at the same time.' "
        "WHERE status = 'running' AND id < (SELECT MAX(newer.id) FROM pipelinerun AS newer "
        "WHERE newer.pipeline_name = pipelinerun.pipeline_name AND newer.status = 'running')"))
    op.create_index('ux_pipelinerun_running', 'pipelinerun', ['pipeline_name'], unique=True,
                    sqlite_where=RUNNING, postgresql_where=RUNNING)


def downgrade() -> None:
    op.drop_index('ux_pipelinerun_running', table_name='pipelinerun')
