"""CSV and TSV: sniff encoding, delimiter, header and decimal comma, then scan lazily."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import polars as pl

from etl_core.errors import EmptyFileError, UnreadableFileError
from etl_core.loaders.columns import unique_names
from etl_core.loaders.options import DEFAULT_LIMITS, ReadLimits, ReadOptions
from etl_core.loaders.text import (
    SAMPLE_BYTES,
    check_not_binary,
    count_fields,
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
# \" that cannot end a standard quoted value marks a file written with backslash escapes
BACKSLASH_QUOTE = re.compile(r'(?<!\\)\\"(?=[^,\n]|"|$)')
# a quoted value where \ escapes the next character: its \" is a quote wherever it stands
ESCAPED_VALUE = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
ESCAPE = re.compile(r"\\(.)", re.DOTALL)


Scan = Callable[[int | None], pl.LazyFrame]
LEADING_ZERO = re.compile(r"^[+-]?0\d")
BLANK_LINE = re.compile(r"\n[ \t\r]*\n")
UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")


def _standard_quotes(value: re.Match) -> str:
    """A backslash-escaped quoted value written the standard way: its \\" as "", other escapes as written."""
    return ESCAPE.sub(lambda e: '""' if e[1] == '"' else e[0], value[0])


def decode_mixed(data: bytes) -> tuple[str, list[int]]:
    """UTF-8 line by line; a line that is not UTF-8 is read as Windows-1252. Returns the text and the numbers
    of the lines read that way."""
    lines, redecoded = [], []
    for number, line in enumerate(data.split(b"\n"), start=1):
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(line.decode("cp1252", errors="replace"))
            redecoded.append(number)
    return "\n".join(lines).lstrip("\ufeff"), redecoded


def read_csv(path: Path, options: ReadOptions, file_name: str,
             limits: ReadLimits = DEFAULT_LIMITS) -> tuple[Scan, ReadOptions, list[str]]:
    """A scan builder (given how many rows to infer types from), the resolved options, notes."""
    with path.open("rb") as handle:
        head = handle.read(SAMPLE_BYTES)
    if not head.strip():
        raise EmptyFileError(f"'{file_name}' is empty.", hint="Export the data again and upload the new file.")
    encoding = options.encoding or detect_encoding(head)
    check_not_binary(head, file_name, encoding)
    source: Path | bytes = path
    notes: list[str] = []
    if encoding in ("utf-8", "utf-8-sig"):
        text = head.decode("utf-8", errors="ignore").lstrip("\ufeff")
    else:  # Polars reads UTF-8 only: transcode the whole file once
        data = path.read_bytes()
        if encoding == "cp1252" and not options.encoding and UTF8_SEQUENCE.search(data):
            text, redecoded = decode_mixed(data)  # UTF-8 with some lines saved by a Windows program
            encoding = "utf-8"
            shown = ", ".join(str(n) for n in redecoded[:10]) + (" ..." if len(redecoded) > 10 else "")
            notes.append(f"{len(redecoded)} line(s) were not UTF-8 and were read as Windows-1252: line {shown}.")
        else:
            text = decode(data, encoding, file_name).lstrip("\ufeff")
        source = text.encode("utf-8")
    if not text.strip():
        raise EmptyFileError(f"'{file_name}' is empty.", hint="Export the data again and upload the new file.")
    if BACKSLASH_QUOTE.search(text):  # MySQL and PHP write "\"" where the standard writes """"
        whole = decode(path.read_bytes(), encoding, file_name).lstrip("\ufeff") if source is path else \
            source.decode("utf-8")
        source = ESCAPED_VALUE.sub(_standard_quotes, whole).encode("utf-8")
        text = source[:SAMPLE_BYTES].decode("utf-8", errors="ignore")
        notes.append("Quotes written as \\\" inside quoted values were read as quotes.")

    default_delimiter = "\t" if options.format == "tsv" else None
    delimiter = options.delimiter or default_delimiter or sniff_delimiter(text)
    skip = options.header_row or 0
    # the whole header, not the sample: 100,000 long names showed 4,400 in 256 KB and took 3.4 GB to read
    if count_fields(source, delimiter, skip, limits.max_columns) > limits.max_columns:
        raise UnreadableFileError(f"'{file_name}' has more than {limits.max_columns:,} columns; Sluice reads up to "
                                  f"{limits.max_columns:,}.", hint="Check the delimiter in the reader options, or "
                                  "select fewer columns; the owner can raise SLUICE_MAX_COLUMNS.")
    rows = sample_rows(text, delimiter)[skip:]
    has_header = options.has_header if options.has_header is not None else sniff_header(rows)
    decimal_comma = (options.decimal_comma if options.decimal_comma is not None
                     else sniff_decimal_comma(rows, delimiter))
    header_cells = rows[0] if rows and has_header else []

    def name_columns(found: list[str]) -> list[str]:
        if has_header and len(header_cells) == len(found):
            names, name_notes = unique_names(header_cells[:width])  # the empty ones at the end are left out
            names += [f"column_{i}" for i in range(len(names) + 1, len(found) + 1)]
        elif has_header:
            names, name_notes = unique_names(found)
        else:
            names, name_notes = [f"column_{i}" for i in range(1, len(found) + 1)], []
        notes.extend(n for n in name_notes if n not in notes)
        return names

    expected = unique_names(header_cells)[0] if header_cells else []
    keep_text = [c for c in options.text_columns if c in expected]
    body = sample_rows(text, delimiter, limit=2_000)[skip + (1 if has_header else 0):]
    codes = [expected[i] for i in range(len(expected)) if expected[i] not in keep_text and
             any(LEADING_ZERO.match(row[i].strip()) for row in body if len(row) > i)]
    if codes:  # 00123 is a code, not the number 123: reading it as a number would lose the zeros
        keep_text += codes
        notes.append(f"Kept as text (values with leading zeros, such as codes): {', '.join(codes)}.")
    width = len(header_cells)
    while width and not header_cells[width - 1].strip() and all(
            len(row) < width or not row[width - 1].strip() for row in body):
        width -= 1  # 'a,b,,': empty columns at the end, named by nothing and holding nothing
    dropped = len(header_cells) - width if header_cells else 0
    if dropped:
        notes.append(f"{dropped} empty column(s) at the end of each line were left out.")
    with path.open("rb") as handle:
        handle.seek(max(0, path.stat().st_size - SAMPLE_BYTES))
        tail = handle.read()
    blank_lines = bool(BLANK_LINE.search(text) or BLANK_LINE.search(tail.decode("utf-8", errors="ignore")))

    def scan(infer_rows: int | None) -> pl.LazyFrame:
        frame = _scan(infer_rows)
        if dropped:
            frame = frame.select(pl.nth(list(range(width))))
        if blank_lines:  # a blank line is not a record (an empty row of separators still is one)
            frame = frame.filter(~pl.all_horizontal(pl.all().is_null()))
        return frame

    def _scan(infer_rows: int | None) -> pl.LazyFrame:
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
