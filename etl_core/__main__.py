"""The command line: ``python -m etl_core profile FILE [--json]``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from etl_core.analyzers import profile
from etl_core.errors import SluiceError
from etl_core.loaders import ReadOptions, read_file


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl_core", description="Sluice from the command line.")
    commands = parser.add_subparsers(dest="command", required=True)
    profile_cmd = commands.add_parser("profile", help="read a file and print the profile of every column")
    profile_cmd.add_argument("file", type=Path)
    profile_cmd.add_argument("--json", action="store_true", help="print one JSON object")
    profile_cmd.add_argument("--delimiter", help="CSV delimiter (detected when omitted)")
    profile_cmd.add_argument("--encoding", help="text encoding (detected when omitted)")
    profile_cmd.add_argument("--sheet", help="Excel sheet (the first with data when omitted)")
    args = parser.parse_args(argv)
    try:
        return _profile(args)
    except SluiceError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"error: {args.file}: {error.strerror or error}", file=sys.stderr)
        return 1


def _profile(args: argparse.Namespace) -> int:
    if not args.file.is_file():
        print(f"error: {args.file}: no such file", file=sys.stderr)
        return 1
    options = ReadOptions(delimiter=args.delimiter, encoding=args.encoding, sheet=args.sheet)
    result = read_file(args.file, options)
    report = profile(result.frame.collect())
    report["notes"] = result.notes
    if args.json:
        print(json.dumps(report, default=str))
    else:
        print(_as_text(args.file.name, report))
    return 0


def _as_text(name: str, report: dict[str, Any]) -> str:
    lines = [f"{name}: {report['rows']:,} rows x {report['column_count']} columns"]
    header = f"{'column':<24} {'type':<12} {'semantic':<11} {'nulls':>8} {'distinct':>9}  range"
    lines += [header, "-" * len(header)]
    for c in report["columns"]:
        span = f"{c['min']} .. {c['max']}" if c["min"] is not None else ", ".join(str(t["value"]) for t in c["top_values"][:3])
        lines.append(f"{c['name'][:24]:<24} {c['dtype'][:12]:<12} {c['semantic_type']:<11} {c['nulls']:>8,} "
                     f"{c['distinct']:>9,}  {span[:60]}")
    lines += [f"warning: {w}" for w in report["warnings"]] + [f"note: {n}" for n in report["notes"]]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
