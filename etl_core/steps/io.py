"""The output step: write the table at this point to a file under data/outputs, or to a database table."""

from __future__ import annotations

import re
from pathlib import Path, PurePath
from typing import Literal

from pydantic import Field, model_validator

from etl_core.errors import OutputError
from etl_core.steps.base import Step

MAX_NAME_BYTES = 200  # file systems allow 255, and the temporary name adds a suffix
FILE_FORMATS = {"parquet": ".parquet", "csv": ".csv", "excel": ".xlsx", "json": ".json"}


class Output(Step):
    """Write the table as it is at this step: a Parquet, CSV, Excel or JSON file under
    data/outputs (path is a file name there), or a database table (url, table) replaced or appended.
    A database url names the database without its password (the owner configures that).
    A pipeline may have several outputs."""

    type: Literal["output"] = "output"
    format: Literal["parquet", "csv", "excel", "json", "table"] = "parquet"
    path: str | None = Field(default=None, max_length=300)
    url: str | None = None
    table: str | None = None
    mode: Literal["replace", "append"] = "replace"

    @model_validator(mode="after")
    def _target(self):
        if self.format == "table":
            if not self.url or not self.table:
                raise ValueError("a table output needs url and table")
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,62}", self.table):
                raise ValueError("the table name may use letters, digits and _ only")
            from etl_core.database_access import carries_secret, masked, without_secrets

            if carries_secret(self.url):  # a spec is stored, exported and shown: it never holds a password
                raise ValueError(f"the url '{masked(self.url)}' holds a password; write it without one, as "
                                 f"'{without_secrets(self.url)}': the owner lists the database with its password "
                                 "in SLUICE_OUTPUT_DATABASES, and that is the password used")
        elif not self.path:
            raise ValueError("a file output needs a path (a file name under data/outputs)")
        elif self.mode == "append":
            raise ValueError("append is for database tables; files are replaced")
        return self

    def target(self, outputs_dir: Path) -> Path:
        """The file to write, which must stay inside the outputs directory."""
        if "\x00" in (self.path or "") or any(len(part.encode()) > MAX_NAME_BYTES for part in PurePath(self.path or "").parts):
            raise OutputError("The output's file name is too long or holds a character a file name cannot.",
                              hint=f"Give a plain name under {MAX_NAME_BYTES} bytes, such as monthly_sales.parquet.")
        relative = PurePath(self.path or "")
        if relative.is_absolute() or ".." in relative.parts or not relative.name:
            raise OutputError(f"'{self.path}' is outside the outputs folder.",
                              hint="Give a file name such as monthly_sales.parquet (sub-folders allowed).")
        target = (outputs_dir / relative).resolve()
        if outputs_dir.resolve() not in target.parents:
            raise OutputError(f"'{self.path}' is outside the outputs folder.", hint="Give a plain file name.")
        if target.suffix.lower() != FILE_FORMATS[self.format]:
            target = target.with_name(target.name + FILE_FORMATS[self.format])
        return target

    def apply(self, frame, ctx):
        if self.format != "table":
            self.target(ctx.outputs_dir)
        return frame

    def sql(self, prev, schema, ctx):
        return f"SELECT * FROM {prev}"  # the engine that runs the SQL writes its own outputs

    def summary(self):
        return f"output {self.format} {self.path or self.table}"
