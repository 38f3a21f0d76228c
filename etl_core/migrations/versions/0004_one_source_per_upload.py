"""one source per upload: unique (content_hash, file_name)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 00:40:00.000000

Sources added twice at once before this revision may share content and file name;
the later ones are told apart as 'name (2).csv', as a download folder would.
"""

from pathlib import PurePath

from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    connection = op.get_bind()
    rows = connection.execute(sa.text(
        "SELECT id, content_hash, file_name FROM datasource "
        "WHERE content_hash IS NOT NULL AND file_name IS NOT NULL ORDER BY id")).all()
    seen: dict[tuple[str, str], int] = {}
    for source_id, content_hash, file_name in rows:
        count = seen[(content_hash, file_name)] = seen.get((content_hash, file_name), 0) + 1
        if count > 1:
            name = PurePath(file_name)
            connection.execute(sa.text("UPDATE datasource SET file_name = :f WHERE id = :i"),
                               {"f": f"{name.stem} ({count}){name.suffix}", "i": source_id})
    with op.batch_alter_table('datasource', schema=None) as batch_op:
        batch_op.create_index('ux_datasource_upload', ['content_hash', 'file_name'], unique=True)


def downgrade() -> None:
    with op.batch_alter_table('datasource', schema=None) as batch_op:
        batch_op.drop_index('ux_datasource_upload')
