"""CSV and TSV: sniff encoding, delimiter, header and decimal comma, then scan lazily."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import polars as pl

from etl_core.errors import EmptyFileError
from etl_core.loaders.columns import unique_names
from etl_core.loaders.options import ReadOptions
from etl_core.loaders.text import (
    SAMPLE_BYTES,
    check_not_binary,
    decode,
    detect_encoding,
    sample_rows,
    sniff_decimal_comma,
    sniff_delimiter,
    sniff_header,
)

# Types are inferred from the first rows (a value later on that does not fit makes the
# loader read again with every row). Polars' own date parsing is left off: with a long
# inference window it made a 1M-row read 16x slower, and our inference finds dates.
INFERENCE_ROWS = 10_000
BACKSLASH_QUOTE = re.compile(r'(?<!\\)\\"(?=[^,\n]|"|$)')


Scan = Callable[[int | None], pl.LazyFrame]


def read_csv(path: Path, options: ReadOptions, file_name: str) -> tuple[Scan, ReadOptions, list[str]]:
    """A scan builder (given how many rows to infer types from), the resolved options, notes."""
    with path.open("rb") as handle:
        head = handle.read(SAMPLE_BYTES)
    if not head.strip():
        raise EmptyFileError(f"'{file_name}' is empty.", hint="Export the data again and upload the new file.")
    encoding = options.encoding or detect_encoding(head)
    check_not_binary(head, file_name, encoding)
    source: Path | bytes = path
    if encoding in ("utf-8", "utf-8-sig"):
        text = head.decode("utf-8", errors="ignore").lstrip("\ufeff")
    else:  # Polars reads UTF-8 only: transcode the whole file once
        text = decode(path.read_bytes(), encoding, file_name).lstrip("\ufeff")
        source = text.encode("utf-8")
    if not text.strip():
        raise EmptyFileError(f"'{file_name}' is empty.", hint="Export the data again and upload the new file.")
    notes: list[str] = []
    if BACKSLASH_QUOTE.search(text):  # MySQL and PHP write "\"" where the standard writes """"
        whole = decode(path.read_bytes(), encoding, file_name).lstrip("\ufeff") if source is path else \
            source.decode("utf-8")
        source = BACKSLASH_QUOTE.sub('""', whole).encode("utf-8")
        text = source[:SAMPLE_BYTES].decode("utf-8", errors="ignore")
        notes.append("Quotes written as \\\" inside quoted values were read as quotes.")

    default_delimiter = "\t" if options.format == "tsv" else None
    delimiter = options.delimiter or default_delimiter or sniff_delimiter(text)
    skip = options.header_row or 0
    rows = sample_rows(text, delimiter)[skip:]
    has_header = options.has_header if options.has_header is not None else sniff_header(rows)
    decimal_comma = (options.decimal_comma if options.decimal_comma is not None
                     else sniff_decimal_comma(rows, delimiter))
    header_cells = rows[0] if rows and has_header else []

    def name_columns(found: list[str]) -> list[str]:
        if has_header and len(header_cells) == len(found):
            names, name_notes = unique_names(header_cells)
        elif has_header:
            names, name_notes = unique_names(found)
        else:
            names, name_notes = [f"column_{i}" for i in range(1, len(found) + 1)], []
        notes.extend(n for n in name_notes if n not in notes)
        return names

    expected = unique_names(header_cells)[0] if header_cells else []
    keep_text = [c for c in options.text_columns if c in expected]

    def scan(infer_rows: int | None) -> pl.LazyFrame:
        return pl.scan_csv(
            source,
            separator=delimiter,
            has_header=has_header,
            skip_rows=skip,
            with_column_names=name_columns,
            decimal_comma=decimal_comma,
            truncate_ragged_lines=options.allow_ragged,
            infer_schema_length=infer_rows,
            # text columns stay exactly as written (leading zeros, codes that look like dates)
            schema_overrides=dict.fromkeys(keep_text, pl.String) or None,
            encoding="utf8",
            raise_if_empty=False,
        )

    resolved = options.merged(
        format=options.format or "csv", delimiter=delimiter, encoding=encoding,
        has_header=has_header, header_row=skip, decimal_comma=decimal_comma,
    )
    return scan, resolved, notes
