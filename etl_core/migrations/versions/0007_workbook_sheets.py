"""a source per workbook sheet: unique (content_hash, file_name, sheet)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 02:20:00.000000

Each sheet of a workbook may be its own source, so one upload is one source per sheet.
Workbook sources stored before this revision take their sheet from their reader options.
"""

import json

from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('datasource', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sheet', sa.String(length=200), nullable=False, server_default=''))
    connection = op.get_bind()
    for source_id, options in connection.execute(sa.text("SELECT id, options FROM datasource WHERE format = 'excel'")).all():
        options = json.loads(options) if isinstance(options, str) else options or {}
        if options.get('sheet'):
            connection.execute(sa.text("UPDATE datasource SET sheet = :s WHERE id = :i"),
                               {"s": options['sheet'], "i": source_id})
    with op.batch_alter_table('datasource', schema=None) as batch_op:
        batch_op.drop_index('ux_datasource_upload')
        batch_op.create_index('ux_datasource_upload', ['content_hash', 'file_name', 'sheet'], unique=True)


def downgrade() -> None:
    with op.batch_alter_table('datasource', schema=None) as batch_op:
        batch_op.drop_index('ux_datasource_upload')
        batch_op.create_index('ux_datasource_upload', ['content_hash', 'file_name'], unique=True)
        batch_op.drop_column('sheet')
