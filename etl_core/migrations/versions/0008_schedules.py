"""schedules: the firing claim, scheduler heartbeats, a run's scheduled time and cancel request

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 02:20:00.000000

A schedule itself stays in pipeline.schedule (JSON). Each firing is claimed by inserting
a row whose (pipeline_name, scheduled_for) is unique, so of several schedulers on one
database exactly one runs it.
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('scheduledfiring',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pipeline_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('scheduled_for', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('claimed_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('claimed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('outcome', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('finished_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('pipeline_name', 'scheduled_for', name='ux_firing_once'),
    )
    op.create_table('schedulerheartbeat',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('runner', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('started_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('beat_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('schedules', sa.Integer(), nullable=False),
    sa.Column('state', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('runner'),
    )
    with op.batch_alter_table('pipelinerun', schema=None) as batch_op:
        batch_op.add_column(sa.Column('scheduled_for', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('cancel_requested', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.create_index('ix_pipelinerun_scheduled_for', ['scheduled_for'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('pipelinerun', schema=None) as batch_op:
        batch_op.drop_index('ix_pipelinerun_scheduled_for')
        batch_op.drop_column('cancel_requested')
        batch_op.drop_column('scheduled_for')
    op.drop_table('schedulerheartbeat')
    op.drop_table('scheduledfiring')
