"""Sniffing text files: encoding, binary content, delimiter, header, decimal comma."""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from etl_core.errors import UnreadableFileError

SAMPLE_BYTES = 256 * 1024
_BINARY_MAGIC = {
    b"PK\x03\x04": "a ZIP archive or an Excel workbook",
    b"\xd0\xcf\x11\xe0": "an old Excel or Office file",
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"PAR1": "a Parquet file",
    b"\x1f\x8b": "a gzip archive",
}
_NUMBER = re.compile(r"^[-+]?[$€£¥]?\s?\d[\d,.\s]*%?$")
_DECIMAL_COMMA = re.compile(r"^[-+]?\d{1,3}(\.\d{3})*,\d+$|^[-+]?\d+,\d+$")


def detect_encoding(sample: bytes) -> str:
    """BOMs first, then UTF-16 without BOM, then UTF-8, else Windows-1252 (or Latin-1)."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    half = max(len(sample) // 2, 1)
    if sample[1::2].count(0) > 0.4 * half:
        return "utf-16-le"
    if sample[0::2].count(0) > 0.4 * half:
        return "utf-16-be"
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(sample) - 3:  # a character cut by the end of the sample
            return "utf-8"
    try:
        sample.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"


def check_not_binary(sample: bytes, file_name: str, encoding: str) -> None:
    """Refuse files that are not text, naming what they look like."""
    for magic, what in _BINARY_MAGIC.items():
        if sample.startswith(magic):
            raise UnreadableFileError(
                f"'{file_name}' is {what}, not a text file.",
                hint="Upload it under its real file extension (.xlsx, .parquet...), or export it as CSV.",
            )
    if encoding.startswith("utf-16"):
        return
    control = sum(1 for byte in sample[:8192] if byte < 32 and byte not in (9, 10, 13))
    if b"\x00" in sample or control > 0.05 * max(len(sample[:8192]), 1):
        raise UnreadableFileError(
            f"'{file_name}' contains binary data, so it is not a CSV or text file.",
            hint="Check that you picked the right file; export it from its program as CSV.",
        )


def decode(data: bytes, encoding: str, file_name: str) -> str:
    """Decode the whole file, or say where it fails and what to choose instead."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        raise UnreadableFileError(
            f"'{file_name}' is not valid {encoding}: byte 0x{bad} at position {exc.start} cannot be decoded.",
            hint="Choose another encoding in the reader options, such as cp1252 (Western European).",
        ) from exc
    except LookupError as exc:
        raise UnreadableFileError(f"'{encoding}' is not an encoding Sluice knows.",
                                  hint="Choose utf-8, cp1252, latin-1 or utf-16.") from exc


def sample_rows(text: str, delimiter: str, limit: int = 50) -> list[list[str]]:
    """The first rows as parsed by a real CSV reader (quotes and embedded newlines respected)."""
    cut = text[:SAMPLE_BYTES]
    if len(text) > SAMPLE_BYTES and "\n" in cut:
        cut = cut[: cut.rindex("\n")]
    rows: list[list[str]] = []
    try:
        for row in csv.reader(io.StringIO(cut), delimiter=delimiter):
            if row:
                rows.append(row)
            if len(rows) >= limit:
                break
    except csv.Error:
        pass  # an unterminated quote in the sample: keep what parsed
    return rows


def sniff_delimiter(text: str) -> str:
    """The candidate giving the most consistent column count over the first rows."""
    best, best_score = ",", (0.0, 1)
    for candidate in (",", ";", "\t", "|"):
        counts = [len(row) for row in sample_rows(text, candidate)]
        if not counts:
            continue
        mode, freq = Counter(counts).most_common(1)[0]
        if mode < 2:
            continue
        score = (round(freq / len(counts), 2), mode)
        if score > best_score:
            best, best_score = candidate, score
    return best


def looks_numeric(cell: str) -> bool:
    return bool(_NUMBER.match(cell.strip()))


def sniff_header(rows: list[list[str]]) -> bool:
    """A first row with a number in it is data; a first row of words is a header."""
    if len(rows) < 2:
        return True
    return not any(looks_numeric(cell) for cell in rows[0] if cell.strip())


def sniff_decimal_comma(rows: list[list[str]], delimiter: str) -> bool:
    """Decimal commas are only possible when the comma is not the delimiter."""
    if delimiter == ",":
        return False
    cells = [c.strip() for row in rows[1:] for c in row]
    return any(_DECIMAL_COMMA.match(c) for c in cells)


def count_fields(source: Path | bytes, delimiter: str, skip: int, limit: int) -> int:
    """Fields in the header record (the first non-blank one after ``skip``), read from the start until the
    record ends or has more than ``limit`` fields (then ``limit + 1``): a header can be longer than any sample.
    A quoted field may hold the delimiter and line breaks. Reads UTF-8 bytes, in which a delimiter, a quote
    or a line break byte is always that character."""
    token = re.compile(b'"|' + re.escape(delimiter.encode()) + b"|\r\n?|\n")
    in_quotes, blank, fields, record = False, True, 1, 0
    for chunk in _chunks(source):
        position = 0
        while position < len(chunk):
            if in_quotes:
                end = chunk.find(b'"', position)
                if end < 0:
                    break
                in_quotes, position = False, end + 1
                continue
            found = token.search(chunk, position)
            if found is None:
                blank = False
                break
            blank = blank and found.start() == position
            position, mark = found.end(), found.group()
            if mark == b'"':
                in_quotes, blank = True, False
            elif mark[:1] not in b"\r\n":
                fields, blank = fields + 1, False
                if record == skip and fields > limit:
                    return limit + 1
            elif not blank:  # the end of a record (a blank line is none)
                if record == skip:
                    return fields
                record, fields, blank = record + 1, 1, True
    return fields


def _chunks(source: Path | bytes, size: int = 64 * 1024) -> Iterator[bytes]:
    if isinstance(source, bytes):
        yield from (source[start:start + size] for start in range(0, len(source), size))
        return
    with source.open("rb") as handle:
        while chunk := handle.read(size):
            yield chunk
