"""Excel workbooks through the calamine engine (fastexcel): list sheets, find the header row."""

from __future__ import annotations

from pathlib import Path

import fastexcel
import polars as pl

from etl_core.errors import EmptyFileError, UnreadableFileError
from etl_core.loaders.columns import unique_names
from etl_core.loaders.options import DEFAULT_LIMITS, ReadLimits, ReadOptions

MB = 1024 * 1024
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
HEADER_SEARCH_ROWS = 30


def list_sheets(path: Path, file_name: str) -> list[str]:
    return _open(path, file_name).sheet_names


RATIO_FROM_BYTES = 50_000_000  # small workbooks may unpack at any ratio (a sheet of one repeated value)


def check_not_a_bomb(path: Path, file_name: str, limits: ReadLimits = DEFAULT_LIMITS) -> None:
    """Refuse a workbook whose XML would unpack far beyond its size, before anything is unpacked."""
    import zipfile

    if not zipfile.is_zipfile(path):
        return  # .xls and friends: not a zip, read as they are
    with zipfile.ZipFile(path) as archive:
        expanded = sum(item.file_size for item in archive.infolist())
    packed = max(path.stat().st_size, 1)
    said = f"'{file_name}' unpacks to {expanded / MB:,.0f} MB ({expanded / packed:,.0f} times its size)"
    if expanded > limits.max_workbook_bytes:
        raise UnreadableFileError(f"{said}; Sluice reads workbooks up to {limits.max_workbook_bytes / MB:,.0f} MB "
                                  "unpacked.", hint="Save the sheet as CSV, or split the workbook; the owner can "
                                  "raise SLUICE_WORKBOOK_MAX_MB.")
    if expanded > RATIO_FROM_BYTES and expanded / packed > limits.max_workbook_ratio:
        raise UnreadableFileError(f"{said}; Sluice reads workbooks that unpack to at most "
                                  f"{limits.max_workbook_ratio:,} times their size.", hint="Save the sheet as CSV, "
                                  "or split the workbook; the owner can raise SLUICE_WORKBOOK_MAX_RATIO.")


def read_excel(path: Path, options: ReadOptions, file_name: str,
               limits: ReadLimits = DEFAULT_LIMITS) -> tuple[pl.DataFrame, ReadOptions, list[str], list[str]]:
    check_not_a_bomb(path, file_name, limits)
    reader = _open(path, file_name)
    sheets = reader.sheet_names
    if options.sheet is not None and options.sheet not in sheets:
        raise UnreadableFileError(
            f"'{file_name}' has no sheet called '{options.sheet}'.",
            hint=f"Its sheets are: {', '.join(sheets)}.",
        )
    has_header = True if options.has_header is None else options.has_header
    # every load parses the whole sheet, so load once and reload only for a title row
    for sheet in [options.sheet] if options.sheet else sheets:
        header_row = options.header_row or 0
        loaded = _load(reader, sheet, header_row, has_header, options, file_name)
        if loaded.width == 0 and options.sheet is None:
            continue  # an empty sheet: try the next
        if options.header_row is None and has_header:
            header_row = _header_row_below_titles(loaded)
            if header_row:
                loaded = _load(reader, sheet, header_row, has_header, options, file_name)
        break
    else:
        raise EmptyFileError("Every sheet of the workbook is empty.", hint="Check that you saved the right workbook.")
    names = ["" if name.startswith("__UNNAMED__") else name for name in loaded.columns]
    if not has_header:
        names = [f"column_{i}" for i in range(1, len(names) + 1)]
    names, notes = unique_names(names)
    frame = loaded.rename(dict(zip(loaded.columns, names, strict=True)))
    # blank rows and columns (borders, merged-cell padding) carry nothing
    frame = frame.filter(~pl.all_horizontal(pl.all().is_null()))
    frame = frame.select(s.name for s in frame if s.null_count() < frame.height or frame.height == 0)
    if frame.width > limits.max_columns:
        raise UnreadableFileError(f"Sheet '{sheet}' of '{file_name}' has {frame.width:,} columns; Sluice reads up to "
                                  f"{limits.max_columns:,}.", hint="Select fewer columns; the owner can raise "
                                  "SLUICE_MAX_COLUMNS.")
    frame = _whole_floats_as_integers(_midnight_datetimes_as_dates(frame))
    if header_row:
        notes.append(f"The header is on row {header_row + 1} of sheet '{sheet}'; the rows above it were skipped.")
    resolved = options.merged(format="excel", sheet=sheet, header_row=header_row, has_header=has_header)
    return frame, resolved, notes, sheets


def _load(reader: fastexcel.ExcelReader, sheet: str, header_row: int, has_header: bool, options: ReadOptions,
          file_name: str) -> pl.DataFrame:
    try:
        return reader.load_sheet(
            sheet,
            header_row=header_row if has_header else None,
            skip_rows=None if has_header else header_row,
            schema_sample_rows=None,
            dtypes=dict.fromkeys(options.text_columns, "string") or None,
        ).to_polars()
    except fastexcel.FastExcelError as exc:
        raise UnreadableFileError(f"Sheet '{sheet}' of '{file_name}' could not be read: {exc}") from exc


def _header_row_below_titles(loaded: pl.DataFrame) -> int:
    """0 when the first row is a header; else the first row filled at least half as wide as the sheet."""
    unnamed = sum(name.startswith("__UNNAMED__") for name in loaded.columns)
    if loaded.width < 2 or unnamed < loaded.width / 2:
        return 0
    top = loaded.head(HEADER_SEARCH_ROWS)
    filled = top.select(pl.sum_horizontal(pl.all().is_not_null().cast(pl.Int32))).to_series().to_list()
    for index, count in enumerate(filled):
        if count >= max(2, loaded.width / 2):
            # a header row is text: a column typed as numbers holds data, not names
            texts = all(top.schema[c] == pl.String for c in top.columns if top[c][index] is not None)
            return index + 1 if texts else 0  # row 0 of the sheet was taken as the header
    return 0


def _whole_floats_as_integers(frame: pl.DataFrame) -> pl.DataFrame:
    """Excel stores every number as a float; a column of whole numbers is an integer column."""
    floats = [n for n, d in frame.schema.items() if d.is_float()]
    if not floats or frame.height == 0:
        return frame
    whole = frame.select(
        ((pl.col(n) % 1 == 0) & (pl.col(n).abs() < 2**53)).all() & pl.col(n).is_not_null().any() for n in floats
    ).row(0)
    return frame.with_columns(pl.col(n).cast(pl.Int64) for n, only in zip(floats, whole, strict=True) if only)


def _midnight_datetimes_as_dates(frame: pl.DataFrame) -> pl.DataFrame:
    """Excel stores dates as datetimes; a column whose times are all midnight is a date column."""
    datetimes = [n for n, d in frame.schema.items() if isinstance(d, pl.Datetime)]
    if not datetimes:
        return frame
    midnight = frame.select((pl.col(n).dt.time() == pl.time(0)).all() for n in datetimes).row(0)
    return frame.with_columns(pl.col(n).dt.date() for n, only in zip(datetimes, midnight, strict=True) if only)


def _open(path: Path, file_name: str) -> fastexcel.ExcelReader:
    head = path.read_bytes()[:4096]
    if not head:
        raise EmptyFileError(f"'{file_name}' is empty.", hint="Save the workbook again and upload the new file.")
    if head.lstrip().lower().startswith((b"<!doctype html", b"<html", b"<?xml", b"<table")):
        raise UnreadableFileError(
            f"'{file_name}' is a web page (HTML) saved with an Excel name, not a real workbook.",
            hint="Open it in Excel and 'Save As' .xlsx, or export the data as CSV.",
        )
    if head.startswith(_OLE) and path.suffix.lower() != ".xls" and _ENCRYPTED in path.read_bytes():
        raise UnreadableFileError(
            f"'{file_name}' is protected by a password.",
            hint="Open it in Excel, remove the password (File > Info > Protect Workbook) and upload it again.",
        )
    try:
        return fastexcel.read_excel(path)
    except fastexcel.FastExcelError as exc:
        raise UnreadableFileError(
            f"'{file_name}' could not be opened as an Excel workbook ({exc}).",
            hint="Check that the file is not damaged: open it in Excel and save it again.",
        ) from exc
