"""Reader options: what was detected, and what the analyst chose instead."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Format = Literal["csv", "tsv", "excel", "json", "parquet"]

EXTENSIONS: dict[str, Format] = {
    ".csv": "csv", ".txt": "csv", ".tsv": "tsv", ".tab": "tsv",
    ".xlsx": "excel", ".xlsm": "excel", ".xls": "excel", ".xlsb": "excel", ".ods": "excel",
    ".json": "json", ".ndjson": "json", ".jsonl": "json",
    ".parquet": "parquet", ".pq": "parquet",
}
ENCODINGS = ["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"]
DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}


class ReadOptions(BaseModel):
    """How to read one file. ``None`` means 'detect it'; a loaded source stores the resolved values."""

    model_config = ConfigDict(extra="forbid")

    format: Format | None = None
    delimiter: str | None = Field(default=None, max_length=1)
    encoding: str | None = None
    has_header: bool | None = None
    header_row: int | None = Field(default=None, ge=0)  # rows above the header to skip
    decimal_comma: bool | None = None
    allow_ragged: bool = False  # drop extra fields instead of failing
    sheet: str | None = None
    records_path: str | None = None  # JSON: the key that holds the records
    # text columns read as numbers: column -> "us" (1,234.50) or "eu" (1.234,50)
    number_columns: dict[str, Literal["us", "eu"]] = Field(default_factory=dict)
    date_formats: dict[str, str] = Field(default_factory=dict)  # column -> strftime format
    text_columns: list[str] = Field(default_factory=list)  # never parse as dates or numbers

    def merged(self, **changes: object) -> ReadOptions:
        return self.model_validate({**self.model_dump(), **changes})


@dataclass(frozen=True)
class ReadLimits:
    """How large an input the readers accept (Settings.read_limits holds the configured ones). Each refused a
    file that took gigabytes: 100,000 CSV or JSON columns (3 to 3.9 GB), JSON 800 levels deep (6.7 GB), a
    6 MB workbook unpacking to 1.5 GB (6.8 GB)."""

    max_columns: int = 5_000
    max_json_depth: int = 64
    max_workbook_bytes: int = 1_000 * 1024 * 1024  # a workbook is a zip: what it holds once unpacked
    max_workbook_ratio: int = 200  # ordinary workbooks unpack to 5-20 times their size; a bomb to thousands

DEFAULT_LIMITS = ReadLimits()
