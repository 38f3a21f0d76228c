"""The commands of ``python -m etl_core`` that use the database: list, export, import, run, sql, ask.

``list`` reads the stored rows only; the others import the engine (Polars) when they run.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from etl_core import pipeline_records
from etl_core.config import Settings, load_settings
from etl_core.db import session_scope
from etl_core.errors import SpecError
from etl_core.startup import open_data_directory

if TYPE_CHECKING:
    from etl_core.executor import Event
    from etl_core.spec import PipelineSpec


def _open() -> tuple[Settings, object]:
    settings = load_settings()
    return settings, open_data_directory(settings)  # as the app opens it: the samples are there too


def _target(session, target: str) -> PipelineSpec:
    from etl_core import pipelines
    from etl_core.spec import parse_spec

    path = Path(target)
    if target.endswith(".json") or path.is_file():
        if not path.is_file():
            raise SpecError(f"there is no file '{target}'.")
        return parse_spec(path.read_text(encoding="utf-8"))
    return pipelines.spec_of(pipelines.get_pipeline(session, target))


def command_list(args: argparse.Namespace) -> int:
    settings, engine = _open()
    with session_scope(engine) as session:
        for pipeline in pipeline_records.list_pipelines(session):
            last = pipeline_records.last_run(session, pipeline.name)
            ran = (f"last run {last.status} {last.created_at:%Y-%m-%d %H:%M}" +
                   (f", {last.rows_out:,} rows" if last.rows_out is not None else "")) if last else "never run"
            steps = len(pipeline.spec.get("steps", []))  # the saved spec as JSON: no need to parse it
            print(f"{pipeline.name}\t{steps} steps; {ran}; {pipeline.description}".rstrip("; "))
    return 0


def command_export(args: argparse.Namespace) -> int:
    from etl_core import pipelines

    settings, engine = _open()
    with session_scope(engine) as session:
        print(pipelines.spec_of(pipelines.get_pipeline(session, args.name)).to_json())
    return 0


def command_import(args: argparse.Namespace) -> int:
    from etl_core import pipelines
    from etl_core.spec import parse_spec

    settings, engine = _open()
    if not args.file.is_file():
        raise SpecError(f"there is no file '{args.file}'.")
    spec = parse_spec(args.file.read_text(encoding="utf-8"))
    with session_scope(engine) as session:
        saved = pipelines.save_pipeline(session, settings, spec, replace=args.replace)
    print(f"imported {saved.name} ({len(spec.steps)} steps)")
    return 0


def command_run(args: argparse.Namespace) -> int:
    from etl_core import pipelines

    settings, engine = _open()
    params = dict(_pair(p) for p in args.param)
    with session_scope(engine) as session:
        spec = _target(session, args.target)
    total = len(spec.steps)

    def progress(event: Event) -> None:
        if event.kind == "step_finished":
            rows = f"{event.rows:,} rows" if event.rows is not None else ""
            took = f" in {event.duration_s:.3f} s" if event.duration_s is not None else ""
            print(f"step {event.step}/{total} {event.message}: {rows}{took}", flush=True)
        elif event.kind == "warning":
            print(f"warning: {event.message}", file=sys.stderr, flush=True)

    run = pipelines.run_pipeline(engine, settings, pipelines.RunRequest(
        spec, params=params, trigger="cli", stepwise=args.stepwise, listeners=[progress]))
    if run.status != "succeeded":
        print(f"error: run {run.id} {run.status}: {run.error}", file=sys.stderr)
        return 1
    for output in run.outputs:
        print(f"wrote {output['path'] or output['table']} ({output['rows']:,} rows)")
    print(f"run {run.id} succeeded in {run.duration_s:.2f} s: {run.rows_in:,} rows in, {run.rows_out:,} out")
    return 0


def command_sql(args: argparse.Namespace) -> int:
    from etl_core import pipelines
    from etl_core.spec import resolve_params
    from etl_core.sqlgen import compile_sql

    settings, engine = _open()
    with session_scope(engine) as session:
        spec = _target(session, args.target)
        print(compile_sql(spec, resolve_params(spec), pipelines.context(session, settings), args.dialect))
    return 0


def _pair(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise SpecError(f"'--param {text}' should be written name=value.")
    return name.strip(), value


def command_ask(args: argparse.Namespace) -> int:
    import json

    from etl_core import sources
    from etl_core.chat import LLMConfig, answer_question

    settings, engine = _open()
    with session_scope(engine) as session:
        tables = {name: sources.scan_source(settings, sources.get_source(session, name)).collect()
                  for name in args.source}
    answer = answer_question(args.question, tables, llm=LLMConfig.from_settings(settings))
    if args.json:
        rows = answer.table.head(1000).to_dicts() if answer.table is not None else []
        print(json.dumps({"value": answer.value, "text": answer.text, "answered": answer.answered,
                          "reading": [{"phrase": c.phrase, "meaning": c.meaning, "kind": c.kind,
                                       "options": [o.label for o in c.options]} for c in answer.reading],
                          "alternatives": [{"label": a.label, "plan": a.plan.model_dump(mode="json")}
                                           for a in answer.alternatives],
                          "plan": answer.plan.model_dump(mode="json") if answer.plan else None,
                          "sql": answer.sql, "rows": rows}, default=str))
    else:
        print(answer.text)
        if answer.reading:
            print("Read as: " + "; ".join(f"'{c.phrase}' -> {c.meaning}" for c in answer.reading))
        if answer.table is not None and answer.table.height > 1:
            print(answer.table.head(20))
    return 0 if answer.value is not None or (answer.plan and answer.plan.intent == "help") else 1
