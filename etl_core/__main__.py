"""The command line: profile a file; list, export, import, run and compile pipelines.

    python -m etl_core profile FILE [--json]
    python -m etl_core add FILE [--name NAME] [--sheet S]
    python -m etl_core list
    python -m etl_core export NAME > spec.json
    python -m etl_core import spec.json [--replace]
    python -m etl_core run NAME|spec.json [--param k=v ...] [--stepwise]
    python -m etl_core sql NAME|spec.json [--dialect duckdb|postgres|spark|...]
    python -m etl_core ask "QUESTION" --source NAME [--source NAME2] [--json]
    python -m etl_core api [--host 127.0.0.1] [--port 8000]
    python -m etl_core apikey create NAME | revoke NAME | list
    python -m etl_core expose NAME [--off]
    python -m etl_core schedule NAME --cron "EXPR" [--tz ZONE] | --every 30s|5m|1h|1d | --off | --on
    python -m etl_core schedules
    python -m etl_core runs [NAME] [--json]
    python -m etl_core worker

Each command imports what it needs when it runs, so ``--help`` and ``list`` start without Polars.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from etl_core import cli_api, cli_schedules, cli_sources
from etl_core.errors import SluiceError
from etl_core.logs import set_up_logging

# the module holding each command's ``command_<name>`` (profile is here)
COMMAND_MODULES = {"add": "etl_core.cli_sources", "api": "etl_core.cli_api", "apikey": "etl_core.cli_api",
                   "expose": "etl_core.cli_api", "schedule": "etl_core.cli_schedules",
                   "schedules": "etl_core.cli_schedules", "runs": "etl_core.cli_schedules", "worker": "etl_core.cli_schedules"}
# the commands whose first step imports the engine (etl_core.pipelines: Polars, sqlglot, the steps); loaded with
# their module, while the collector is paused
ENGINE_COMMANDS = {"export", "import", "run", "sql"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl_core", description="Sluice from the command line.")
    commands = parser.add_subparsers(dest="command", required=True)
    profile_cmd = commands.add_parser("profile", help="read a file and print the profile of every column")
    profile_cmd.add_argument("file", type=Path)
    profile_cmd.add_argument("--json", action="store_true", help="print one JSON object")
    profile_cmd.add_argument("--delimiter", help="CSV delimiter (detected when omitted)")
    profile_cmd.add_argument("--encoding", help="text encoding (detected when omitted)")
    profile_cmd.add_argument("--sheet", help="Excel sheet (the first with data when omitted)")
    cli_sources.add_commands(commands)
    commands.add_parser("list", help="the saved pipelines, one a line: name, a tab, details")
    export_cmd = commands.add_parser("export", help="print a saved pipeline's spec as JSON")
    export_cmd.add_argument("name")
    import_cmd = commands.add_parser("import", help="save a pipeline from a spec file")
    import_cmd.add_argument("file", type=Path)
    import_cmd.add_argument("--replace", action="store_true", help="replace a pipeline of the same name")
    run_cmd = commands.add_parser("run", help="run a saved pipeline or a spec file")
    run_cmd.add_argument("target", help="a saved pipeline's name, or a spec .json file")
    run_cmd.add_argument("--param", action="append", default=[], metavar="NAME=VALUE")
    run_cmd.add_argument("--stepwise", action="store_true", help="materialise each step to time it (slower)")
    sql_cmd = commands.add_parser("sql", help="print a pipeline as one SQL query")
    sql_cmd.add_argument("target")
    sql_cmd.add_argument("--dialect", default="duckdb")
    ask_cmd = commands.add_parser("ask", help="answer a question about data sources")
    ask_cmd.add_argument("question")
    ask_cmd.add_argument("--source", action="append", required=True, help="a data source's name (repeatable)")
    ask_cmd.add_argument("--json", action="store_true", help="value, text, plan and table rows as JSON")
    cli_api.add_commands(commands)
    cli_schedules.add_commands(commands)
    args = parser.parse_args(argv)
    set_up_logging()  # the worker's and the API's lines; other commands log only what goes wrong
    try:
        if args.command == "profile":
            return _profile(args)
        with _collector_paused():
            module = importlib.import_module(COMMAND_MODULES.get(args.command, "etl_core.cli_pipelines"))
            if args.command in ENGINE_COMMANDS:
                importlib.import_module("etl_core.pipelines")
        return getattr(module, f"command_{args.command}")(args)
    except SluiceError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # the reader went away (| head): nothing more to say
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (stops the interpreter's own flush error)
        return 0
    except OSError as error:
        print(f"error: {getattr(args, 'file', '')}: {error.strerror or error}", file=sys.stderr)
        return 1
    finally:
        if __name__ != "__main__":  # imported (the tests): the collector as it was; run, kept until exit
            gc.unfreeze()


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Import a command's module (and the engine it starts with) without the cyclic collector, then set what
    it made aside.

    What a command imports (SQLAlchemy, SQLModel, the tables, the engine) lives until the process exits:
    collecting while it loads, while the command runs and at exit only walks those objects again (0.14 s of
    ``list``, 0.25 s of ``run``). What the command makes is collected as before, its connections closed."""
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def _profile(args: argparse.Namespace) -> int:
    import json

    from etl_core.analyzers import profile
    from etl_core.config import Settings
    from etl_core.loaders import ReadOptions, read_file

    if not args.file.is_file():
        print(f"error: {args.file}: no such file", file=sys.stderr)
        return 1
    options = ReadOptions(delimiter=args.delimiter, encoding=args.encoding, sheet=args.sheet)
    result = read_file(args.file, options, limits=Settings.load().read_limits)
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
