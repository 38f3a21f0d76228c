"""``python -m etl_core add FILE``: add a data source as the data sources page does (stored copy, profile)."""

from __future__ import annotations

import argparse
from pathlib import Path

from etl_core.config import load_settings
from etl_core.errors import ConflictError, InputError, NotFoundError


def add_commands(commands: argparse._SubParsersAction) -> None:
    add_cmd = commands.add_parser("add", help="add a file as a data source (its Parquet copy and profile), as the page does")
    add_cmd.add_argument("file", type=Path)
    add_cmd.add_argument("--name", help="the source's name (the file's name without extension when omitted)")
    add_cmd.add_argument("--sheet", help="a workbook's sheet (every sheet with data, one source each, when omitted)")


def command_add(args: argparse.Namespace) -> int:
    from etl_core import sources
    from etl_core.db import session_scope
    from etl_core.loaders import ReadOptions
    from etl_core.startup import open_data_directory

    path: Path = args.file
    if not path.is_file():
        raise InputError(f"there is no file '{path}'.")
    settings = load_settings()
    engine = open_data_directory(settings)
    with session_scope(engine) as session:
        if args.name and _name_taken(session, args.name):
            # the page picks 'name (2)' for a file's own name; a name typed on purpose is refused instead
            raise ConflictError(f"A data source called '{args.name}' already exists.",
                                hint="Choose another --name, or delete that source first.")
        sheets = sources.sheets_to_offer(path.name, path.read_bytes()) if _is_workbook(path) else []
        if args.sheet and not _is_workbook(path):
            raise InputError(f"'{path.name}' is not an Excel workbook: --sheet is for workbooks.")
        if args.name and sheets and not args.sheet:
            raise InputError(f"'{path.name}' has {len(sheets)} sheets, each its own source: --name names one.",
                             hint=f"Pick it with --sheet (its sheets: {', '.join(sheets)}).")
        if sheets and not args.name:  # as the page: each sheet picked becomes 'book - Sheet'
            results = sources.add_workbook(session, settings, file_name=path.name, data=path,
                                           sheets=[args.sheet] if args.sheet else None)
        else:
            results = [sources.add_file(session, settings, file_name=path.name, data=path, name=args.name,
                                        options=ReadOptions(sheet=args.sheet) if args.sheet else None)]
        for result in results:  # a large source's costly statistics: the command returns with them stored
            result.source = sources.complete_profile(session, settings, result.source.id)
    for result in results:
        source = result.source
        if not result.already_loaded:
            print(f"added {source.name}: {source.row_count:,} rows x {source.column_count} columns")
        for note in result.notes:
            print(f"note: {note}")
    return 0


def _is_workbook(path: Path) -> bool:
    from etl_core.loaders import detect_format

    try:
        return detect_format(path.name) == "excel"
    except InputError:
        return False  # an unsupported extension: adding it says so


def _name_taken(session, name: str) -> bool:
    from etl_core import sources

    try:
        sources.get_source(session, " ".join(name.split()))
    except NotFoundError:
        return False
    return True
